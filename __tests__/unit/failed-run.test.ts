// What a run that claimed a commit and did not go live leaves, failed or interrupted alike: the
// commit failed (or running again after a failed forced rebuild), its go-live's address and
// pointer off again; a run that went live after all keeps it.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  failedRunOutcome,
  recordsInFlight,
  servedBefore,
  serviceRemains,
  wentLive
} from '../../src/domain/failed-run.js'
import { readLabels } from '../../src/domain/label-state.js'
import type { Action } from '../../src/domain/planner.js'

const building = [
  '🎪 abc123f 🚦 building',
  '🎪 abc123f 📅 2026-11-27T10-00',
  '🎪 abc123f 🤡 maxime',
  '🎪 def456a 🚦 running',
  '🎪 def456a 🌐 52.1.2.3:8080',
  '🎪 🎯 def456a'
]

describe('what a failed or interrupted run leaves', () => {
  it.each([
    [
      'a new commit: failed, the serving one untouched',
      building,
      false,
      false,
      {
        kind: 'failed',
        labels: { add: ['🎪 abc123f 🚦 failed'], remove: ['🎪 abc123f 🚦 building'] }
      }
    ],
    [
      'stopped inside go-live: failed, its address and pointer off again',
      [
        '🎪 abc123f 🚦 deploying',
        '🎪 abc123f 🚦 running',
        '🎪 abc123f 🌐 10.0.0.9:8080',
        '🎪 🎯 abc123f'
      ],
      false,
      false,
      {
        kind: 'failed',
        labels: {
          add: ['🎪 abc123f 🚦 failed'],
          remove: [
            '🎪 abc123f 🚦 deploying',
            '🎪 abc123f 🚦 running',
            '🎪 abc123f 🌐 10.0.0.9:8080',
            '🎪 🎯 abc123f'
          ]
        }
      }
    ],
    [
      'a forced rebuild: running again, its address and pointer kept',
      ['🎪 abc123f 🚦 deploying', '🎪 abc123f 🌐 52.1.2.3:8080', '🎪 🎯 abc123f'],
      true,
      false,
      {
        kind: 'failed',
        labels: { add: ['🎪 abc123f 🚦 running'], remove: ['🎪 abc123f 🚦 deploying'] }
      }
    ],
    [
      'the claim’s labels never landed: the commit is marked failed, so a retry is invited',
      [],
      false,
      false,
      { kind: 'failed', labels: { add: ['🎪 abc123f 🚦 failed'], remove: [] } }
    ],
    [
      'it went live after all: only the status it was leaving comes off',
      ['🎪 abc123f 🚦 deploying', '🎪 abc123f 🚦 running', '🎪 🎯 abc123f'],
      false,
      true,
      { kind: 'went-live', labels: { add: [], remove: ['🎪 abc123f 🚦 deploying'] } }
    ]
  ] as const)('%s', (_, labels, servedBefore, live, outcome) => {
    expect(
      failedRunOutcome(readLabels([...labels]), { sha: 'abc123f', servedBefore, live })
    ).toEqual(outcome)
  })

  it.each([
    ['a new commit', building, false],
    [
      'a forced rebuild',
      ['🎪 abc123f 🚦 deploying', '🎪 abc123f 🌐 52.1.2.3:8080', '🎪 🎯 abc123f'],
      true
    ]
  ] as const)(
    'refused because a resource of its name is not ours (%s): no label of the commit is left',
    (_, labels, servedBefore) => {
      const outcome = failedRunOutcome(readLabels([...labels]), {
        sha: 'abc123f',
        servedBefore,
        live: false,
        refused: true
      })
      expect(outcome.kind).toBe('failed')
      expect(outcome.labels.add).toEqual([])
      expect([...outcome.labels.remove].sort()).toEqual(
        labels.filter((l) => l.includes('abc123f')).sort()
      )
    }
  )

  it('changes only the commit’s own labels, and leaves it with exactly one status', () => {
    const sha = fc.constantFrom('abc123f', 'def456a')
    const label = fc.oneof(
      fc
        .tuple(sha, fc.constantFrom('building', 'deploying', 'running', 'failed'))
        .map(([s, status]) => `🎪 ${s} 🚦 ${status}`),
      sha.map((s) => `🎪 ${s} 🌐 10.0.0.1:8080`),
      sha.map((s) => `🎪 🎯 ${s}`),
      sha.map((s) => `🎪 ${s} 🤡 maxime`)
    )

    const shares = new Branches(
      'changes only the commit’s own labels, and leaves it with exactly one status',
      { failedWithLeftovers: 0.08, kept: 0.15 }
    )
    fc.assert(
      fc.property(
        fc.uniqueArray(label, { maxLength: 8 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (some, servedBefore, live, running) => {
          shares.run()
          // Often running too, as after a go-live: the post step then keeps it.
          const names = running ? [...new Set([...some, '🎪 abc123f 🚦 running'])] : some
          const outcome = failedRunOutcome(readLabels(names), {
            sha: 'abc123f',
            servedBefore,
            live
          })
          expect(outcome.kind).toBe(live ? 'went-live' : 'failed')
          const { add, remove } = outcome.labels
          for (const name of [...add, ...remove]) expect(name).toContain('abc123f')
          for (const name of remove) expect(names).toContain(name)
          const after = [...new Set([...names.filter((n) => !remove.includes(n)), ...add])]
          const statuses = after.filter((n) => n.startsWith('🎪 abc123f 🚦 '))
          if (outcome.kind === 'failed') {
            const status = servedBefore ? 'running' : 'failed'
            expect(statuses).toEqual([`🎪 abc123f 🚦 ${status}`])
            const leftovers = ['🎪 abc123f 🌐 10.0.0.1:8080', '🎪 🎯 abc123f']
            for (const name of leftovers)
              expect(after.includes(name)).toBe(servedBefore && names.includes(name))
            if (!servedBefore && leftovers.some((n) => names.includes(n)))
              shares.hit('failedWithLeftovers')
          } else if (names.includes('🎪 abc123f 🚦 running')) {
            shares.hit('kept')
            expect(statuses).toEqual(['🎪 abc123f 🚦 running'])
          }
        }
      ),
      { numRuns: 500 }
    )
    shares.check()
  })
})

describe('the post step’s reading', () => {
  it.each([
    [['🎪 abc123f 🚦 running'], true],
    [['🎪 abc123f 🚦 deploying', '🎪 abc123f 🚦 running'], true],
    [['🎪 abc123f 🚦 updating'], true],
    [['🎪 abc123f 🚦 deploying'], false],
    [['🎪 abc123f 🚦 failed'], false],
    [['🎪 def456a 🚦 running'], false],
    [[], false]
  ] as const)('%o: went live %s', (labels, live) => {
    expect(wentLive(readLabels([...labels]), 'abc123f')).toBe(live)
  })
})

it.each<[Action, boolean]>([
  ['create_environment', true],
  ['destroy_environment', false],
  ['no_action', false],
  ['blocked', false]
])('a %s run records its claim for the post step: %s', (action, records) => {
  expect(recordsInFlight(action)).toBe(records)
})

describe('whether the commit served before the run', () => {
  const task = { kind: 'task', containerPort: 8080 } as const
  const balanced = {
    kind: 'load-balancer',
    previewDomain: 'p.example.com',
    containerPort: 8080
  } as const
  it.each([
    [
      'a commit with an address, without a load balancer',
      ['🎪 abc123f 🚦 running', '🎪 abc123f 🌐 52.1.2.3:8080'],
      task,
      true
    ],
    ['a running commit without an address', ['🎪 abc123f 🚦 running'], task, false],
    [
      'beside another commit that never served',
      ['🎪 0000001 🚦 failed', '🎪 abc123f 🚦 running', '🎪 abc123f 🌐 52.1.2.3:8080'],
      task,
      true
    ],
    ['a new commit', ['🎪 def456a 🚦 running', '🎪 def456a 🌐 52.1.2.3:8080'], task, false],
    ['a running commit behind the load balancer', ['🎪 abc123f 🚦 running'], balanced, true],
    ['a failed commit behind the load balancer', ['🎪 abc123f 🚦 failed'], balanced, false]
  ] as const)('%s: %s', (_, labels, addressing, served) => {
    expect(servedBefore(readLabels([...labels]), 'abc123f', addressing)).toBe(served)
  })
})

describe('whether the service remains once a failed run is left', () => {
  const failed = { kind: 'failed', labels: { add: [], remove: [] } } as const
  const live = { kind: 'went-live', labels: { add: [], remove: [] } } as const
  it.each([
    ['the run created it: deleted', failed, { createdService: true, servedBefore: false }, false],
    [
      'a forced rebuild created it anew: deleted',
      failed,
      { createdService: true, servedBefore: true },
      false
    ],
    [
      'the run rolled it: rolled back, it remains',
      failed,
      { createdService: false, servedBefore: false, previousTaskDefinition: 'td:1' },
      true
    ],
    [
      'the commit served before and the run never reached it',
      failed,
      { createdService: false, servedBefore: true },
      true
    ],
    [
      'the run failed before any service',
      failed,
      { createdService: false, servedBefore: false },
      false
    ],
    ['it went live', live, { createdService: true, servedBefore: false }, true]
  ])('%s', (_what, outcome, record, remains) => {
    expect(serviceRemains(outcome, record)).toBe(remains)
  })
})
