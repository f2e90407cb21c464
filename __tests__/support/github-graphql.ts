// GraphQL for the GitHub emulator: graphql-js executes every query against GitHub's published
// schema (@octokit/graphql-schema), so a query GitHub would refuse is refused here too. Resolvers
// exist for the fields Showtime reads; any other field of the schema answers an error naming it.
// Connections follow GitHub's rules: `first` or `last` (at most 100) is required to read `nodes`
// or `edges`, `totalCount` alone needs neither; cursors are opaque keyset positions, so an item
// deleted between pages neither repeats nor skips the rest.

import {
  type DocumentNode,
  type GraphQLFieldResolver,
  type GraphQLFormattedError,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  GraphQLError,
  Kind,
  buildClientSchema,
  execute,
  getOperationAST,
  parse,
  validate,
  valueFromASTUntyped
} from 'graphql'
import type {
  CommentRec,
  EmulatorDeployment,
  IssueRec,
  LabelDef,
  PullData
} from './github-emulator.js'

/** What the resolvers read: the emulator's repository as it is at the time of the request. */
export interface GraphqlStore {
  owner: string
  repo: string
  repoId: number
  /** The token's login as REST shows it (`github-actions[bot]` for a workflow token). */
  actor: string
  labelDefs: readonly LabelDef[]
  issues: ReadonlyMap<number, IssueRec>
  comments: readonly CommentRec[]
  deployments: readonly EmulatorDeployment[]
  htmlUrl(rec: IssueRec): string
  rateLimit: { limit: number; remaining: number; used: number; resetAt: string }
}

export interface GraphqlResult {
  body: { data?: unknown; errors?: GraphqlError[] }
  /** The operation name, for the request log. */
  operation?: string
  /** Rate-limit points the query costs, as GitHub counts them. */
  cost: number
}

type GraphqlError = GraphQLFormattedError & { type?: string }
type Obj = Record<string, unknown>
type Key = [string | number, number]

const MAX_PAGE = 100
/** Errors after which GitHub answers no `data` at all. */
const REQUEST_ERRORS = new Set(['MISSING_PAGINATION_BOUNDARIES', 'EXCESSIVE_PAGINATION'])

let published: GraphQLSchema | undefined

async function githubSchema(): Promise<GraphQLSchema> {
  if (!published) {
    const { schema } = await import('@octokit/graphql-schema')
    published = buildClientSchema(schema.json as never)
  }
  return published
}

class FieldError extends GraphQLError {
  constructor(message: string, type?: string) {
    super(message, type ? { extensions: { type } } : {})
  }
}

const lower = (s: string): string => s.toLowerCase()

/** Serves a field from the source object: a value, or a function of the arguments. */
const serveField: GraphQLFieldResolver<unknown, Context> = (source, args, ctx, info) => {
  const s = source as Obj
  if (!(info.fieldName in s)) {
    throw new FieldError(
      `The GitHub emulator does not serve ${info.parentType.name}.${info.fieldName}; add a resolver in github-graphql.ts.`
    )
  }
  const value = s[info.fieldName]
  return typeof value === 'function'
    ? (value as (...a: unknown[]) => unknown).call(s, args, ctx, info)
    : value
}

interface Context {
  store: GraphqlStore
  usage?: Map<LabelDef, { issues: IssueRec[]; pulls: IssueRec[] }>
}

export async function executeGraphql(store: GraphqlStore, body: unknown): Promise<GraphqlResult> {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Obj
  if (typeof b.query !== 'string' || b.query.length === 0) {
    const errors = [{ message: 'A query attribute must be specified and must be a string.' }]
    return { body: { errors }, cost: 0 }
  }
  const operationName = typeof b.operationName === 'string' ? b.operationName : undefined
  let document: DocumentNode
  try {
    document = parse(b.query)
  } catch (e) {
    return { body: { errors: [(e as GraphQLError).toJSON()] }, cost: 0 }
  }
  const op = getOperationAST(document, operationName)
  const operation = operationName ?? op?.name?.value
  const invalid = validate(await githubSchema(), document)
  if (invalid.length > 0)
    return { body: { errors: invalid.map((e) => e.toJSON()) }, operation, cost: 0 }
  const variables = (b.variables ?? {}) as Obj
  const cost = op ? queryCost(op, document, variables) : 1
  if (op?.operation !== 'query') {
    const errors = [{ message: `The GitHub emulator serves queries only, not ${op?.operation}s.` }]
    return { body: { errors }, operation, cost }
  }
  const result = await execute({
    schema: await githubSchema(),
    document,
    operationName,
    variableValues: variables,
    rootValue: queryRoot(store),
    contextValue: { store } satisfies Context,
    fieldResolver: serveField
  })
  const errors = result.errors?.map(githubError)
  if (errors?.some((e) => e.type && REQUEST_ERRORS.has(e.type))) {
    return { body: { errors }, operation, cost }
  }
  return { body: errors ? { data: result.data, errors } : { data: result.data }, operation, cost }
}

/** GitHub puts an error's `type` at the top level, not under `extensions`. */
function githubError(e: GraphQLError): GraphqlError {
  const { extensions, ...rest } = e.toJSON()
  const type = extensions?.type
  return typeof type === 'string' ? { type, ...rest } : rest
}

/**
 * GitHub's cost: the requests needed to fill every connection, assuming each returns `first` or
 * `last` items, divided by 100 and rounded; at least 1.
 */
function queryCost(op: OperationDefinitionNode, doc: DocumentNode, variables: Obj): number {
  const fragments = new Map(
    doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : []))
  )
  let requests = 0
  const walk = (set: SelectionSetNode | undefined, multiplier: number): void => {
    for (const sel of set?.selections ?? []) {
      if (sel.kind === Kind.FRAGMENT_SPREAD)
        walk(fragments.get(sel.name.value)?.selectionSet, multiplier)
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet, multiplier)
      else {
        const size = sel.arguments?.find((a) => a.name.value === 'first' || a.name.value === 'last')
        const n = size ? Number(valueFromASTUntyped(size.value, variables)) : 0
        if (n > 0) requests += multiplier
        walk(sel.selectionSet, n > 0 ? multiplier * n : multiplier)
      }
    }
  }
  walk(op.selectionSet, 1)
  return Math.max(1, Math.round(requests / 100))
}

// ---------------------------------------------------------------------------------------------
// resolvers: plain objects whose fields are values or functions of (args, context, info)

function queryRoot(store: GraphqlStore): Obj {
  return {
    viewer: actor(store.actor, 'viewer'),
    rateLimit: () => ({ cost: 1, nodeCount: 0, ...store.rateLimit }),
    // Global ids: the deployments' (REST `node_id`) are served; any other id reads as not found.
    nodes: ({ ids }: { ids: string[] }) => {
      const byId = new Map(store.deployments.map((d) => [nodeId('DE', d.id), d]))
      return ids.map((id) => {
        const d = byId.get(id)
        if (d) return { __typename: 'Deployment', ...deployment(d) }
        throw new FieldError(
          `Could not resolve to a node with the global id of '${id}'`,
          'NOT_FOUND'
        )
      })
    },
    repository: ({ owner, name }: { owner: string; name: string }) => {
      if (lower(owner) !== lower(store.owner) || lower(name) !== lower(store.repo)) {
        throw new FieldError(
          `Could not resolve to a Repository with the name '${owner}/${name}'.`,
          'NOT_FOUND'
        )
      }
      return repository(store)
    }
  }
}

/**
 * A user or bot. GitHub's GraphQL shows a bot's login without the `[bot]` that REST shows, while
 * the workflow token's own `viewer.login` keeps it.
 */
function actor(login: string, as: 'viewer' | 'author'): Obj {
  const bot = login.endsWith('[bot]')
  return {
    __typename: bot ? 'Bot' : 'User',
    login: bot && as === 'author' ? login.slice(0, -'[bot]'.length) : login
  }
}

/** A GitHub-like global node id (REST `node_id`, GraphQL `id`). */
export function nodeId(prefix: string, id: number): string {
  return `${prefix}_${Buffer.from(`emu:${prefix}:${id}`).toString('base64url')}`
}

function repository(store: GraphqlStore): Obj {
  return {
    id: nodeId('R', store.repoId),
    databaseId: store.repoId,
    name: store.repo,
    nameWithOwner: `${store.owner}/${store.repo}`,
    url: `https://github.com/${store.owner}/${store.repo}`,
    label: ({ name }: { name: string }) => {
      const def = store.labelDefs.find((d) => lower(d.name) === lower(name))
      return def ? label(store, def) : null
    },
    labels: (args: PageArgs & { query?: string; orderBy: Order }, _: Context, info: Info) => {
      const needle = args.query ? lower(args.query) : undefined
      const defs = store.labelDefs.filter(
        (d) =>
          !needle ||
          lower(d.name).includes(needle) ||
          (d.description !== null && lower(d.description).includes(needle))
      )
      const byName = args.orderBy.field === 'NAME'
      return connection(
        defs,
        (d) => [byName ? lower(d.name) : d.id, d.id],
        args,
        info,
        (d) => label(store, d)
      )
    },
    issue: ({ number }: { number: number }) => {
      const rec = store.issues.get(number)
      return rec && !rec.pull ? issue(store, rec) : null
    },
    pullRequest: ({ number }: { number: number }) => {
      const rec = store.issues.get(number)
      return rec?.pull ? issue(store, rec) : null
    },
    deployments: (
      args: PageArgs & { environments?: string[] | null; orderBy: Order },
      _: Context,
      info: Info
    ) => {
      const wanted = args.environments
      const list = store.deployments.filter((d) => !wanted || wanted.includes(d.environment))
      return connection(list, (d) => [d.created_at, d.id], args, info, deployment, args.orderBy)
    }
  }
}

function label(store: GraphqlStore, def: LabelDef): Obj {
  const attached = (pulls: boolean) => (args: PageArgs & IssueFilter, ctx: Context, info: Info) => {
    ctx.usage ??= labelUsage(store)
    const usage = ctx.usage.get(def)
    let recs = (pulls ? usage?.pulls : usage?.issues) ?? []
    if (args.states) recs = recs.filter((r) => args.states?.includes(issueState(r)))
    return connection(
      recs,
      issueKey(store, args.orderBy),
      args,
      info,
      (r) => issue(store, r),
      args.orderBy
    )
  }
  return {
    id: nodeId('LA', def.id),
    name: def.name,
    color: def.color,
    description: def.description,
    isDefault: def.isDefault,
    url: `https://github.com/${store.owner}/${store.repo}/labels/${encodeURIComponent(def.name)}`,
    issues: attached(false),
    pullRequests: attached(true)
  }
}

function issue(store: GraphqlStore, rec: IssueRec): Obj {
  const pull = rec.pull as PullData
  const common: Obj = {
    id: nodeId(rec.pull ? 'PR' : 'I', rec.pull ? pull.id : rec.id),
    databaseId: rec.pull ? pull.id : rec.id,
    number: rec.number,
    title: rec.title,
    body: rec.body ?? '',
    author: actor(rec.author, 'author'),
    state: issueState(rec),
    closed: rec.state === 'closed',
    url: store.htmlUrl(rec),
    createdAt: rec.createdAt,
    updatedAt: rec.updatedAt,
    closedAt: rec.closedAt,
    comments: (args: PageArgs, _: Context, info: Info) => {
      const list = store.comments.filter((c) => c.issue === rec.number)
      return connection(list, (c) => [c.id, c.id], args, info, comment)
    }
  }
  if (!rec.pull) return common
  return {
    ...common,
    merged: pull.merged,
    mergedAt: pull.merged ? rec.closedAt : null,
    isDraft: pull.draft,
    headRefName: pull.headRef,
    headRefOid: pull.headSha,
    baseRefName: pull.baseRef
  }
}

function comment(c: CommentRec): Obj {
  return {
    id: nodeId('IC', c.id),
    databaseId: c.id,
    body: c.body,
    author: actor(c.user, 'author'),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt
  }
}

function deployment(d: EmulatorDeployment): Obj {
  const latest = d.statuses[d.statuses.length - 1]
  // GitHub derives it from the latest status: success is ACTIVE, an inactive transient one is
  // DESTROYED, the others keep their name (no status yet: PENDING).
  let state = latest?.state === 'success' ? 'ACTIVE' : (latest?.state.toUpperCase() ?? 'PENDING')
  if (state === 'INACTIVE' && d.transient_environment) state = 'DESTROYED'
  return {
    id: nodeId('DE', d.id),
    databaseId: d.id,
    commitOid: d.sha,
    task: d.task,
    payload: typeof d.payload === 'string' ? d.payload : JSON.stringify(d.payload),
    environment: d.environment,
    originalEnvironment: d.original_environment,
    description: d.description,
    createdAt: d.created_at,
    updatedAt: d.updated_at,
    state,
    latestStatus: latest
      ? {
          id: nodeId('DES', latest.id),
          state: latest.state.toUpperCase(),
          description: latest.description,
          environmentUrl: latest.environment_url || null,
          logUrl: latest.log_url || null,
          createdAt: latest.created_at
        }
      : null
  }
}

type Info = GraphQLResolveInfo
interface Order {
  field: string
  direction: 'ASC' | 'DESC'
}
interface PageArgs {
  first?: number | null
  last?: number | null
  after?: string | null
  before?: string | null
}
interface IssueFilter {
  states?: string[] | null
  orderBy?: Order | null
}

function issueState(rec: IssueRec): string {
  if (rec.state === 'open') return 'OPEN'
  return rec.pull?.merged ? 'MERGED' : 'CLOSED'
}

function issueKey(store: GraphqlStore, order?: Order | null): (r: IssueRec) => Key {
  return (r) => {
    if (order?.field === 'CREATED_AT') return [r.createdAt, r.number]
    if (order?.field === 'UPDATED_AT') return [r.updatedAt, r.number]
    if (order?.field === 'COMMENTS')
      return [store.comments.filter((c) => c.issue === r.number).length, r.number]
    return [r.number, r.number]
  }
}

/** Issues and pull requests per label definition, in one pass over everything. */
function labelUsage(store: GraphqlStore): Map<LabelDef, { issues: IssueRec[]; pulls: IssueRec[] }> {
  const usage = new Map<LabelDef, { issues: IssueRec[]; pulls: IssueRec[] }>()
  for (const rec of store.issues.values()) {
    for (const def of rec.labels) {
      const u = usage.get(def) ?? { issues: [], pulls: [] }
      usage.set(def, u)
      ;(rec.pull ? u.pulls : u.issues).push(rec)
    }
  }
  return usage
}

// ---------------------------------------------------------------------------------------------
// connections

const compareKeys = (a: Key, b: Key): number =>
  a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] - b[1]
const encodeCursor = (key: Key): string =>
  Buffer.from(`cursor:v2:${JSON.stringify(key)}`, 'utf8').toString('base64')

function decodeCursor(cursor: string): Key {
  const text = Buffer.from(cursor, 'base64').toString('utf8')
  try {
    const key = JSON.parse(text.slice('cursor:v2:'.length)) as unknown
    if (text.startsWith('cursor:v2:') && Array.isArray(key) && key.length === 2) return key as Key
  } catch {
    /* not one of ours */
  }
  throw new FieldError(
    `\`${cursor}\` does not appear to be a valid cursor.`,
    'INVALID_CURSOR_ARGUMENTS'
  )
}

function selects(info: Info, names: string[]): boolean {
  return info.fieldNodes.some((n) =>
    n.selectionSet?.selections.some((s) => s.kind === Kind.FIELD && names.includes(s.name.value))
  )
}

/** One page of a connection, checked by GitHub's pagination rules. */
function connection<T>(
  items: readonly T[],
  key: (item: T) => Key,
  args: PageArgs,
  info: Info,
  render: (item: T) => Obj,
  order?: Order | null
): Obj {
  const name = info.fieldName
  const { first, last } = args
  if (first == null && last == null && selects(info, ['nodes', 'edges'])) {
    throw new FieldError(
      `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
      'MISSING_PAGINATION_BOUNDARIES'
    )
  }
  for (const [arg, n] of [
    ['first', first],
    ['last', last]
  ] as const) {
    if (n != null && n > MAX_PAGE) {
      throw new FieldError(
        `Requesting ${n} records on the \`${name}\` connection exceeds the \`${arg}\` limit of ${MAX_PAGE} records.`,
        'EXCESSIVE_PAGINATION'
      )
    }
    if (n != null && n < 0)
      throw new FieldError(`\`${arg}\` on the \`${name}\` connection cannot be less than zero.`)
  }
  const dir = order?.direction === 'DESC' ? -1 : 1
  let keyed = items.map((item) => ({ item, key: key(item) }))
  keyed.sort((a, b) => dir * compareKeys(a.key, b.key))
  const total = keyed.length
  if (args.after) {
    const after = decodeCursor(args.after)
    keyed = keyed.filter((k) => dir * compareKeys(k.key, after) > 0)
  }
  if (args.before) {
    const before = decodeCursor(args.before)
    keyed = keyed.filter((k) => dir * compareKeys(k.key, before) < 0)
  }
  const window = keyed.length
  if (first != null) keyed = keyed.slice(0, first)
  if (last != null) keyed = keyed.slice(Math.max(0, keyed.length - last))
  const edges = keyed.map((k) => ({ cursor: encodeCursor(k.key), node: render(k.item) }))
  return {
    totalCount: total,
    nodes: edges.map((e) => e.node),
    edges,
    pageInfo: {
      hasNextPage: first != null && window > keyed.length,
      hasPreviousPage: last != null ? window > keyed.length : Boolean(args.after),
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null
    }
  }
}
