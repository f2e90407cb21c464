// The scheduled cleanup's GitHub budget: half of what the token had left, GitHub's write ceiling,
// the GraphQL half, each action's cost, and whole actions deferred in plan order.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  type CleanupBudget,
  actionCost,
  cleanupBudget,
  plannedWrites,
  withinBudget
} from '../../src/domain/cleanup-budget.js'
import type { CleanupAction } from '../../src/domain/cleanup-plan.js'
import { cleanupAction } from '../../__fixtures__/cleanup-actions.js'

const CEILING = 500
const unread = { spent: 0 }

describe('the budget', () => {
  it.each([
    ['no rate-limit header yet: only the ceiling', unread, unread, Infinity, Infinity, 'ceiling'],
    [
      'half of 1,000 left, 10 spent by the reads',
      { atStart: 1000, spent: 10 },
      unread,
      490,
      Infinity,
      'token'
    ],
    ['half of 1,001 rounds down', { atStart: 1001, spent: 0 }, unread, 500, Infinity, 'ceiling'],
    [
      'half of 999: 499, under the ceiling',
      { atStart: 999, spent: 0 },
      unread,
      499,
      Infinity,
      'token'
    ],
    [
      '5,000 left: the ceiling bounds',
      { atStart: 5000, spent: 100 },
      unread,
      2400,
      Infinity,
      'ceiling'
    ],
    ['more spent than half: nothing', { atStart: 100, spent: 60 }, unread, 0, Infinity, 'token'],
    ['GraphQL: half of its points', unread, { atStart: 5000, spent: 30 }, Infinity, 2470, 'ceiling']
  ] as const)('%s', (_, core, graphql, requests, points, bound) => {
    const budget = cleanupBudget({ core, graphql }, CEILING)
    expect(budget.requests).toBe(requests)
    expect(budget.graphql).toBe(points)
    expect(budget.writes).toBe(CEILING)
    expect(budget.boundBy.kind).toBe(bound)
  })

  it('names what the token had left when that bounds it', () => {
    expect(
      cleanupBudget({ core: { atStart: 300, spent: 5 }, graphql: unread }, CEILING).boundBy
    ).toEqual({
      kind: 'token',
      leftAtStart: 300
    })
    expect(cleanupBudget({ core: unread, graphql: unread }, 42).boundBy).toEqual({
      kind: 'ceiling',
      writesPerHour: 42
    })
  })
})

const removal = (detach: number, deleteDefinition: number) => ({
  detach: Array.from({ length: detach }, (_, i) => `🎪 abc123f 🚦 s${i}`),
  deleteDefinition: Array.from({ length: deleteDefinition }, (_, i) => `🎪 abc123f 🤡 u${i}`)
})
const teardown = (pr: number, labels: number, announce: boolean): CleanupAction => ({
  kind: 'teardown',
  pr,
  sha: 'abc123f',
  labels: removal(labels, 0),
  why: 'expired',
  ...(announce && { announce: 'expired' as const })
})

describe('what an action costs', () => {
  it.each([
    ['a teardown: its labels', teardown(1, 3, false), 3, 0, 0],
    [
      'an expired teardown: its labels, the comment and the deployments',
      teardown(1, 3, true),
      5,
      1,
      2
    ],
    [
      'a closed PR: detached labels and deleted definitions',
      { kind: 'close', pr: 2, services: ['a', 'b'], labels: removal(2, 3) },
      5,
      0,
      0
    ],
    [
      'an abandoned build: definitions, one add, removals',
      {
        kind: 'abandoned',
        pr: 3,
        sha: 'abc123f',
        add: ['🎪 abc123f 🚦 failed'],
        define: ['🎪 abc123f 🚦 failed'],
        labels: removal(1, 1)
      },
      4,
      0,
      0
    ],
    [
      'a sleep: its definition, the sleeping label, the running one off',
      {
        kind: 'sleep',
        pr: 4,
        sha: 'abc123f',
        service: 'pr-4-abc123f-service',
        add: ['🎪 abc123f 🚦 sleeping'],
        define: ['🎪 abc123f 🚦 sleeping'],
        labels: removal(1, 0),
        why: 'asleep: no request in 1h'
      },
      3,
      0,
      0
    ],
    [
      'a sleep whose definition exists: two writes',
      {
        kind: 'sleep',
        pr: 4,
        sha: 'abc123f',
        add: ['🎪 abc123f 🚦 sleeping'],
        define: [],
        labels: removal(1, 0),
        why: 'asleep: no request in 1h'
      },
      2,
      0,
      0
    ],
    ['an orphaned service: AWS only', { kind: 'orphan-service', service: 'x', why: 'y' }, 0, 0, 0],
    ['a definition to delete', { kind: 'delete-definition', name: '🎪 x' }, 1, 0, 0],
    ['a definition to create', { kind: 'create-definition', name: '🎪 x' }, 1, 0, 0],
    ['a definition to colour', { kind: 'fix-definition', name: '🎪 x' }, 1, 0, 0]
  ] as const)('%s', (_, action, writes, core, graphql) => {
    expect(actionCost(action as CleanupAction)).toEqual({ writes, reads: { core, graphql } })
  })

  it('sums the writes of a plan', () => {
    expect(plannedWrites([teardown(1, 3, true), teardown(2, 1, false)])).toBe(6)
    expect(plannedWrites([])).toBe(0)
  })
})

const budget = (requests: number, writes: number, graphql: number): CleanupBudget => ({
  requests,
  writes,
  graphql,
  boundBy: { kind: 'ceiling', writesPerHour: writes }
})

describe('which actions fit', () => {
  it('takes whole actions in plan order, and a later cheaper one may still fit', () => {
    const [a, b, c, d] = [
      teardown(1, 4, false),
      teardown(2, 6, false),
      teardown(3, 1, false),
      teardown(4, 5, false)
    ]
    const { undertaken, deferred } = withinBudget([a!, b!, c!, d!], budget(6, 500, 100))
    expect(undertaken).toEqual([a, c])
    expect(deferred).toEqual([b, d])
  })

  it('counts the reads an announcement needs against the requests, and its queries against GraphQL', () => {
    const announced = teardown(1, 1, true)
    expect(withinBudget([announced], budget(3, 500, 100)).deferred).toEqual([announced])
    expect(withinBudget([announced], budget(4, 500, 100)).deferred).toEqual([])
    expect(withinBudget([announced], budget(100, 500, 1)).deferred).toEqual([announced])
    expect(withinBudget([announced], budget(100, 2, 2)).deferred).toEqual([announced])
    expect(withinBudget([announced], budget(100, 3, 2)).undertaken).toEqual([announced])
  })

  it('never exceeds the write ceiling, however many requests are left', () => {
    const actions = [teardown(1, 300, false), teardown(2, 300, false)]
    expect(withinBudget(actions, budget(Infinity, 500, Infinity)).undertaken).toEqual([actions[0]])
  })

  it('defers only what does not fit, keeps plan order, and stays within every bound', () => {
    const shares = new Branches(
      'defers only what does not fit, keeps plan order, and stays within every bound',
      { someOfBoth: 0.3, cheaperAfterDeferred: 0.1 }
    )
    fc.assert(
      fc.property(
        fc.array(cleanupAction, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 8 }),
        (actions, requests, writes, graphql) => {
          shares.run()
          const limits = budget(requests, writes, graphql)
          const { undertaken, deferred } = withinBudget(actions, limits)
          // Every action once, undertaken and deferred each in plan order.
          expect(undertaken.length + deferred.length).toBe(actions.length)
          expect(actions.filter((a) => undertaken.includes(a))).toEqual(undertaken)
          expect(actions.filter((a) => deferred.includes(a))).toEqual(deferred)
          // The undertaken fit; each deferred action would not have, where it stood in the plan.
          let spent = { requests: 0, writes: 0, graphql: 0 }
          let deferredBefore = false
          let cheaperTaken = false
          for (const action of actions) {
            const cost = actionCost(action)
            const next = {
              requests: spent.requests + cost.writes + cost.reads.core,
              writes: spent.writes + cost.writes,
              graphql: spent.graphql + cost.reads.graphql
            }
            const fits =
              next.requests <= requests && next.writes <= writes && next.graphql <= graphql
            expect(undertaken.includes(action) && !deferred.includes(action)).toBe(fits)
            if (fits) {
              spent = next
              if (deferredBefore) cheaperTaken = true
            } else deferredBefore = true
          }
          if (undertaken.length > 0 && deferred.length > 0) shares.hit('someOfBoth')
          if (cheaperTaken) shares.hit('cheaperAfterDeferred')
        }
      ),
      { numRuns: 600 }
    )
    // The budget binds in a good share of the plans, and a cheaper action after a deferred one
    // is taken in some: both branches of the rule run.
    shares.check()
  })

  it('defers nothing without a bound', () => {
    fc.assert(
      fc.property(fc.array(cleanupAction, { maxLength: 20 }), (actions) => {
        expect(withinBudget(actions, budget(Infinity, Infinity, Infinity)).deferred).toEqual([])
      }),
      { numRuns: 200 }
    )
  })
})
