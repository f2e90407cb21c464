// The one place an Octokit is made: @actions/github's client (GITHUB_API_URL aware) with retries
// for 5xx and network errors, and throttling that waits out primary and secondary rate limits.

import * as core from '@actions/core'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'

export type Octokit = ReturnType<typeof getOctokit>

export interface Repository {
  readonly owner: string
  readonly repo: string
}

/** How many times a request is retried after a rate-limit answer before the run fails. */
const RATE_LIMIT_RETRIES = 2

export function createOctokit(token: string): Octokit {
  return getOctokit(
    token,
    {
      retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] }, // 403/429: throttling's
      throttle: {
        onRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _o: unknown,
          retryCount: number
        ) => {
          core.warning(
            `GitHub rate limit on ${options.method} ${options.url}; retrying in ${retryAfter} s`
          )
          return retryCount < RATE_LIMIT_RETRIES
        },
        onSecondaryRateLimit: (
          retryAfter: number,
          options: { method: string; url: string },
          _o: unknown,
          retryCount: number
        ) => {
          core.warning(
            `GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${retryAfter} s`
          )
          return retryCount < RATE_LIMIT_RETRIES
        }
      }
    },
    retry,
    throttling
  )
}
