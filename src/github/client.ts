// The one place an Octokit is made: @actions/github's client (GITHUB_API_URL aware) with retries
// for 5xx and network errors, and throttling that spaces writes and waits out rate limits.

import * as core from '@actions/core'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'
import { githubWriteInterval } from '../defaults.js'

export type Octokit = ReturnType<typeof getOctokit>

export interface Repository {
  readonly owner: string
  readonly repo: string
}

/** How many times a request is retried after a rate-limit answer before the run fails. */
const RATE_LIMIT_RETRIES = 2

interface RequestOptions {
  readonly method: string
  readonly url: string
}

function onLimit(kind: string) {
  return (
    retryAfter: number,
    options: RequestOptions,
    _octokit: unknown,
    retryCount: number
  ): boolean => {
    core.warning(`GitHub ${kind} on ${options.method} ${options.url}; retrying in ${retryAfter} s`)
    return retryCount < RATE_LIMIT_RETRIES
  }
}

export function createOctokit(token: string, env: NodeJS.ProcessEnv = process.env): Octokit {
  const interval = githubWriteInterval(env)
  const spacing =
    interval === undefined
      ? {}
      : {
          write: new Bottleneck.Group({ maxConcurrent: 1, minTime: interval }),
          notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: interval })
        }
  return getOctokit(
    token,
    {
      // 403 and 429 belong to the throttling plugin, which honours retry-after.
      retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451] },
      throttle: {
        onRateLimit: onLimit('rate limit'),
        onSecondaryRateLimit: onLimit('secondary rate limit'),
        ...spacing
      }
    },
    retry,
    throttling
  )
}
