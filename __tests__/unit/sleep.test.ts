import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { readLabels } from '../../src/domain/label-state.js'
import { repositoryKey, requestMetricDimensions } from '../../src/domain/resources.js'
import {
  type SleepPolicy,
  isIdle,
  parseSleepAfter,
  sleepCandidates,
  sleepKey
} from '../../src/domain/sleep.js'

const NOW = Date.UTC(2026, 10, 27, 12, 0)
const HOUR = 3_600_000
const KEY = repositoryKey('apache/superset')
const LISTENER =
  'arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/previews/0123456789abcdef/fedcba9876543210'
const group = (pr: number, sha: string) =>
  `arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/st-${KEY}-${pr}-${sha}/00000000000000${pr}`
const POLICY: SleepPolicy = {
  sleepAfter: parseSleepAfter('2h')!,
  addressing: { kind: 'load-balancer', previewDomain: 'preview.example.com', containerPort: 8080 },
  repository: 'apache/superset',
  listenerArn: LISTENER
}
const stamp = (hoursAgo: number) => {
  const iso = new Date(NOW - hoursAgo * HOUR).toISOString()
  return `${iso.slice(0, 13)}-${iso.slice(14, 16)}`
}
const livePr = (n: number, sha: string, hoursAgo: number, status = 'running') => ({
  number: n,
  labels: readLabels([`🎪 ${sha} 🚦 ${status}`, `🎪 ${sha} 📅 ${stamp(hoursAgo)}`, `🎪 🎯 ${sha}`])
})

describe('parseSleepAfter', () => {
  it.each([
    ['never', { kind: 'never' }],
    ['', { kind: 'never' }],
    [' NEVER ', { kind: 'never' }],
    ['5m', { kind: 'idle', ms: 5 * 60_000, text: '5m' }],
    ['2h', { kind: 'idle', ms: 2 * HOUR, text: '2h' }],
    ['1D', { kind: 'idle', ms: 24 * HOUR, text: '1d' }],
    ['14d', { kind: 'idle', ms: 14 * 24 * HOUR, text: '14d' }]
  ])('reads %j', (text, expected) => {
    expect(parseSleepAfter(text)).toEqual(expected)
  })

  it.each(['4m', '15d', '1w', '2', 'h', '-1h', '1.5h', 'always', '99999d', '2hours'])(
    'refuses %j',
    (text) => {
      expect(parseSleepAfter(text)).toBeUndefined()
    }
  )
})

describe('requestMetricDimensions', () => {
  it("takes the final portions of the load balancer's and the target group's ARNs", () => {
    expect(requestMetricDimensions(LISTENER, group(7, 'abc123f'))).toEqual({
      LoadBalancer: 'app/previews/0123456789abcdef',
      TargetGroup: `targetgroup/st-${KEY}-7-abc123f/000000000000007`
    })
  })

  it.each([
    ['arn:aws:elasticloadbalancing:r:1:loadbalancer/app/previews/0123456789abcdef', group(1, 'a')],
    [LISTENER, 'arn:aws:ecs:r:1:service/c/pr-1-abc123f-service'],
    ['listener/app/previews/1/2', group(1, 'a')]
  ])('answers nothing for %s and %s', (listener, targetGroup) => {
    expect(requestMetricDimensions(listener, targetGroup)).toBeUndefined()
  })
})

describe('sleepCandidates', () => {
  const facts = (prs: ReturnType<typeof livePr>[]) => ({
    now: NOW,
    openPrs: prs,
    services: prs.flatMap((p) =>
      p.labels.shows.map((s) => ({ name: `pr-${p.number}-${s.sha}-service`, tags: {} }))
    ),
    targetGroups: prs.flatMap((p) => p.labels.shows.map((s) => ({ arn: group(p.number, s.sha) })))
  })

  it('names the live environment old enough to have been idle the whole window, with its metric', () => {
    expect(
      sleepCandidates(facts([livePr(1, 'aaaaaaa', 2), livePr(2, 'bbbbbbb', 1.9)]), POLICY)
    ).toEqual([
      {
        pr: 1,
        sha: 'aaaaaaa',
        dimensions: requestMetricDimensions(LISTENER, group(1, 'aaaaaaa'))
      }
    ])
  })

  it.each<[string, Partial<ReturnType<typeof facts>>, Partial<SleepPolicy>]>([
    ['sleep-after is never', {}, { sleepAfter: { kind: 'never' } }],
    ['it answers at a public IP', {}, { addressing: { kind: 'task', containerPort: 8080 } }],
    ['no listener is named', {}, { listenerArn: undefined! }],
    ['its service is not listed', { services: [] }, {}],
    ['its target group is not listed', { targetGroups: [] }, {}]
  ])('names none when %s', (_, factsChange, policyChange) => {
    const policy = { ...POLICY, ...policyChange }
    if (policyChange.listenerArn === undefined && 'listenerArn' in policyChange)
      delete (policy as { listenerArn?: string }).listenerArn
    expect(
      sleepCandidates({ ...facts([livePr(1, 'aaaaaaa', 5)]), ...factsChange }, policy)
    ).toEqual([])
  })

  it('property: every candidate is running, the PR’s 🎯, and at least sleep-after old', () => {
    const branches = new Branches('sleep candidates', { named: 0.3, 'none named': 0.1 })
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            status: fc.constantFrom('running', 'running', 'sleeping', 'deploying', 'failed'),
            hoursAgo: fc.integer({ min: 0, max: 100 * 60 }).map((minutes) => minutes / 60)
          }),
          { maxLength: 6 }
        ),
        (envs) => {
          const prs = envs.map((e, i) =>
            livePr(i + 1, `${i + 1}`.padStart(7, 'b'), e.hoursAgo, e.status)
          )
          const named = sleepCandidates(facts(prs), POLICY)
          for (const c of named) {
            const e = envs[c.pr - 1]!
            expect(e.status).toBe('running')
            // 📅 holds minutes: the age is read from the minute it names.
            expect(
              NOW - Math.floor((NOW - e.hoursAgo * HOUR) / 60_000) * 60_000
            ).toBeGreaterThanOrEqual(2 * HOUR)
            expect(c.sha).toBe(`${c.pr}`.padStart(7, 'b'))
          }
          branches.run().hit('named', named.length > 0)
          branches.hit('none named', named.length === 0)
        }
      ),
      { numRuns: 300 }
    )
    branches.check()
  })
})

describe('isIdle', () => {
  it('is idle only at a count of 0 that was read', () => {
    const counts = new Map([
      [sleepKey(1, 'aaaaaaa'), 0],
      [sleepKey(2, 'bbbbbbb'), 3]
    ])
    expect(isIdle(counts, 1, 'aaaaaaa')).toBe(true)
    expect(isIdle(counts, 2, 'bbbbbbb')).toBe(false)
    expect(isIdle(counts, 3, 'ccccccc')).toBe(false)
    expect(isIdle(undefined, 1, 'aaaaaaa')).toBe(false)
  })
})
