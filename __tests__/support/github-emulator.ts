/**
 * A stateful, deterministic emulator of the slice of GitHub's REST API that Showtime uses.
 *
 * The real Octokit client (`@actions/github` getOctokit, plugin-retry, plugin-throttling) talks to it
 * over HTTP on 127.0.0.1. Routes are served with or without the GHES-style `/api/v3` prefix.
 *
 * It can never be kinder than GitHub: every request is checked against GitHub's REST description
 * (github-openapi.ts; an unknown operation answers 404, an undeclared query parameter or a body
 * off the schema 422, each recorded as a violation that fails `stop()`), answers are checked
 * against the described response schemas, GraphQL runs on GitHub's published schema
 * (github-graphql.ts), and a workflow token's rate limits apply (github-rate-limits.ts).
 *
 * Behaviour mirrored from the real API (see the notes next to each route):
 * - label names are matched case-insensitively, limited to 50 code points, 100 labels per issue;
 * - adding an unknown label to an issue creates a grey (`ededed`) repository definition;
 * - removing a label that is not on the issue answers 404 "Label does not exist";
 * - `permission` folds maintain→write and triage→read while `role_name` keeps the role; any existing
 *   user who is not a collaborator of a public repository reads as `read`, a missing one is a 404;
 * - pagination uses a `link` header whose URLs point at `/repositories/{id}/…` (prev, next, last,
 *   first), omitted when everything fits on one page;
 * - list-pull items are the "pull-request-simple" shape (no `merged` field; `merged_at` instead);
 * - a new `success` status marks inactive only earlier deployments that succeeded (`auto_inactive`).
 *
 * GraphQL is served at `/api/graphql` (where @octokit/graphql posts when baseUrl ends in `/api/v3`)
 * and `/graphql`, recorded in the request log as `POST /graphql` with `operation` set. Operations
 * of the REST description that Showtime does not call are not served: they answer 404 and are
 * recorded as violations, so a test that needs one fails naming it.
 */
import type { IncomingMessage } from 'node:http'
import { STATUS_CODES } from 'node:http'
import { executeGraphql, type GraphqlStore, nodeId } from './github-graphql.js'
import { githubRestDescription, type Operation } from './github-openapi.js'
import {
  PRIMARY_RATE_LIMIT_MESSAGE,
  RATE_LIMIT_DOCS,
  type RateRefusal,
  type RateResource,
  RateLimits,
  SECONDARY_RATE_LIMIT_MESSAGE
} from './github-rate-limits.js'
import type { Server } from 'node:http'
import { FaultQueue, HttpEmulator, type HttpReply, fnv1a, hexOf, listen } from './http-emulator.js'

type EmulatorRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'

export interface EmulatorIssue {
  number: number
  state?: 'open' | 'closed'
  author?: string
  body?: string | null
  labels?: string[]
  title?: string
}

/** A pull request into the default branch. */
export interface EmulatorPull extends EmulatorIssue {
  merged?: boolean
  headSha: string
  headRef?: string
  /** full_name of the head repository; defaults to the base repository. A fork has another; `null` is a deleted fork. */
  headRepo?: string | null
}

export interface EmulatorRequest {
  method: string
  /**
   * Decoded path, without the /api/v3 prefix and without the query string. GraphQL requests (served
   * at `/api/graphql` and `/graphql`) are all recorded as `/graphql`.
   */
  path: string
  query: Record<string, string>
  body: unknown
  status: number
  /** GraphQL only: the operation name (the body's `operationName`, else the name after `query`). */
  operation?: string
}

export interface EmulatorFault {
  method?: string
  /** Exact decoded path (without /api/v3 and query), or a RegExp tested against it. */
  path?: string | RegExp
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** How many matching requests get this answer; default 1. */
  times?: number
  /**
   * The request takes effect and only then gets this answer, as when GitHub times out a write it
   * has made (a 5xx does not say whether a write happened).
   */
  applied?: boolean
  /** Called when the fault is answered: what another client did meanwhile. */
  onAnswer?: () => void
}

export type EmulatorComment = Pick<CommentRec, 'id' | 'body' | 'user'>

export interface EmulatorDeploymentStatus {
  id: number
  state: string
  description: string
  environment: string
  environment_url: string
  /** Also the status's `target_url`. */
  log_url: string
  created_at: string
}

export interface EmulatorDeployment {
  id: number
  ref: string
  sha: string
  task: string
  environment: string
  original_environment: string
  description: string | null
  transient_environment: boolean
  production_environment: boolean
  payload: unknown
  created_at: string
  updated_at: string
  /** Oldest first. */
  statuses: EmulatorDeploymentStatus[]
}

/** A ready-made fault for a 403 secondary rate limit with `retry-after`. */
export function secondaryRateLimitFault(
  opts: Pick<EmulatorFault, 'method' | 'path' | 'times'> & { retryAfter?: number } = {}
): EmulatorFault {
  const { retryAfter = 1, ...where } = opts
  return {
    ...where,
    status: 403,
    headers: { 'retry-after': String(retryAfter) },
    body: {
      message: SECONDARY_RATE_LIMIT_MESSAGE,
      documentation_url: `${RATE_LIMIT_DOCS}#about-secondary-rate-limits`,
      status: '403'
    }
  }
}

// ---------------------------------------------------------------------------------------------
// internals

export interface LabelDef {
  id: number
  name: string
  color: string
  description: string | null
}

export interface PullData {
  merged: boolean
  headSha: string
  headRef: string
  headRepo: string | null
}

export interface IssueRec {
  number: number
  title: string
  body: string | null
  author: string
  state: 'open' | 'closed'
  labels: LabelDef[]
  createdAt: string
  updatedAt: string
  closedAt: string | null
  pull: PullData | null
}

export interface CommentRec {
  id: number
  issue: number
  body: string
  user: string
  createdAt: string
  updatedAt: string
}

interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Rate-limit points the request costs (GraphQL); 1 when not said. */
  cost?: number
}

/** Text fields of a request body, typed as GitHub's description has them. */
type Fields<K extends string> = Partial<Record<K, string>>
type LabelFields = Fields<'name' | 'color' | 'description'>
type StatusFields = Fields<
  'description' | 'environment' | 'environment_url' | 'log_url' | 'target_url'
>

interface Ctx {
  /** http://127.0.0.1:PORT[/api/v3] as the request came in. */
  base: string
  /** Raw (still percent-encoded) path segments after the repository part. */
  rawRest: string[]
  query: Record<string, string>
  body: unknown
  /** The operation's documentation, as GitHub's error answers link it. */
  docs: string
}

const ROLES: readonly EmulatorRole[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none']
const DOCS = 'https://docs.github.com/rest'
const GRAPHQL_DOCS = 'https://docs.github.com/graphql'
const MAX_LABEL_NAME = 50
const MAX_LABELS_PER_ISSUE = 100
const MAX_COMMENT = 65536
const CLOCK_START = Date.UTC(2024, 0, 1, 0, 0, 0)
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

const codePoints = (s: string): number => [...s].length
const lower = (s: string): string => s.toLowerCase()
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

const fakeSha = (seed: string): string => hexOf(seed, 40)

/** What `f` returns, or null when it throws. */
function attempt<T>(f: () => T): T | null {
  try {
    return f()
  } catch {
    return null
  }
}

/** An error answer in GitHub's REST shape. */
function failure(status: number, message: string, docs = DOCS, errors?: unknown[]): Reply {
  const body = { message, ...(errors && { errors }), documentation_url: docs }
  return { status, body: { ...body, status: String(status) } }
}

const notFound = (docs = DOCS, message = 'Not Found'): Reply => failure(404, message, docs)

const validationFailed = (docs: string, errors: unknown[], message = 'Validation Failed'): Reply =>
  failure(422, message, docs, errors)

/** GitHub's answer to a text longer than it allows (lengths its description does not state). */
function tooLong(
  docs: string,
  resource: string,
  field: string,
  value: string | undefined,
  max: number
): Reply | null {
  if (value === undefined || codePoints(value) <= max) return null
  const message = `${field} is too long (maximum is ${max} characters)`
  return validationFailed(docs, [{ resource, code: 'custom', field, message }])
}

function parsePositiveInt(s: string | undefined): number | null {
  if (s === undefined || !/^\d+$/.test(s)) return null
  const n = Number(s)
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

export class GitHubEmulator extends HttpEmulator<EmulatorRequest> {
  readonly apiUrl: string
  readonly owner = 'apache'
  readonly repo = 'superset'
  /** Numeric repository id used in `link` headers (`/repositories/{id}/…`). */
  readonly repoId = 39464018
  /** Login of the token's user; authors comments, deployments and statuses. */
  readonly actor = 'github-actions[bot]'

  /** apache/superset's default branch. */
  private readonly defaultBranch = 'master'
  private readonly issues = new Map<number, IssueRec>()
  /** Repository label definitions in creation order (ids ascend with it). */
  private readonly labelDefs: LabelDef[] = []
  /** labelDefs by lower-cased name, so seeding thousands of labelled PRs stays linear. */
  private readonly labelIndex = new Map<string, LabelDef>()
  private readonly commentRecs: CommentRec[] = []
  private readonly deploymentRecs: EmulatorDeployment[] = []
  private readonly roles = new Map<string, EmulatorRole>()
  private readonly missingUsers = new Set<string>()
  private readonly faults = new FaultQueue<EmulatorFault>()
  /** Faults bound to one request, by its position in the emulator's lifetime count. */
  private readonly faultsAt = new Map<number, EmulatorFault>()
  private readonly rateLimits: RateLimits
  private readonly repositoryJson = new Map<string, Record<string, unknown>>()
  private clock = CLOCK_START
  private nextLabelId = 1000
  private nextCommentId = 5000
  private nextDeploymentId = 9000
  private nextStatusId = 20000
  private requestCounter = 0

  private constructor(server: Server, url: string, timeScale: number) {
    super('GitHub', server, url)
    this.apiUrl = `${this.url}/api/v3`
    this.rateLimits = new RateLimits(timeScale)
  }

  /** `timeScale`: rate-limit windows last this fraction of a real minute and hour (as the bundle's
   * SHOWTIME_TIME_SCALE). */
  static async start(opts: { timeScale?: number } = {}): Promise<GitHubEmulator> {
    const { server, url } = await listen()
    return new GitHubEmulator(server, url, opts.timeScale ?? 1)
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`
  }

  // -------------------------------------------------------------------------------------------
  // seeding and inspection

  addPull(p: EmulatorPull): void {
    const merged = p.merged ?? false
    this.addIssue(merged ? { ...p, state: 'closed' } : p, {
      merged,
      headSha: p.headSha,
      headRef: p.headRef ?? `feature-${p.number}`,
      headRepo: p.headRepo === undefined ? this.fullName : p.headRepo
    })
  }

  /** A PR's head and state as the emulator holds them now. */
  pull(n: number): { headSha: string; headRepo: string | null; state: 'open' | 'closed' } {
    const rec = this.seeded(n, true)
    return { headSha: rec.pull.headSha, headRepo: rec.pull.headRepo, state: rec.state }
  }

  /** Change a PR in place (a new push: `headSha`; closing or merging: `state`/`merged`). */
  updatePull(n: number, patch: Partial<Pick<EmulatorPull, 'headSha' | 'state' | 'merged'>>): void {
    const rec = this.seeded(n, true)
    rec.pull.headSha = patch.headSha ?? rec.pull.headSha
    rec.pull.merged = patch.merged ?? rec.pull.merged
    const state = rec.pull.merged ? 'closed' : (patch.state ?? rec.state)
    if (state !== rec.state) rec.closedAt = state === 'closed' ? this.tick() : null
    rec.state = state
    rec.updatedAt = this.tick()
  }

  /** A plain issue, or with `pull` a pull request. */
  addIssue(i: EmulatorIssue, pull: PullData | null = null): void {
    if (this.issues.has(i.number)) throw new Error(`emulator: issue/PR #${i.number} already exists`)
    const createdAt = this.tick()
    const closedAt = i.state === 'closed' ? this.tick() : null
    this.issues.set(i.number, {
      number: i.number,
      title: i.title ?? `${pull ? 'PR' : 'Issue'} #${i.number}`,
      body: i.body === undefined ? '' : i.body,
      author: i.author ?? 'contributor',
      state: i.state ?? 'open',
      labels: this.resolveOrCreate(i.labels ?? []),
      createdAt,
      updatedAt: closedAt ?? createdAt,
      closedAt,
      pull
    })
  }

  setPermission(login: string, role: EmulatorRole): void {
    if (!ROLES.includes(role)) throw new Error(`emulator: unknown role ${role}`)
    this.missingUsers.delete(lower(login))
    this.roles.set(lower(login), role)
  }

  /** Make `login` a user that does not exist on GitHub: the permission endpoint answers 404. */
  setUserMissing(login: string): void {
    this.roles.delete(lower(login))
    this.missingUsers.add(lower(login))
  }

  /** Current label names on issue/PR n, in the order they were attached. */
  labelsOn(n: number): string[] {
    return this.seeded(n).labels.map((l) => l.name)
  }

  /** Numbers of the issues and PRs (any state) carrying the label `name` (case-insensitive), ascending. */
  issuesWithLabel(name: string): number[] {
    const def = this.findDef(name)
    if (!def) return []
    return [...this.issues.values()]
      .filter((rec) => rec.labels.includes(def))
      .map((rec) => rec.number)
      .sort((a, b) => a - b)
  }

  setLabels(n: number, names: string[]): void {
    const rec = this.seeded(n)
    rec.labels = this.resolveOrCreate(names)
    rec.updatedAt = this.tick()
  }

  /** Define (or redefine) a repository label directly. */
  defineLabel(name: string, color = 'ededed', description: string | null = null): void {
    const existing = this.findDef(name)
    if (existing) Object.assign(existing, { color, description })
    else this.addDef(name, color, description)
  }

  definitions(): Map<string, { color: string; description: string | null }> {
    return new Map(
      this.labelDefs.map((d) => [d.name, { color: d.color, description: d.description }])
    )
  }

  comments(n: number): EmulatorComment[] {
    return this.commentRecs
      .filter((c) => c.issue === n)
      .map((c) => ({ id: c.id, body: c.body, user: c.user }))
  }

  /** Seed a comment written by someone (default: the token's user). Returns its id. */
  addComment(n: number, body: string, user = this.actor): number {
    this.seeded(n)
    const at = this.tick()
    this.commentRecs.push({
      id: this.nextCommentId,
      issue: n,
      body,
      user,
      createdAt: at,
      updatedAt: at
    })
    return this.nextCommentId++
  }

  deployments(): EmulatorDeployment[] {
    return this.deploymentRecs.map((d) => ({ ...d, statuses: d.statuses.map((s) => ({ ...s })) }))
  }

  /** Requests that change something: not GET/HEAD, and not a GraphQL query (a POST that reads). */
  writes(): EmulatorRequest[] {
    return this.requests.filter(
      (r) => r.method !== 'GET' && r.method !== 'HEAD' && r.path !== '/graphql'
    )
  }

  injectFault(f: EmulatorFault): void {
    this.faults.add(f)
  }

  /**
   * Report `remaining` requests (GraphQL: points) left in the current rate-limit hour, as when
   * other workflow runs of the repository have spent the rest.
   */
  setRateLimitRemaining(remaining: number, resource: RateResource = 'core'): void {
    this.rateLimits.setRemaining(remaining, resource)
  }

  /**
   * The k-th request from now on (0-based, counting every request whatever its route or method,
   * GraphQL included) answers `fault` once; `method`, `path` and `times` of the fault are ignored.
   * A retried request counts again, so with k = 0 only the first attempt of the next call fails.
   * Returns a function that withdraws the fault if it has not been answered yet.
   */
  injectFaultAt(k: number, fault: EmulatorFault): () => void {
    if (!Number.isInteger(k) || k < 0) throw new Error(`emulator: bad request index ${k}`)
    const index = this.requestCounter + k
    this.faultsAt.set(index, fault)
    return () => {
      if (this.faultsAt.get(index) === fault) this.faultsAt.delete(index)
    }
  }

  // -------------------------------------------------------------------------------------------
  // clock and helpers

  /** Issue or PR `n`, which a test must have seeded. */
  private seeded(n: number): IssueRec
  private seeded(n: number, pull: true): IssueRec & { pull: PullData }
  private seeded(n: number, pull = false): IssueRec {
    const rec = this.issues.get(n)
    if (!rec || (pull && !rec.pull))
      throw new Error(`emulator: no ${pull ? 'PR' : 'issue/PR'} #${n}`)
    return rec
  }

  private tick(): string {
    this.clock += 1000
    return iso(this.clock)
  }

  private findDef(name: string): LabelDef | undefined {
    return this.labelIndex.get(lower(name))
  }

  private addDef(name: string, color: string, description: string | null): LabelDef {
    const def = { id: this.nextLabelId++, name, color: lower(color), description }
    this.labelDefs.push(def)
    this.labelIndex.set(lower(name), def)
    return def
  }

  private renameDef(def: LabelDef, name: string): void {
    this.labelIndex.delete(lower(def.name))
    def.name = name
    this.labelIndex.set(lower(name), def)
  }

  private removeDef(def: LabelDef): void {
    this.labelDefs.splice(this.labelDefs.indexOf(def), 1)
    this.labelIndex.delete(lower(def.name))
  }

  /** Resolve names to definitions, creating missing ones in grey as GitHub does; de-duplicates. */
  private resolveOrCreate(names: string[]): LabelDef[] {
    const out: LabelDef[] = []
    for (const name of names) {
      const def = this.findDef(name) ?? this.addDef(name, 'ededed', null)
      if (!out.includes(def)) out.push(def)
    }
    return out
  }

  private user(login: string): Record<string, unknown> {
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
      type: isBot ? 'Bot' : lower(login) === lower(this.owner) ? 'Organization' : 'User',
      site_admin: false
    }
  }

  private repoUrl(): string {
    return `${this.apiUrl}/repos/${this.owner}/${this.repo}`
  }

  /** Rendered once per name: every pull request of a listing carries two of them. */
  private repository(fullName: string): Record<string, unknown> {
    const cached = this.repositoryJson.get(fullName)
    if (cached) return cached
    const [owner = '', name = ''] = fullName.split('/')
    const isBase = lower(fullName) === lower(this.fullName)
    const id = isBase ? this.repoId : (fnv1a(fullName) % 900_000_000) + 100_000_000
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
      default_branch: this.defaultBranch,
      pushed_at: iso(CLOCK_START),
      created_at: iso(CLOCK_START),
      updated_at: iso(CLOCK_START)
    }
    this.repositoryJson.set(fullName, json)
    return json
  }

  private labelJson(d: LabelDef): Record<string, unknown> {
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

  private htmlUrl(rec: IssueRec): string {
    return `https://github.com/${this.fullName}/${rec.pull ? 'pull' : 'issues'}/${rec.number}`
  }

  private pullJson(rec: IssueRec, full: boolean): Record<string, unknown> {
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
        label: `${this.owner}:${this.defaultBranch}`,
        ref: this.defaultBranch,
        sha: fakeSha(`base:${this.defaultBranch}`),
        user: this.user(this.owner),
        repo: this.repository(this.fullName)
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
      merged_by: pull.merged ? this.user(this.owner) : null,
      comments: this.commentRecs.filter((c) => c.issue === rec.number).length,
      review_comments: 0,
      maintainer_can_modify: false,
      commits: 1,
      additions: 0,
      deletions: 0,
      changed_files: 0
    }
  }

  private commentJson(c: CommentRec): Record<string, unknown> {
    const rec = this.issues.get(c.issue)
    return {
      url: `${this.repoUrl()}/issues/comments/${c.id}`,
      html_url: `${rec ? this.htmlUrl(rec) : `https://github.com/${this.fullName}/issues/${c.issue}`}#issuecomment-${c.id}`,
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

  private deploymentJson(d: EmulatorDeployment): Record<string, unknown> {
    const { statuses: _, ...fields } = d
    const url = `${this.repoUrl()}/deployments/${d.id}`
    return {
      url,
      node_id: nodeId('DE', d.id),
      ...fields,
      statuses_url: `${url}/statuses`,
      repository_url: this.repoUrl(),
      creator: this.user(this.actor),
      performed_via_github_app: null
    }
  }

  private statusJson(d: EmulatorDeployment, s: EmulatorDeploymentStatus): Record<string, unknown> {
    const deploymentUrl = `${this.repoUrl()}/deployments/${d.id}`
    return {
      url: `${deploymentUrl}/statuses/${s.id}`,
      node_id: nodeId('DES', s.id),
      ...s,
      target_url: s.log_url,
      creator: this.user(this.actor),
      updated_at: s.created_at,
      deployment_url: deploymentUrl,
      repository_url: this.repoUrl(),
      performed_via_github_app: null
    }
  }

  /** One page of `items`; `toJson` renders only the items on that page (large lists stay cheap). */
  private paginate<T>(items: T[], ctx: Ctx, toJson: (item: T) => unknown): Reply {
    const requested = parsePositiveInt(ctx.query.per_page)
    const perPage = Math.min(100, requested ?? 30)
    const page = parsePositiveInt(ctx.query.page) ?? 1
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const slice = items.slice((page - 1) * perPage, page * perPage)
    const body = slice.map(toJson)
    if (last === 1 && page === 1) return { status: 200, body }
    const link = (p: number, rel: string): string => {
      const q = new URLSearchParams(ctx.query)
      q.set('page', String(p))
      return `<${ctx.base}/repositories/${this.repoId}/${ctx.rawRest.join('/')}?${q.toString()}>; rel="${rel}"`
    }
    const links: string[] = []
    if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'))
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
    if (page > 1) links.push(link(1, 'first'))
    return { status: 200, body, headers: { link: links.join(', ') } }
  }

  private baseHeaders(resource: RateResource): Record<string, string> {
    return {
      ...this.rateLimits.headers(resource),
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': this.requestId()
    }
  }

  private requestId(): string {
    return `EMU0:${this.requestCounter.toString(16).toUpperCase().padStart(6, '0')}`
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  protected async handle(req: IncomingMessage, text: string): Promise<HttpReply> {
    const method = (req.method ?? 'GET').toUpperCase()
    const [, rawPath = '', search = ''] = /^([^?]*)\??(.*)$/s.exec(req.url ?? '/') ?? []
    // GraphQL: @octokit/graphql posts to `/api/graphql` when baseUrl ends in `/api/v3` (GHES style)
    // and to `/graphql` otherwise. Both are recorded as `/graphql`.
    const graphqlPath = rawPath === '/api/graphql' || rawPath === '/graphql'
    const prefixed = /^\/api\/v3(\/|$)/.test(rawPath)
    const rawSegments = rawPath
      .slice(prefixed ? '/api/v3'.length : 0)
      .split('/')
      .filter(Boolean)
    const segments = attempt(() => rawSegments.map((s) => decodeURIComponent(s)))
    const path = graphqlPath ? '/graphql' : segments ? `/${segments.join('/')}` : rawPath
    const query = Object.fromEntries(new URLSearchParams(search))
    const parsed = text
      ? attempt(() => ({ json: JSON.parse(text) as unknown }))
      : { json: undefined }
    const badJson = parsed === null
    const body = parsed ? parsed.json : text
    const entry: EmulatorRequest = { method, path, query, body, status: 0 }
    const operation = graphqlPath ? graphqlOperationName(body) : undefined
    if (operation !== undefined) entry.operation = operation
    this.requests.push(entry)
    const index = this.requestCounter++
    const faultAt = this.faultsAt.get(index)
    this.faultsAt.delete(index)

    const resource: RateResource = graphqlPath ? 'graphql' : 'core'
    const contentCreating = !graphqlPath && method !== 'GET' && method !== 'HEAD'
    const refusal = this.rateLimits.refusal(resource, contentCreating)
    let reply: Reply
    if (refusal) {
      this.violations.add(`${method} ${path}`, `rate limit: ${describeRefusal(refusal)}`)
      reply = this.rateLimited(refusal)
    } else {
      const fault = faultAt ?? this.faults.take((f) => faultMatches(f, method, path))
      try {
        if (fault && !fault.applied) reply = this.faultReply(fault, graphqlPath)
        else {
          const answer = badJson
            ? failure(400, 'Problems parsing JSON')
            : graphqlPath
              ? await this.graphqlRoute(method, body, req.headers.authorization !== undefined)
              : this.restRoute(method, segments, rawSegments, query, body, prefixed, req)
          reply = fault ? { ...this.faultReply(fault, graphqlPath), cost: answer.cost } : answer
        }
        fault?.onAnswer?.()
      } catch (err) {
        const message = `emulator error: ${err instanceof Error ? err.message : String(err)}`
        reply = { status: 500, body: { message, status: '500' } }
      }
      this.rateLimits.charge(resource, reply.cost ?? 1, contentCreating)
    }
    entry.status = reply.status
    return this.send(reply, resource)
  }

  private send(reply: Reply, resource: RateResource): HttpReply {
    const headers: Record<string, string> = this.baseHeaders(resource)
    let payload: string | undefined
    if (reply.status !== 204 && reply.status !== 304 && reply.body !== undefined) {
      const text = typeof reply.body === 'string'
      payload = text ? (reply.body as string) : JSON.stringify(reply.body)
      headers['content-type'] = text
        ? 'text/plain; charset=utf-8'
        : 'application/json; charset=utf-8'
    }
    return { status: reply.status, headers: { ...headers, ...reply.headers }, body: payload }
  }

  private faultReply(fault: EmulatorFault, graphql: boolean): Reply {
    let body = fault.body
    if (body === undefined && graphql && fault.status >= 500) {
      // What api.github.com/graphql sends with a 502 (a timeout or a GitHub bug).
      const message =
        'Something went wrong while executing your query. This may be the result of a timeout, ' +
        `or it could be a GitHub bug. Please include \`${this.requestId()}\` when reporting this issue.`
      body = { data: null, errors: [{ message }] }
    }
    body ??= failure(fault.status, STATUS_CODES[fault.status] ?? 'Error').body
    return { status: fault.status, body, ...(fault.headers && { headers: fault.headers }) }
  }

  private rateLimited(refusal: RateRefusal): Reply {
    if (refusal.kind === 'secondary')
      return secondaryRateLimitFault({ retryAfter: refusal.retryAfterSeconds })
    const message = PRIMARY_RATE_LIMIT_MESSAGE
    // GraphQL answers a spent budget with HTTP 200 and a RATE_LIMITED error.
    if (refusal.resource === 'graphql')
      return { status: 200, body: { errors: [{ type: 'RATE_LIMITED', message }] } }
    return failure(403, message, `${RATE_LIMIT_DOCS}#about-the-primary-rate-limit`)
  }

  private async graphqlRoute(
    method: string,
    body: unknown,
    authenticated: boolean
  ): Promise<Reply> {
    if (method !== 'POST') return notFound(GRAPHQL_DOCS)
    if (!authenticated) {
      return {
        status: 401,
        body: {
          message: 'This endpoint requires you to be authenticated.',
          documentation_url: `${GRAPHQL_DOCS}/guides/forming-calls-with-graphql#authenticating-with-graphql`
        }
      }
    }
    const result = await executeGraphql(this.graphqlStore(), body)
    // NOT_FOUND is an answer (a deleted node, another repository); any other error is a query
    // GitHub would refuse, or a field the emulator does not serve, and fails the test.
    for (const e of result.body.errors ?? [])
      if (e.type !== 'NOT_FOUND') this.violations.add('POST /graphql', e.message)
    return { status: 200, body: result.body, cost: result.cost }
  }

  private graphqlStore(): GraphqlStore {
    return {
      owner: this.owner,
      repo: this.repo,
      actor: this.actor,
      labelDefs: this.labelDefs,
      issues: this.issues,
      comments: this.commentRecs,
      deployments: this.deploymentRecs
    }
  }

  /** A REST request, checked against GitHub's description before and after it is served. */
  private restRoute(
    method: string,
    segments: string[] | null,
    rawSegments: string[],
    query: Record<string, string>,
    body: unknown,
    prefixed: boolean,
    req: IncomingMessage
  ): Reply {
    if (!segments) return notFound()
    if (method !== 'GET' && method !== 'HEAD' && !req.headers.authorization)
      return failure(401, 'Requires authentication')
    // Pagination links point at `/repositories/{id}/…`, which GitHub serves as `/repos/{o}/{r}/…`.
    const asRepos =
      segments[0] === 'repositories' && segments[1] === String(this.repoId)
        ? ['repos', this.owner, this.repo, ...segments.slice(2)]
        : segments
    const description = githubRestDescription()
    const found = description.find(method, asRepos)
    const described =
      'status' in found ? found : (description.checkRequest(found, asRepos, query, body) ?? found)
    if ('status' in described) {
      this.violations.add(`${method} /${segments.join('/')}`, described.reason)
      return described.status === 404
        ? notFound(DOCS, `Not Found: ${described.reason}`)
        : validationFailed(DOCS, [], `Invalid request.\n\n${described.reason}`)
    }
    const rawRest = rawSegments.slice(asRepos === segments ? 3 : 2)
    const base = prefixed ? this.apiUrl : this.url
    const ctx: Ctx = { base, rawRest, query, body, docs: described.docs }
    const reply = this.route(described, asRepos, ctx)
    if (reply.status >= 200 && reply.status < 300) {
      const problem = description.checkResponse(described, reply.status, reply.body)
      if (problem)
        this.violations.add(
          `${method} ${described.template}`,
          `the emulator's answer is off the description: ${problem}`
        )
    }
    return reply
  }

  /**
   * Serves a described operation on this repository by its operationId: the ones Showtime calls.
   * Another repository is a 404; an operation not served here a 404 and a violation naming it.
   */
  private route(op: Operation, segments: string[], ctx: Ctx): Reply {
    const p: Record<string, string | undefined> = {}
    op.segments.forEach((t, i) => {
      if (t.startsWith('{')) p[t.slice(1, -1)] = segments[i]
    })
    if (lower(p.owner ?? '') !== lower(this.owner) || lower(p.repo ?? '') !== lower(this.repo))
      return notFound()
    // The description has already checked that numbers are integers.
    const number = p.issue_number ?? p.pull_number
    const found = this.issues.get(Number(number))
    if (number !== undefined && !(op.id === 'pulls/get' ? found?.pull : found))
      return notFound(ctx.docs)
    const rec = found as IssueRec
    const name = p.name ?? ''
    const dep = this.deploymentRecs.find((x) => String(x.id) === p.deployment_id)
    const handlers: Record<string, () => Reply> = {
      'pulls/list': () => this.listPulls(ctx),
      'pulls/get': () => ({ status: 200, body: this.pullJson(rec, true) }),
      'issues/list-labels-on-issue': () => this.paginate(rec.labels, ctx, (l) => this.labelJson(l)),
      'issues/add-labels': () => this.addIssueLabels(rec, ctx),
      'issues/remove-label': () => this.removeIssueLabel(rec, name, ctx),
      'issues/create-comment': () => this.createComment(rec, ctx),
      'issues/update-comment': () => this.updateComment(p.comment_id, ctx),
      'issues/create-label': () => this.createLabel(ctx),
      'issues/update-label': () => this.updateLabel(name, ctx),
      'issues/delete-label': () => this.deleteLabel(name, ctx),
      'repos/get-collaborator-permission-level': () => this.permission(p.username ?? '', ctx),
      'repos/list-deployments': () => this.listDeployments(ctx),
      'repos/create-deployment': () => this.createDeployment(ctx),
      'repos/create-deployment-status': () =>
        dep ? this.createDeploymentStatus(dep, ctx) : notFound(ctx.docs)
    }
    const handler = handlers[op.id]
    if (handler) return handler()
    this.violations.add(
      `${op.method} ${op.template}`,
      `the GitHub emulator does not serve ${op.id}`
    )
    return notFound(DOCS, `Not Found: the GitHub emulator does not serve ${op.id}`)
  }

  // -------------------------------------------------------------------------------------------
  // pulls and labels on issues

  private listPulls(ctx: Ctx): Reply {
    const q = ctx.query
    // GitHub's description limits state, sort and direction to their enums (checked before this).
    const state = q.state ?? 'open'
    const sort = q.sort ?? 'created'
    const direction = q.direction ?? (sort === 'created' ? 'desc' : 'asc')
    let pulls = [...this.issues.values()].filter(
      (i) => i.pull && (state === 'all' || i.state === state)
    )
    if (q.head) {
      const head = lower(q.head)
      pulls = pulls.filter((i) => {
        const p = i.pull as PullData
        const owner = p.headRepo ? (p.headRepo.split('/')[0] ?? '') : i.author
        return lower(`${owner}:${p.headRef}`) === head
      })
    }
    if (q.base && q.base !== this.defaultBranch) pulls = []
    const key = (i: IssueRec): string => (sort === 'updated' ? i.updatedAt : i.createdAt)
    pulls.sort((x, y) => {
      const c = key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : x.number - y.number
      return direction === 'desc' ? -c : c
    })
    return this.paginate(pulls, ctx, (i) => this.pullJson(i, false))
  }

  private addIssueLabels(rec: IssueRec, ctx: Ctx): Reply {
    const names = labelNamesFrom(ctx.body)
    for (const name of names) {
      if (name.trim().length === 0 || codePoints(name) > MAX_LABEL_NAME) {
        return validationFailed(ctx.docs, [
          { value: name, resource: 'Label', field: 'name', code: 'invalid' }
        ])
      }
    }
    const keys = new Set(rec.labels.map((l) => lower(l.name)))
    const fresh = names.filter((name) => !keys.has(lower(name)) && keys.add(lower(name)))
    if (keys.size > MAX_LABELS_PER_ISSUE) {
      // GitHub's wording; Octokit renders it "Validation Failed. Issues cannot have more than 100 labels: ".
      const message = 'Validation Failed. Issues cannot have more than 100 labels'
      return validationFailed(ctx.docs, [], message)
    }
    rec.labels = [...rec.labels, ...this.resolveOrCreate(fresh)]
    rec.updatedAt = this.tick()
    return { status: 200, body: rec.labels.map((l) => this.labelJson(l)) }
  }

  private removeIssueLabel(rec: IssueRec, name: string, ctx: Ctx): Reply {
    const idx = rec.labels.findIndex((l) => lower(l.name) === lower(name))
    if (idx < 0) return notFound(ctx.docs, 'Label does not exist')
    rec.labels.splice(idx, 1)
    rec.updatedAt = this.tick()
    return { status: 200, body: rec.labels.map((l) => this.labelJson(l)) }
  }

  // -------------------------------------------------------------------------------------------
  // repository label definitions

  /** What GitHub checks beyond the description's types: blank names, lengths, colours. */
  private checkLabelFields(docs: string, b: LabelFields): Reply | null {
    const invalid = (field: string): Reply =>
      validationFailed(docs, [{ resource: 'Label', code: 'invalid', field }])
    if (b.name?.trim() === '') return invalid('name')
    const long = tooLong(docs, 'Label', 'name', b.name, MAX_LABEL_NAME)
    if (long) return long
    if (b.color !== undefined && !/^[0-9a-fA-F]{6}$/.test(b.color)) return invalid('color')
    return tooLong(docs, 'Label', 'description', b.description, 100)
  }

  private createLabel(ctx: Ctx): Reply {
    const b = ctx.body as LabelFields & { name: string }
    const bad = this.checkLabelFields(ctx.docs, b)
    if (bad) return bad
    if (this.findDef(b.name)) {
      return validationFailed(ctx.docs, [
        { resource: 'Label', code: 'already_exists', field: 'name' }
      ])
    }
    const def = this.addDef(b.name, b.color ?? 'ededed', b.description ?? null)
    return { status: 201, body: this.labelJson(def) }
  }

  private updateLabel(name: string, ctx: Ctx): Reply {
    const def = this.findDef(name)
    if (!def) return notFound(ctx.docs)
    const b = ctx.body as LabelFields & { new_name?: string }
    const bad = this.checkLabelFields(ctx.docs, { ...b, name: b.new_name })
    if (bad) return bad
    if (b.new_name !== undefined) {
      const clash = this.findDef(b.new_name)
      if (clash && clash !== def) {
        return validationFailed(ctx.docs, [
          { resource: 'Label', code: 'already_exists', field: 'name' }
        ])
      }
      this.renameDef(def, b.new_name)
    }
    if (b.color !== undefined) def.color = lower(b.color)
    if (b.description !== undefined) def.description = b.description
    return { status: 200, body: this.labelJson(def) }
  }

  private deleteLabel(name: string, ctx: Ctx): Reply {
    const def = this.findDef(name)
    if (!def) return notFound(ctx.docs)
    this.removeDef(def)
    for (const rec of this.issues.values()) rec.labels = rec.labels.filter((l) => l !== def)
    return { status: 204 }
  }

  // -------------------------------------------------------------------------------------------
  // collaborators and comments

  private permission(login: string, ctx: Ctx): Reply {
    const key = lower(login)
    if (this.missingUsers.has(key)) return notFound(ctx.docs)
    const role = this.roles.get(key) ?? 'read'
    const rank = ROLES.length - 1 - ROLES.indexOf(role) // none 0 … admin 5
    const can = ['pull', 'triage', 'push', 'maintain', 'admin'].map((p, i) => [p, rank > i])
    const user = { ...this.user(login), permissions: Object.fromEntries(can), role_name: role }
    // The legacy `permission` folds maintain into write and triage into read.
    const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role
    return { status: 200, body: { permission, role_name: role, user } }
  }

  private createComment(rec: IssueRec, ctx: Ctx): Reply {
    const { body } = ctx.body as { body: string }
    const bad = tooLong(ctx.docs, 'IssueComment', 'body', body, MAX_COMMENT)
    if (bad) return bad
    this.addComment(rec.number, body)
    const c = this.commentRecs.at(-1) as CommentRec
    rec.updatedAt = c.createdAt
    return { status: 201, body: this.commentJson(c) }
  }

  private updateComment(id: string | undefined, ctx: Ctx): Reply {
    const c = this.commentRecs.find((x) => String(x.id) === id)
    if (!c) return notFound(ctx.docs)
    const { body } = ctx.body as { body: string }
    const bad = tooLong(ctx.docs, 'IssueComment', 'body', body, MAX_COMMENT)
    if (bad) return bad
    c.body = body
    c.updatedAt = this.tick()
    return { status: 200, body: this.commentJson(c) }
  }

  // -------------------------------------------------------------------------------------------
  // deployments

  /** Resolve a ref the way GitHub would for this repository; null when no such ref exists. */
  private resolveRef(ref: string): string | null {
    if (/^[0-9a-f]{40}$/i.test(ref)) return lower(ref)
    const pulls = [...this.issues.values()].flatMap((i) =>
      i.pull ? [{ ...i.pull, n: i.number }] : []
    )
    const pullRef = /^(?:refs\/)?pull\/(\d+)\/(?:head|merge)$/.exec(ref)
    if (pullRef) return pulls.find((p) => p.n === Number(pullRef[1]))?.headSha ?? null
    const branch = ref.replace(/^refs\/heads\//, '')
    const ours = (p: PullData) => p.headRepo === null || lower(p.headRepo) === lower(this.fullName)
    const byHead = pulls.filter((p) => p.headRef === branch && ours(p)).sort((x, y) => y.n - x.n)
    if (byHead[0]) return byHead[0].headSha
    return branch === this.defaultBranch ? fakeSha(`base:${this.defaultBranch}`) : null
  }

  private createDeployment(ctx: Ctx): Reply {
    // Types and presence are the description's; defaults are GitHub's.
    const b = ctx.body as Partial<Omit<EmulatorDeployment, 'ref'>> & { ref: string }
    const sha = this.resolveRef(b.ref)
    if (!sha) return failure(422, `No ref found for: ${b.ref}`, ctx.docs)
    const environment = b.environment ?? 'production'
    const at = this.tick()
    const dep: EmulatorDeployment = {
      id: this.nextDeploymentId++,
      ref: b.ref,
      sha,
      task: b.task ?? 'deploy',
      environment,
      original_environment: environment,
      description: b.description ?? null,
      transient_environment: b.transient_environment ?? false,
      production_environment: b.production_environment ?? environment === 'production',
      payload: b.payload ?? {},
      created_at: at,
      updated_at: at,
      statuses: []
    }
    this.deploymentRecs.push(dep)
    return { status: 201, body: this.deploymentJson(dep) }
  }

  private listDeployments(ctx: Ctx): Reply {
    const q = ctx.query
    const filters = (['environment', 'ref', 'sha', 'task'] as const).filter((k) => k in q)
    const list = this.deploymentRecs
      .filter((d) => filters.every((k) => d[k] === q[k]))
      .sort((x, y) => y.id - x.id)
    return this.paginate(list, ctx, (d) => this.deploymentJson(d))
  }

  private createDeploymentStatus(dep: EmulatorDeployment, ctx: Ctx): Reply {
    const b = ctx.body as StatusFields & { state: string; auto_inactive?: boolean }
    const bad = tooLong(ctx.docs, 'DeploymentStatus', 'description', b.description, 140)
    if (bad) return bad
    if (b.environment) dep.environment = b.environment
    const status = this.addStatus(dep, b.state, b)
    // auto_inactive (default true): a success marks earlier successful, non-transient, non-production
    // deployments of the same environment inactive.
    if (b.state === 'success' && b.auto_inactive !== false) {
      for (const other of this.deploymentRecs) {
        if (
          other.id < dep.id &&
          other.environment === dep.environment &&
          !other.transient_environment &&
          !other.production_environment &&
          other.statuses.at(-1)?.state === 'success'
        )
          this.addStatus(other, 'inactive')
      }
    }
    return { status: 201, body: this.statusJson(dep, status) }
  }

  private addStatus(
    dep: EmulatorDeployment,
    state: string,
    b: StatusFields = {}
  ): EmulatorDeploymentStatus {
    const at = this.tick()
    const status: EmulatorDeploymentStatus = {
      id: this.nextStatusId++,
      state,
      description: b.description ?? '',
      environment: dep.environment,
      environment_url: b.environment_url ?? '',
      log_url: b.log_url || b.target_url || '',
      created_at: at
    }
    dep.statuses.push(status)
    dep.updated_at = at
    return status
  }
}

/** `{"labels": [...]}` with names or `{name}` objects, the shape the description allows. */
function labelNamesFrom(body: unknown): string[] {
  const raw = (body as { labels?: (string | { name: string })[] }).labels ?? []
  return raw.map((item) => (typeof item === 'string' ? item : item.name))
}

function faultMatches(f: EmulatorFault, method: string, path: string): boolean {
  if (f.method && f.method.toUpperCase() !== method) return false
  if (f.path === undefined) return true
  if (typeof f.path === 'string') return f.path === path
  f.path.lastIndex = 0
  return f.path.test(path)
}

function describeRefusal(r: RateRefusal): string {
  return r.kind === 'primary'
    ? `the ${r.resource} budget of the hour is spent (x-ratelimit-remaining: 0)`
    : `secondary limit, ${r.reason}`
}

/** The operation name for the request log, without a full parse. */
function graphqlOperationName(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined
  if (typeof body.operationName === 'string') return body.operationName
  if (typeof body.query !== 'string') return undefined
  const text = body.query.replace(/#[^\n\r]*/g, '')
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(text)?.[1]
}
