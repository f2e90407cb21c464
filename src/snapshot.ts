import { readLabels } from './domain/label-state.js'
import type { PullRequestSnapshot } from './domain/pull-request.js'
import type { PullRequestData } from './github/pull-requests.js'

export function toSnapshot(data: PullRequestData): PullRequestSnapshot {
  return {
    number: data.number,
    state: data.state,
    headSha: data.headSha,
    author: data.author,
    isFork: data.isFork,
    labels: readLabels(data.labels)
  }
}
