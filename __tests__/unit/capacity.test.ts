// Where a preview's task runs, and when Fargate Spot had no capacity for it.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  ON_DEMAND,
  type ServiceEvent,
  placementOf,
  spotShortage,
  usesSpot
} from '../../src/domain/capacity.js'

describe('placement', () => {
  it('keeps the FARGATE launch type by default, and never sends a launch type with a strategy', () => {
    expect(placementOf('FARGATE')).toEqual({ launchType: 'FARGATE' })
    expect(placementOf('FARGATE_SPOT')).toEqual({
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]
    })
    expect(ON_DEMAND).toEqual({
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }]
    })
    for (const placement of [placementOf('FARGATE_SPOT'), ON_DEMAND])
      expect(placement).not.toHaveProperty('launchType')
  })

  it('watches only a placement that can run short of Spot capacity', () => {
    expect(usesSpot(placementOf('FARGATE_SPOT'))).toBe(true)
    expect(usesSpot(placementOf('FARGATE'))).toBe(false)
    expect(usesSpot(ON_DEMAND)).toBe(false)
    expect(
      usesSpot({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 0 }] })
    ).toBe(false)
  })
})

describe('a shortage of Spot capacity, read from the service events', () => {
  const shortage =
    '(service pr-7-abc123f-service) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone.'
  const others = [
    '(service pr-7-abc123f-service) has reached a steady state.',
    '(service pr-7-abc123f-service) has started 1 tasks: (task 0123).',
    '(service pr-7-abc123f-service) was unable to place a task because no container instance met all of its requirements.',
    '(service pr-7-abc123f-service) failed to launch a task with (error ECS was unable to assume the role).'
  ]

  it('finds the event that says so since the deploy began, and nothing else', () => {
    const events: ServiceEvent[] = [
      { createdAt: 2_000, message: others[0]! },
      { createdAt: 1_500, message: shortage },
      { createdAt: 500, message: shortage }
    ]
    expect(spotShortage(events, 1_000)).toEqual({ createdAt: 1_500, message: shortage })
    expect(spotShortage(events, 1_600)).toBeUndefined()
    expect(spotShortage([], 0)).toBeUndefined()
  })

  it('any mix of events: found exactly when a shortage event is as new as the deploy', () => {
    const branches = new Branches('spot shortage', { found: 0.2, tooOld: 0.1, none: 0.2 })
    const event = fc.record({
      createdAt: fc.integer({ min: 0, max: 10_000 }),
      message: fc.constantFrom(shortage, shortage.toUpperCase(), ...others)
    })
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: 6 }),
        fc.integer({ min: 0, max: 10_000 }),
        (events, since) => {
          const b = branches.run()
          const isShortage = (e: ServiceEvent) => e.message.toLowerCase() === shortage.toLowerCase()
          const expected = events.find((e) => isShortage(e) && e.createdAt >= since)
          b.hit('found', expected !== undefined)
          b.hit('tooOld', expected === undefined && events.some(isShortage))
          b.hit('none', !events.some(isShortage))
          expect(spotShortage(events, since)).toEqual(expected)
        }
      ),
      { numRuns: 500 }
    )
    branches.check()
  })
})
