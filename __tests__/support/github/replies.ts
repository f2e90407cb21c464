// GitHub's answers as the resource modules build them: error bodies in GitHub's REST shape and
// pages with a `link` header.

export const DOCS = 'https://docs.github.com/rest'

export interface Reply {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Rate-limit points the request costs (GraphQL); 1 when not said. */
  cost?: number
}

/** A described REST request on this repository, as the resource modules see it. */
export interface Ctx {
  /** http://127.0.0.1:PORT[/api/v3] as the request came in. */
  base: string
  /** Raw (still percent-encoded) path segments after the repository part. */
  rawRest: string[]
  query: Record<string, string>
  body: unknown
  /** The operation's documentation, as GitHub's error answers link it. */
  docs: string
}

export const codePoints = (s: string): number => [...s].length

/** An error answer in GitHub's REST shape. */
export function failure(status: number, message: string, docs = DOCS, errors?: unknown[]): Reply {
  const body = { message, ...(errors && { errors }), documentation_url: docs }
  return { status, body: { ...body, status: String(status) } }
}

export const notFound = (docs = DOCS, message = 'Not Found'): Reply => failure(404, message, docs)

export const validationFailed = (
  docs: string,
  errors: unknown[],
  message = 'Validation Failed'
): Reply => failure(422, message, docs, errors)

/** GitHub's answer to a text longer than it allows (lengths its description does not state). */
export function tooLong(
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

/**
 * One page of `items` with GitHub's `link` header, whose URLs point at `/repositories/{id}/…`
 * (prev, next, last, first; none when everything fits on one page). `toJson` renders only the
 * items on the page, so that large lists stay cheap.
 */
export function paginate<T>(
  items: T[],
  ctx: Ctx,
  repoId: number,
  toJson: (item: T) => unknown
): Reply {
  const perPage = Math.min(100, parsePositiveInt(ctx.query.per_page) ?? 30)
  const page = parsePositiveInt(ctx.query.page) ?? 1
  const last = Math.max(1, Math.ceil(items.length / perPage))
  const body = items.slice((page - 1) * perPage, page * perPage).map(toJson)
  if (last === 1 && page === 1) return { status: 200, body }
  const link = (p: number, rel: string): string => {
    const q = new URLSearchParams(ctx.query)
    q.set('page', String(p))
    return `<${ctx.base}/repositories/${repoId}/${ctx.rawRest.join('/')}?${q.toString()}>; rel="${rel}"`
  }
  const links: string[] = []
  if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'))
  if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'))
  if (page > 1) links.push(link(1, 'first'))
  return { status: 200, body, headers: { link: links.join(', ') } }
}
