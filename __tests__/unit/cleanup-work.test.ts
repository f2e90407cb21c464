// What carrying out each cleanup action takes: its AWS deletions and their phase, and its GitHub
// writes in order.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import type { CleanupAction } from '../../src/domain/cleanup-plan.js'
import {
  AWS_PHASES,
  awsDeletions,
  awsPhase,
  awsWaves,
  githubWrites,
  servicesOf
} from '../../src/domain/cleanup-work.js'
import { cleanupAction } from '../../__fixtures__/cleanup-actions.js'

const removal = { detach: ['🎪 abc123f 🚦 running'], deleteDefinition: ['🎪 abc123f 🤡 maxime'] }
const none = { detach: [], deleteDefinition: [] }

const teardown: CleanupAction = {
  kind: 'teardown',
  pr: 7,
  sha: 'abc123f',
  service: 'pr-7-abc123f-service',
  labels: removal,
  why: 'expired: 3d 0h old, TTL 48h',
  announce: 'expired'
}
const close: CleanupAction = {
  kind: 'close',
  pr: 8,
  services: ['pr-8-abc123f-service', 'pr-8-def456a-service'],
  labels: removal
}
const abandoned: CleanupAction = {
  kind: 'abandoned',
  pr: 9,
  sha: 'abc123f',
  service: 'pr-9-abc123f-service',
  add: ['🎪 abc123f 🚦 failed'],
  define: ['🎪 abc123f 🚦 failed'],
  labels: { detach: ['🎪 abc123f 🚦 building'], deleteDefinition: [] }
}
const { service: _service, ...abandonedElsewhere } = abandoned as Extract<
  CleanupAction,
  { kind: 'abandoned' }
>
const { announce: _announce, ...removal48h } = teardown as Extract<
  CleanupAction,
  { kind: 'teardown' }
>
const sleep: CleanupAction = {
  kind: 'sleep',
  pr: 12,
  sha: 'abc123f',
  service: 'pr-12-abc123f-service',
  add: ['🎪 abc123f 🚦 sleeping'],
  define: ['🎪 abc123f 🚦 sleeping'],
  labels: { detach: ['🎪 abc123f 🚦 running'], deleteDefinition: [] },
  why: 'asleep: no request in 1h'
}
const stray: CleanupAction = { kind: 'stray-labels', pr: 10, labels: removal }
const orphan: CleanupAction = { kind: 'orphan-service', service: 'pr-11-x', why: 'orphan' }
/** A failed environment's service: its labels name it. */
const labelledOrphan: CleanupAction = { ...orphan, labelled: true }
/** A closed PR with a service its labels do not name (ours by its tags). */
const closeUnlabelled: CleanupAction = {
  kind: 'close',
  pr: 8,
  services: ['pr-8-abc123f-service', 'pr-8-def456a-service'],
  unlabelled: ['pr-8-def456a-service'],
  labels: removal
}
const rule: CleanupAction = { kind: 'orphan-rule', arn: 'arn:rule', host: 'pr-1.x', why: 'gone' }
const group: CleanupAction = {
  kind: 'orphan-target-group',
  arn: 'arn:tg',
  name: 'st-key-1-abc123f',
  why: 'gone'
}
const deleteDefinition: CleanupAction = { kind: 'delete-definition', name: '🎪 abc123f 🚦 x' }
const createDefinition: CleanupAction = { kind: 'create-definition', name: '🎪 ⌛ 48h' }
const fixDefinition: CleanupAction = { kind: 'fix-definition', name: '🎪 ⌛ 1w' }

describe('AWS work', () => {
  it.each([
    [
      teardown,
      'services',
      [{ kind: 'service', name: 'pr-7-abc123f-service', namedByLabels: true }]
    ],
    [
      close,
      'services',
      [
        { kind: 'service', name: 'pr-8-abc123f-service', namedByLabels: true },
        { kind: 'service', name: 'pr-8-def456a-service', namedByLabels: true }
      ]
    ],
    [
      closeUnlabelled,
      'services',
      [
        { kind: 'service', name: 'pr-8-abc123f-service', namedByLabels: true },
        { kind: 'service', name: 'pr-8-def456a-service', namedByLabels: false }
      ]
    ],
    [
      abandoned,
      'services',
      [{ kind: 'service', name: 'pr-9-abc123f-service', namedByLabels: true }]
    ],
    [abandonedElsewhere, 'services', []],
    [sleep, 'services', [{ kind: 'scale-to-zero', name: 'pr-12-abc123f-service' }]],
    [{ ...sleep, service: undefined }, 'services', []],
    [stray, 'services', []],
    [orphan, 'services', [{ kind: 'service', name: 'pr-11-x', namedByLabels: false }]],
    [labelledOrphan, 'services', [{ kind: 'service', name: 'pr-11-x', namedByLabels: true }]],
    [rule, 'listener rules', [{ kind: 'listener-rule', arn: 'arn:rule', host: 'pr-1.x' }]],
    [group, 'target groups', [{ kind: 'target-group', arn: 'arn:tg', name: 'st-key-1-abc123f' }]],
    [deleteDefinition, 'services', []],
    [createDefinition, 'services', []],
    [fixDefinition, 'services', []]
  ] as const)('%o runs in phase %s and deletes %o', (action, phase, deletions) => {
    expect(awsPhase(action)).toBe(phase)
    expect(awsDeletions(action)).toEqual(deletions)
  })

  it('deletes listener rules first, then services, then the target groups the rules used', () => {
    expect(AWS_PHASES).toEqual(['listener rules', 'services', 'target groups'])
    expect(awsWaves([group, teardown, rule, orphan, fixDefinition, group])).toEqual([
      [2],
      [1, 3, 4],
      [0, 5]
    ])
    expect(awsWaves([])).toEqual([[], [], []])
  })

  it('every action runs in exactly one wave, in its phase, and each wave keeps plan order', () => {
    const shares = new Branches(
      'every action runs in exactly one wave, in its phase, and each wave keeps plan order',
      { allPhases: 0.3 }
    )
    fc.assert(
      fc.property(fc.array(cleanupAction, { minLength: 8, maxLength: 16 }), (actions) => {
        shares.run()
        const waves = awsWaves(actions)
        const indexes = waves.flat()
        expect([...indexes].sort((a, b) => a - b)).toEqual(actions.map((_, i) => i))
        for (const [phase, wave] of waves.entries()) {
          expect(wave).toEqual([...wave].sort((a, b) => a - b))
          for (const index of wave) expect(awsPhase(actions[index]!)).toBe(AWS_PHASES[phase])
        }
        if (waves.every((wave) => wave.length > 0)) shares.hit('allPhases')
        // Every service an action names is deleted, once.
        for (const action of actions) {
          const deleted = awsDeletions(action).flatMap((d) =>
            d.kind === 'service' ? [d.name] : []
          )
          expect(deleted).toEqual(servicesOf(action))
        }
      }),
      { numRuns: 500 }
    )
    // The ordering is exercised: a good share of the lists needs all three phases.
    shares.check()
  })
})

/** The actions that take labels off a PR. */
const withLabels = cleanupAction.filter(
  (a): a is Extract<CleanupAction, { labels: unknown }> => 'labels' in a
)

describe('GitHub writes', () => {
  it.each([
    [
      teardown,
      [
        { kind: 'detach-label', pr: 7, name: '🎪 abc123f 🚦 running' },
        { kind: 'delete-definition', name: '🎪 abc123f 🤡 maxime' },
        { kind: 'announce-expiry', pr: 7, sha: 'abc123f' }
      ]
    ],
    [
      removal48h,
      [
        { kind: 'detach-label', pr: 7, name: '🎪 abc123f 🚦 running' },
        { kind: 'delete-definition', name: '🎪 abc123f 🤡 maxime' }
      ]
    ],
    [
      close,
      [
        { kind: 'detach-label', pr: 8, name: '🎪 abc123f 🚦 running' },
        { kind: 'delete-definition', name: '🎪 abc123f 🤡 maxime' }
      ]
    ],
    [
      abandoned,
      [
        { kind: 'create-definition', name: '🎪 abc123f 🚦 failed' },
        { kind: 'attach-labels', pr: 9, names: ['🎪 abc123f 🚦 failed'] },
        { kind: 'detach-label', pr: 9, name: '🎪 abc123f 🚦 building' }
      ]
    ],
    [
      sleep,
      [
        { kind: 'create-definition', name: '🎪 abc123f 🚦 sleeping' },
        { kind: 'attach-labels', pr: 12, names: ['🎪 abc123f 🚦 sleeping'] },
        { kind: 'detach-label', pr: 12, name: '🎪 abc123f 🚦 running' }
      ]
    ],
    [{ ...stray, labels: none }, []],
    [orphan, []],
    [rule, []],
    [group, []],
    [deleteDefinition, [{ kind: 'delete-definition', name: '🎪 abc123f 🚦 x' }]],
    [createDefinition, [{ kind: 'create-definition', name: '🎪 ⌛ 48h' }]],
    [fixDefinition, [{ kind: 'recolour-definition', name: '🎪 ⌛ 1w' }]]
  ] as const)('%o writes %o', (action, writes) => {
    expect(githubWrites(action)).toEqual(writes)
  })

  it('takes every planned label off, detaching before deleting definitions, and announces last', () => {
    const shares = new Branches(
      'takes every planned label off, detaching before deleting definitions, and announces last',
      { announced: 0.05 }
    )
    fc.assert(
      fc.property(withLabels, (action) => {
        shares.run()
        const writes = githubWrites(action)
        const detached = writes.flatMap((w) => (w.kind === 'detach-label' ? [w.name] : []))
        const deleted = writes.flatMap((w) => (w.kind === 'delete-definition' ? [w.name] : []))
        expect(detached).toEqual(action.labels.detach)
        expect(deleted).toEqual(action.labels.deleteDefinition)
        const lastDetach = writes.findLastIndex((w) => w.kind === 'detach-label')
        const firstDelete = writes.findIndex((w) => w.kind === 'delete-definition')
        if (lastDetach !== -1 && firstDelete !== -1) expect(lastDetach).toBeLessThan(firstDelete)
        const announcement = writes.findIndex((w) => w.kind === 'announce-expiry')
        if (announcement !== -1) {
          shares.hit('announced')
          expect(announcement).toBe(writes.length - 1)
        }
      }),
      { numRuns: 500 }
    )
    shares.check()
  })
})
