// The fetch that Octokit makes its requests with: node:http and node:https with their keep-alive
// agents, as much of fetch as @octokit/request uses (method, headers, a string or byte body,
// redirects followed, the answer's status, headers, text and bytes), and a network error thrown as
// fetch throws it (a TypeError whose cause is the error), which Octokit turns into a status 500
// that the retry plugin retries.
//
// Why not fetch itself: @actions/github's fetch is undici, bundled (a megabyte to compile and
// evaluate, with node:tls, node:http2, node:zlib and more behind it), and Node's own fetch loads
// its internal copy of undici on first use (about 80 ms on Node 24, 45 ms on Node 20); node:http
// is part of Node's start-up snapshot. That is most of what a `check` run spent beyond Node's own
// start-up. Behind a proxy (https_proxy and the like) the agent is @actions/http-client's, loaded
// only then.

import type { Agent, IncomingHttpHeaders, IncomingMessage, RequestOptions } from 'node:http'

export interface FetchInit {
  method?: string
  headers?: Record<string, string>
  body?: string | Uint8Array | null
  redirect?: 'follow' | 'manual' | 'error'
  signal?: AbortSignal | null
}

/** The part of a fetch Response that @octokit/request reads. */
export interface FetchResponse {
  readonly status: number
  readonly statusText: string
  readonly url: string
  readonly redirected: boolean
  readonly ok: boolean
  readonly headers: ResponseHeaders
  readonly body: null
  text(): Promise<string>
  json(): Promise<unknown>
  arrayBuffer(): Promise<ArrayBuffer>
}

/** Response headers, lower-case names, as fetch's Headers reads them. */
export class ResponseHeaders implements Iterable<[string, string]> {
  private readonly map = new Map<string, string>()

  constructor(headers: IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(headers)) {
      if (value === undefined) continue
      this.map.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value)
    }
  }

  get(name: string): string | null {
    return this.map.get(name.toLowerCase()) ?? null
  }

  has(name: string): boolean {
    return this.map.has(name.toLowerCase())
  }

  *[Symbol.iterator](): IterableIterator<[string, string]> {
    yield* [...this.map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  }
}

const MAX_REDIRECTS = 20
/** As undici's headers and body timeouts: a request that hears nothing for this long fails. */
const IDLE_TIMEOUT_MS = 300_000
const PROXY_VARIABLES = ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY']

/** The agent for a URL: @actions/http-client's (a tunnel) when a proxy applies, else Node's. */
async function agentFor(url: URL, env: NodeJS.ProcessEnv): Promise<Agent | undefined> {
  if (!PROXY_VARIABLES.some((name) => env[name])) return undefined
  const { HttpClient, getProxyUrl } = await import('@actions/http-client')
  if (!getProxyUrl(url.href)) return undefined
  return new HttpClient('showtime').getAgent(url.href) as Agent
}

function fetchFailed(cause: unknown): TypeError {
  return new TypeError('fetch failed', { cause })
}

/** One request, no redirects: the status, headers and the whole body. */
async function send(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  signal: AbortSignal | undefined,
  env: NodeJS.ProcessEnv
): Promise<{ response: IncomingMessage; bytes: Buffer }> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw fetchFailed(new Error(`unsupported protocol ${url.protocol}`))
  const agent = await agentFor(url, env)
  const { request } =
    url.protocol === 'https:' ? await import('node:https') : await import('node:http')
  const options: RequestOptions = {
    method,
    headers: {
      ...headers,
      ...(body !== undefined && { 'content-length': String(Buffer.byteLength(body)) })
    },
    timeout: IDLE_TIMEOUT_MS,
    ...(agent && { agent }),
    ...(signal && { signal })
  }
  return new Promise((resolve, reject) => {
    const req = request(url, options, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (chunk: Buffer) => chunks.push(chunk))
      response.on('end', () => resolve({ response, bytes: Buffer.concat(chunks) }))
      response.on('error', (error) => reject(fetchFailed(error)))
      response.on('aborted', () => reject(fetchFailed(new Error('the response was cut off'))))
    })
    req.on('timeout', () =>
      req.destroy(new Error(`no answer from ${url.host} for ${IDLE_TIMEOUT_MS / 1000} s`))
    )
    req.on('error', (error) => reject(error.name === 'AbortError' ? error : fetchFailed(error)))
    req.end(body)
  })
}

async function decoded(bytes: Buffer, encoding: string | undefined): Promise<Buffer> {
  const codings = (encoding ?? '')
    .split(',')
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== 'identity')
  if (codings.length === 0) return bytes
  const zlib = await import('node:zlib')
  let out = bytes
  for (const coding of codings.reverse()) {
    if (coding === 'gzip' || coding === 'x-gzip') out = zlib.gunzipSync(out)
    else if (coding === 'deflate') out = zlib.inflateSync(out)
    else if (coding === 'br') out = zlib.brotliDecompressSync(out)
    else throw fetchFailed(new Error(`unsupported content-encoding ${coding}`))
  }
  return out
}

function sameOrigin(a: URL, b: URL): boolean {
  return a.protocol === b.protocol && a.host === b.host
}

/** A fetch for Octokit (`request: { fetch }`). */
export async function nodeFetch(
  input: string | URL,
  init: FetchInit = {},
  env: NodeJS.ProcessEnv = process.env
): Promise<FetchResponse> {
  let url = new URL(input)
  let method = (init.method ?? 'GET').toUpperCase()
  let headers: Record<string, string> = { ...init.headers }
  let body = init.body ?? undefined
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array))
    throw new TypeError('nodeFetch: the body must be a string or bytes')
  const signal = init.signal ?? undefined
  for (let redirects = 0; ; redirects++) {
    const { response, bytes } = await send(url, method, headers, body, signal, env)
    const status = response.statusCode ?? 0
    const location = response.headers.location
    if ([301, 302, 303, 307, 308].includes(status) && location && init.redirect !== 'manual') {
      if (init.redirect === 'error') throw fetchFailed(new Error(`redirected to ${location}`))
      if (redirects >= MAX_REDIRECTS) throw fetchFailed(new Error('too many redirects'))
      const next = new URL(location, url)
      // As fetch does: 303, and 301/302 after a POST, go on as a GET without a body; credentials
      // do not follow a redirect to another origin.
      if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
        if (method !== 'HEAD') method = 'GET'
        body = undefined
        headers = Object.fromEntries(
          Object.entries(headers).filter(([name]) => !/^content-/i.test(name))
        )
      }
      if (!sameOrigin(url, next))
        headers = Object.fromEntries(
          Object.entries(headers).filter(([name]) => !/^(authorization|cookie)$/i.test(name))
        )
      url = next
      continue
    }
    const content = await decoded(bytes, response.headers['content-encoding'])
    const text = async () => content.toString('utf8')
    return {
      status,
      statusText: response.statusMessage ?? '',
      url: url.href,
      redirected: redirects > 0,
      ok: status >= 200 && status < 300,
      headers: new ResponseHeaders(response.headers),
      body: null,
      text,
      json: async () => JSON.parse(await text()) as unknown,
      arrayBuffer: async () =>
        content.buffer.slice(
          content.byteOffset,
          content.byteOffset + content.byteLength
        ) as ArrayBuffer
    }
  }
}
