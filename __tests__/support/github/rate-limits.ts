// GitHub's rate limits for a workflow token (GITHUB_TOKEN): 1,000 REST requests and 1,000 GraphQL
// points an hour, and the secondary limits of 80 content-creating requests a minute and 500 an
// hour. The windows shrink by the emulator's time scale, as the bundle's own waits do under
// SHOWTIME_TIME_SCALE, so a run paced for real time stays under them exactly as it would for real.

export type RateResource = 'core' | 'graphql'

export const RATE_LIMIT_DOCS = 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api'

/** The body GitHub sends with a 403 secondary rate limit. */
export const SECONDARY_RATE_LIMIT_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. ' +
  'If you reach out to GitHub Support for help, please include the request ID 0000:0000:0000000:0000000:00000000.'

export const PRIMARY_RATE_LIMIT_MESSAGE = 'API rate limit exceeded for installation ID 1234567.'

const HOUR_MS = 3_600_000
const MINUTE_MS = 60_000
const LIMITS = { core: 1000, graphql: 1000, writesPerMinute: 80, writesPerHour: 500 } as const

export type RateRefusal =
  | { kind: 'primary'; resource: RateResource }
  | { kind: 'secondary'; retryAfterSeconds: number; reason: string }

export class RateLimits {
  private readonly hourMs: number
  private readonly minuteMs: number
  private readonly windows: Record<RateResource, { used: number; resetAtMs: number }>
  /** When each content-creating request of the last (scaled) hour came in. */
  private writes: number[] = []

  constructor(
    timeScale: number,
    private readonly now: () => number = Date.now
  ) {
    this.hourMs = HOUR_MS * timeScale
    this.minuteMs = MINUTE_MS * timeScale
    const resetAtMs = now() + this.hourMs
    this.windows = { core: { used: 0, resetAtMs }, graphql: { used: 0, resetAtMs } }
  }

  /** Report `remaining` requests (points) left from now on, in an hour that starts now. */
  setRemaining(remaining: number, resource: RateResource = 'core'): void {
    const w = this.windows[resource]
    w.resetAtMs = this.now() + this.hourMs
    w.used = Math.max(0, LIMITS[resource] - remaining)
  }

  remaining(resource: RateResource): number {
    return Math.max(0, LIMITS[resource] - this.window(resource).used)
  }

  /** Whether GitHub would refuse this request before doing anything; a refused one costs nothing. */
  refusal(resource: RateResource, contentCreating: boolean): RateRefusal | undefined {
    if (this.remaining(resource) === 0) return { kind: 'primary', resource }
    if (!contentCreating) return undefined
    const t = this.now()
    this.writes = this.writes.filter((at) => at > t - this.hourMs)
    const lastMinute = this.writes.filter((at) => at > t - this.minuteMs)
    const over = (window: number[], limit: number, span: number, name: string) =>
      window.length >= limit
        ? {
            kind: 'secondary' as const,
            retryAfterSeconds: Math.max(1, Math.ceil(((window[0] as number) + span - t) / 1000)),
            reason: `more than ${limit} content-creating requests ${name}`
          }
        : undefined
    return (
      over(lastMinute, LIMITS.writesPerMinute, this.minuteMs, 'a minute') ??
      over(this.writes, LIMITS.writesPerHour, this.hourMs, 'an hour')
    )
  }

  charge(resource: RateResource, points: number, contentCreating: boolean): void {
    this.window(resource).used += points
    if (contentCreating) this.writes.push(this.now())
  }

  headers(resource: RateResource): Record<string, string> {
    const w = this.window(resource)
    return {
      'x-ratelimit-limit': String(LIMITS[resource]),
      'x-ratelimit-remaining': String(this.remaining(resource)),
      'x-ratelimit-used': String(Math.min(w.used, LIMITS[resource])),
      'x-ratelimit-reset': String(Math.ceil(w.resetAtMs / 1000)),
      'x-ratelimit-resource': resource
    }
  }

  private window(resource: RateResource): { used: number; resetAtMs: number } {
    const w = this.windows[resource]
    const t = this.now()
    if (t >= w.resetAtMs) {
      w.used = 0
      w.resetAtMs += Math.ceil((t - w.resetAtMs + 1) / this.hourMs) * this.hourMs
    }
    return w
  }
}
