// What the scheduled cleanup judges from what it could read: the PRs with Showtime labels, and
// the cluster's and load balancer's resources only beside a complete list of open PRs.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  type CleanupReads,
  cleanupFacts,
  closedToRead,
  routingCandidates,
  withTags
} from '../../src/domain/cleanup-facts.js'
import { readLabels } from '../../src/domain/label-state.js'
import type { RuleFacts } from '../../src/domain/load-balancer.js'

const RUNNING = ['🎪 abc123f 🚦 running', '🎪 abc123f 📅 2026-11-27T10-00']
const services = [{ name: 'pr-1-abc123f-service', tags: {} }]
const definitions = [{ name: '🎪 ⌛ 48h', attachments: 1 }]
const routing = { rules: [], targetGroups: [] }

describe('which closed PRs are read', () => {
  it.each([
    [[3, 4, 5], [{ number: 4, labels: [] }], [3, 5]],
    [[3, 4], undefined, [3, 4]],
    [[], [{ number: 4, labels: [] }], []]
  ])('closed %o, open %o → %o', (closed, open, read) => {
    expect(closedToRead(closed, open)).toEqual(read)
  })
})

describe('the facts', () => {
  it('keeps the PRs with 🎪 labels, read into label states', () => {
    const facts = cleanupFacts({
      now: 5,
      open: [
        { number: 1, labels: RUNNING },
        { number: 2, labels: ['bug'] },
        { number: 3, labels: [] }
      ],
      closed: [
        { number: 7, labels: ['🎪 ⌛ 48h'] },
        { number: 8 },
        { number: 9, labels: ['enhancement'] }
      ]
    })
    expect(facts.now).toBe(5)
    expect(facts.openPrs).toEqual([{ number: 1, labels: readLabels(RUNNING) }])
    expect(facts.closedPrs).toEqual([{ number: 7, labels: readLabels(['🎪 ⌛ 48h']) }])
  })

  it('judges services, definitions and routing only beside the complete list of open PRs', () => {
    const all = { now: 0, closed: [], services, definitions, routing }
    expect(cleanupFacts({ ...all, open: [] })).toEqual({
      now: 0,
      openPrs: [],
      closedPrs: [],
      services,
      definitions,
      routing
    })
    expect(cleanupFacts(all)).toEqual({ now: 0, openPrs: [], closedPrs: [] })
  })

  it('leaves out what could not be read', () => {
    expect(cleanupFacts({ now: 0, open: [], closed: [] })).toEqual({
      now: 0,
      openPrs: [],
      closedPrs: []
    })
  })

  it('never judges a resource without the open PRs, and never drops a PR with 🎪 labels', () => {
    const labels = fc.subarray([...RUNNING, 'bug', '🎪 ⌛ 48h'])
    const pr = fc.record({ number: fc.integer({ min: 1, max: 50 }), labels })

    const shares = new Branches(
      'never judges a resource without the open PRs, and never drops a PR with 🎪 labels',
      { withoutOpen: 0.08, judged: 0.5 }
    )
    fc.assert(
      fc.property(
        fc.option(fc.array(pr, { maxLength: 5 }), { nil: undefined }),
        fc.array(
          fc.record(
            { number: fc.integer({ min: 51, max: 99 }), labels },
            { requiredKeys: ['number'] }
          ),
          {
            maxLength: 4
          }
        ),
        fc.option(fc.constant(services), { nil: undefined }),
        fc.option(fc.constant(definitions), { nil: undefined }),
        (open, closed, listed, defined) => {
          shares.run()
          const reads: CleanupReads = {
            now: 0,
            closed,
            ...(open && { open }),
            ...(listed && { services: listed }),
            ...(defined && { definitions: defined }),
            routing
          }
          const facts = cleanupFacts(reads)
          if (open === undefined) {
            shares.hit('withoutOpen')
            expect(facts.services).toBeUndefined()
            expect(facts.definitions).toBeUndefined()
            expect(facts.routing).toBeUndefined()
          } else {
            shares.hit('judged')
            expect(facts.services).toBe(listed)
            expect(facts.definitions).toBe(defined)
            expect(facts.routing).toBe(routing)
          }
          const showtime = (l: readonly string[] = []) => l.some((n) => n.startsWith('🎪'))
          expect(facts.openPrs.map((p) => p.number)).toEqual(
            (open ?? []).filter((p) => showtime(p.labels)).map((p) => p.number)
          )
          expect(facts.closedPrs.map((p) => p.number)).toEqual(
            closed.filter((p) => showtime(p.labels)).map((p) => p.number)
          )
        }
      ),
      { numRuns: 400 }
    )
    shares.check()
  })
})

describe('the load balancer’s resources', () => {
  const rule = (arn: string, host: string): RuleFacts => ({
    arn,
    priority: 1,
    host,
    hosts: [host],
    forward: []
  })
  const rules = [
    rule('r1', 'pr-12.preview.example.com'),
    rule('r2', 'www.example.com'),
    rule('r3', 'PR-3.Preview.Example.com')
  ]
  const groups = [
    { arn: 'g1', name: 'st-0a1b2c-12-abc123f' },
    { arn: 'g2', name: 'web-production' }
  ]

  it('reads the rules of preview hosts and the target groups named like Showtime’s', () => {
    const candidates = routingCandidates(rules, groups, 'preview.example.com')
    expect(candidates.rules.map((r) => r.arn)).toEqual(['r1', 'r3'])
    expect(candidates.targetGroups.map((g) => g.arn)).toEqual(['g1'])
  })

  it('adds the tags read, and none where there were none', () => {
    const candidates = routingCandidates(rules, groups, 'preview.example.com')
    const tagged = withTags(candidates, new Map([['r1', { 'showtime:repository': 'a/b' }]]))
    expect(tagged.rules.map((r) => r.tags)).toEqual([{ 'showtime:repository': 'a/b' }, {}])
    expect(tagged.targetGroups).toEqual([{ ...groups[0], tags: {} }])
  })
})
