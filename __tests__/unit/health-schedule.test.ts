// The health check's schedule: one attempt every interval from the start, as many as fit in the
// timeout (at least one); a request never waits past the next attempt; healthy means HTTP 200.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  answersHealthy,
  healthSchedule,
  waitBeforeAttempt
} from '../../src/domain/health-schedule.js'

describe('the schedule', () => {
  it.each([
    [300, 10, 10, { attempts: 30, intervalMs: 10_000, requestTimeoutMs: 10_000 }],
    [300, 5, 10, { attempts: 60, intervalMs: 5000, requestTimeoutMs: 5000 }],
    [25, 10, 10, { attempts: 2, intervalMs: 10_000, requestTimeoutMs: 10_000 }],
    [5, 10, 10, { attempts: 1, intervalMs: 10_000, requestTimeoutMs: 10_000 }],
    [0.6, 0.02, 10, { attempts: 30, intervalMs: 20, requestTimeoutMs: 20 }]
  ])('timeout %s s, interval %s s, request %s s → %o', (timeout, interval, request, schedule) => {
    expect(
      healthSchedule({
        healthTimeout: timeout,
        healthInterval: interval,
        healthRequestTimeout: request
      })
    ).toEqual(schedule)
  })

  it('fits its attempts in the timeout, and a request never outlasts the interval', () => {
    const shares = new Branches(
      'fits its attempts in the timeout, and a request never outlasts the interval',
      { several: 0.5 }
    )
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3600 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 1, max: 30 }),
        (timeout, interval, request) => {
          shares.run()
          const s = healthSchedule({
            healthTimeout: timeout,
            healthInterval: interval,
            healthRequestTimeout: request
          })
          expect(s.attempts).toBeGreaterThanOrEqual(1)
          if (s.attempts > 1) {
            shares.hit('several')
            // The last attempt starts within the timeout, and one more would not.
            expect((s.attempts - 1) * interval).toBeLessThan(timeout)
            expect(s.attempts * interval).toBeGreaterThan(timeout - interval)
          }
          expect(s.requestTimeoutMs).toBeLessThanOrEqual(s.intervalMs)
          expect(s.requestTimeoutMs).toBeLessThanOrEqual(request * 1000)
        }
      ),
      { numRuns: 300 }
    )
    shares.check()
  })
})

describe('the wait before an attempt', () => {
  it.each([
    [1, 0, 10_000, 0],
    [2, 3000, 10_000, 7000],
    [3, 12_000, 10_000, 8000],
    // An attempt that took longer than the interval: the next one is due at once.
    [2, 14_000, 10_000, 0]
  ])(
    'attempt %s, %s ms after the start, every %s ms → %s ms',
    (attempt, elapsed, interval, wait) => {
      expect(waitBeforeAttempt(attempt, elapsed, interval)).toBe(wait)
    }
  )
})

it.each([
  ['HTTP 200', true],
  ['HTTP 204', false],
  ['HTTP 503', false],
  ['HTTP 302', false],
  ['fetch failed', false],
  ['', false]
])('%j is healthy: %s', (answer, healthy) => {
  expect(answersHealthy(answer)).toBe(healthy)
})
