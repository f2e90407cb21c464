// Behaviour of the load balancer's domain (src/domain/load-balancer.ts) that the main suite
// (load-balancer.test.ts) leaves open: the order the PR's rule is picked in whatever order ELB
// lists the rules, the exact priorities a PR prefers, rules caught in the middle of a roll-over,
// and summaries whose order does not depend on the order the targets are listed in.

import fc from 'fast-check'
import { A, B, HOST, REPO, TG, preparation, rule } from '../../__fixtures__/load-balancer.js'
import { describe, expect, it } from 'vitest'
import {
  type Route,
  type RoutePreparation,
  type RuleFacts,
  type TargetHealth,
  RULE_PRIORITIES,
  describeRoute,
  preferredPriority,
  prepareRoute,
  ruleForHost,
  targetGroupHealth
} from '../../src/domain/load-balancer.js'
import { repositoryKey } from '../../src/domain/resources.js'

const KEY = repositoryKey(REPO)
const C = TG('st-c28b44-12-0000000')
const WANTED = { host: HOST, sha: 'def456a', targetGroupArn: B }

describe("the PR's rule among the listener's rules", () => {
  const low = rule({ arn: 'low', priority: 3 })
  const mid = rule({ arn: 'mid', priority: 9 })
  const high = rule({ arn: 'high', priority: 20 })
  const fallback = rule({ arn: 'default', priority: undefined })

  it.each([
    ['low, mid, high', [low, mid, high]],
    ['low, high, mid', [low, high, mid]],
    ['mid, low, high', [mid, low, high]],
    ['mid, high, low', [mid, high, low]],
    ['high, low, mid', [high, low, mid]],
    ['high, mid, low', [high, mid, low]],
    ['default first, then low, mid', [fallback, low, mid]],
    ['low, mid, default last', [low, mid, fallback]]
  ])('is the lowest priority whatever order ELB lists them in (%s)', (_, rules) => {
    expect(ruleForHost(rules, HOST)?.arn).toBe('low')
  })

  it('is the lowest priority for any listing order (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: RULE_PRIORITIES.min, max: RULE_PRIORITIES.max }), {
          minLength: 1,
          maxLength: 12
        }),
        (priorities) => {
          const rules = priorities.map((priority) => rule({ arn: `rule-${priority}`, priority }))
          expect(ruleForHost(rules, HOST)?.arn).toBe(`rule-${Math.min(...priorities)}`)
        }
      )
    )
  })
})

describe('the preferred priority', () => {
  it.each([
    [1, 33_171],
    [12, 1_457],
    [4_242, 8_920],
    // The two ends of the range: every priority of the listener can be preferred.
    [7_844, RULE_PRIORITIES.min],
    [36_678, RULE_PRIORITIES.max]
  ])('of PR %i of apache/superset is %i', (pr, priority) => {
    expect(preferredPriority(KEY, pr)).toBe(priority)
  })

  it('is a priority ELB takes, for any repository and PR (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 1, max: 2_147_483_647 }),
        (repository, pr) => {
          const priority = preferredPriority(repositoryKey(repository), pr)
          expect(Number.isInteger(priority)).toBe(true)
          expect(priority).toBeGreaterThanOrEqual(RULE_PRIORITIES.min)
          expect(priority).toBeLessThanOrEqual(RULE_PRIORITIES.max)
        }
      )
    )
  })
})

describe('a route, for the log', () => {
  it.each([
    [
      'two target groups mid roll-over',
      {
        host: HOST,
        forward: [
          { arn: A, weight: 1 },
          { arn: B, weight: 0 }
        ]
      },
      'forwards to st-c28b44-12-abc123f (weight 1), st-c28b44-12-def456a (weight 0)'
    ],
    [
      'three, one of them not named like a target group',
      {
        host: HOST,
        pendingSha: 'def456a',
        forward: [
          { arn: A, weight: 1 },
          { arn: 'nonsense', weight: 2 },
          { arn: B, weight: 0 }
        ]
      },
      'forwards requests with X-Showtime-Pending: def456a to st-c28b44-12-abc123f (weight 1), nonsense (weight 2), st-c28b44-12-def456a (weight 0)'
    ]
  ])('lists %s, separated by commas', (_, route, text) => {
    expect(describeRoute(route)).toBe(text)
  })
})

describe('preparing a rule caught mid roll-over', () => {
  it.each<[string, RuleFacts, RoutePreparation | Route]>([
    [
      'a rule that only attaches the wanted target group (weight 0): still attached, not kept',
      rule({ forward: [{ arn: B, weight: 0 }] }),
      { host: HOST, forward: [{ arn: B, weight: 0 }] }
    ],
    [
      'a rule that serves nothing (only weight-0 groups): the wanted group attached alone',
      rule({
        forward: [
          { arn: A, weight: 0 },
          { arn: C, weight: 0 }
        ]
      }),
      { host: HOST, forward: [{ arn: B, weight: 0 }] }
    ],
    [
      'a rule that splits requests between the wanted group and another: the wanted one drops to weight 0',
      rule({
        forward: [
          { arn: A, weight: 1 },
          { arn: B, weight: 1 }
        ]
      }),
      {
        host: HOST,
        forward: [
          { arn: A, weight: 1 },
          { arn: B, weight: 0 }
        ]
      }
    ],
    [
      'the wanted group serving first, another after: the wanted one moves last with weight 0',
      rule({
        forward: [
          { arn: B, weight: 3 },
          { arn: A, weight: 1 },
          { arn: C, weight: 0 }
        ]
      }),
      {
        host: HOST,
        forward: [
          { arn: A, weight: 1 },
          { arn: B, weight: 0 }
        ]
      }
    ],
    [
      'the wanted group the only one serving, a leftover attached: kept as it is',
      rule({
        forward: [
          { arn: B, weight: 1 },
          { arn: A, weight: 0 }
        ]
      }),
      { kind: 'keep', arn: 'arn:rule/1' }
    ]
  ])('%s', (_, existing, expected) => {
    // Strict: the routes are plain data, with no key set to undefined.
    expect(prepareRoute(existing, WANTED, REPO)).toStrictEqual(preparation(existing, expected))
  })

  it('remembers a live rule as live: its previous route has no pendingSha at all', () => {
    const prepared = prepareRoute(rule(), WANTED, REPO)
    expect(prepared.kind).toBe('modify')
    const previous = prepared.kind === 'modify' ? prepared.previous : undefined
    expect(previous).toStrictEqual({ host: HOST, forward: [{ arn: A, weight: 1 }] })
    expect(Object.keys(previous ?? {})).toEqual(['host', 'forward'])
  })

  it('remembers a pending rule with its pending commit', () => {
    const prepared = prepareRoute(rule({ pendingSha: 'abc123f' }), WANTED, REPO)
    expect(prepared.kind === 'modify' && prepared.previous).toStrictEqual({
      host: HOST,
      pendingSha: 'abc123f',
      forward: [{ arn: A, weight: 1 }]
    })
  })

  it('never keeps a rule unless every group it serves is the wanted one (property)', () => {
    const group = fc.record({
      arn: fc.constantFrom(A, B, C),
      weight: fc.integer({ min: 0, max: 3 })
    })
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 5 }), (forward) => {
        const prepared = prepareRoute(rule({ forward }), WANTED, REPO)
        const serving = forward.filter((t) => t.weight > 0)
        const servesOnlyWanted = serving.length > 0 && serving.every((t) => t.arn === B)
        expect(prepared.kind).toBe(servesOnlyWanted ? 'keep' : 'modify')
        if (prepared.kind !== 'modify') return
        // The wanted group is attached exactly once, last, with weight 0; the others keep serving.
        expect(prepared.route.forward.filter((t) => t.arn === B)).toEqual([{ arn: B, weight: 0 }])
        expect(prepared.route.forward.at(-1)).toEqual({ arn: B, weight: 0 })
        expect(prepared.route.forward.slice(0, -1)).toEqual(
          serving.filter((t) => t.arn !== B).slice(-4)
        )
      })
    )
  })
})

describe("a target group's health summary", () => {
  const draining: TargetHealth = {
    id: 'a',
    state: 'draining',
    reason: 'Target.DeregistrationInProgress'
  }
  const healthy: TargetHealth = { id: 'b', state: 'healthy' }
  const unhealthy: TargetHealth = {
    id: 'c',
    state: 'unhealthy',
    reason: 'Target.ResponseCodeMismatch'
  }
  const SUMMARY =
    '1 draining (Target.DeregistrationInProgress), 1 healthy, 1 unhealthy (Target.ResponseCodeMismatch)'

  it.each([
    ['in order', [draining, healthy, unhealthy]],
    ['reversed', [unhealthy, healthy, draining]],
    ['healthy first', [healthy, draining, unhealthy]],
    ['healthy last', [unhealthy, draining, healthy]],
    ['draining last', [healthy, unhealthy, draining]],
    ['unhealthy first', [unhealthy, draining, healthy]]
  ])('lists the states alphabetically, whatever the listing order (%s)', (_, targets) => {
    expect(targetGroupHealth(targets)).toEqual({ healthy: true, summary: SUMMARY })
  })

  it('keeps two states already in order as they are', () => {
    expect(targetGroupHealth([draining, healthy]).summary).toBe(
      '1 draining (Target.DeregistrationInProgress), 1 healthy'
    )
    expect(targetGroupHealth([healthy, unhealthy]).summary).toBe(
      '1 healthy, 1 unhealthy (Target.ResponseCodeMismatch)'
    )
  })
})
