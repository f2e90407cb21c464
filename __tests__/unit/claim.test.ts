// The claim against other runs: what GitHub's answer to the trigger's removal means, how an
// ambiguous one is settled, what a superseded commit claim takes off again, and when another run
// took the commit's labels away.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  type ClaimAnswer,
  claimUndo,
  namedByWorkflow,
  removedByAnotherRun,
  settleAmbiguousClaim,
  triggerClaim
} from '../../src/domain/claim.js'
import { readLabels } from '../../src/domain/label-state.js'
import type { Action } from '../../src/domain/planner.js'

describe('the answer to the removal of the trigger', () => {
  it.each<[ClaimAnswer, Action, ReturnType<typeof triggerClaim>]>([
    ['taken', 'create_environment', 'claimed'],
    ['taken', 'destroy_environment', 'claimed'],
    ['taken', 'no_action', 'claimed'],
    ['absent', 'create_environment', 'lost'],
    ['absent', 'destroy_environment', 'lost'],
    ['absent', 'no_action', 'lost'],
    // A server error, then 404: a build reads the PR again, a teardown twice does no harm.
    ['ambiguous', 'create_environment', 're-read'],
    ['ambiguous', 'destroy_environment', 'claimed'],
    ['ambiguous', 'no_action', 'claimed'],
    ['ambiguous', 'blocked', 'claimed']
  ])('%s for %s → %s', (answer, action, verdict) => {
    expect(triggerClaim(answer, action)).toBe(verdict)
  })
})

describe('an ambiguous claim, settled by reading the PR again', () => {
  it.each([
    ['no environment of the commit yet', [], 'claimed'],
    ['another run builds it', ['🎪 abc123f 🚦 building'], 'lost'],
    ['another run deploys it', ['🎪 abc123f 🚦 deploying'], 'lost'],
    ['an old tool left it built', ['🎪 abc123f 🚦 built'], 'lost'],
    ['it runs (a rebuild asked for)', ['🎪 abc123f 🚦 running'], 'claimed'],
    ['it failed (a retry asked for)', ['🎪 abc123f 🚦 failed'], 'claimed'],
    ['another commit builds', ['🎪 def456a 🚦 building'], 'claimed']
  ] as const)('%s → %s', (_, labels, verdict) => {
    expect(settleAmbiguousClaim(readLabels([...labels]), 'abc123f')).toBe(verdict)
  })
})

describe('what a superseded commit claim takes off', () => {
  it('every label it wrote but the PR-level TTL', () => {
    expect(
      claimUndo([
        '🎪 abc123f 🚦 building',
        '🎪 abc123f 📅 2026-11-27T10-00',
        '🎪 abc123f 🤡 maxime',
        '🎪 ⌛ 48h'
      ])
    ).toEqual(['🎪 abc123f 🚦 building', '🎪 abc123f 📅 2026-11-27T10-00', '🎪 abc123f 🤡 maxime'])
    expect(claimUndo(['🎪 abc123f 🚦 building', '🎪 ⌛ close', '🎪 ⌛ 1w'])).toEqual([
      '🎪 abc123f 🚦 building'
    ])
    expect(claimUndo([])).toEqual([])
  })

  it('reads the TTL label by the grammar, not by its first characters', () => {
    // A per-commit TTL of an older tool starts the same way, but is the commit's: it goes.
    expect(claimUndo(['🎪 ⌛ abc123f 48h', '🎪 ⌛ 48h'])).toEqual(['🎪 ⌛ abc123f 48h'])
  })

  it('keeps exactly the TTL labels, in any claim', () => {
    const ttl = fc.constantFrom('24h', '48h', '1w', 'close', '3d').map((t) => `🎪 ⌛ ${t}`)
    const commitLabel = fc.constantFrom(
      '🎪 abc123f 🚦 building',
      '🎪 abc123f 📅 2026-11-27T10-00',
      '🎪 abc123f 🤡 maxime',
      '🎪 abc123f 🤡 dependabot[bot]'
    )
    const shares = new Branches('keeps exactly the TTL labels, in any claim', { withTtl: 0.3 })
    fc.assert(
      fc.property(fc.array(fc.oneof(ttl, commitLabel), { maxLength: 6 }), (labels) => {
        shares.run()
        const undone = claimUndo(labels)
        if (labels.some((l) => l.startsWith('🎪 ⌛ '))) shares.hit('withTtl')
        expect(undone).toEqual(labels.filter((l) => !l.startsWith('🎪 ⌛ ')))
      }),
      { numRuns: 300 }
    )
    shares.check()
  })
})

describe('labels removed by another run', () => {
  it.each([
    ['the status is still there', ['s1'], ['s1', 'x'], false],
    ['one of two statuses is left', ['s1', 's2'], ['s2'], false],
    ['every status is gone', ['s1', 's2'], ['x'], true],
    ['nothing was there to lose', [], [], false]
  ] as const)('%s → %s', (_, before, now, removed) => {
    expect(removedByAnotherRun(before, now)).toBe(removed)
  })

  it('is true exactly when there were statuses and none is left', () => {
    const label = fc.constantFrom('a', 'b', 'c', 'd')
    const shares = new Branches('is true exactly when there were statuses and none is left', {
      removed: 0.1,
      kept: 0.1
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(label, { maxLength: 3 }),
        fc.uniqueArray(label, { maxLength: 4 }),
        (before, now) => {
          shares.run()
          const expected = before.length > 0 && before.every((l) => !now.includes(l))
          expect(removedByAnotherRun(before, now)).toBe(expected)
          if (expected) shares.hit('removed')
          else if (before.length > 0) shares.hit('kept')
        }
      ),
      { numRuns: 400 }
    )
    shares.check()
  })
})

describe('a commit named by the workflow', () => {
  it.each([
    [{ shaInput: true, event: 'synchronize', eventSha: false }, true],
    [{ shaInput: true, event: 'labeled', eventSha: true }, true],
    [{ shaInput: false, event: 'dispatch', eventSha: true }, true],
    [{ shaInput: false, event: 'dispatch', eventSha: false }, false],
    // A labeled event carries the head it was added on: that is not a commit the workflow named.
    [{ shaInput: false, event: 'labeled', eventSha: true }, false],
    [{ shaInput: false, event: 'synchronize', eventSha: true }, false]
  ] as const)('%o → %s', (request, named) => {
    expect(namedByWorkflow(request)).toBe(named)
  })
})
