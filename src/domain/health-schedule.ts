// When a new environment's health is checked: one attempt every health-interval on a fixed
// schedule from the start, as many as fit in health-timeout (at least one). A request waits at
// most its own timeout and never past the next attempt, so that an app that never answers has
// failed when the timeout is spent.

export interface HealthTiming {
  /** Seconds: the whole check, the pause between attempts, one request. */
  readonly healthTimeout: number
  readonly healthInterval: number
  readonly healthRequestTimeout: number
}

export interface HealthSchedule {
  readonly attempts: number
  readonly intervalMs: number
  readonly requestTimeoutMs: number
}

export function healthSchedule(timing: HealthTiming): HealthSchedule {
  return {
    attempts: Math.max(1, Math.floor(timing.healthTimeout / timing.healthInterval)),
    intervalMs: timing.healthInterval * 1000,
    requestTimeoutMs: Math.min(timing.healthRequestTimeout, timing.healthInterval) * 1000
  }
}

/** How long attempt `attempt` (from 1) waits, `elapsedMs` after the first began: none when it is
 * already due (an earlier attempt took longer than the interval). */
export function waitBeforeAttempt(attempt: number, elapsedMs: number, intervalMs: number): number {
  return Math.max(0, (attempt - 1) * intervalMs - elapsedMs)
}

/** The app answers healthy: HTTP 200 (the probe says `HTTP {status}` or why there was none). */
export function answersHealthy(answer: string): boolean {
  return answer === 'HTTP 200'
}
