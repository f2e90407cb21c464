/**
 * A stateful, deterministic emulator of the slice of GitHub's REST API that Showtime uses.
 *
 * The real Octokit client (`@actions/github` getOctokit, plugin-retry, plugin-throttling) talks to it
 * over HTTP on 127.0.0.1. Routes are served with or without the GHES-style `/api/v3` prefix.
 *
 * It can never be kinder than GitHub: every request is checked against GitHub's REST description
 * (github/openapi.ts; an unknown operation answers 404, an undeclared query parameter or a body
 * off the schema 422, each recorded as a violation that fails `stop()`), answers are checked
 * against the described response schemas, GraphQL runs on GitHub's published schema
 * (github/graphql.ts), and a workflow token's rate limits apply (github/rate-limits.ts).
 *
 * This file is the request path (parsing, rate limits, faults, the description's checks) and the
 * seeding API tests use; each resource is served by a module of its own in github/: pulls,
 * labels, comments, collaborators, deployments, with their JSON in github/json.ts. Pagination
 * uses a `link` header whose URLs point at `/repositories/{id}/…`, omitted when everything fits on
 * one page.
 *
 * GraphQL is served at `/api/graphql` (where @octokit/graphql posts when baseUrl ends in `/api/v3`)
 * and `/graphql`, recorded in the request log as `POST /graphql` with `operation` set. Operations
 * of the REST description that Showtime does not call are not served: they answer 404 and are
 * recorded as violations, so a test that needs one fails naming it.
 */
import type { IncomingMessage, Server } from 'node:http'
import { STATUS_CODES } from 'node:http'
import { type Clock, realClock } from './clock.js'
import { permission } from './github/collaborators.js'
import { createComment, updateComment } from './github/comments.js'
import { createDeployment, createDeploymentStatus, listDeployments } from './github/deployments.js'
import { executeGraphql, nodeId } from './github/graphql.js'
import { GitHubJson } from './github/json.js'
import {
  addIssueLabels,
  createLabel,
  deleteLabel,
  listIssueEvents,
  removeIssueLabel,
  updateLabel
} from './github/labels.js'
import { githubRestDescription, type Operation } from './github/openapi.js'
import { listPulls } from './github/pulls.js'
import {
  PRIMARY_RATE_LIMIT_MESSAGE,
  RATE_LIMIT_DOCS,
  type RateRefusal,
  type RateResource,
  RateLimits,
  SECONDARY_RATE_LIMIT_MESSAGE
} from './github/rate-limits.js'
import {
  type Ctx,
  DOCS,
  type Reply,
  failure,
  notFound,
  paginate,
  validationFailed
} from './github/replies.js'
import {
  type EmulatorDeployment,
  type EmulatorRole,
  GitHubStore,
  type IssueRec,
  type PullData,
  ROLES,
  lower
} from './github/store.js'
import { FaultQueue, HttpEmulator, type HttpReply, listen } from './http-emulator.js'

export type { EmulatorDeployment, EmulatorDeploymentStatus, EmulatorRole } from './github/store.js'

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

export interface EmulatorComment {
  id: number
  body: string
  user: string
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

const GRAPHQL_DOCS = 'https://docs.github.com/graphql'

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** What `f` returns, or null when it throws. */
function attempt<T>(f: () => T): T | null {
  try {
    return f()
  } catch {
    return null
  }
}

export class GitHubEmulator extends HttpEmulator<EmulatorRequest> {
  readonly apiUrl: string
  readonly owner: string
  readonly repo: string
  /** Numeric repository id used in `link` headers (`/repositories/{id}/…`). */
  readonly repoId: number
  /** Login of the token's user; authors comments, deployments and statuses. */
  readonly actor: string

  private readonly store = new GitHubStore()
  private readonly json: GitHubJson
  private readonly faults = new FaultQueue<EmulatorFault>()
  /** Faults bound to one request, by its position in the emulator's lifetime count. */
  private readonly faultsAt = new Map<number, EmulatorFault>()
  private readonly rateLimits: RateLimits
  private requestCounter = 0

  private constructor(server: Server, url: string, timeScale: number, clock: Clock) {
    super('GitHub', server, url)
    this.apiUrl = `${this.url}/api/v3`
    this.json = new GitHubJson(this.store, this.apiUrl)
    this.rateLimits = new RateLimits(timeScale, () => clock.now())
    ;({ owner: this.owner, repo: this.repo, repoId: this.repoId, actor: this.actor } = this.store)
  }

  /**
   * `timeScale`: rate-limit windows last this fraction of a real minute and hour (as the bundle's
   * SHOWTIME_TIME_SCALE); `clock`: what the rate limits read the time from (default real time).
   */
  static async start(opts: { timeScale?: number; clock?: Clock } = {}): Promise<GitHubEmulator> {
    const { server, url } = await listen()
    return new GitHubEmulator(server, url, opts.timeScale ?? 1, opts.clock ?? realClock)
  }

  get fullName(): string {
    return this.store.fullName
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

  /** A PR's head, state and description as the emulator holds them now. */
  pull(n: number): {
    headSha: string
    headRepo: string | null
    state: 'open' | 'closed'
    body: string
  } {
    const rec = this.store.seeded(n, true)
    return {
      headSha: rec.pull.headSha,
      headRepo: rec.pull.headRepo,
      state: rec.state,
      body: rec.body ?? ''
    }
  }

  /** Change a PR in place (a new push: `headSha`; closing or merging: `state`/`merged`). */
  updatePull(n: number, patch: Partial<Pick<EmulatorPull, 'headSha' | 'state' | 'merged'>>): void {
    const rec = this.store.seeded(n, true)
    rec.pull.headSha = patch.headSha ?? rec.pull.headSha
    rec.pull.merged = patch.merged ?? rec.pull.merged
    const state = rec.pull.merged ? 'closed' : (patch.state ?? rec.state)
    if (state !== rec.state) rec.closedAt = state === 'closed' ? this.store.tick() : null
    rec.state = state
    rec.updatedAt = this.store.tick()
  }

  /** A plain issue, or with `pull` a pull request. */
  addIssue(i: EmulatorIssue, pull: PullData | null = null): void {
    const { issues } = this.store
    if (issues.has(i.number)) throw new Error(`emulator: issue/PR #${i.number} already exists`)
    const createdAt = this.store.tick()
    const closedAt = i.state === 'closed' ? this.store.tick() : null
    issues.set(i.number, {
      number: i.number,
      title: i.title ?? `${pull ? 'PR' : 'Issue'} #${i.number}`,
      body: i.body === undefined ? '' : i.body,
      author: i.author ?? 'contributor',
      state: i.state ?? 'open',
      labels: this.store.resolveOrCreate(i.labels ?? []),
      createdAt,
      updatedAt: closedAt ?? createdAt,
      closedAt,
      pull
    })
  }

  setPermission(login: string, role: EmulatorRole): void {
    if (!ROLES.includes(role)) throw new Error(`emulator: unknown role ${role}`)
    this.store.missingUsers.delete(lower(login))
    this.store.roles.set(lower(login), role)
  }

  /** Make `login` a user that does not exist on GitHub: the permission endpoint answers 404. */
  setUserMissing(login: string): void {
    this.store.roles.delete(lower(login))
    this.store.missingUsers.add(lower(login))
  }

  /** Current label names on issue/PR n, in the order they were attached. */
  labelsOn(n: number): string[] {
    return this.store.seeded(n).labels.map((l) => l.name)
  }

  /** Numbers of the issues and PRs (any state) carrying the label `name` (case-insensitive), ascending. */
  issuesWithLabel(name: string): number[] {
    const def = this.store.findDef(name)
    if (!def) return []
    return [...this.store.issues.values()]
      .filter((rec) => rec.labels.includes(def))
      .map((rec) => rec.number)
      .sort((a, b) => a - b)
  }

  /**
   * Set issue/PR n's labels. With `actor`, the change is the one that user made in GitHub's UI:
   * each label added or removed is an event of the issue's timeline with that actor (without,
   * nothing is recorded, as for labels that were there before the timeline begins).
   */
  setLabels(n: number, names: string[], actor?: string): void {
    const rec = this.store.seeded(n)
    const before = rec.labels
    rec.labels = this.store.resolveOrCreate(names)
    rec.updatedAt = this.store.tick()
    if (actor === undefined) return
    for (const label of before)
      if (!rec.labels.includes(label)) this.store.labelEvent(n, 'unlabeled', label, actor)
    for (const label of rec.labels)
      if (!before.includes(label)) this.store.labelEvent(n, 'labeled', label, actor)
  }

  /** `actor` adds `name` to issue/PR n in GitHub's UI (an event of its timeline). */
  addLabel(n: number, name: string, actor: string): void {
    this.setLabels(n, [...this.labelsOn(n), name], actor)
  }

  /** The label events of issue/PR n's timeline, oldest first. */
  labelEvents(n: number): { event: string; label: string; actor: string }[] {
    return this.store.events
      .filter((e) => e.issue === n)
      .map((e) => ({ event: e.event, label: e.label.name, actor: e.actor }))
  }

  /** Seeds `count` timeline events on issue/PR n (someone adding and removing `bug`), so that the
   * timeline spans several pages. */
  addTimelineNoise(n: number, count: number, actor = 'someone'): void {
    const def = this.store.findDef('bug') ?? this.store.addDef('bug', 'd73a4a', null)
    for (let i = 0; i < count; i++)
      this.store.labelEvent(n, i % 2 === 0 ? 'labeled' : 'unlabeled', def, actor)
  }

  /** Define (or redefine) a repository label directly. */
  defineLabel(name: string, color = 'ededed', description: string | null = null): void {
    const existing = this.store.findDef(name)
    if (existing) Object.assign(existing, { color, description })
    else this.store.addDef(name, color, description)
  }

  /** A label definition's GraphQL global id (what removeLabelsFromLabelable names it by). */
  labelNodeId(name: string): string | undefined {
    const def = this.store.findDef(name)
    return def && nodeId('LA', def.id)
  }

  definitions(): Map<string, { color: string; description: string | null }> {
    return new Map(
      this.store.labelDefs.map((d) => [d.name, { color: d.color, description: d.description }])
    )
  }

  comments(n: number): EmulatorComment[] {
    return this.store.comments
      .filter((c) => c.issue === n)
      .map((c) => ({ id: c.id, body: c.body, user: c.user }))
  }

  /** Seed a comment written by someone (default: the token's user). Returns its id. */
  addComment(n: number, body: string, user = this.actor): number {
    return this.store.addComment(n, body, user).id
  }

  deployments(): EmulatorDeployment[] {
    return structuredClone(this.store.deployments)
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

  protected parse(req: IncomingMessage, text: string): EmulatorRequest {
    const method = (req.method ?? 'GET').toUpperCase()
    const { rawPath, search, graphqlPath, segments } = splitUrl(req.url)
    const path = graphqlPath ? '/graphql' : segments ? `/${segments.join('/')}` : rawPath
    const query = Object.fromEntries(new URLSearchParams(search))
    const parsed = parseBody(text)
    const entry: EmulatorRequest = {
      method,
      path,
      query,
      body: parsed ? parsed.json : text,
      status: 0
    }
    const operation = graphqlPath ? graphqlOperationName(entry.body) : undefined
    if (operation !== undefined) entry.operation = operation
    return entry
  }

  protected async handle(
    req: IncomingMessage,
    text: string,
    entry: EmulatorRequest
  ): Promise<HttpReply> {
    const { method, path, query, body } = entry
    const { prefixed, graphqlPath, rawSegments, segments } = splitUrl(req.url)
    const badJson = parseBody(text) === null
    this.requests.push(entry)
    const index = this.requestCounter++
    const faultAt = this.faultsAt.get(index)
    this.faultsAt.delete(index)

    const resource: RateResource = graphqlPath ? 'graphql' : 'core'
    // A GraphQL mutation counts toward the secondary limits on content creation too.
    const contentCreating = graphqlPath
      ? /^\s*mutation\b/.test(String((body as { query?: unknown } | null)?.query ?? ''))
      : method !== 'GET' && method !== 'HEAD'
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
    const result = await executeGraphql(this.store, body)
    // NOT_FOUND is an answer (a deleted node, another repository); any other error is a query
    // GitHub would refuse, or a field the emulator does not serve, and fails the test.
    for (const e of result.body.errors ?? [])
      if (e.type !== 'NOT_FOUND') this.violations.add('POST /graphql', e.message)
    return { status: 200, body: result.body, cost: result.cost }
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
   * Serves a described operation on this repository by its operationId: the ones Showtime calls,
   * each by the module of its resource. Another repository is a 404; an operation not served here
   * a 404 and a violation naming it.
   */
  private route(op: Operation, segments: string[], ctx: Ctx): Reply {
    const p: Record<string, string | undefined> = {}
    op.segments.forEach((t, i) => {
      if (t.startsWith('{')) p[t.slice(1, -1)] = segments[i]
    })
    if (lower(p.owner ?? '') !== lower(this.owner) || lower(p.repo ?? '') !== lower(this.repo))
      return notFound()
    const { store, json } = this
    // The description has already checked that numbers are integers.
    const number = p.issue_number ?? p.pull_number
    const found = store.issues.get(Number(number))
    if (number !== undefined && !(op.id === 'pulls/get' ? found?.pull : found))
      return notFound(ctx.docs)
    const rec = found as IssueRec
    const name = p.name ?? ''
    const dep = store.deployments.find((x) => String(x.id) === p.deployment_id)
    const handlers: Record<string, () => Reply> = {
      'pulls/list': () => listPulls(store, json, ctx),
      'pulls/get': () => ({ status: 200, body: json.pullJson(rec, true) }),
      'issues/list-labels-on-issue': () =>
        paginate(rec.labels, ctx, store.repoId, (l) => json.labelJson(l)),
      'issues/add-labels': () => addIssueLabels(store, json, rec, ctx),
      'issues/list-events': () => listIssueEvents(store, json, rec, ctx),
      'issues/remove-label': () => removeIssueLabel(store, json, rec, name, ctx),
      'issues/create-comment': () => createComment(store, json, rec, ctx),
      'issues/update-comment': () => updateComment(store, json, p.comment_id, ctx),
      'issues/create-label': () => createLabel(store, json, ctx),
      'issues/update-label': () => updateLabel(store, json, name, ctx),
      'issues/delete-label': () => deleteLabel(store, name, ctx),
      'repos/get-collaborator-permission-level': () =>
        permission(store, json, p.username ?? '', ctx),
      'repos/list-deployments': () => listDeployments(store, json, ctx),
      'repos/create-deployment': () => createDeployment(store, json, ctx),
      'repos/create-deployment-status': () =>
        dep ? createDeploymentStatus(store, json, dep, ctx) : notFound(ctx.docs)
    }
    const handler = handlers[op.id]
    if (handler) return handler()
    this.violations.add(
      `${op.method} ${op.template}`,
      `the GitHub emulator does not serve ${op.id}`
    )
    return notFound(DOCS, `Not Found: the GitHub emulator does not serve ${op.id}`)
  }
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

/** A request body: its JSON, nothing when empty, or null when it is not JSON. */
function parseBody(text: string): { json: unknown } | null {
  return text ? attempt(() => ({ json: JSON.parse(text) as unknown })) : { json: undefined }
}

/** A request's URL in its parts: GraphQL is posted to `/api/graphql` when the base URL ends in
 * `/api/v3` (GHES style) and to `/graphql` otherwise; REST routes come with or without `/api/v3`. */
function splitUrl(url = '/') {
  const [, rawPath = '', search = ''] = /^([^?]*)\??(.*)$/s.exec(url) ?? []
  const graphqlPath = rawPath === '/api/graphql' || rawPath === '/graphql'
  const prefixed = /^\/api\/v3(\/|$)/.test(rawPath)
  const rawSegments = rawPath
    .slice(prefixed ? '/api/v3'.length : 0)
    .split('/')
    .filter(Boolean)
  const segments = attempt(() => rawSegments.map((s) => decodeURIComponent(s)))
  return { rawPath, search, graphqlPath, prefixed, rawSegments, segments }
}

/** The operation name for the request log, without a full parse. */
function graphqlOperationName(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined
  if (typeof body.operationName === 'string') return body.operationName
  if (typeof body.query !== 'string') return undefined
  const text = body.query.replace(/#[^\n\r]*/g, '')
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(text)?.[1]
}
