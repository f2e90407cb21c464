// Reads a pull request, a user's role and the label events of its timeline. No decisions here:
// the planner makes them.

import { readLabels } from '../domain/label-state.js'
import type { LabelEvent } from '../domain/stop-origin.js'
import { type Permission, type PullRequestSnapshot, isPermission } from '../domain/pull-request.js'
import type { Octokit, Repository } from './client.js'

export interface PullRequestData {
  readonly number: number
  readonly state: 'open' | 'closed'
  readonly headSha: string
  readonly author: string
  readonly isFork: boolean
  readonly labels: readonly string[]
  readonly body: string
  /** How many comments the PR has (issue comments, not review comments). */
  readonly comments: number
  /** Its GraphQL id, when known: several labels come off in one request with it. */
  readonly nodeId?: string
}

export interface PullRequestReader {
  /** One request: the PR with its labels (a PR holds at most 100), head and state. */
  getPullRequest(number: number): Promise<PullRequestData>
  /** One request: the user's role on the repository; `none` for someone who is not a collaborator. */
  getPermission(login: string): Promise<Permission>
  /** The newest label events of the issue's timeline, oldest first and without gaps: one request,
   * or two when its events fill more than one page (the last page, and the first when the two
   * are next to each other). */
  labelEvents(number: number): Promise<LabelEvent[]>
}

const EVENTS_PER_PAGE = 100

/** The number of the `rel="last"` page of a `link` header, if there is one. */
function lastPage(link: string | undefined): number | undefined {
  const last = /<([^>]*)>;\s*rel="last"/.exec(link ?? '')?.[1]
  const page =
    last === undefined
      ? undefined
      : new URL(last, 'https://api.github.com').searchParams.get('page')
  return page === undefined || page === null ? undefined : Number(page)
}

export function pullRequestReader(octokit: Octokit, repository: Repository): PullRequestReader {
  return {
    async getPullRequest(number) {
      const { data } = await octokit.rest.pulls.get({ ...repository, pull_number: number })
      const baseRepo = data.base.repo.full_name
      const headRepo = data.head.repo?.full_name
      return {
        number: data.number,
        state: data.state === 'closed' ? 'closed' : 'open',
        headSha: data.head.sha,
        author: data.user?.login ?? '',
        // A deleted fork has no head repository: treat it as untrusted too.
        isFork: headRepo !== baseRepo,
        labels: data.labels.map((label) => label.name),
        body: data.body ?? '',
        comments: data.comments,
        nodeId: data.node_id
      }
    },

    async getPermission(login) {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
          ...repository,
          username: login
        })
        // role_name keeps maintain and triage apart; the legacy permission field folds them.
        const role = (data as { role_name?: string }).role_name ?? ''
        if (isPermission(role)) return role
        return isPermission(data.permission) ? data.permission : 'none'
      } catch (error) {
        if ((error as { status?: number }).status === 404) return 'none'
        throw error
      }
    },

    async labelEvents(number) {
      const page = (n: number) =>
        octokit.rest.issues.listEvents({
          ...repository,
          issue_number: number,
          per_page: EVENTS_PER_PAGE,
          page: n
        })
      const first = await page(1)
      const last = lastPage(first.headers.link)
      let events = first.data
      if (last !== undefined && last > 1) {
        const tail = (await page(last)).data
        events = last === 2 ? [...first.data, ...tail] : tail
      }
      return events.flatMap((item): LabelEvent[] => {
        const label = (item as { label?: { name?: string } }).label?.name
        if ((item.event !== 'labeled' && item.event !== 'unlabeled') || label === undefined)
          return []
        return [{ event: item.event, label, actor: item.actor?.login ?? '' }]
      })
    }
  }
}

/** What the planner knows of a PR: its data, with its labels read. */
export function snapshotOf(data: PullRequestData): PullRequestSnapshot {
  return {
    number: data.number,
    state: data.state,
    headSha: data.headSha,
    author: data.author,
    isFork: data.isFork,
    labels: readLabels(data.labels)
  }
}
