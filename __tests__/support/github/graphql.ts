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
import type { CommentRec, EmulatorDeployment, IssueRec, LabelDef } from './store.js'

/** What the resolvers read: the emulator's repository as it is at the time of the request. */
export interface GraphqlStore {
  owner: string
  repo: string
  /** The token's login as REST shows it (`github-actions[bot]` for a workflow token). */
  actor: string
  labelDefs: readonly LabelDef[]
  issues: ReadonlyMap<number, IssueRec>
  comments: readonly CommentRec[]
  deployments: readonly EmulatorDeployment[]
  /** For the mutations: the time of a change, and the issue's timeline event of a label. */
  tick(): string
  labelEvent(n: number, event: 'labeled' | 'unlabeled', label: LabelDef, actor: string): void
}

export interface GraphqlResult {
  body: { data?: unknown; errors?: GraphqlError[] }
  /** Rate-limit points the query costs, as GitHub counts them. */
  cost: number
}

type GraphqlError = GraphQLFormattedError & { type?: string }
type Obj = Record<string, unknown>

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
      `The GitHub emulator does not serve ${info.parentType.name}.${info.fieldName}; add a resolver in github/graphql.ts.`
    )
  }
  const value = s[info.fieldName]
  return typeof value === 'function'
    ? (value as (...a: unknown[]) => unknown).call(s, args, ctx, info)
    : value
}

/** Per request: which issues and pull requests carry each label, computed when first needed. */
interface Context {
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
  const invalid = validate(await githubSchema(), document)
  if (invalid.length > 0) return { body: { errors: invalid.map((e) => e.toJSON()) }, cost: 0 }
  const variables = (b.variables ?? {}) as Obj
  const cost = op ? queryCost(op, document, variables) : 1
  if (op?.operation !== 'query' && op?.operation !== 'mutation') {
    const errors = [{ message: `The GitHub emulator serves no ${op?.operation}s.` }]
    return { body: { errors }, cost }
  }
  const result = await execute({
    schema: await githubSchema(),
    document,
    operationName,
    variableValues: variables,
    rootValue: op.operation === 'query' ? queryRoot(store) : mutationRoot(store),
    contextValue: {} satisfies Context,
    fieldResolver: serveField
  })
  const errors = result.errors?.map(githubError)
  if (errors?.some((e) => e.type && REQUEST_ERRORS.has(e.type))) return { body: { errors }, cost }
  return { body: errors ? { data: result.data, errors } : { data: result.data }, cost }
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
// resolvers: plain objects whose fields are values or functions of (args, context, info), for the
// fields Showtime reads

function queryRoot(store: GraphqlStore): Obj {
  return {
    viewer: actor(store.actor, 'viewer'),
    // Global ids: the deployments' (REST `node_id`) are served; any other id reads as not found
    // (null in its place, and an error with its path: graphql-js does that with a returned error).
    nodes: ({ ids }: { ids: string[] }) => {
      const byId = new Map(store.deployments.map((d) => [nodeId('DE', d.id), d]))
      return ids.map((id) => {
        const d = byId.get(id)
        if (d) return { __typename: 'Deployment', ...deployment(d) }
        return new FieldError(
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

/** The mutations Showtime sends. Removing labels that are not on the labelable is no error. */
function mutationRoot(store: GraphqlStore): Obj {
  return {
    removeLabelsFromLabelable: ({
      input
    }: {
      input: { labelableId: string; labelIds: string[]; clientMutationId?: string }
    }) => {
      const rec = [...store.issues.values()].find(
        (r) => r.pull && pullNodeId(r) === input.labelableId
      )
      if (!rec) {
        throw new FieldError(
          `Could not resolve to a node with the global id of '${input.labelableId}'.`,
          'NOT_FOUND'
        )
      }
      const known = new Set(store.labelDefs.map((d) => nodeId('LA', d.id)))
      const unknown = input.labelIds.find((id) => !known.has(id))
      if (unknown !== undefined) {
        throw new FieldError(
          `Could not resolve to a node with the global id of '${unknown}'.`,
          'NOT_FOUND'
        )
      }
      const removed = rec.labels.filter((d) => input.labelIds.includes(nodeId('LA', d.id)))
      if (removed.length > 0) {
        rec.labels = rec.labels.filter((d) => !removed.includes(d))
        rec.updatedAt = store.tick()
        for (const def of removed) store.labelEvent(rec.number, 'unlabeled', def, store.actor)
      }
      return {
        clientMutationId: input.clientMutationId ?? null,
        labelable: { __typename: 'PullRequest', ...issue(store, rec) }
      }
    }
  }
}

/** A pull request's global id, as REST's `node_id` gives it (github/json.ts). */
function pullNodeId(rec: IssueRec): string {
  return nodeId('PR', 100_000_000 + rec.number)
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
    label: ({ name }: { name: string }) => {
      const def = store.labelDefs.find((d) => lower(d.name) === lower(name))
      return def ? label(store, def) : null
    },
    labels: (
      args: PageArgs & { orderBy: { field: string; direction: string } },
      _: Context,
      info: Info
    ) => {
      // The default order, CREATED_AT ascending, is the only one served.
      const { field, direction } = args.orderBy
      const served = field === 'CREATED_AT' && direction === 'ASC' ? ['orderBy'] : []
      const render = (d: LabelDef): Obj => label(store, d)
      return connection(store.labelDefs, (d) => d.id, args, info, render, served)
    },
    pullRequest: ({ number }: { number: number }) => {
      const rec = store.issues.get(number)
      return rec?.pull ? issue(store, rec) : null
    },
    deployments: (
      args: PageArgs & {
        environments?: string[] | null
        orderBy: { field: string; direction: string }
      },
      _: Context,
      info: Info
    ) => {
      const names = args.environments
      const list = names
        ? store.deployments.filter((d) => names.includes(d.environment))
        : store.deployments
      // The default order, CREATED_AT ascending, is the only one served.
      const { field, direction } = args.orderBy
      const served = [
        'environments',
        ...(field === 'CREATED_AT' && direction === 'ASC' ? ['orderBy'] : [])
      ]
      const render = (d: EmulatorDeployment): Obj => ({
        ...deployment(d),
        task: d.task,
        commitOid: d.sha
      })
      return connection(list, (d) => d.id, args, info, render, served)
    }
  }
}

function label(store: GraphqlStore, def: LabelDef): Obj {
  const attached = (pulls: boolean) => (args: PageArgs, ctx: Context, info: Info) => {
    ctx.usage ??= labelUsage(store)
    const usage = ctx.usage.get(def)
    let recs = (pulls ? usage?.pulls : usage?.issues) ?? []
    if (args.states) recs = recs.filter((r) => args.states?.includes(issueState(r)))
    const render = (r: IssueRec): Obj => issue(store, r)
    return connection(recs, (r) => r.number, args, info, render, ['states'])
  }
  return {
    id: nodeId('LA', def.id),
    name: def.name,
    color: def.color,
    issues: attached(false),
    pullRequests: attached(true)
  }
}

function issue(store: GraphqlStore, rec: IssueRec): Obj {
  return {
    number: rec.number,
    labels: (args: PageArgs, _: Context, info: Info) =>
      connection(
        rec.labels,
        (d) => d.id,
        args,
        info,
        (d) => label(store, d),
        ['orderBy']
      ),
    comments: (args: PageArgs, _: Context, info: Info) => {
      const list = store.comments.filter((c) => c.issue === rec.number)
      const render = (c: CommentRec): Obj => ({
        databaseId: c.id,
        body: c.body,
        author: actor(c.user, 'author')
      })
      return connection(list, (c) => c.id, args, info, render)
    }
  }
}

function deployment(d: EmulatorDeployment): Obj {
  const latest = d.statuses.at(-1)?.state.toUpperCase()
  // GitHub derives it from the latest status: success is ACTIVE, an inactive transient one is
  // DESTROYED, the others keep their name (no status yet: PENDING).
  let state = latest === 'SUCCESS' ? 'ACTIVE' : (latest ?? 'PENDING')
  if (state === 'INACTIVE' && d.transient_environment) state = 'DESTROYED'
  return { id: nodeId('DE', d.id), databaseId: d.id, state }
}

type Info = GraphQLResolveInfo
interface PageArgs {
  first?: number | null
  last?: number | null
  after?: string | null
  before?: string | null
  states?: string[] | null
}

function issueState(rec: IssueRec): string {
  if (rec.state === 'open') return 'OPEN'
  return rec.pull?.merged ? 'MERGED' : 'CLOSED'
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

const encodeCursor = (key: number): string =>
  Buffer.from(`cursor:v3:${key}`, 'utf8').toString('base64')

function decodeCursor(cursor: string): number {
  const match = /^cursor:v3:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'))
  if (match) return Number(match[1])
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

/**
 * One page of a connection, checked by GitHub's pagination rules, in ascending order of `key`
 * (unique per item). An argument other than the page's and `served` answers an error naming it.
 */
function connection<T>(
  items: readonly T[],
  key: (item: T) => number,
  args: PageArgs,
  info: Info,
  render: (item: T) => Obj,
  served: string[] = []
): Obj {
  const name = info.fieldName
  const unserved = Object.keys(args).filter(
    (a) => !['first', 'last', 'after', 'before', ...served].includes(a)
  )
  if (unserved.length > 0) {
    throw new FieldError(
      `The GitHub emulator does not serve ${info.parentType.name}.${name}(${unserved.join(', ')}); add it in github/graphql.ts.`
    )
  }
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
  let keyed = items.map((item) => ({ item, key: key(item) })).sort((a, b) => a.key - b.key)
  const total = keyed.length
  if (args.after) {
    const after = decodeCursor(args.after)
    keyed = keyed.filter((k) => k.key > after)
  }
  if (args.before) {
    const before = decodeCursor(args.before)
    keyed = keyed.filter((k) => k.key < before)
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
      endCursor: edges.at(-1)?.cursor ?? null
    }
  }
}
