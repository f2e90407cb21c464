// Reads a pull request and a user's role. No decisions here: the planner makes them.

import { readLabels } from '../domain/label-state.js'
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
}

export interface PullRequestReader {
  /** One request: the PR with its labels (a PR holds at most 100), head and state. */
  getPullRequest(number: number): Promise<PullRequestData>
  /** One request: the user's role on the repository; `none` for someone who is not a collaborator. */
  getPermission(login: string): Promise<Permission>
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
        comments: data.comments
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
