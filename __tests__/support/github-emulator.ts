/**
 * A stateful, deterministic emulator of the slice of GitHub's REST API that Showtime uses.
 *
 * The real Octokit client (`@actions/github` getOctokit, plugin-retry, plugin-throttling) talks to it
 * over HTTP on 127.0.0.1. Routes are served with or without the GHES-style `/api/v3` prefix.
 *
 * Behaviour mirrored from the real API (see the notes next to each route):
 * - label names are matched case-insensitively, limited to 50 code points, 100 labels per issue;
 * - adding an unknown label to an issue creates a grey (`ededed`) repository definition;
 * - removing a label that is not on the issue answers 404 "Label does not exist";
 * - `permission` folds maintain→write and triage→read while `role_name` keeps the role; any existing
 *   user who is not a collaborator of a public repository reads as `read`; a user that does not exist
 *   answers 404;
 * - pagination uses a `link` header whose URLs point at `/repositories/{id}/…` (prev, next, last,
 *   first), omitted when everything fits on one page;
 * - list-pull items are the "pull-request-simple" shape (no `merged` field; `merged_at` instead).
 *
 * GraphQL (read-only) is served at `/api/graphql` (where @octokit/graphql posts when baseUrl ends in
 * `/api/v3`) and `/graphql`, recorded in the request log as `POST /graphql` with `operation` set. Only
 * the operations named in GQL_OPERATIONS are answered, over the schema slice in GQL_TYPES:
 * - errors come in GitHub's shapes with HTTP 200: parse errors, `undefinedField` and the other static
 *   validation errors (no `data`), invalid variables, `NOT_FOUND` for an unknown repository (with
 *   `data.repository: null`), `INVALID_CURSOR_ARGUMENTS`, `EXCESSIVE_PAGINATION` past 100;
 * - `Repository.labels` keeps the schema's default order, `{field: CREATED_AT, direction: ASC}`
 *   (creation order here); `query:` keeps definitions whose name or description contains the text,
 *   case-insensitively. GitHub answers `query:` from a search index ordered by best match, so code
 *   must not rely on the order of a filtered list;
 * - `Label.issues` counts issues only and `Label.pullRequests` pull requests only; `states: [CLOSED]`
 *   means closed unmerged, `MERGED` merged; with no `orderBy` they come by number, ascending;
 * - cursors are opaque keyset positions (`cursor:v2:` + sort key, base64): deleting an item between
 *   pages neither repeats nor skips the rest.
 */
import { createServer, STATUS_CODES } from 'node:http'
import type { IncomingMessage, Server, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export type EmulatorRole = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none'

export interface EmulatorPull {
  number: number
  state?: 'open' | 'closed'
  merged?: boolean
  draft?: boolean
  headSha: string
  headRef?: string
  /** full_name of the head repository; defaults to the base repository. A fork has another; `null` is a deleted fork. */
  headRepo?: string | null
  baseRef?: string
  baseSha?: string
  author?: string
  body?: string | null
  labels?: string[]
  title?: string
  createdAt?: string
  updatedAt?: string
  closedAt?: string | null
}

export interface EmulatorIssue {
  number: number
  state?: 'open' | 'closed'
  author?: string
  body?: string | null
  labels?: string[]
  title?: string
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
  /** The request takes effect before the fault is answered: GitHub ends requests that take over
   * 10 s with a server error and may still apply their write. */
  applied?: boolean
  /** Called when the fault is answered: what another client did meanwhile. */
  onAnswer?: () => void
}

export interface EmulatorComment {
  id: number
  body: string
  user: string
}

export interface EmulatorDeploymentStatus {
  id: number
  state: string
  description: string
  environment: string
  environment_url: string
  log_url: string
  target_url: string
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
  creator: string
  created_at: string
  updated_at: string
  /** Oldest first. */
  statuses: EmulatorDeploymentStatus[]
}

export interface EmulatorStartOptions {
  owner?: string
  repo?: string
  /** Numeric repository id used in `link` headers (`/repositories/{id}/…`). */
  repoId?: number
  /** Login of the token's user; authors comments, deployments and statuses. */
  actor?: string
  /**
   * What the permission endpoint answers for a user never passed to setPermission. GitHub answers
   * `read` for any existing user on a public repository; pass 'not-found' to answer 404 instead.
   */
  defaultPermission?: EmulatorRole | 'not-found'
  /** Default branch name (apache/superset uses master). */
  defaultBranch?: string
}

/** The body GitHub sends with a 403 secondary rate limit. */
export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
  'If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.'

/** A ready-made fault for a 403 secondary rate limit with `retry-after`. */
export function secondaryRateLimitFault(
  opts: { method?: string; path?: string | RegExp; retryAfter?: number; times?: number } = {}
): EmulatorFault {
  return {
    method: opts.method,
    path: opts.path,
    times: opts.times,
    status: 403,
    headers: { 'retry-after': String(opts.retryAfter ?? 1) },
    body: {
      message: SECONDARY_RATE_LIMIT_MESSAGE,
      documentation_url:
        'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
      status: '403'
    }
  }
}

// ---------------------------------------------------------------------------------------------
// internals

interface LabelDef {
  id: number
  name: string
  color: string
  description: string | null
  isDefault: boolean
}

interface PullData {
  id: number
  merged: boolean
  draft: boolean
  headSha: string
  headRef: string
  headRepo: string | null
  baseRef: string
  baseSha: string
}

interface IssueRec {
  number: number
  id: number
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

interface CommentRec {
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
}

interface Ctx {
  /** http://127.0.0.1:PORT[/api/v3] as the request came in. */
  base: string
  /** Raw (still percent-encoded) path segments after the repository part. */
  rawRest: string[]
  query: Record<string, string>
}

const ROLES: readonly EmulatorRole[] = ['admin', 'maintain', 'write', 'triage', 'read', 'none']
const LEGACY_PERMISSION: Record<EmulatorRole, string> = {
  admin: 'admin',
  maintain: 'write',
  write: 'write',
  triage: 'read',
  read: 'read',
  none: 'none'
}
const DEPLOYMENT_STATES = new Set([
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success'
])
const INACTIVE_STATES = new Set(['inactive', 'failure', 'error'])
const DOCS = 'https://docs.github.com/rest'
const LABEL_DOCS = `${DOCS}/issues/labels`
const MAX_LABEL_NAME = 50
const MAX_LABELS_PER_ISSUE = 100
const CLOCK_START = Date.UTC(2024, 0, 1, 0, 0, 0)

const codePoints = (s: string): number => [...s].length
const lower = (s: string): string => s.toLowerCase()
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

function stableHash(s: string): number {
  // FNV-1a, 32 bit: deterministic ids for logins.
  let h = 0x811c9dc5
  for (const ch of Buffer.from(s, 'utf8')) {
    h ^= ch
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

function fakeSha(seed: string): string {
  let out = ''
  let i = 0
  while (out.length < 40) out += stableHash(`${seed}#${i++}`).toString(16).padStart(8, '0')
  return out.slice(0, 40)
}

function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`emu:${prefix}:${id}`).toString('base64url')}`
}

function notFound(documentationUrl = DOCS): Reply {
  return {
    status: 404,
    body: { message: 'Not Found', documentation_url: documentationUrl, status: '404' }
  }
}

function validationFailed(
  documentationUrl: string,
  errors: unknown[],
  message = 'Validation Failed'
): Reply {
  return {
    status: 422,
    body: { message, errors, documentation_url: documentationUrl, status: '422' }
  }
}

function parsePositiveInt(s: string | undefined): number | null {
  if (s === undefined || !/^\d+$/.test(s)) return null
  const n = Number(s)
  return Number.isSafeInteger(n) && n > 0 ? n : null
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export class GitHubEmulator {
  readonly url: string
  readonly apiUrl: string
  readonly owner: string
  readonly repo: string
  readonly repoId: number
  readonly actor: string
  readonly requests: EmulatorRequest[] = []

  private readonly server: Server
  private readonly defaultPermission: EmulatorRole | 'not-found'
  private readonly defaultBranch: string
  private readonly issues = new Map<number, IssueRec>()
  /** Repository label definitions in creation order (ids ascend with it). */
  private readonly labelDefs: LabelDef[] = []
  /** labelDefs by lower-cased name, so seeding thousands of labelled PRs stays linear. */
  private readonly labelIndex = new Map<string, LabelDef>()
  private readonly commentRecs: CommentRec[] = []
  private readonly deploymentRecs: EmulatorDeployment[] = []
  private readonly roles = new Map<string, EmulatorRole>()
  private readonly missingUsers = new Set<string>()
  private readonly faults: (EmulatorFault & { remaining: number })[] = []
  /** Faults bound to one request, by its position in the emulator's lifetime count. */
  private readonly faultsAt = new Map<number, EmulatorFault>()
  private latencyMs = 0
  private clock = CLOCK_START
  private nextLabelId = 1000
  private nextCommentId = 5000
  private nextDeploymentId = 9000
  private nextStatusId = 20000
  private requestCounter = 0
  private readonly rateLimitReset: number
  /** A workflow token's hourly budgets (REST requests, GraphQL points) and what is left of them. */
  private readonly rate = {
    core: { limit: 1000, remaining: 1000 },
    graphql: { limit: 1000, remaining: 1000 }
  }

  private constructor(server: Server, port: number, opts: EmulatorStartOptions) {
    this.server = server
    this.url = `http://127.0.0.1:${port}`
    this.apiUrl = `${this.url}/api/v3`
    this.owner = opts.owner ?? 'apache'
    this.repo = opts.repo ?? 'superset'
    this.repoId = opts.repoId ?? 39464018
    this.actor = opts.actor ?? 'github-actions[bot]'
    this.defaultPermission = opts.defaultPermission ?? 'read'
    this.defaultBranch = opts.defaultBranch ?? 'master'
    this.rateLimitReset = Math.floor(Date.now() / 1000) + 3600
  }

  static async start(opts: EmulatorStartOptions = {}): Promise<GitHubEmulator> {
    const server = createServer()
    server.keepAliveTimeout = 1000
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => {
        server.off('error', reject)
        resolve()
      })
    })
    const { port } = server.address() as AddressInfo
    const emulator = new GitHubEmulator(server, port, opts)
    // Nobody knows the port before this point, so no request can arrive unhandled.
    server.on(
      'request',
      (req: IncomingMessage, res: ServerResponse) => void emulator.handle(req, res)
    )
    return emulator
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  get fullName(): string {
    return `${this.owner}/${this.repo}`
  }

  // -------------------------------------------------------------------------------------------
  // seeding and inspection

  addPull(p: EmulatorPull): void {
    if (this.issues.has(p.number)) throw new Error(`emulator: issue/PR #${p.number} already exists`)
    const merged = p.merged ?? false
    const state: 'open' | 'closed' = merged ? 'closed' : (p.state ?? 'open')
    const createdAt = p.createdAt ? this.observe(p.createdAt) : this.tick()
    const closedAt =
      state === 'closed' ? (p.closedAt ? this.observe(p.closedAt) : this.tick()) : null
    const updatedAt = p.updatedAt ? this.observe(p.updatedAt) : (closedAt ?? createdAt)
    this.issues.set(p.number, {
      number: p.number,
      id: 200_000_000 + p.number,
      title: p.title ?? `PR #${p.number}`,
      body: p.body === undefined ? '' : p.body,
      author: p.author ?? 'contributor',
      state,
      labels: this.resolveOrCreate(p.labels ?? []),
      createdAt,
      updatedAt,
      closedAt,
      pull: {
        id: 100_000_000 + p.number,
        merged,
        draft: p.draft ?? false,
        headSha: p.headSha,
        headRef: p.headRef ?? `feature-${p.number}`,
        headRepo: p.headRepo === undefined ? this.fullName : p.headRepo,
        baseRef: p.baseRef ?? this.defaultBranch,
        baseSha: p.baseSha ?? fakeSha(`base:${p.baseRef ?? this.defaultBranch}`)
      }
    })
  }

  /** A PR's head and state as the emulator holds them now. */
  pull(n: number): { headSha: string; headRepo: string | null; state: 'open' | 'closed' } {
    const rec = this.issues.get(n)
    if (!rec?.pull) throw new Error(`emulator: no PR #${n}`)
    return { headSha: rec.pull.headSha, headRepo: rec.pull.headRepo, state: rec.state }
  }

  /** Change a PR in place (a new push: `headSha`; closing or merging: `state`/`merged`). */
  updatePull(n: number, patch: Partial<Omit<EmulatorPull, 'number'>>): void {
    const rec = this.issues.get(n)
    if (!rec?.pull) throw new Error(`emulator: no PR #${n}`)
    const pull = rec.pull
    if (patch.headSha !== undefined) pull.headSha = patch.headSha
    if (patch.headRef !== undefined) pull.headRef = patch.headRef
    if (patch.headRepo !== undefined) pull.headRepo = patch.headRepo
    if (patch.baseRef !== undefined) pull.baseRef = patch.baseRef
    if (patch.baseSha !== undefined) pull.baseSha = patch.baseSha
    if (patch.draft !== undefined) pull.draft = patch.draft
    if (patch.title !== undefined) rec.title = patch.title
    if (patch.body !== undefined) rec.body = patch.body
    if (patch.author !== undefined) rec.author = patch.author
    if (patch.labels !== undefined) rec.labels = this.resolveOrCreate(patch.labels)
    if (patch.merged !== undefined) pull.merged = patch.merged
    const state = pull.merged ? 'closed' : (patch.state ?? rec.state)
    if (state !== rec.state) {
      rec.state = state
      rec.closedAt =
        state === 'closed' ? (patch.closedAt ? this.observe(patch.closedAt) : this.tick()) : null
    }
    rec.updatedAt = patch.updatedAt ? this.observe(patch.updatedAt) : this.tick()
  }

  /** Seed many PRs at once (scale tests); same rules as addPull. */
  addPulls(pulls: Iterable<EmulatorPull>): void {
    for (const p of pulls) this.addPull(p)
  }

  /** A plain issue (not a pull request). */
  addIssue(i: EmulatorIssue): void {
    if (this.issues.has(i.number)) throw new Error(`emulator: issue/PR #${i.number} already exists`)
    const createdAt = this.tick()
    const state = i.state ?? 'open'
    this.issues.set(i.number, {
      number: i.number,
      id: 200_000_000 + i.number,
      title: i.title ?? `Issue #${i.number}`,
      body: i.body === undefined ? '' : i.body,
      author: i.author ?? 'contributor',
      state,
      labels: this.resolveOrCreate(i.labels ?? []),
      createdAt,
      updatedAt: createdAt,
      closedAt: state === 'closed' ? createdAt : null,
      pull: null
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
    const rec = this.issues.get(n)
    if (!rec) throw new Error(`emulator: no issue/PR #${n}`)
    return rec.labels.map((l) => l.name)
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
    const rec = this.issues.get(n)
    if (!rec) throw new Error(`emulator: no issue/PR #${n}`)
    rec.labels = this.resolveOrCreate(names)
    rec.updatedAt = this.tick()
  }

  /** Define (or redefine) a repository label directly. */
  defineLabel(name: string, color = 'ededed', description: string | null = null): void {
    const existing = this.findDef(name)
    if (existing) {
      existing.color = color
      existing.description = description
      return
    }
    this.addDef(this.newDef(name, color, description))
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
    const rec = this.issues.get(n)
    if (!rec) throw new Error(`emulator: no issue/PR #${n}`)
    const at = this.tick()
    const c: CommentRec = {
      id: this.nextCommentId++,
      issue: n,
      body,
      user,
      createdAt: at,
      updatedAt: at
    }
    this.commentRecs.push(c)
    return c.id
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

  clearRequests(): void {
    this.requests.length = 0
  }

  injectFault(f: EmulatorFault): void {
    this.faults.push({ ...f, remaining: f.times ?? 1 })
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

  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms)
  }

  /** What is left of the token's hourly budget from now on (other runs spent the rest). */
  setRateLimitRemaining(remaining: number, resource: 'core' | 'graphql' = 'core'): void {
    this.rate[resource].remaining = Math.max(0, Math.min(remaining, this.rate[resource].limit))
  }

  rateLimitRemaining(resource: 'core' | 'graphql' = 'core'): number {
    return this.rate[resource].remaining
  }

  // -------------------------------------------------------------------------------------------
  // clock and helpers

  private tick(): string {
    this.clock += 1000
    return iso(this.clock)
  }

  /** Accept a caller-given timestamp and keep the clock monotonic past it. */
  private observe(ts: string): string {
    const ms = Date.parse(ts)
    if (Number.isNaN(ms)) throw new Error(`emulator: bad timestamp ${ts}`)
    if (ms > this.clock) this.clock = ms
    return iso(ms)
  }

  private findDef(name: string): LabelDef | undefined {
    return this.labelIndex.get(lower(name))
  }

  private addDef(def: LabelDef): void {
    this.labelDefs.push(def)
    this.labelIndex.set(lower(def.name), def)
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

  private newDef(name: string, color: string, description: string | null): LabelDef {
    return { id: this.nextLabelId++, name, color: lower(color), description, isDefault: false }
  }

  /** Resolve names to definitions, creating missing ones in grey as GitHub does; de-duplicates. */
  private resolveOrCreate(names: string[]): LabelDef[] {
    const out: LabelDef[] = []
    for (const name of names) {
      let def = this.findDef(name)
      if (!def) {
        def = this.newDef(name, 'ededed', null)
        this.addDef(def)
      }
      if (!out.includes(def)) out.push(def)
    }
    return out
  }

  private user(login: string): Record<string, unknown> {
    const isBot = login.endsWith('[bot]')
    const id =
      login === 'github-actions[bot]' ? 41898282 : (stableHash(login) % 90_000_000) + 1_000_000
    return {
      login,
      id,
      node_id: nodeId(isBot ? 'BOT' : 'U', id),
      avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
      gravatar_id: '',
      url: `${this.apiUrl}/users/${encodeURIComponent(login)}`,
      html_url: `https://github.com/${isBot ? 'apps/' + login.replace(/\[bot\]$/, '') : login}`,
      type: isBot ? 'Bot' : lower(login) === lower(this.owner) ? 'Organization' : 'User',
      site_admin: false
    }
  }

  private repoUrl(): string {
    return `${this.apiUrl}/repos/${this.owner}/${this.repo}`
  }

  private repository(fullName: string): Record<string, unknown> {
    const [owner = '', name = ''] = fullName.split('/')
    const isBase = lower(fullName) === lower(this.fullName)
    const id = isBase ? this.repoId : (stableHash(fullName) % 900_000_000) + 100_000_000
    return {
      id,
      node_id: nodeId('R', id),
      name,
      full_name: fullName,
      private: false,
      owner: this.user(owner),
      html_url: `https://github.com/${fullName}`,
      url: `${this.apiUrl}/repos/${fullName}`,
      fork: !isBase,
      visibility: 'public',
      default_branch: this.defaultBranch
    }
  }

  private labelJson(d: LabelDef): Record<string, unknown> {
    return {
      id: d.id,
      node_id: nodeId('LA', d.id),
      url: `${this.repoUrl()}/labels/${encodeURIComponent(d.name)}`,
      name: d.name,
      color: d.color,
      default: d.isDefault,
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
    const simple: Record<string, unknown> = {
      url,
      id: pull.id,
      node_id: nodeId('PR', pull.id),
      html_url: this.htmlUrl(rec),
      diff_url: `${this.htmlUrl(rec)}.diff`,
      patch_url: `${this.htmlUrl(rec)}.patch`,
      issue_url: `${this.repoUrl()}/issues/${rec.number}`,
      commits_url: `${url}/commits`,
      review_comments_url: `${url}/comments`,
      review_comment_url: `${this.repoUrl()}/pulls/comments{/number}`,
      comments_url: `${this.repoUrl()}/issues/${rec.number}/comments`,
      statuses_url: `${this.repoUrl()}/statuses/${pull.headSha}`,
      number: rec.number,
      state: rec.state,
      locked: false,
      title: rec.title,
      user: this.user(rec.author),
      body: rec.body,
      labels: rec.labels.map((l) => this.labelJson(l)),
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
        label: `${this.owner}:${pull.baseRef}`,
        ref: pull.baseRef,
        sha: pull.baseSha,
        user: this.user(this.owner),
        repo: this.repository(this.fullName)
      },
      author_association: 'CONTRIBUTOR',
      auto_merge: null,
      draft: pull.draft
    }
    if (!full) return simple
    return {
      ...simple,
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

  private issueJson(rec: IssueRec): Record<string, unknown> {
    const url = `${this.repoUrl()}/issues/${rec.number}`
    const out: Record<string, unknown> = {
      url,
      repository_url: this.repoUrl(),
      labels_url: `${url}/labels{/name}`,
      comments_url: `${url}/comments`,
      events_url: `${url}/events`,
      html_url: this.htmlUrl(rec),
      id: rec.id,
      node_id: nodeId(rec.pull ? 'PR_I' : 'I', rec.id),
      number: rec.number,
      title: rec.title,
      user: this.user(rec.author),
      labels: rec.labels.map((l) => this.labelJson(l)),
      state: rec.state,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: this.commentRecs.filter((c) => c.issue === rec.number).length,
      created_at: rec.createdAt,
      updated_at: rec.updatedAt,
      closed_at: rec.closedAt,
      author_association: 'CONTRIBUTOR',
      active_lock_reason: null,
      body: rec.body,
      state_reason: rec.pull || rec.state === 'open' ? null : 'completed'
    }
    if (rec.pull) {
      out.draft = rec.pull.draft
      out.pull_request = {
        url: `${this.repoUrl()}/pulls/${rec.number}`,
        html_url: this.htmlUrl(rec),
        diff_url: `${this.htmlUrl(rec)}.diff`,
        patch_url: `${this.htmlUrl(rec)}.patch`,
        merged_at: rec.pull.merged ? rec.closedAt : null
      }
    }
    return out
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
    const url = `${this.repoUrl()}/deployments/${d.id}`
    return {
      url,
      id: d.id,
      node_id: nodeId('DE', d.id),
      task: d.task,
      original_environment: d.original_environment,
      environment: d.environment,
      description: d.description,
      created_at: d.created_at,
      updated_at: d.updated_at,
      statuses_url: `${url}/statuses`,
      repository_url: this.repoUrl(),
      creator: this.user(d.creator),
      sha: d.sha,
      ref: d.ref,
      payload: d.payload,
      transient_environment: d.transient_environment,
      production_environment: d.production_environment,
      performed_via_github_app: null
    }
  }

  private statusJson(d: EmulatorDeployment, s: EmulatorDeploymentStatus): Record<string, unknown> {
    const depUrl = `${this.repoUrl()}/deployments/${d.id}`
    return {
      url: `${depUrl}/statuses/${s.id}`,
      id: s.id,
      node_id: nodeId('DES', s.id),
      state: s.state,
      creator: this.user(d.creator),
      description: s.description,
      environment: s.environment,
      target_url: s.target_url,
      created_at: s.created_at,
      updated_at: s.created_at,
      deployment_url: depUrl,
      repository_url: this.repoUrl(),
      environment_url: s.environment_url,
      log_url: s.log_url,
      performed_via_github_app: null
    }
  }

  /** One page of `items`; `toJson` renders only the items on that page (large lists stay cheap). */
  private paginate<T>(items: T[], ctx: Ctx, toJson?: (item: T) => unknown): Reply {
    const requested = parsePositiveInt(ctx.query.per_page)
    const perPage = Math.min(100, requested ?? 30)
    const page = parsePositiveInt(ctx.query.page) ?? 1
    const last = Math.max(1, Math.ceil(items.length / perPage))
    const slice = items.slice((page - 1) * perPage, page * perPage)
    const body = toJson ? slice.map(toJson) : slice
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

  private baseHeaders(resource: 'core' | 'graphql'): Record<string, string> {
    const { limit, remaining } = this.rate[resource]
    return {
      'x-ratelimit-limit': String(limit),
      'x-ratelimit-remaining': String(remaining),
      'x-ratelimit-reset': String(this.rateLimitReset),
      'x-ratelimit-used': String(limit - remaining),
      'x-ratelimit-resource': resource,
      'x-github-media-type': 'github.v3; format=json',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-request-id': this.requestId()
    }
  }

  private requestId(): string {
    return `EMU0:${this.requestCounter.toString(16).toUpperCase().padStart(6, '0')}`
  }

  // -------------------------------------------------------------------------------------------
  // GraphQL (read-only; see GQL_TYPES for the served slice of GitHub's schema)

  private graphqlRoute(method: string, body: unknown, authenticated: boolean): Reply {
    if (method !== 'POST') return notFound(GQL_DOCS)
    if (!authenticated) {
      return {
        status: 401,
        body: {
          message: 'This endpoint requires you to be authenticated.',
          documentation_url: `${GQL_DOCS}/guides/forming-calls-with-graphql#authenticating-with-graphql`
        }
      }
    }
    try {
      return { status: 200, body: this.graphql(body) }
    } catch (err) {
      if (err instanceof GqlFailure) return { status: 200, body: { errors: err.errors } }
      throw err
    }
  }

  /** One GraphQL request: `{"data": ...}` (maybe with `errors`), or throws GqlFailure for `{"errors": [...]}`. */
  private graphql(body: unknown): Record<string, unknown> {
    const b = isRecord(body) ? body : {}
    if (typeof b.query !== 'string' || b.query.length === 0) {
      throw new GqlFailure([
        { message: 'A query attribute must be specified and must be a string.' }
      ])
    }
    let variables: unknown = b.variables ?? {}
    if (typeof variables === 'string') {
      try {
        variables = JSON.parse(variables) as unknown
      } catch {
        variables = undefined
      }
    }
    if (!isRecord(variables)) throw new GqlFailure([{ message: 'Variables are invalid JSON.' }])
    const ops = new GqlParser(gqlTokenize(b.query)).document()
    const opName = typeof b.operationName === 'string' ? b.operationName : undefined
    let op: GqlOperation | undefined
    if (opName !== undefined) {
      op = ops.find((o) => o.name === opName)
      if (!op) throw new GqlFailure([{ message: `No operation named "${opName}"` }])
    } else if (ops.length > 1) {
      throw new GqlFailure([{ message: 'An operation name is required' }])
    } else {
      op = ops[0] as GqlOperation
    }
    if (op.operation !== 'query' || op.name === undefined || !GQL_OPERATIONS.has(op.name)) {
      throw new GqlFailure([
        {
          message:
            `The GitHub emulator does not serve the ${op.operation} ` +
            `${op.name === undefined ? '(anonymous)' : `'${op.name}'`}; ` +
            `it serves the queries ${[...GQL_OPERATIONS].join(', ')}.`,
          locations: [op.loc],
          extensions: { code: 'emulatorUnsupportedOperation' }
        }
      ])
    }
    const invalid = gqlValidate(op)
    if (invalid.length > 0) throw new GqlFailure(invalid)
    const vars = gqlCoerceVariables(op, variables)
    const ctx: GqlCtx = { vars, errors: [], usage: undefined }
    const data = this.gqlObject('Query', {}, op.selections, [], ctx)
    return ctx.errors.length > 0 ? { data, errors: ctx.errors } : { data }
  }

  /** Execute a selection set on an object; null when a non-null field came back null (it bubbles up). */
  private gqlObject(
    typeName: string,
    src: unknown,
    fields: GqlField[],
    path: (string | number)[],
    ctx: GqlCtx
  ): Record<string, unknown> | null {
    const out: Record<string, unknown> = {}
    for (const f of fields) {
      const key = f.alias ?? f.name
      if (f.name === '__typename') {
        out[key] = typeName
        continue
      }
      const def = (GQL_TYPES[typeName] as Record<string, GqlFieldDef>)[f.name] as GqlFieldDef
      const fieldPath = [...path, key]
      let value: unknown
      try {
        const args = new Map<string, unknown>()
        for (const [name, v] of f.args) args.set(name, gqlValueToJs(v, ctx.vars))
        value = this.gqlResolve(typeName, f, src, args, ctx)
      } catch (err) {
        if (!(err instanceof GqlFieldError)) throw err
        ctx.errors.push({
          ...(err.type ? { type: err.type } : {}),
          path: fieldPath,
          locations: [f.loc],
          message: err.message
        })
        value = null
      }
      const completed = this.gqlComplete(def.type, value, f, fieldPath, ctx)
      if (completed === null && def.type.endsWith('!')) return null
      out[key] = completed
    }
    return out
  }

  private gqlComplete(
    type: string,
    value: unknown,
    f: GqlField,
    path: (string | number)[],
    ctx: GqlCtx
  ): unknown {
    if (value === null || value === undefined) return null
    const t = type.endsWith('!') ? type.slice(0, -1) : type
    if (t.startsWith('[')) {
      const inner = t.slice(1, -1)
      const out: unknown[] = []
      for (const [i, item] of (value as unknown[]).entries()) {
        const c = this.gqlComplete(inner, item, f, [...path, i], ctx)
        if (c === null && inner.endsWith('!')) return null
        out.push(c)
      }
      return out
    }
    if (t in GQL_TYPES) return this.gqlObject(t, value, f.selections ?? [], path, ctx)
    return value
  }

  private gqlResolve(
    typeName: string,
    f: GqlField,
    src: unknown,
    args: Map<string, unknown>,
    ctx: GqlCtx
  ): unknown {
    const field = `${typeName}.${f.name}`
    switch (field) {
      case 'Query.repository': {
        const owner = args.get('owner') as string
        const name = args.get('name') as string
        if (lower(owner) !== lower(this.owner) || lower(name) !== lower(this.repo)) {
          throw new GqlFieldError(
            `Could not resolve to a Repository with the name '${owner}/${name}'.`,
            'NOT_FOUND'
          )
        }
        return {}
      }
      case 'Repository.id':
        return nodeId('R', this.repoId)
      case 'Repository.name':
        return this.repo
      case 'Repository.nameWithOwner':
        return this.fullName
      case 'Repository.url':
        return `https://github.com/${this.fullName}`
      case 'Repository.label':
        return this.findDef(args.get('name') as string) ?? null
      case 'Repository.labels': {
        const text = args.get('query')
        let defs = this.labelDefs
        if (typeof text === 'string' && text.length > 0) {
          const needle = lower(text)
          defs = defs.filter(
            (d) =>
              lower(d.name).includes(needle) ||
              (d.description !== null && lower(d.description).includes(needle))
          )
        }
        const order = args.get('orderBy') as { field: string; direction: string } | undefined
        const byName = order?.field === 'NAME'
        const key = (d: LabelDef): GqlKey => [byName ? lower(d.name) : d.id, d.id]
        return gqlConnection('labels', defs, key, order?.direction === 'DESC', args, f)
      }
      case 'Label.id':
        return nodeId('LA', (src as LabelDef).id)
      case 'Label.url':
        return `https://github.com/${this.fullName}/labels/${encodeURIComponent((src as LabelDef).name)}`
      case 'Label.issues':
      case 'Label.pullRequests': {
        ctx.usage ??= this.gqlLabelUsage()
        const usage = ctx.usage.get(src as LabelDef)
        const pulls = f.name === 'pullRequests'
        let recs = (pulls ? usage?.pulls : usage?.issues) ?? []
        const states = args.get('states') as string[] | null | undefined
        if (states) recs = recs.filter((r) => states.includes(gqlState(r)))
        const order = args.get('orderBy') as { field: string; direction: string } | undefined
        const key = (r: IssueRec): GqlKey => {
          if (order?.field === 'CREATED_AT') return [r.createdAt, r.number]
          if (order?.field === 'UPDATED_AT') return [r.updatedAt, r.number]
          if (order?.field === 'COMMENTS')
            return [this.commentRecs.filter((c) => c.issue === r.number).length, r.number]
          return [r.number, r.number]
        }
        return gqlConnection(f.name, recs, key, order?.direction === 'DESC', args, f)
      }
      case 'Issue.id':
        return nodeId('I', (src as IssueRec).id)
      case 'PullRequest.id':
        return nodeId('PR', ((src as IssueRec).pull as PullData).id)
      case 'Issue.state':
      case 'PullRequest.state':
        return gqlState(src as IssueRec)
      case 'Issue.closed':
      case 'PullRequest.closed':
        return (src as IssueRec).state === 'closed'
      case 'Issue.url':
      case 'PullRequest.url':
        return this.htmlUrl(src as IssueRec)
      case 'PullRequest.merged':
        return ((src as IssueRec).pull as PullData).merged
      case 'PullRequest.mergedAt': {
        const rec = src as IssueRec
        return (rec.pull as PullData).merged ? rec.closedAt : null
      }
      case 'PullRequest.isDraft':
        return ((src as IssueRec).pull as PullData).draft
      case 'PullRequest.headRefName':
        return ((src as IssueRec).pull as PullData).headRef
      case 'PullRequest.headRefOid':
        return ((src as IssueRec).pull as PullData).headSha
      case 'PullRequest.baseRefName':
        return ((src as IssueRec).pull as PullData).baseRef
      default:
        // Plain properties: Label name/color/description/isDefault, Issue and PullRequest
        // number/title/createdAt/updatedAt/closedAt, connection totalCount/nodes/pageInfo, PageInfo.
        return (src as Record<string, unknown>)[f.name] ?? null
    }
  }

  /** Issues and pull requests per label definition, in one pass over everything. */
  private gqlLabelUsage(): Map<LabelDef, { issues: IssueRec[]; pulls: IssueRec[] }> {
    const usage = new Map<LabelDef, { issues: IssueRec[]; pulls: IssueRec[] }>()
    for (const rec of this.issues.values()) {
      for (const def of rec.labels) {
        let u = usage.get(def)
        if (!u) {
          u = { issues: [], pulls: [] }
          usage.set(def, u)
        }
        ;(rec.pull ? u.pulls : u.issues).push(rec)
      }
    }
    return usage
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase()
    const rawUrl = req.url ?? '/'
    const qIdx = rawUrl.indexOf('?')
    let rawPath = qIdx >= 0 ? rawUrl.slice(0, qIdx) : rawUrl
    const search = qIdx >= 0 ? rawUrl.slice(qIdx + 1) : ''
    // GraphQL: @octokit/graphql posts to `/api/graphql` when baseUrl ends in `/api/v3` (GHES style)
    // and to `/graphql` otherwise. Both are recorded as `/graphql`.
    const graphqlPath = rawPath === '/api/graphql' || rawPath === '/graphql'
    const prefixed = rawPath === '/api/v3' || rawPath.startsWith('/api/v3/')
    if (prefixed) rawPath = rawPath.slice('/api/v3'.length)
    const rawSegments = rawPath.split('/').filter((s) => s.length > 0)
    let segments: string[] | null = null
    try {
      segments = rawSegments.map((s) => decodeURIComponent(s))
    } catch {
      segments = null
    }
    const path = graphqlPath ? '/graphql' : segments ? `/${segments.join('/')}` : rawPath
    const query: Record<string, string> = {}
    for (const [k, v] of new URLSearchParams(search)) query[k] = v

    let text = ''
    try {
      text = await readBody(req)
    } catch {
      /* a dropped connection: answer nothing useful */
    }
    let body: unknown = undefined
    let badJson = false
    if (text.length > 0) {
      try {
        body = JSON.parse(text) as unknown
      } catch {
        body = text
        badJson = true
      }
    }
    const entry: EmulatorRequest = { method, path, query, body, status: 0 }
    if (graphqlPath) {
      const operation = gqlOperationName(body)
      if (operation !== undefined) entry.operation = operation
    }
    this.requests.push(entry)
    const index = this.requestCounter++
    const faultAt = this.faultsAt.get(index)
    this.faultsAt.delete(index)
    if (this.latencyMs > 0) await sleep(this.latencyMs)

    let reply: Reply
    const budget = this.rate[graphqlPath ? 'graphql' : 'core']
    try {
      const fault = faultAt ?? this.takeFault(method, path)
      if (budget.remaining === 0) {
        reply = {
          status: 403,
          body: {
            message: `API rate limit exceeded for installation ID 1.`,
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-rate-limits',
            status: '403'
          }
        }
      } else if (fault) {
        if (fault.applied && segments && !graphqlPath) {
          this.route(method, segments, rawSegments, body, {
            base: prefixed ? this.apiUrl : this.url,
            rawRest: [],
            query
          })
        }
        fault.onAnswer?.()
        reply = {
          status: fault.status,
          body:
            fault.body !== undefined
              ? fault.body
              : graphqlPath && fault.status >= 500
                ? // What api.github.com/graphql sends with a 502 (a timeout or a GitHub bug).
                  {
                    data: null,
                    errors: [
                      {
                        message:
                          'Something went wrong while executing your query. This may be the result of a timeout, ' +
                          `or it could be a GitHub bug. Please include \`${this.requestId()}\` when reporting this issue.`
                      }
                    ]
                  }
                : {
                    message: STATUS_CODES[fault.status] ?? 'Error',
                    documentation_url: DOCS,
                    status: String(fault.status)
                  },
          headers: fault.headers
        }
      } else if (badJson) {
        reply = {
          status: 400,
          body: { message: 'Problems parsing JSON', documentation_url: DOCS, status: '400' }
        }
      } else if (graphqlPath) {
        reply = this.graphqlRoute(method, body, req.headers.authorization !== undefined)
      } else if (!segments) {
        reply = notFound()
      } else if (method !== 'GET' && method !== 'HEAD' && !req.headers.authorization) {
        reply = {
          status: 401,
          body: { message: 'Requires authentication', documentation_url: DOCS, status: '401' }
        }
      } else {
        const ctx: Ctx = { base: prefixed ? this.apiUrl : this.url, rawRest: [], query }
        reply = this.route(method, segments, rawSegments, body, ctx)
      }
    } catch (err) {
      reply = {
        status: 500,
        body: {
          message: `emulator error: ${err instanceof Error ? err.message : String(err)}`,
          status: '500'
        }
      }
    }
    entry.status = reply.status
    if (budget.remaining > 0) budget.remaining--
    this.send(res, method, reply, graphqlPath ? 'graphql' : 'core')
  }

  private send(
    res: ServerResponse,
    method: string,
    reply: Reply,
    resource: 'core' | 'graphql' = 'core'
  ): void {
    const headers: Record<string, string> = { ...this.baseHeaders(resource) }
    let payload: Buffer | undefined
    if (reply.status !== 204 && reply.status !== 304 && reply.body !== undefined) {
      if (typeof reply.body === 'string') {
        payload = Buffer.from(reply.body, 'utf8')
        headers['content-type'] = 'text/plain; charset=utf-8'
      } else {
        payload = Buffer.from(JSON.stringify(reply.body), 'utf8')
        headers['content-type'] = 'application/json; charset=utf-8'
      }
      headers['content-length'] = String(payload.length)
    }
    Object.assign(headers, reply.headers ?? {})
    res.writeHead(reply.status, headers)
    res.end(method === 'HEAD' ? undefined : payload)
  }

  private takeFault(method: string, path: string): EmulatorFault | undefined {
    const idx = this.faults.findIndex((f) => {
      if (f.method && f.method.toUpperCase() !== method) return false
      if (f.path === undefined) return true
      if (typeof f.path === 'string') return f.path === path
      f.path.lastIndex = 0
      return f.path.test(path)
    })
    if (idx < 0) return undefined
    const fault = this.faults[idx] as EmulatorFault & { remaining: number }
    fault.remaining--
    if (fault.remaining <= 0) this.faults.splice(idx, 1)
    return fault
  }

  private route(method: string, s: string[], raw: string[], body: unknown, ctx: Ctx): Reply {
    if (s[0] === 'repos' && s.length >= 3) {
      if (lower(s[1] ?? '') !== lower(this.owner) || lower(s[2] ?? '') !== lower(this.repo))
        return notFound()
      ctx.rawRest = raw.slice(3)
      return this.repoRoute(method, s.slice(3), body, ctx)
    }
    if (s[0] === 'repositories' && s.length >= 2) {
      if (s[1] !== String(this.repoId)) return notFound()
      ctx.rawRest = raw.slice(2)
      return this.repoRoute(method, s.slice(2), body, ctx)
    }
    return notFound()
  }

  private repoRoute(method: string, r: string[], body: unknown, ctx: Ctx): Reply {
    const [a, b, c, d] = r
    const n = r.length
    const get = method === 'GET' || method === 'HEAD'
    if (n === 0 && get) return { status: 200, body: this.repository(this.fullName) }

    if (a === 'pulls') {
      if (n === 1 && get) return this.listPulls(ctx)
      if (n === 2 && get) return this.getPull(b)
      return notFound()
    }

    if (a === 'issues') {
      if (b === 'comments' && n === 3) {
        if (get) return this.getComment(c)
        if (method === 'PATCH') return this.updateComment(c, body)
        if (method === 'DELETE') return this.deleteComment(c)
        return notFound()
      }
      if (n === 2 && get) return this.getIssue(b)
      if (n === 3 && c === 'labels') {
        if (get) return this.listIssueLabels(b, ctx)
        if (method === 'POST') return this.addIssueLabels(b, body, false)
        if (method === 'PUT') return this.addIssueLabels(b, body, true)
        if (method === 'DELETE') return this.removeAllIssueLabels(b)
        return notFound()
      }
      if (n === 4 && c === 'labels' && method === 'DELETE') return this.removeIssueLabel(b, d ?? '')
      if (n === 3 && c === 'comments') {
        if (get) return this.listComments(b, ctx)
        if (method === 'POST') return this.createComment(b, body)
        return notFound()
      }
      return notFound()
    }

    if (a === 'labels') {
      if (n === 1 && get)
        return this.paginate(
          this.labelDefs.map((l) => this.labelJson(l)),
          ctx
        )
      if (n === 1 && method === 'POST') return this.createLabel(body)
      if (n === 2) {
        if (get) {
          const def = this.findDef(b ?? '')
          return def
            ? { status: 200, body: this.labelJson(def) }
            : notFound(`${LABEL_DOCS}#get-a-label`)
        }
        if (method === 'PATCH') return this.updateLabel(b ?? '', body)
        if (method === 'DELETE') return this.deleteLabel(b ?? '')
      }
      return notFound()
    }

    if (a === 'collaborators' && n === 3 && c === 'permission' && get)
      return this.permission(b ?? '')

    if (a === 'deployments') {
      if (n === 1 && get) return this.listDeployments(ctx)
      if (n === 1 && method === 'POST') return this.createDeployment(body)
      const dep = this.deploymentRecs.find((x) => String(x.id) === b)
      const depDocs = `${DOCS}/deployments/deployments`
      if (n === 2 && get)
        return dep
          ? { status: 200, body: this.deploymentJson(dep) }
          : notFound(`${depDocs}#get-a-deployment`)
      if (n === 2 && method === 'DELETE') return this.deleteDeployment(dep)
      if (n === 3 && c === 'statuses') {
        if (!dep) return notFound(`${DOCS}/deployments/statuses`)
        if (get)
          return this.paginate(
            [...dep.statuses].reverse().map((st) => this.statusJson(dep, st)),
            ctx
          )
        if (method === 'POST') return this.createDeploymentStatus(dep, body)
      }
      if (n === 4 && c === 'statuses' && get && dep) {
        const st = dep.statuses.find((x) => String(x.id) === d)
        return st
          ? { status: 200, body: this.statusJson(dep, st) }
          : notFound(`${DOCS}/deployments/statuses`)
      }
      return notFound()
    }
    return notFound()
  }

  // -------------------------------------------------------------------------------------------
  // pulls and issues

  private issueFor(n: string | undefined): IssueRec | undefined {
    const num = parsePositiveInt(n)
    return num === null ? undefined : this.issues.get(num)
  }

  private getPull(n: string | undefined): Reply {
    const rec = this.issueFor(n)
    if (!rec?.pull) return notFound(`${DOCS}/pulls/pulls#get-a-pull-request`)
    return { status: 200, body: this.pullJson(rec, true) }
  }

  private listPulls(ctx: Ctx): Reply {
    const q = ctx.query
    const state = q.state ?? 'open'
    if (!['open', 'closed', 'all'].includes(state)) {
      return validationFailed(`${DOCS}/pulls/pulls#list-pull-requests`, [
        { resource: 'Search', field: 'state', code: 'invalid' }
      ])
    }
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
    if (q.base) pulls = pulls.filter((i) => (i.pull as PullData).baseRef === q.base)
    const key = (i: IssueRec): string => (sort === 'updated' ? i.updatedAt : i.createdAt)
    pulls.sort((x, y) => {
      const c = key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : x.number - y.number
      return direction === 'desc' ? -c : c
    })
    // Only the requested page is rendered: a 1,000-PR listing costs O(n log n) per page, not O(n) renders.
    return this.paginate(pulls, ctx, (i) => this.pullJson(i, false))
  }

  private getIssue(n: string | undefined): Reply {
    const rec = this.issueFor(n)
    if (!rec) return notFound(`${DOCS}/issues/issues#get-an-issue`)
    return { status: 200, body: this.issueJson(rec) }
  }

  // -------------------------------------------------------------------------------------------
  // labels on issues

  private listIssueLabels(n: string | undefined, ctx: Ctx): Reply {
    const rec = this.issueFor(n)
    if (!rec) return notFound(`${LABEL_DOCS}#list-labels-for-an-issue`)
    return this.paginate(
      rec.labels.map((l) => this.labelJson(l)),
      ctx
    )
  }

  private addIssueLabels(n: string | undefined, body: unknown, replace: boolean): Reply {
    const docs = replace
      ? `${LABEL_DOCS}#set-labels-for-an-issue`
      : `${LABEL_DOCS}#add-labels-to-an-issue`
    const rec = this.issueFor(n)
    if (!rec) return notFound(docs)
    const names = labelNamesFrom(body)
    if (names === null) {
      return validationFailed(
        docs,
        [],
        "Invalid request.\n\nFor 'properties/labels', the value is not an array of label names."
      )
    }
    for (const name of names) {
      if (name.trim().length === 0 || codePoints(name) > MAX_LABEL_NAME) {
        return validationFailed(docs, [
          { value: name, resource: 'Label', field: 'name', code: 'invalid' }
        ])
      }
    }
    const base = replace ? [] : [...rec.labels]
    const keys = new Set(base.map((l) => lower(l.name)))
    const fresh: string[] = []
    for (const name of names) {
      if (!keys.has(lower(name))) {
        keys.add(lower(name))
        fresh.push(name)
      }
    }
    if (keys.size > MAX_LABELS_PER_ISSUE) {
      // GitHub's wording; Octokit renders it "Validation Failed. Issues cannot have more than 100 labels: ".
      return validationFailed(
        docs,
        [],
        'Validation Failed. Issues cannot have more than 100 labels'
      )
    }
    rec.labels = [...base, ...this.resolveOrCreate(fresh)]
    rec.updatedAt = this.tick()
    return { status: 200, body: rec.labels.map((l) => this.labelJson(l)) }
  }

  private removeIssueLabel(n: string | undefined, name: string): Reply {
    const docs = `${LABEL_DOCS}#remove-a-label-from-an-issue`
    const rec = this.issueFor(n)
    if (!rec) return notFound(docs)
    const idx = rec.labels.findIndex((l) => lower(l.name) === lower(name))
    if (idx < 0) {
      return {
        status: 404,
        body: { message: 'Label does not exist', documentation_url: docs, status: '404' }
      }
    }
    rec.labels.splice(idx, 1)
    rec.updatedAt = this.tick()
    return { status: 200, body: rec.labels.map((l) => this.labelJson(l)) }
  }

  private removeAllIssueLabels(n: string | undefined): Reply {
    const rec = this.issueFor(n)
    if (!rec) return notFound(`${LABEL_DOCS}#remove-all-labels-from-an-issue`)
    rec.labels = []
    rec.updatedAt = this.tick()
    return { status: 204 }
  }

  // -------------------------------------------------------------------------------------------
  // repository label definitions

  private checkLabelFields(
    docs: string,
    name: unknown,
    color: unknown,
    description: unknown,
    nameRequired: boolean
  ): Reply | null {
    if (name === undefined || name === null) {
      if (nameRequired)
        return validationFailed(docs, [{ resource: 'Label', code: 'missing_field', field: 'name' }])
    } else if (typeof name !== 'string' || name.trim().length === 0) {
      return validationFailed(docs, [{ resource: 'Label', code: 'invalid', field: 'name' }])
    } else if (codePoints(name) > MAX_LABEL_NAME) {
      return validationFailed(docs, [
        {
          resource: 'Label',
          code: 'custom',
          field: 'name',
          message: 'name is too long (maximum is 50 characters)'
        }
      ])
    }
    if (color !== undefined && (typeof color !== 'string' || !/^[0-9a-fA-F]{6}$/.test(color))) {
      return validationFailed(docs, [{ resource: 'Label', code: 'invalid', field: 'color' }])
    }
    if (description !== undefined && description !== null) {
      if (typeof description !== 'string') {
        return validationFailed(docs, [
          { resource: 'Label', code: 'invalid', field: 'description' }
        ])
      }
      if (codePoints(description) > 100) {
        return validationFailed(docs, [
          {
            resource: 'Label',
            code: 'custom',
            field: 'description',
            message: 'description is too long (maximum is 100 characters)'
          }
        ])
      }
    }
    return null
  }

  private createLabel(body: unknown): Reply {
    const docs = `${LABEL_DOCS}#create-a-label`
    const b = isRecord(body) ? body : {}
    const bad = this.checkLabelFields(docs, b.name, b.color, b.description, true)
    if (bad) return bad
    const name = b.name as string
    if (this.findDef(name)) {
      return validationFailed(docs, [{ resource: 'Label', code: 'already_exists', field: 'name' }])
    }
    const def = this.newDef(
      name,
      typeof b.color === 'string' ? b.color : 'ededed',
      typeof b.description === 'string' ? b.description : null
    )
    this.addDef(def)
    return { status: 201, body: this.labelJson(def) }
  }

  private updateLabel(name: string, body: unknown): Reply {
    const docs = `${LABEL_DOCS}#update-a-label`
    const def = this.findDef(name)
    if (!def) return notFound(docs)
    const b = isRecord(body) ? body : {}
    const bad = this.checkLabelFields(docs, b.new_name, b.color, b.description, false)
    if (bad) return bad
    if (typeof b.new_name === 'string') {
      const clash = this.findDef(b.new_name)
      if (clash && clash !== def) {
        return validationFailed(docs, [
          { resource: 'Label', code: 'already_exists', field: 'name' }
        ])
      }
      this.renameDef(def, b.new_name)
    }
    if (typeof b.color === 'string') def.color = lower(b.color)
    if (b.description !== undefined)
      def.description = typeof b.description === 'string' ? b.description : null
    return { status: 200, body: this.labelJson(def) }
  }

  private deleteLabel(name: string): Reply {
    const def = this.findDef(name)
    if (!def) return notFound(`${LABEL_DOCS}#delete-a-label`)
    this.removeDef(def)
    for (const rec of this.issues.values()) {
      if (rec.labels.includes(def)) rec.labels = rec.labels.filter((l) => l !== def)
    }
    return { status: 204 }
  }

  // -------------------------------------------------------------------------------------------
  // collaborators

  private permission(login: string): Reply {
    const key = lower(login)
    const docs = `${DOCS}/collaborators/collaborators#get-repository-permissions-for-a-user`
    if (this.missingUsers.has(key)) return notFound(docs)
    const role = this.roles.get(key) ?? this.defaultPermission
    if (role === 'not-found') return notFound(docs)
    const rank = ROLES.length - 1 - ROLES.indexOf(role) // none 0 … admin 5
    const user = {
      ...this.user(login),
      permissions: {
        admin: rank >= 5,
        maintain: rank >= 4,
        push: rank >= 3,
        triage: rank >= 2,
        pull: rank >= 1
      },
      role_name: role
    }
    return { status: 200, body: { permission: LEGACY_PERMISSION[role], role_name: role, user } }
  }

  // -------------------------------------------------------------------------------------------
  // comments

  private listComments(n: string | undefined, ctx: Ctx): Reply {
    const rec = this.issueFor(n)
    if (!rec) return notFound(`${DOCS}/issues/comments#list-issue-comments`)
    return this.paginate(
      this.commentRecs.filter((c) => c.issue === rec.number).map((c) => this.commentJson(c)),
      ctx
    )
  }

  private commentBodyError(docs: string, body: unknown): Reply | null {
    const text = isRecord(body) ? body.body : undefined
    if (text === undefined || text === null) {
      return validationFailed(docs, [
        { resource: 'IssueComment', code: 'missing_field', field: 'body' }
      ])
    }
    if (typeof text !== 'string') {
      return validationFailed(docs, [{ resource: 'IssueComment', code: 'invalid', field: 'body' }])
    }
    if (codePoints(text) > 65536) {
      return validationFailed(docs, [
        {
          resource: 'IssueComment',
          code: 'custom',
          field: 'body',
          message: 'body is too long (maximum is 65536 characters)'
        }
      ])
    }
    return null
  }

  private createComment(n: string | undefined, body: unknown): Reply {
    const docs = `${DOCS}/issues/comments#create-an-issue-comment`
    const rec = this.issueFor(n)
    if (!rec) return notFound(docs)
    const bad = this.commentBodyError(docs, body)
    if (bad) return bad
    const at = this.tick()
    const c: CommentRec = {
      id: this.nextCommentId++,
      issue: rec.number,
      body: (body as { body: string }).body,
      user: this.actor,
      createdAt: at,
      updatedAt: at
    }
    this.commentRecs.push(c)
    rec.updatedAt = at
    return { status: 201, body: this.commentJson(c) }
  }

  private findComment(id: string | undefined): CommentRec | undefined {
    return this.commentRecs.find((c) => String(c.id) === id)
  }

  private getComment(id: string | undefined): Reply {
    const c = this.findComment(id)
    return c
      ? { status: 200, body: this.commentJson(c) }
      : notFound(`${DOCS}/issues/comments#get-an-issue-comment`)
  }

  private updateComment(id: string | undefined, body: unknown): Reply {
    const docs = `${DOCS}/issues/comments#update-an-issue-comment`
    const c = this.findComment(id)
    if (!c) return notFound(docs)
    const bad = this.commentBodyError(docs, body)
    if (bad) return bad
    c.body = (body as { body: string }).body
    c.updatedAt = this.tick()
    return { status: 200, body: this.commentJson(c) }
  }

  private deleteComment(id: string | undefined): Reply {
    const c = this.findComment(id)
    if (!c) return notFound(`${DOCS}/issues/comments#delete-an-issue-comment`)
    this.commentRecs.splice(this.commentRecs.indexOf(c), 1)
    return { status: 204 }
  }

  // -------------------------------------------------------------------------------------------
  // deployments

  /** Resolve a ref the way GitHub would for this repository; null when no such ref exists. */
  private resolveRef(ref: string): string | null {
    if (/^[0-9a-f]{40}$/i.test(ref)) return lower(ref)
    const pulls = [...this.issues.values()].filter((i) => i.pull)
    const branch = ref.replace(/^refs\/heads\//, '')
    const pullRef = /^(?:refs\/)?pull\/(\d+)\/(?:head|merge)$/.exec(ref)
    if (pullRef) {
      const rec = this.issues.get(Number(pullRef[1]))
      return rec?.pull ? rec.pull.headSha : null
    }
    if (/^[0-9a-f]{7,39}$/i.test(ref)) {
      const hit = pulls.find((i) => (i.pull as PullData).headSha.startsWith(lower(ref)))
      if (hit) return (hit.pull as PullData).headSha
    }
    const byHead = pulls
      .filter((i) => {
        const p = i.pull as PullData
        return (
          p.headRef === branch &&
          (p.headRepo === null || lower(p.headRepo) === lower(this.fullName))
        )
      })
      .sort((x, y) => y.number - x.number)[0]
    if (byHead) return (byHead.pull as PullData).headSha
    const byBase = pulls.find((i) => (i.pull as PullData).baseRef === branch)
    if (byBase) return (byBase.pull as PullData).baseSha
    if (branch === this.defaultBranch) return fakeSha(`base:${this.defaultBranch}`)
    return null
  }

  private createDeployment(body: unknown): Reply {
    const docs = `${DOCS}/deployments/deployments#create-a-deployment`
    const b = isRecord(body) ? body : {}
    if (typeof b.ref !== 'string' || b.ref.length === 0) {
      return validationFailed(docs, [
        { resource: 'Deployment', code: 'missing_field', field: 'ref' }
      ])
    }
    const sha = this.resolveRef(b.ref)
    if (!sha) {
      return {
        status: 422,
        body: { message: `No ref found for: ${b.ref}`, documentation_url: docs, status: '422' }
      }
    }
    const environment = typeof b.environment === 'string' ? b.environment : 'production'
    let payload: unknown = b.payload ?? {}
    if (typeof payload === 'string') {
      try {
        payload = JSON.parse(payload) as unknown
      } catch {
        /* GitHub keeps a non-JSON string payload as is */
      }
    }
    const at = this.tick()
    const dep: EmulatorDeployment = {
      id: this.nextDeploymentId++,
      ref: b.ref,
      sha,
      task: typeof b.task === 'string' ? b.task : 'deploy',
      environment,
      original_environment: environment,
      description: typeof b.description === 'string' ? b.description : null,
      transient_environment: b.transient_environment === true,
      production_environment:
        typeof b.production_environment === 'boolean'
          ? b.production_environment
          : environment === 'production',
      payload,
      creator: this.actor,
      created_at: at,
      updated_at: at,
      statuses: []
    }
    this.deploymentRecs.push(dep)
    return { status: 201, body: this.deploymentJson(dep) }
  }

  private listDeployments(ctx: Ctx): Reply {
    const q = ctx.query
    const list = this.deploymentRecs
      .filter(
        (d) =>
          (q.environment === undefined || d.environment === q.environment) &&
          (q.ref === undefined || d.ref === q.ref) &&
          (q.sha === undefined || d.sha === q.sha) &&
          (q.task === undefined || d.task === q.task)
      )
      .sort((x, y) => y.id - x.id)
    return this.paginate(
      list.map((d) => this.deploymentJson(d)),
      ctx
    )
  }

  private createDeploymentStatus(dep: EmulatorDeployment, body: unknown): Reply {
    const docs = `${DOCS}/deployments/statuses#create-a-deployment-status`
    const b = isRecord(body) ? body : {}
    if (typeof b.state !== 'string' || !DEPLOYMENT_STATES.has(b.state)) {
      return validationFailed(docs, [
        { resource: 'DeploymentStatus', code: 'invalid', field: 'state' }
      ])
    }
    const str = (v: unknown): string => (typeof v === 'string' ? v : '')
    if (codePoints(str(b.description)) > 140) {
      return validationFailed(docs, [
        {
          resource: 'DeploymentStatus',
          code: 'custom',
          field: 'description',
          message: 'description is too long (maximum is 140 characters)'
        }
      ])
    }
    if (typeof b.environment === 'string' && b.environment.length > 0)
      dep.environment = b.environment
    const logUrl = str(b.log_url) || str(b.target_url)
    const at = this.tick()
    const status: EmulatorDeploymentStatus = {
      id: this.nextStatusId++,
      state: b.state,
      description: str(b.description),
      environment: dep.environment,
      environment_url: str(b.environment_url),
      log_url: logUrl,
      target_url: logUrl,
      created_at: at
    }
    dep.statuses.push(status)
    dep.updated_at = at
    // auto_inactive (default true): a success marks earlier successful, non-transient, non-production
    // deployments of the same environment inactive.
    if (b.state === 'success' && b.auto_inactive !== false) {
      for (const other of this.deploymentRecs) {
        if (
          other.id < dep.id &&
          other.environment === dep.environment &&
          !other.transient_environment &&
          !other.production_environment &&
          other.statuses[other.statuses.length - 1]?.state === 'success'
        ) {
          const t = this.tick()
          other.statuses.push({
            id: this.nextStatusId++,
            state: 'inactive',
            description: '',
            environment: other.environment,
            environment_url: '',
            log_url: '',
            target_url: '',
            created_at: t
          })
          other.updated_at = t
        }
      }
    }
    return { status: 201, body: this.statusJson(dep, status) }
  }

  private deleteDeployment(dep: EmulatorDeployment | undefined): Reply {
    const docs = `${DOCS}/deployments/deployments#delete-a-deployment`
    if (!dep) return notFound(docs)
    const latest = dep.statuses[dep.statuses.length - 1]
    const inactive = latest !== undefined && INACTIVE_STATES.has(latest.state)
    const onlyInEnvironment =
      this.deploymentRecs.filter((d) => d.environment === dep.environment).length === 1
    if (!inactive && !onlyInEnvironment) {
      return {
        status: 422,
        body: {
          message:
            'We cannot delete an active deployment unless it is the only deployment in a given environment.',
          documentation_url: docs,
          status: '422'
        }
      }
    }
    this.deploymentRecs.splice(this.deploymentRecs.indexOf(dep), 1)
    return { status: 204 }
  }
}

/** `{"labels": [...]}`, a bare array, or a single string; entries are names or `{name}` objects. */
function labelNamesFrom(body: unknown): string[] | null {
  let raw: unknown = body
  if (isRecord(body)) raw = body.labels
  if (typeof raw === 'string') return [raw]
  if (!Array.isArray(raw)) return null
  const out: string[] = []
  for (const item of raw as unknown[]) {
    if (typeof item === 'string') out.push(item)
    else if (isRecord(item) && typeof item.name === 'string') out.push(item.name)
    else return null
  }
  return out
}

// ---------------------------------------------------------------------------------------------
// GraphQL: a parser for executable documents (no fragments, no directives), static validation
// against GQL_TYPES with GitHub's (graphql-ruby's) error shapes, and connection paging.

const GQL_DOCS = 'https://docs.github.com/graphql'

/** The operations the emulator answers; any other operation name gets a GraphQL error. */
const GQL_OPERATIONS: ReadonlySet<string> = new Set(['ShowtimeLabelScan', 'ShowtimeLabelPulls'])

/** GitHub's per-connection page limit. */
const GQL_MAX_PAGE = 100

interface GqlLoc {
  line: number
  column: number
}

interface GqlError {
  message: string
  type?: string
  path?: (string | number)[]
  locations?: GqlLoc[]
  extensions?: Record<string, unknown>
}

/** The whole request fails: the response is `{"errors": [...]}` without `data`. */
class GqlFailure extends Error {
  constructor(readonly errors: GqlError[]) {
    super(errors[0]?.message ?? 'GraphQL error')
  }
}

/** One field fails: it becomes null (bubbling to the nearest nullable parent) and the error is listed. */
class GqlFieldError extends Error {
  constructor(
    message: string,
    readonly type?: string
  ) {
    super(message)
  }
}

type GqlValue =
  | { kind: 'Variable'; name: string; loc: GqlLoc }
  | { kind: 'Int' | 'Float'; value: number; raw: string }
  | { kind: 'String'; value: string }
  | { kind: 'Boolean'; value: boolean }
  | { kind: 'Null' }
  | { kind: 'Enum'; value: string }
  | { kind: 'List'; values: GqlValue[] }
  | { kind: 'Object'; fields: Map<string, GqlValue> }

interface GqlField {
  alias: string | undefined
  name: string
  args: Map<string, GqlValue>
  selections: GqlField[] | null
  loc: GqlLoc
}

interface GqlVarDef {
  name: string
  /** Printed type, e.g. `String!` or `[PullRequestState!]`. */
  type: string
  defaultValue: GqlValue | undefined
  loc: GqlLoc
}

interface GqlOperation {
  operation: 'query' | 'mutation' | 'subscription'
  name: string | undefined
  varDefs: GqlVarDef[]
  selections: GqlField[]
  loc: GqlLoc
}

interface GqlCtx {
  vars: Record<string, unknown>
  errors: GqlError[]
  usage: Map<LabelDef, { issues: IssueRec[]; pulls: IssueRec[] }> | undefined
}

/** A keyset position: [sort value, tie-breaker]. Cursors encode the last item's key. */
type GqlKey = [string | number, number]

interface GqlFieldDef {
  /** Printed output type. */
  type: string
  /** Arguments GitHub accepts, with their printed input types. */
  args?: Record<string, string>
  /** Arguments GitHub accepts that the emulator does not implement. */
  unimplementedArgs?: string[]
  /** A field GitHub has that the emulator does not implement. */
  unimplemented?: true
}

const GQL_CONNECTION_ARGS = { first: 'Int', after: 'String' }
const GQL_PAGE_FIELDS: Record<string, GqlFieldDef> = {
  totalCount: { type: 'Int!' },
  pageInfo: { type: 'PageInfo!' },
  edges: { type: '[Edge]', unimplemented: true }
}

/**
 * The served slice of GitHub's GraphQL schema (field types and arguments as in GitHub's public
 * schema). A field outside it answers GitHub's `undefinedField` error, even where the real schema
 * has it; fields marked unimplemented answer an emulator error instead.
 */
const GQL_TYPES: Record<string, Record<string, GqlFieldDef>> = {
  Query: {
    repository: {
      type: 'Repository',
      args: { owner: 'String!', name: 'String!' },
      unimplementedArgs: ['followRenames']
    }
  },
  Repository: {
    id: { type: 'ID!' },
    name: { type: 'String!' },
    nameWithOwner: { type: 'String!' },
    url: { type: 'URI!' },
    label: { type: 'Label', args: { name: 'String!' } },
    labels: {
      type: 'LabelConnection',
      args: { ...GQL_CONNECTION_ARGS, query: 'String', orderBy: 'LabelOrder' },
      unimplementedArgs: ['last', 'before']
    }
  },
  LabelConnection: { ...GQL_PAGE_FIELDS, nodes: { type: '[Label]' } },
  Label: {
    id: { type: 'ID!' },
    name: { type: 'String!' },
    color: { type: 'String!' },
    description: { type: 'String' },
    isDefault: { type: 'Boolean!' },
    url: { type: 'URI!' },
    issues: {
      type: 'IssueConnection!',
      args: { ...GQL_CONNECTION_ARGS, states: '[IssueState!]', orderBy: 'IssueOrder' },
      unimplementedArgs: ['last', 'before', 'labels', 'filterBy']
    },
    pullRequests: {
      type: 'PullRequestConnection!',
      args: { ...GQL_CONNECTION_ARGS, states: '[PullRequestState!]', orderBy: 'IssueOrder' },
      unimplementedArgs: ['last', 'before', 'labels', 'headRefName', 'baseRefName']
    }
  },
  IssueConnection: { ...GQL_PAGE_FIELDS, nodes: { type: '[Issue]' } },
  PullRequestConnection: { ...GQL_PAGE_FIELDS, nodes: { type: '[PullRequest]' } },
  Issue: {
    id: { type: 'ID!' },
    number: { type: 'Int!' },
    title: { type: 'String!' },
    state: { type: 'IssueState!' },
    closed: { type: 'Boolean!' },
    url: { type: 'URI!' },
    createdAt: { type: 'DateTime!' },
    updatedAt: { type: 'DateTime!' },
    closedAt: { type: 'DateTime' }
  },
  PullRequest: {
    id: { type: 'ID!' },
    number: { type: 'Int!' },
    title: { type: 'String!' },
    state: { type: 'PullRequestState!' },
    closed: { type: 'Boolean!' },
    merged: { type: 'Boolean!' },
    isDraft: { type: 'Boolean!' },
    url: { type: 'URI!' },
    headRefName: { type: 'String!' },
    headRefOid: { type: 'GitObjectID!' },
    baseRefName: { type: 'String!' },
    createdAt: { type: 'DateTime!' },
    updatedAt: { type: 'DateTime!' },
    closedAt: { type: 'DateTime' },
    mergedAt: { type: 'DateTime' }
  },
  PageInfo: {
    hasNextPage: { type: 'Boolean!' },
    hasPreviousPage: { type: 'Boolean!' },
    startCursor: { type: 'String' },
    endCursor: { type: 'String' }
  }
}

const GQL_ENUMS: Record<string, readonly string[]> = {
  IssueState: ['OPEN', 'CLOSED'],
  PullRequestState: ['OPEN', 'CLOSED', 'MERGED'],
  OrderDirection: ['ASC', 'DESC'],
  LabelOrderField: ['NAME', 'CREATED_AT'],
  IssueOrderField: ['CREATED_AT', 'UPDATED_AT', 'COMMENTS']
}

const GQL_INPUTS: Record<string, Record<string, string>> = {
  LabelOrder: { field: 'LabelOrderField!', direction: 'OrderDirection!' },
  IssueOrder: { field: 'IssueOrderField!', direction: 'OrderDirection!' }
}

const GQL_SCALARS = new Set(['String', 'Int', 'Float', 'Boolean', 'ID'])

const gqlNamed = (type: string): string => type.replace(/[[\]!]/g, '')

/** GraphQL state of an issue or pull request record. */
function gqlState(rec: IssueRec): string {
  if (rec.state === 'open') return 'OPEN'
  return rec.pull?.merged ? 'MERGED' : 'CLOSED'
}

/** The operation name for the request log, without a full parse. */
function gqlOperationName(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined
  if (typeof body.operationName === 'string') return body.operationName
  if (typeof body.query !== 'string') return undefined
  const text = body.query.replace(/#[^\n\r]*/g, '')
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(text)?.[1]
}

// --- tokenizer and parser ------------------------------------------------------------------

type GqlTokKind = 'punct' | 'name' | 'int' | 'float' | 'string' | 'eof'

interface GqlTok extends GqlLoc {
  kind: GqlTokKind
  value: string
}

const GQL_PUNCT_NAMES: Record<string, string> = {
  '{': 'LCURLY',
  '}': 'RCURLY',
  '(': 'LPAREN',
  ')': 'RPAREN',
  '[': 'LBRACKET',
  ']': 'RBRACKET',
  ':': 'COLON',
  $: 'VAR_SIGN',
  '!': 'BANG',
  '=': 'EQUALS',
  '@': 'DIR_SIGN',
  '...': 'ELLIPSIS',
  '|': 'PIPE',
  '&': 'AMP'
}

const GQL_KEYWORDS = new Set([
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'true',
  'false',
  'null'
])

/** graphql-ruby's wording, as GitHub answers it: `Parse error on "}" (RCURLY) at [4, 3]`. */
function gqlParseError(tok: GqlTok): GqlFailure {
  if (tok.kind === 'eof')
    return new GqlFailure([{ message: 'Unexpected end of document', locations: [] }])
  const kind =
    tok.kind === 'punct'
      ? (GQL_PUNCT_NAMES[tok.value] ?? 'error')
      : tok.kind === 'name'
        ? GQL_KEYWORDS.has(tok.value)
          ? tok.value.toUpperCase()
          : 'IDENTIFIER'
        : tok.kind.toUpperCase()
  return new GqlFailure([
    {
      message: `Parse error on "${tok.value}" (${kind}) at [${tok.line}, ${tok.column}]`,
      locations: [{ line: tok.line, column: tok.column }]
    }
  ])
}

function gqlUnsupported(what: string, loc: GqlLoc): GqlFailure {
  return new GqlFailure([
    { message: `The GitHub emulator does not support GraphQL ${what}.`, locations: [loc] }
  ])
}

const GQL_NAME_RE = /[_A-Za-z][_0-9A-Za-z]*/y
const GQL_NUMBER_RE = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y
const GQL_ESCAPES: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t'
}

function gqlTokenize(src: string): GqlTok[] {
  const toks: GqlTok[] = []
  const n = src.length
  let i = 0
  let line = 1
  let lineStart = 0
  const bad = (value: string, column: number): GqlFailure =>
    gqlParseError({ kind: 'punct', value, line, column })
  while (i < n) {
    const c = src[i] as string
    if (c === '\n' || c === '\r') {
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1
      line++
      lineStart = i
      continue
    }
    if (c === ' ' || c === '\t' || c === ',' || c === '\ufeff') {
      i++
      continue
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n' && src[i] !== '\r') i++
      continue
    }
    const column = i - lineStart + 1
    if (src.startsWith('...', i)) {
      toks.push({ kind: 'punct', value: '...', line, column })
      i += 3
      continue
    }
    if ('{}()[]:$!=@|&'.includes(c)) {
      toks.push({ kind: 'punct', value: c, line, column })
      i++
      continue
    }
    GQL_NAME_RE.lastIndex = i
    const name = GQL_NAME_RE.exec(src)
    if (name) {
      toks.push({ kind: 'name', value: name[0], line, column })
      i += name[0].length
      continue
    }
    GQL_NUMBER_RE.lastIndex = i
    const num = GQL_NUMBER_RE.exec(src)
    if (num) {
      toks.push({ kind: num[1] || num[2] ? 'float' : 'int', value: num[0], line, column })
      i += num[0].length
      continue
    }
    if (src.startsWith('"""', i)) {
      let j = i + 3
      let value = ''
      for (;;) {
        if (j >= n) throw bad(src.slice(i, Math.min(n, i + 20)), column)
        if (src.startsWith('\\"""', j)) {
          value += '"""'
          j += 4
        } else if (src.startsWith('"""', j)) {
          break
        } else {
          const ch = src[j] as string
          if (ch === '\n') {
            line++
            lineStart = j + 1
          }
          value += ch
          j++
        }
      }
      toks.push({ kind: 'string', value, line, column })
      i = j + 3
      continue
    }
    if (c === '"') {
      let j = i + 1
      let value = ''
      for (;;) {
        const ch = src[j]
        if (ch === undefined || ch === '\n' || ch === '\r') throw bad(src.slice(i, j), column)
        if (ch === '"') break
        if (ch === '\\') {
          const e = src[j + 1] ?? ''
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(j + 2, j + 6))) {
            value += String.fromCharCode(parseInt(src.slice(j + 2, j + 6), 16))
            j += 6
          } else if (e in GQL_ESCAPES) {
            value += GQL_ESCAPES[e] as string
            j += 2
          } else {
            throw bad(src.slice(i, j + 2), column)
          }
        } else {
          value += ch
          j++
        }
      }
      toks.push({ kind: 'string', value, line, column })
      i = j + 1
      continue
    }
    throw bad(String.fromCodePoint(src.codePointAt(i) as number), column)
  }
  toks.push({ kind: 'eof', value: '', line, column: i - lineStart + 1 })
  return toks
}

class GqlParser {
  private pos = 0

  constructor(private readonly toks: GqlTok[]) {}

  document(): GqlOperation[] {
    const ops: GqlOperation[] = []
    do ops.push(this.definition())
    while (this.peek().kind !== 'eof')
    return ops
  }

  private peek(): GqlTok {
    return this.toks[this.pos] as GqlTok
  }

  private next(): GqlTok {
    const t = this.peek()
    if (t.kind !== 'eof') this.pos++
    return t
  }

  private at(punct: string): boolean {
    const t = this.peek()
    return t.kind === 'punct' && t.value === punct
  }

  private expect(punct: string): GqlTok {
    const t = this.next()
    if (t.kind !== 'punct' || t.value !== punct) throw gqlParseError(t)
    return t
  }

  private name(): GqlTok {
    const t = this.next()
    if (t.kind !== 'name') throw gqlParseError(t)
    return t
  }

  private noDirectives(): void {
    if (this.at('@')) throw gqlUnsupported('directives', this.peek())
  }

  private definition(): GqlOperation {
    const t = this.peek()
    const loc = { line: t.line, column: t.column }
    if (this.at('{')) {
      return {
        operation: 'query',
        name: undefined,
        varDefs: [],
        selections: this.selectionSet(),
        loc
      }
    }
    if (t.kind === 'name' && t.value === 'fragment') throw gqlUnsupported('fragments', t)
    if (t.kind !== 'name' || !['query', 'mutation', 'subscription'].includes(t.value)) {
      throw gqlParseError(t)
    }
    this.next()
    const name = this.peek().kind === 'name' ? this.next().value : undefined
    const varDefs = this.at('(') ? this.variableDefinitions() : []
    this.noDirectives()
    return {
      operation: t.value as GqlOperation['operation'],
      name,
      varDefs,
      selections: this.selectionSet(),
      loc
    }
  }

  private variableDefinitions(): GqlVarDef[] {
    this.expect('(')
    const defs: GqlVarDef[] = []
    do {
      const dollar = this.expect('$')
      const name = this.name().value
      this.expect(':')
      const type = this.type()
      let defaultValue: GqlValue | undefined
      if (this.at('=')) {
        this.next()
        defaultValue = this.value()
      }
      this.noDirectives()
      defs.push({ name, type, defaultValue, loc: { line: dollar.line, column: dollar.column } })
    } while (!this.at(')'))
    this.next()
    return defs
  }

  private type(): string {
    let printed: string
    if (this.at('[')) {
      this.next()
      printed = `[${this.type()}]`
      this.expect(']')
    } else {
      printed = this.name().value
    }
    if (this.at('!')) {
      this.next()
      printed += '!'
    }
    return printed
  }

  private selectionSet(): GqlField[] {
    this.expect('{')
    const fields: GqlField[] = []
    do fields.push(this.selection())
    while (!this.at('}'))
    this.next()
    return fields
  }

  private selection(): GqlField {
    if (this.at('...')) throw gqlUnsupported('fragments', this.peek())
    const first = this.name()
    let alias: string | undefined
    let name = first.value
    if (this.at(':')) {
      this.next()
      alias = first.value
      name = this.name().value
    }
    const args = new Map<string, GqlValue>()
    if (this.at('(')) {
      this.next()
      do {
        const argName = this.name().value
        this.expect(':')
        args.set(argName, this.value())
      } while (!this.at(')'))
      this.next()
    }
    this.noDirectives()
    const selections = this.at('{') ? this.selectionSet() : null
    return { alias, name, args, selections, loc: { line: first.line, column: first.column } }
  }

  private value(): GqlValue {
    const t = this.next()
    if (t.kind === 'punct' && t.value === '$') {
      return { kind: 'Variable', name: this.name().value, loc: { line: t.line, column: t.column } }
    }
    if (t.kind === 'int') return { kind: 'Int', value: Number(t.value), raw: t.value }
    if (t.kind === 'float') return { kind: 'Float', value: Number(t.value), raw: t.value }
    if (t.kind === 'string') return { kind: 'String', value: t.value }
    if (t.kind === 'name') {
      if (t.value === 'true' || t.value === 'false')
        return { kind: 'Boolean', value: t.value === 'true' }
      if (t.value === 'null') return { kind: 'Null' }
      return { kind: 'Enum', value: t.value }
    }
    if (t.kind === 'punct' && t.value === '[') {
      const values: GqlValue[] = []
      while (!this.at(']')) values.push(this.value())
      this.next()
      return { kind: 'List', values }
    }
    if (t.kind === 'punct' && t.value === '{') {
      const fields = new Map<string, GqlValue>()
      while (!this.at('}')) {
        const key = this.name().value
        this.expect(':')
        fields.set(key, this.value())
      }
      this.next()
      return { kind: 'Object', fields }
    }
    throw gqlParseError(t)
  }
}

// --- validation ----------------------------------------------------------------------------

function gqlPrint(v: GqlValue): string {
  switch (v.kind) {
    case 'Variable':
      return `$${v.name}`
    case 'Int':
    case 'Float':
      return v.raw
    case 'String':
      return JSON.stringify(v.value)
    case 'Boolean':
      return String(v.value)
    case 'Null':
      return 'null'
    case 'Enum':
      return v.value
    case 'List':
      return `[${v.values.map(gqlPrint).join(', ')}]`
    case 'Object':
      return `{${[...v.fields].map(([k, x]) => `${k}: ${gqlPrint(x)}`).join(', ')}}`
  }
}

/** Whether a literal (no variables inside) fits an input type. */
function gqlLiteralFits(v: GqlValue, type: string): boolean {
  if (v.kind === 'Variable') return true // checked separately
  const nonNull = type.endsWith('!')
  const t = nonNull ? type.slice(0, -1) : type
  if (v.kind === 'Null') return !nonNull
  if (t.startsWith('[')) {
    const inner = t.slice(1, -1)
    return v.kind === 'List'
      ? v.values.every((x) => gqlLiteralFits(x, inner))
      : gqlLiteralFits(v, inner)
  }
  if (v.kind === 'List') return false
  const enumValues = GQL_ENUMS[t]
  if (enumValues) return v.kind === 'Enum' && enumValues.includes(v.value)
  const input = GQL_INPUTS[t]
  if (input) {
    if (v.kind !== 'Object') return false
    for (const k of v.fields.keys()) if (!(k in input)) return false
    return Object.entries(input).every(([k, ft]) => {
      const fv = v.fields.get(k)
      return fv === undefined ? !ft.endsWith('!') : gqlLiteralFits(fv, ft)
    })
  }
  switch (t) {
    case 'Int':
      return v.kind === 'Int' && Math.abs(v.value) <= 2 ** 31 - 1
    case 'Float':
      return v.kind === 'Int' || v.kind === 'Float'
    case 'Boolean':
      return v.kind === 'Boolean'
    case 'ID':
      return v.kind === 'String' || v.kind === 'Int'
    default:
      return v.kind === 'String'
  }
}

/** May a variable of type `varType` be used where `expected` is wanted (spec: IsVariableUsageAllowed)? */
function gqlTypeFits(varType: string, expected: string): boolean {
  if (expected.endsWith('!')) {
    return varType.endsWith('!') && gqlTypeFits(varType.slice(0, -1), expected.slice(0, -1))
  }
  if (varType.endsWith('!')) return gqlTypeFits(varType.slice(0, -1), expected)
  if (expected.startsWith('[')) {
    return varType.startsWith('[') && gqlTypeFits(varType.slice(1, -1), expected.slice(1, -1))
  }
  return !varType.startsWith('[') && varType === expected
}

function gqlIsInputType(type: string): boolean {
  const named = gqlNamed(type)
  return GQL_SCALARS.has(named) || named in GQL_ENUMS || named in GQL_INPUTS
}

/** Static validation with graphql-ruby's messages and extension codes. */
function gqlValidate(op: GqlOperation): GqlError[] {
  const errors: GqlError[] = []
  const opLabel = op.name === undefined ? op.operation : `${op.operation} ${op.name}`
  const declared = new Map(op.varDefs.map((v) => [v.name, v]))
  const used = new Set<string>()
  for (const v of op.varDefs) {
    if (!gqlIsInputType(v.type)) {
      errors.push({
        path: [opLabel],
        extensions: {
          code: 'variableRequiresValidType',
          typeName: gqlNamed(v.type),
          variableName: v.name
        },
        locations: [v.loc],
        message: `${gqlNamed(v.type)} isn't a defined input type (on $${v.name})`
      })
    }
  }

  const checkVariables = (
    v: GqlValue,
    expected: string,
    argName: string,
    path: string[],
    loc: GqlLoc
  ): void => {
    if (v.kind === 'List') {
      const t = expected.replace(/!$/, '')
      const inner = t.startsWith('[') ? t.slice(1, -1) : t
      for (const x of v.values) checkVariables(x, inner, argName, path, loc)
      return
    }
    if (v.kind === 'Object') {
      const input = GQL_INPUTS[gqlNamed(expected)] ?? {}
      for (const [k, x] of v.fields) checkVariables(x, input[k] ?? 'String', argName, path, loc)
      return
    }
    if (v.kind !== 'Variable') return
    used.add(v.name)
    const def = declared.get(v.name)
    if (!def) {
      errors.push({
        path,
        extensions: { code: 'variableNotDefined', variableName: v.name },
        locations: [v.loc],
        message: `Variable $${v.name} is used by ${op.name ?? 'anonymous query'} but not declared`
      })
      return
    }
    const effective =
      def.defaultValue !== undefined && def.defaultValue.kind !== 'Null' && !def.type.endsWith('!')
        ? `${def.type}!`
        : def.type
    if (!gqlIsInputType(def.type) || gqlTypeFits(effective, expected)) return
    const nullability = gqlTypeFits(`${effective.replace(/!$/, '')}!`, expected)
    const kind = nullability ? 'Nullability mismatch' : 'Type mismatch'
    errors.push({
      path,
      extensions: {
        code: 'variableMismatch',
        variableName: v.name,
        typeName: def.type,
        argumentName: argName,
        errorMessage: kind
      },
      locations: [loc],
      message: `${kind} on variable $${v.name} and argument ${argName} (${def.type} / ${expected})`
    })
  }

  const visit = (typeName: string, fields: GqlField[], path: string[]): void => {
    for (const f of fields) {
      const fieldPath = [...path, f.alias ?? f.name]
      const loc = [f.loc]
      if (f.name === '__typename') {
        if (f.selections) {
          errors.push({
            path: fieldPath,
            extensions: {
              code: 'selectionMismatch',
              nodeName: "field '__typename'",
              typeName: 'String!'
            },
            locations: loc,
            message:
              "Selections can't be made on scalars (field '__typename' returns String! but has selections [...])"
          })
        }
        continue
      }
      const def = GQL_TYPES[typeName]?.[f.name]
      if (!def) {
        errors.push({
          path: fieldPath,
          extensions: { code: 'undefinedField', typeName, fieldName: f.name },
          locations: loc,
          message: `Field '${f.name}' doesn't exist on type '${typeName}'`
        })
        continue
      }
      if (def.unimplemented) {
        errors.push({
          path: fieldPath,
          extensions: { code: 'emulatorUnimplemented', typeName, fieldName: f.name },
          locations: loc,
          message: `The GitHub emulator does not implement ${typeName}.${f.name}.`
        })
        continue
      }
      for (const [argName, value] of f.args) {
        const argType = def.args?.[argName]
        if (def.unimplementedArgs?.includes(argName)) {
          errors.push({
            path: [...fieldPath, argName],
            extensions: {
              code: 'emulatorUnimplemented',
              typeName,
              fieldName: f.name,
              argumentName: argName
            },
            locations: loc,
            message: `The GitHub emulator does not implement argument '${argName}' of ${typeName}.${f.name}.`
          })
        } else if (argType === undefined) {
          errors.push({
            path: [...fieldPath, argName],
            extensions: {
              code: 'argumentNotAccepted',
              name: f.name,
              typeName: 'Field',
              argumentName: argName
            },
            locations: loc,
            message: `Field '${f.name}' doesn't accept argument '${argName}'`
          })
        } else if (!gqlLiteralFits(value, argType)) {
          errors.push({
            path: [...fieldPath, argName],
            extensions: {
              code: 'argumentLiteralsIncompatible',
              typeName: 'Field',
              argumentName: argName
            },
            locations: loc,
            message: `Argument '${argName}' on Field '${f.name}' has an invalid value (${gqlPrint(value)}). Expected type '${argType}'.`
          })
        } else {
          checkVariables(value, argType, argName, [...fieldPath, argName], f.loc)
        }
      }
      const missing = Object.entries(def.args ?? {})
        .filter(([a, t]) => t.endsWith('!') && !f.args.has(a))
        .map(([a]) => a)
      if (missing.length > 0) {
        errors.push({
          path: fieldPath,
          extensions: {
            code: 'missingRequiredArguments',
            className: 'Field',
            name: f.name,
            arguments: missing.join(', ')
          },
          locations: loc,
          message: `Field '${f.name}' is missing required arguments: ${missing.join(', ')}`
        })
      }
      const named = gqlNamed(def.type)
      if (named in GQL_TYPES) {
        if (f.selections) visit(named, f.selections, fieldPath)
        else
          errors.push({
            path: fieldPath,
            extensions: {
              code: 'selectionMismatch',
              nodeName: `field '${f.name}'`,
              typeName: def.type
            },
            locations: loc,
            message: `Field must have selections (field '${f.name}' returns ${def.type} but has no selections. Did you mean '${f.name} { ... }'?)`
          })
      } else if (f.selections) {
        errors.push({
          path: fieldPath,
          extensions: {
            code: 'selectionMismatch',
            nodeName: `field '${f.name}'`,
            typeName: def.type
          },
          locations: loc,
          message: `Selections can't be made on scalars (field '${f.name}' returns ${def.type} but has selections [${f.selections.map((s) => JSON.stringify(s.name)).join(', ')}])`
        })
      }
    }
  }
  visit('Query', op.selections, [opLabel])
  for (const v of op.varDefs) {
    if (!used.has(v.name)) {
      errors.push({
        path: [opLabel],
        extensions: { code: 'variableNotUsed', variableName: v.name },
        locations: [v.loc],
        message: `Variable $${v.name} is declared by ${op.name ?? 'anonymous query'} but not used`
      })
    }
  }
  return errors
}

// --- variables and values ------------------------------------------------------------------

/** Why a JSON variable value does not fit `type`, or null when it does. */
function gqlInputProblem(
  value: unknown,
  type: string,
  path: (string | number)[]
): { path: (string | number)[]; explanation: string } | null {
  const nonNull = type.endsWith('!')
  const t = nonNull ? type.slice(0, -1) : type
  if (value === null || value === undefined) {
    return nonNull ? { path, explanation: 'Expected value to not be null' } : null
  }
  if (t.startsWith('[')) {
    const inner = t.slice(1, -1)
    if (!Array.isArray(value)) return gqlInputProblem(value, inner, path)
    for (const [i, x] of (value as unknown[]).entries()) {
      const p = gqlInputProblem(x, inner, [...path, i])
      if (p) return p
    }
    return null
  }
  const cannot = { path, explanation: `Could not coerce value ${JSON.stringify(value)} to ${t}` }
  const enumValues = GQL_ENUMS[t]
  if (enumValues) {
    return typeof value === 'string' && enumValues.includes(value)
      ? null
      : {
          path,
          explanation: `Expected ${JSON.stringify(value)} to be one of: ${enumValues.join(', ')}`
        }
  }
  const input = GQL_INPUTS[t]
  if (input) {
    if (!isRecord(value)) return cannot
    for (const k of Object.keys(value)) {
      if (!(k in input)) return { path: [...path, k], explanation: 'Field is not defined on ' + t }
    }
    for (const [k, ft] of Object.entries(input)) {
      const p = gqlInputProblem(value[k], ft, [...path, k])
      if (p) return p
    }
    return null
  }
  switch (t) {
    case 'Int':
      return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31 - 1 ? null : cannot
    case 'Float':
      return typeof value === 'number' ? null : cannot
    case 'Boolean':
      return typeof value === 'boolean' ? null : cannot
    case 'ID':
      return typeof value === 'string' || Number.isInteger(value) ? null : cannot
    default:
      return typeof value === 'string' ? null : cannot
  }
}

/** graphql-ruby's `Variable $x of type T was provided invalid value` for each bad variable. */
function gqlCoerceVariables(
  op: GqlOperation,
  given: Record<string, unknown>
): Record<string, unknown> {
  const vars: Record<string, unknown> = {}
  const errors: GqlError[] = []
  for (const def of op.varDefs) {
    const provided = Object.prototype.hasOwnProperty.call(given, def.name)
    const value = provided ? given[def.name] : undefined
    if (!provided && def.defaultValue !== undefined) {
      vars[def.name] = gqlValueToJs(def.defaultValue, {})
      continue
    }
    const problem = gqlInputProblem(value, def.type, [])
    if (problem) {
      const where = problem.path.length > 0 ? ` for ${problem.path.join('.')}` : ''
      errors.push({
        extensions: { value: value ?? null, problems: [problem] },
        locations: [def.loc],
        message: `Variable $${def.name} of type ${def.type} was provided invalid value${where}`
      })
      continue
    }
    vars[def.name] = value ?? null
  }
  if (errors.length > 0) throw new GqlFailure(errors)
  return vars
}

function gqlValueToJs(v: GqlValue, vars: Record<string, unknown>): unknown {
  switch (v.kind) {
    case 'Variable':
      return vars[v.name] ?? null
    case 'Int':
    case 'Float':
    case 'String':
    case 'Boolean':
    case 'Enum':
      return v.value
    case 'Null':
      return null
    case 'List':
      return v.values.map((x) => gqlValueToJs(x, vars))
    case 'Object':
      return Object.fromEntries([...v.fields].map(([k, x]) => [k, gqlValueToJs(x, vars)]))
  }
}

// --- connections ---------------------------------------------------------------------------

function gqlCompareKeys(a: GqlKey, b: GqlKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1
  return a[1] - b[1]
}

function gqlEncodeCursor(key: GqlKey): string {
  return Buffer.from(`cursor:v2:${JSON.stringify(key)}`, 'utf8').toString('base64')
}

function gqlDecodeCursor(cursor: string): GqlKey | null {
  const text = Buffer.from(cursor, 'base64').toString('utf8')
  if (!text.startsWith('cursor:v2:')) return null
  try {
    const key = JSON.parse(text.slice('cursor:v2:'.length)) as unknown
    if (
      Array.isArray(key) &&
      key.length === 2 &&
      (typeof key[0] === 'string' || typeof key[0] === 'number') &&
      typeof key[1] === 'number'
    ) {
      return key as GqlKey
    }
  } catch {
    /* not ours */
  }
  return null
}

/**
 * One page of a connection, keyset-paged like GitHub's: the cursor holds the last item's sort key,
 * so items added or removed between pages neither repeat nor shift the rest.
 */
function gqlConnection<T>(
  name: string,
  items: T[],
  key: (item: T) => GqlKey,
  descending: boolean,
  args: Map<string, unknown>,
  f: GqlField
): Record<string, unknown> {
  const first = args.get('first') as number | null | undefined
  const after = args.get('after') as string | null | undefined
  const wantsNodes = (f.selections ?? []).some((s) => s.name === 'nodes' || s.name === 'edges')
  if ((first === undefined || first === null) && wantsNodes) {
    throw new GqlFailure([
      {
        type: 'MISSING_PAGINATION_BOUNDARIES',
        locations: [f.loc],
        message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`
      }
    ])
  }
  if (typeof first === 'number' && first > GQL_MAX_PAGE) {
    throw new GqlFailure([
      {
        type: 'EXCESSIVE_PAGINATION',
        locations: [f.loc],
        message: `Requesting ${first} records on the \`${name}\` connection exceeds the \`first\` limit of ${GQL_MAX_PAGE} records.`
      }
    ])
  }
  if (typeof first === 'number' && first < 0) {
    throw new GqlFailure([
      {
        locations: [f.loc],
        message: `\`first\` on the \`${name}\` connection cannot be less than zero.`
      }
    ])
  }
  const dir = descending ? -1 : 1
  const keyed = items.map((item) => ({ item, key: key(item) }))
  keyed.sort((a, b) => dir * gqlCompareKeys(a.key, b.key))
  let start = 0
  if (typeof after === 'string') {
    const cursor = gqlDecodeCursor(after)
    const sample = keyed[0]?.key
    if (!cursor || (sample && typeof sample[0] !== typeof cursor[0])) {
      throw new GqlFieldError(
        `\`${after}\` does not appear to be a valid cursor.`,
        'INVALID_CURSOR_ARGUMENTS'
      )
    }
    start = keyed.findIndex((k) => dir * gqlCompareKeys(k.key, cursor) > 0)
    if (start < 0) start = keyed.length
  }
  const size = typeof first === 'number' ? first : keyed.length
  const page = keyed.slice(start, start + size)
  const firstKey = page[0]?.key
  const lastKey = page[page.length - 1]?.key
  return {
    totalCount: items.length,
    nodes: page.map((k) => k.item),
    pageInfo: {
      hasNextPage: start + page.length < keyed.length,
      hasPreviousPage: start > 0,
      startCursor: firstKey ? gqlEncodeCursor(firstKey) : null,
      endCursor: lastKey ? gqlEncodeCursor(lastKey) : null
    }
  }
}
