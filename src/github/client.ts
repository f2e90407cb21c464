// The one place an Octokit is made: the client @actions/github makes (@octokit/core with the REST
// methods Showtime calls, ./rest.ts, and pagination, GITHUB_API_URL aware), requests made with
// node:http (./fetch.ts), with retries for 5xx and network errors, throttling that spaces writes,
// and the token's rate-limit budget as GitHub reports it on every answer. A workflow token has
// 1,000 requests an hour, shared by every run of the repository: no run waits for the hourly
// reset, it stops and says so instead.

import * as core from '../runner/core.js'
import { Octokit as OctokitCore } from '@octokit/core'
import { paginateRest } from '@octokit/plugin-paginate-rest'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'
import { githubWriteInterval, timeScale } from '../config/defaults.js'
import { nodeFetch } from './fetch.js'
import { showtimeRest } from './rest.js'

/** What @actions/github's getOctokit makes, with the REST methods Showtime calls, and pagination. */
const GitHubRest = OctokitCore.plugin(showtimeRest, paginateRest)
const GitHub = GitHubRest.plugin(retry, throttling)

export type Octokit = InstanceType<typeof GitHubRest>

export interface Repository {
  readonly owner: string
  readonly repo: string
}

/** Waits longer than this for a secondary rate limit are not taken: the run stops instead. */
const LONGEST_SECONDARY_WAIT_S = 60
const SECONDARY_RETRIES = 2

interface RequestOptions {
  readonly method: string
  readonly url: string
}

export type RateResource = 'core' | 'graphql'

interface Reading {
  readonly limit: number
  readonly remaining: number
  /** Epoch seconds. */
  readonly reset: number
}

/** The token's budget per resource, read from the `x-ratelimit-*` headers of every answer. */
export class RateBudget {
  private readonly first = new Map<string, Reading>()
  private readonly last = new Map<string, Reading>()
  private written = 0

  /** REST requests that change something, answered so far in this run. */
  get writes(): number {
    return this.written
  }

  countRequest(method: string, url: string): void {
    if (method !== 'GET' && method !== 'HEAD' && !url.endsWith('/graphql')) this.written++
  }

  record(headers: Record<string, string | number | undefined> | undefined): void {
    const number = (name: string) => {
      const value = Number(headers?.[name])
      return headers?.[name] === undefined || !Number.isFinite(value) ? undefined : value
    }
    const limit = number('x-ratelimit-limit')
    const remaining = number('x-ratelimit-remaining')
    if (limit === undefined || remaining === undefined) return
    const resource = String(headers?.['x-ratelimit-resource'] ?? 'core')
    const reading = { limit, remaining, reset: number('x-ratelimit-reset') ?? 0 }
    // The first answer's count already includes its own request.
    if (!this.first.has(resource))
      this.first.set(resource, { ...reading, remaining: remaining + 1 })
    this.last.set(resource, reading)
  }

  /** Requests (or points) left now, as the last answer said; undefined before any answer. */
  remaining(resource: RateResource = 'core'): number | undefined {
    return this.last.get(resource)?.remaining
  }

  limit(resource: RateResource = 'core'): number | undefined {
    return this.last.get(resource)?.limit
  }

  /** What was left when this run made its first request. */
  atStart(resource: RateResource = 'core'): number | undefined {
    return this.first.get(resource)?.remaining
  }

  /** What this run (and whoever shares the token meanwhile) has spent since its first request. */
  spent(resource: RateResource = 'core'): number {
    const first = this.first.get(resource)
    const last = this.last.get(resource)
    return first && last ? Math.max(0, first.remaining - last.remaining) : 0
  }

  /** Stops a run that would leave other runs of the repository too little (nothing changed yet). */
  require(reserve: number, what: string): void {
    const remaining = this.remaining()
    if (remaining === undefined || remaining >= reserve) return
    throw new RateLimitExhausted(
      `${what} needs up to ${reserve} GitHub requests with room left for other runs, and this token has ${this.describe()}: nothing was changed; re-run this job after the reset`
    )
  }

  /** `42 of 1000 requests left until 14:05 UTC`, for messages. */
  describe(resource: RateResource = 'core'): string {
    const last = this.last.get(resource)
    if (!last) return 'the rate limit is unknown'
    const unit = resource === 'graphql' ? 'GraphQL points' : 'requests'
    const until = last.reset
      ? ` until ${new Date(last.reset * 1000).toISOString().slice(11, 16)} UTC`
      : ''
    return `${last.remaining} of ${last.limit} ${unit} left${until}`
  }
}

/** GitHub's hourly budget for the token is used up. */
export class RateLimitExhausted extends Error {
  override name = 'RateLimitExhausted'
}

export interface GitHubClient {
  readonly octokit: Octokit
  readonly budget: RateBudget
}

/** As @actions/github names the client: with the run's orchestration id when the runner gives one. */
function userAgent(env: NodeJS.ProcessEnv): { userAgent?: string } {
  const id = env.ACTIONS_ORCHESTRATION_ID?.trim()
  return id ? { userAgent: `actions_orchestration_id/${id.replace(/[^a-z0-9_.-]/gi, '_')}` } : {}
}

export function createOctokit(token: string, env: NodeJS.ProcessEnv = process.env): GitHubClient {
  const budget = new RateBudget()
  const interval = githubWriteInterval(env)
  const spacing =
    interval === undefined
      ? {}
      : {
          write: new Bottleneck.Group({ maxConcurrent: 1, minTime: interval }),
          notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: interval })
        }
  const octokit = new GitHub({
    auth: `token ${token}`,
    baseUrl: env.GITHUB_API_URL || 'https://api.github.com',
    ...userAgent(env),
    request: {
      fetch: (url: string, init: Parameters<typeof nodeFetch>[1]) => nodeFetch(url, init, env)
    },
    // 403 and 429 belong to the throttling plugin, which honours retry-after. Retries wait 1, 4
    // and 9 s (shortened by SHOWTIME_TIME_SCALE for the test suite).
    retry: {
      doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      retryAfterBaseValue: 1000 * timeScale(env)
    },
    throttle: {
      // The primary limit resets within the hour: never wait for it.
      onRateLimit: (_retryAfter: number, options: RequestOptions) => {
        core.warning(`GitHub's rate limit is used up (${options.method} ${options.url})`)
        return false
      },
      onSecondaryRateLimit: (
        retryAfter: number,
        options: RequestOptions,
        _octokit: unknown,
        retryCount: number
      ) => {
        const wait = retryAfter <= LONGEST_SECONDARY_WAIT_S && retryCount < SECONDARY_RETRIES
        core.warning(
          `GitHub secondary rate limit on ${options.method} ${options.url}; ${wait ? `retrying in ${retryAfter} s` : 'not waiting'}`
        )
        return wait
      },
      ...spacing
    }
  })
  octokit.hook.after('request', (response, options) => {
    budget.record(response.headers)
    budget.countRequest(options.method, options.url)
  })
  octokit.hook.error('request', (error, options) => {
    budget.countRequest(options.method, options.url)
    const response = (error as { response?: { headers?: Record<string, string> } }).response
    budget.record(response?.headers)
    const status = (error as { status?: number }).status
    if (
      (status === 403 || status === 429) &&
      response?.headers?.['x-ratelimit-remaining'] === '0'
    ) {
      const resource = response.headers['x-ratelimit-resource'] === 'graphql' ? 'graphql' : 'core'
      throw new RateLimitExhausted(
        `GitHub's rate limit for this token is used up (${budget.describe(resource)}): the run stops instead of waiting for the reset; re-run it after the reset`
      )
    }
    const secondary = /secondary rate limit/i.test((error as Error).message)
    const explained = secondary
      ? `GitHub's secondary rate limit stopped ${options.method} ${options.url}: too many writes in a short time for this token; re-run the job in a few minutes`
      : explanation(status, response !== undefined, options)
    // The message says what to fix; the status and the answer stay for the callers that read them.
    if (explained !== undefined && error instanceof Error)
      error.message = `${explained} (${error.message})`
    throw error
  })
  return { octokit, budget }
}

/** What to do about a GitHub answer that stops a run, in words; undefined for the answers that
 * callers handle (404 for a label not on the PR, 422 for a definition that exists). */
function explanation(
  status: number | undefined,
  answered: boolean,
  options: { method: string; url: string; baseUrl?: string }
): string | undefined {
  const request = `${options.method} ${options.url}`
  if (status === 401)
    return `GitHub answered ${request} with 401: the github-token input is not a valid token (the default, github.token, is right)`
  if (status === 403 && options.method !== 'GET') {
    const permission = options.url.includes('/deployments')
      ? '`deployments: write`'
      : '`issues: write` and `pull-requests: write`'
    return `GitHub refused ${request} with 403: the workflow's token needs ${permission} under permissions:, and the workflow must run on pull_request_target (a pull_request run from a fork gets a read-only token)`
  }
  if (!answered || status === undefined)
    return `GitHub did not answer ${request} at ${options.baseUrl ?? 'GITHUB_API_URL'}, after retries: check GITHUB_API_URL and the runner's network`
  if (status >= 500)
    return `GitHub answered ${request} with ${status}, also after retries: GitHub may be having trouble (https://www.githubstatus.com); re-run the job`
  return undefined
}
