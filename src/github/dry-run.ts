// dry-run-github: reads go to GitHub, writes are printed instead of sent. The label writes are
// applied to a local copy of each PR's labels, which later reads of that PR show, so that a run
// goes through the same steps as a real one and its outputs describe the simulated result.

import * as core from '../runner/core.js'
import type { StickyComment } from './comments.js'
import type { Deployments } from './deployments.js'
import type { DefinitionWriter, LabelWriter } from './labels.js'
import type { PullRequestReader } from './pull-requests.js'

const would = (what: string) => core.info(`[dry-run-github] would ${what}`)
const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ')

export interface DryRunGitHub {
  readonly reader: PullRequestReader
  readonly labels: LabelWriter
  readonly definitions: DefinitionWriter
  readonly comments: StickyComment
  readonly deployments: Deployments
}

export function dryRunGitHub(real: PullRequestReader): DryRunGitHub {
  /** Each PR's labels as the printed writes left them, from the first read of the PR on. */
  const views = new Map<number, string[]>()
  const view = (pr: number) => views.get(pr)

  const labels: LabelWriter = {
    async add(pr, names) {
      would(`add ${quoted(names)} to #${pr}`)
      const now = view(pr) ?? []
      const after = [...now, ...names.filter((name) => !now.includes(name))]
      views.set(pr, after)
      return after
    },
    async define() {},
    async removeMany() {
      return undefined
    },
    async remove(pr, name) {
      const now = view(pr)
      if (now !== undefined && !now.includes(name)) return undefined
      would(`remove "${name}" from #${pr}`)
      const after = (now ?? []).filter((n) => n !== name)
      if (now !== undefined) views.set(pr, after)
      return after
    },
    async claim(pr, name) {
      const after = await labels.remove(pr, name)
      return after === undefined ? { outcome: 'absent' } : { outcome: 'taken', labels: after }
    }
  }

  let nextDeployment = 1
  return {
    reader: {
      async getPullRequest(number) {
        const data = await real.getPullRequest(number)
        const known = view(number)
        if (known === undefined) views.set(number, [...data.labels])
        return known === undefined ? data : { ...data, labels: [...known] }
      },
      getPermission: (login) => real.getPermission(login),
      labelEvents: (number) => real.labelEvents(number)
    },
    labels,
    definitions: {
      async create(name) {
        would(`create the definition "${name}"`)
      },
      async update(name) {
        would(`colour the definition "${name}"`)
      },
      async remove(name) {
        would(`delete the definition "${name}"`)
        return 'deleted'
      }
    },
    comments: {
      async upsert(pr, body) {
        would(`set the comment of #${pr} to:\n${body}`)
      }
    },
    deployments: {
      async start(ref, environment, task) {
        would(`create a deployment of ${ref} in ${environment} (${task}), in progress`)
        return nextDeployment++
      },
      async setStatus(id, state, status) {
        would(
          `set deployment ${id} to ${state}${status.environmentUrl ? ` at ${status.environmentUrl}` : ''}`
        )
      },
      async deactivate(environment, task) {
        would(`mark the deployments of ${task} in ${environment} inactive`)
      },
      async inProgress() {
        return []
      }
    }
  }
}
