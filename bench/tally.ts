// Turns the emulators' request logs into counts: total, reads, writes and per route, where a route
// is the request with its variable parts (numbers, SHAs, label names, logins) replaced by
// placeholders, so that requests of one kind add up.

import type { AwsRequestRecord } from '../__tests__/support/aws-emulator.js'
import type { EmulatorRequest } from '../__tests__/support/github-emulator.js'

export interface Tally {
  readonly total: number
  readonly reads: number
  readonly writes: number
  /** Route → requests, in the order each route first appeared. */
  readonly byRoute: ReadonlyMap<string, number>
}

export function tallyGitHub(requests: readonly EmulatorRequest[]): Tally {
  return tally(requests, githubRoute, isGitHubRead)
}

export function tallyAws(requests: readonly AwsRequestRecord[]): Tally {
  return tally(requests, awsRoute, (r) => isAwsRead(r.action))
}

function tally<T>(
  requests: readonly T[],
  route: (request: T) => string,
  isRead: (request: T) => boolean
): Tally {
  const byRoute = new Map<string, number>()
  let reads = 0
  for (const request of requests) {
    const key = route(request)
    byRoute.set(key, (byRoute.get(key) ?? 0) + 1)
    if (isRead(request)) reads++
  }
  return { total: requests.length, reads, writes: requests.length - reads, byRoute }
}

/** `GET /repos/{owner}/{repo}/pulls/{n}`, or `POST /graphql (OperationName)`. */
export function githubRoute(request: EmulatorRequest): string {
  if (request.path === '/graphql') return `POST /graphql (${request.operation ?? 'anonymous'})`
  return `${request.method} ${normalisePath(request.path)}`
}

function normalisePath(path: string): string {
  const segments = path.split('/')
  const out: string[] = []
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as string
    const previous = segments[i - 1]
    if (previous === 'labels') {
      // A label name may hold anything, even a slash: the rest of the path is the name.
      out.push('{name}')
      break
    }
    out.push(placeholder(segment, previous, segments[i - 2]))
  }
  return out.join('/')
}

function placeholder(segment: string, previous?: string, beforePrevious?: string): string {
  if (previous === 'repos') return '{owner}'
  if (beforePrevious === 'repos') return '{repo}'
  if (previous === 'collaborators' || previous === 'users') return '{login}'
  if (/^\d+$/.test(segment)) return '{n}'
  if (/^[0-9a-f]{7,40}$/i.test(segment)) return '{sha}'
  return segment
}

function isGitHubRead(request: EmulatorRequest): boolean {
  if (request.method === 'GET' || request.method === 'HEAD') return true
  if (request.path !== '/graphql') return false
  const query = (request.body as { query?: unknown } | undefined)?.query
  return !(typeof query === 'string' && /^\s*mutation\b/.test(query))
}

/** `ECS CreateService`, `EC2 DescribeNetworkInterfaces`. */
export function awsRoute(request: AwsRequestRecord): string {
  return `${request.service.toUpperCase()} ${request.action}`
}

function isAwsRead(action: string): boolean {
  return /^(Describe|List|Get)/.test(action)
}
