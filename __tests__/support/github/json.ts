// GitHub's JSON for the emulator's records: users, repositories, labels, pull requests, comments,
// deployments and their statuses, with every field GitHub's described response schemas require.

import { fnv1a, hexOf } from '../http-emulator.js'
import { nodeId } from './graphql.js'
import {
  CLOCK_START,
  type CommentRec,
  type EmulatorDeployment,
  type EmulatorDeploymentStatus,
  type GitHubStore,
  type IssueEventRec,
  type IssueRec,
  type LabelDef,
  type PullData,
  iso,
  lower
} from './store.js'

/** The `*_url` links GitHub's user and repository objects carry (all required by its schema). */
const USER_LINKS = [
  ['followers_url', 'followers'],
  ['following_url', 'following{/other_user}'],
  ['gists_url', 'gists{/gist_id}'],
  ['starred_url', 'starred{/owner}{/repo}'],
  ['subscriptions_url', 'subscriptions'],
  ['organizations_url', 'orgs'],
  ['repos_url', 'repos'],
  ['events_url', 'events{/privacy}'],
  ['received_events_url', 'received_events']
] as const
const REPO_LINKS = [
  ...['archive', 'assignees', 'blobs', 'branches', 'collaborators', 'comments', 'commits'],
  ...['compare', 'contents', 'contributors', 'deployments', 'downloads', 'events', 'forks'],
  ...['git_commits', 'git_refs', 'git_tags', 'hooks', 'issue_comment', 'issue_events', 'issues'],
  ...['keys', 'labels', 'languages', 'merges', 'milestones', 'notifications', 'pulls'],
  ...['releases', 'stargazers', 'statuses', 'subscribers', 'subscription', 'tags', 'teams'],
  'trees'
]
const REPO_COUNTS = [
  ...['forks', 'forks_count', 'open_issues', 'open_issues_count', 'size', 'stargazers_count'],
  ...['watchers', 'watchers_count']
]

export const fakeSha = (seed: string): string => hexOf(seed, 40)

export class GitHubJson {
  private readonly repositoryJson = new Map<string, Record<string, unknown>>()

  constructor(
    private readonly store: GitHubStore,
    private readonly apiUrl: string
  ) {}

  user(login: string): Record<string, unknown> {
    const isBot = login.endsWith('[bot]')
    const id = login === 'github-actions[bot]' ? 41898282 : (fnv1a(login) % 90_000_000) + 1_000_000
    const url = `${this.apiUrl}/users/${encodeURIComponent(login)}`
    return {
      login,
      id,
      node_id: nodeId(isBot ? 'BOT' : 'U', id),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url,
      html_url: `https://github.com/${isBot ? 'apps/' + login.replace(/\[bot\]$/, '') : login}`,
      ...Object.fromEntries(USER_LINKS.map(([key, rest]) => [key, `${url}/${rest}`])),
      type: isBot ? 'Bot' : lower(login) === lower(this.store.owner) ? 'Organization' : 'User',
      site_admin: false
    }
  }

  repoUrl(): string {
    return `${this.apiUrl}/repos/${this.store.owner}/${this.store.repo}`
  }

  /** Rendered once per name: every pull request of a listing carries two of them. */
  repository(fullName: string): Record<string, unknown> {
    const cached = this.repositoryJson.get(fullName)
    if (cached) return cached
    const [owner = '', name = ''] = fullName.split('/')
    const isBase = lower(fullName) === lower(this.store.fullName)
    const id = isBase ? this.store.repoId : (fnv1a(fullName) % 900_000_000) + 100_000_000
    const url = `${this.apiUrl}/repos/${fullName}`
    const json: Record<string, unknown> = {
      id,
      node_id: nodeId('R', id),
      name,
      full_name: fullName,
      private: false,
      owner: this.user(owner),
      html_url: `https://github.com/${fullName}`,
      description: null,
      fork: !isBase,
      url,
      ...Object.fromEntries(REPO_LINKS.map((key) => [`${key}_url`, `${url}/${key}`])),
      git_url: `git://github.com/${fullName}.git`,
      ssh_url: `git@github.com:${fullName}.git`,
      clone_url: `https://github.com/${fullName}.git`,
      svn_url: `https://github.com/${fullName}`,
      mirror_url: null,
      homepage: null,
      language: null,
      ...Object.fromEntries(REPO_COUNTS.map((key) => [key, 0])),
      has_issues: true,
      has_projects: true,
      has_downloads: true,
      has_wiki: true,
      has_pages: false,
      archived: false,
      disabled: false,
      license: null,
      visibility: 'public',
      default_branch: this.store.defaultBranch,
      pushed_at: iso(CLOCK_START),
      created_at: iso(CLOCK_START),
      updated_at: iso(CLOCK_START)
    }
    this.repositoryJson.set(fullName, json)
    return json
  }

  labelJson(d: LabelDef): Record<string, unknown> {
    return {
      id: d.id,
      node_id: nodeId('LA', d.id),
      url: `${this.repoUrl()}/labels/${encodeURIComponent(d.name)}`,
      name: d.name,
      color: d.color,
      default: false,
      description: d.description
    }
  }

  htmlUrl(rec: IssueRec): string {
    return `https://github.com/${this.store.fullName}/${rec.pull ? 'pull' : 'issues'}/${rec.number}`
  }

  pullJson(rec: IssueRec, full: boolean): Record<string, unknown> {
    const pull = rec.pull as PullData
    const url = `${this.repoUrl()}/pulls/${rec.number}`
    const headOwner = pull.headRepo ? (pull.headRepo.split('/')[0] ?? '') : rec.author
    const mergedAt = pull.merged ? rec.closedAt : null
    // Each is a `*_url` field and, with `self`, one of `_links`.
    const links = {
      html: this.htmlUrl(rec),
      issue: `${this.repoUrl()}/issues/${rec.number}`,
      comments: `${this.repoUrl()}/issues/${rec.number}/comments`,
      review_comments: `${url}/comments`,
      review_comment: `${this.repoUrl()}/pulls/comments{/number}`,
      commits: `${url}/commits`,
      statuses: `${this.repoUrl()}/statuses/${pull.headSha}`
    }
    const simple: Record<string, unknown> = {
      url,
      id: 100_000_000 + rec.number,
      node_id: nodeId('PR', 100_000_000 + rec.number),
      ...Object.fromEntries(Object.entries(links).map(([rel, href]) => [`${rel}_url`, href])),
      diff_url: `${this.htmlUrl(rec)}.diff`,
      patch_url: `${this.htmlUrl(rec)}.patch`,
      number: rec.number,
      state: rec.state,
      locked: false,
      title: rec.title,
      user: this.user(rec.author),
      body: rec.body,
      // The description has pull-request-simple label descriptions as strings, never null.
      labels: rec.labels.map((l) => ({ ...this.labelJson(l), description: l.description ?? '' })),
      milestone: null,
      active_lock_reason: null,
      created_at: rec.createdAt,
      updated_at: rec.updatedAt,
      closed_at: rec.closedAt,
      merged_at: mergedAt,
      merge_commit_sha: pull.merged ? fakeSha(`merge:${rec.number}:${pull.headSha}`) : null,
      assignee: null,
      assignees: [],
      requested_reviewers: [],
      requested_teams: [],
      head: {
        label: `${headOwner}:${pull.headRef}`,
        ref: pull.headRef,
        sha: pull.headSha,
        user: this.user(headOwner),
        repo: pull.headRepo ? this.repository(pull.headRepo) : null
      },
      base: {
        label: `${this.store.owner}:${this.store.defaultBranch}`,
        ref: this.store.defaultBranch,
        sha: fakeSha(`base:${this.store.defaultBranch}`),
        user: this.user(this.store.owner),
        repo: this.repository(this.store.fullName)
      },
      _links: Object.fromEntries(
        Object.entries({ self: url, ...links }).map(([rel, href]) => [rel, { href }])
      ),
      author_association: 'CONTRIBUTOR',
      auto_merge: null,
      draft: false
    }
    if (!full) return simple
    return {
      ...simple,
      labels: rec.labels.map((l) => this.labelJson(l)),
      merged: pull.merged,
      mergeable: rec.state === 'open' ? true : null,
      rebaseable: rec.state === 'open' ? true : null,
      mergeable_state: rec.state === 'open' ? 'clean' : 'unknown',
      merged_by: pull.merged ? this.user(this.store.owner) : null,
      comments: this.store.comments.filter((c) => c.issue === rec.number).length,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: 0,
      deletions: 0,
      changed_files: 0
    }
  }

  /** A labeled or unlabeled issue event, as the issue events endpoint lists it. */
  issueEventJson(e: IssueEventRec): Record<string, unknown> {
    return {
      id: e.id,
      node_id: nodeId(e.event === 'labeled' ? 'LE' : 'UNLE', e.id),
      url: `${this.repoUrl()}/issues/events/${e.id}`,
      actor: this.user(e.actor),
      event: e.event,
      commit_id: null,
      commit_url: null,
      created_at: e.createdAt,
      performed_via_github_app: null,
      label: { name: e.label.name, color: e.label.color }
    }
  }

  commentJson(c: CommentRec): Record<string, unknown> {
    const rec = this.store.issues.get(c.issue)
    return {
      url: `${this.repoUrl()}/issues/comments/${c.id}`,
      html_url: `${rec ? this.htmlUrl(rec) : `https://github.com/${this.store.fullName}/issues/${c.issue}`}#issuecomment-${c.id}`,
      issue_url: `${this.repoUrl()}/issues/${c.issue}`,
      id: c.id,
      node_id: nodeId('IC', c.id),
      user: this.user(c.user),
      created_at: c.createdAt,
      updated_at: c.updatedAt,
      author_association: c.user.endsWith('[bot]') ? 'NONE' : 'MEMBER',
      body: c.body,
      performed_via_github_app: null
    }
  }

  deploymentJson(d: EmulatorDeployment): Record<string, unknown> {
    const { statuses: _, ...fields } = d
    const url = `${this.repoUrl()}/deployments/${d.id}`
    return {
      url,
      node_id: nodeId('DE', d.id),
      ...fields,
      statuses_url: `${url}/statuses`,
      repository_url: this.repoUrl(),
      creator: this.user(this.store.actor),
      performed_via_github_app: null
    }
  }

  statusJson(d: EmulatorDeployment, s: EmulatorDeploymentStatus): Record<string, unknown> {
    const deploymentUrl = `${this.repoUrl()}/deployments/${d.id}`
    return {
      url: `${deploymentUrl}/statuses/${s.id}`,
      node_id: nodeId('DES', s.id),
      ...s,
      target_url: s.log_url,
      creator: this.user(this.store.actor),
      updated_at: s.created_at,
      deployment_url: deploymentUrl,
      repository_url: this.repoUrl(),
      performed_via_github_app: null
    }
  }
}
