// Planner rules that the decision table leaves unpinned (found by mutation testing, issue #15):
// two roll-outs never tear each other down, the exact edge of an abandoned build, and which labels
// of a restarted commit go.

import { describe, expect, it } from 'vitest'
import { type Decision, type Step, plan } from '../../src/domain/planner.js'
import { TRIGGER_START } from '../../src/domain/labels.js'
import type { Permission, ShowtimeEvent } from '../../src/domain/pull-request.js'
import { HEAD, NOW, OLD, POLICY, actor, event, pullRequest } from '../../__fixtures__/builders.js'

// HEAD is def456a…, OLD is abc123f…; a third commit rolled out earlier:
const THIRD = '1234567'

const at = (ms: number): string => {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 13)}-${iso.slice(14, 16)}`
}
const MINUTE = 60_000
const FRESH = at(NOW - 10 * MINUTE)
const AT_THE_EDGE = at(NOW - POLICY.staleAfterMs)
const PAST_THE_EDGE = at(NOW - POLICY.staleAfterMs - MINUTE)

const show = (sha: string, status: string, created = FRESH, extra: string[] = []) => [
  `🎪 ${sha} 🚦 ${status}`,
  `🎪 ${sha} 📅 ${created}`,
  `🎪 ${sha} 🤡 maxime`,
  ...extra
]
const live = (sha: string) => [`🎪 ${sha} 🌐 52.1.2.3:8080`, `🎪 🎯 ${sha}`]

function decide(
  labels: string[],
  ev: ShowtimeEvent,
  target: string,
  options: { headSha?: string; permission?: Permission; now?: number } = {}
): Decision {
  return plan({
    pr: pullRequest(labels, { headSha: options.headSha ?? HEAD }),
    event: ev,
    targetSha: target,
    actor: actor(options.permission ?? 'write'),
    now: options.now ?? NOW,
    policy: POLICY
  })
}

const tornDown = (decision: Decision): string[] =>
  decision.steps.flatMap((s) => (s.kind === 'teardown' ? [s.sha] : []))
const previousState = (decision: Decision): Step | undefined =>
  decision.steps.find((s) => s.kind === 'labels' && s.why.startsWith('previous'))

describe('two roll-outs never tear each other down', () => {
  // The PR head (def456a) is being built by one run while another run rolls out an older commit
  // (abc123f, asked for by a start trigger or a dispatch): the older run leaves the head alone.
  it.each<[string, string[], string, ShowtimeEvent, string[]]>([
    [
      'the head is building, a start trigger asks for an older commit',
      [...show('def456a', 'building'), TRIGGER_START],
      OLD,
      event('labeled', TRIGGER_START),
      []
    ],
    [
      'the head is deploying, a dispatch rolls out an older commit',
      [...show('def456a', 'deploying')],
      OLD,
      event('dispatch'),
      []
    ],
    [
      'the head is building and a third commit runs',
      [
        ...show('def456a', 'building'),
        ...show(THIRD, 'running', FRESH, live(THIRD)),
        TRIGGER_START
      ],
      OLD,
      event('labeled', TRIGGER_START),
      [THIRD]
    ],
    [
      'the head build was abandoned',
      [...show('def456a', 'building', PAST_THE_EDGE), TRIGGER_START],
      OLD,
      event('labeled', TRIGGER_START),
      ['def456a']
    ],
    [
      'the head is building, just not abandoned yet',
      [...show('def456a', 'building', AT_THE_EDGE), TRIGGER_START],
      OLD,
      event('labeled', TRIGGER_START),
      []
    ],
    [
      'the head runs already',
      [...show('def456a', 'running', FRESH, live('def456a')), TRIGGER_START],
      OLD,
      event('labeled', TRIGGER_START),
      ['def456a']
    ],
    [
      'the head failed',
      [...show('def456a', 'failed'), TRIGGER_START],
      OLD,
      event('labeled', TRIGGER_START),
      ['def456a']
    ],
    [
      'another commit than the head is building',
      [...show(THIRD, 'building'), TRIGGER_START],
      OLD,
      event('labeled', TRIGGER_START),
      [THIRD]
    ]
  ])('%s', (_name, labels, target, ev, expected) => {
    const decision = decide(labels, ev, target)
    expect(decision.action).toBe('create_environment')
    expect(decision.steps.find((s) => s.kind === 'build')).toMatchObject({ sha: 'abc123f' })
    expect(tornDown(decision)).toEqual(expected)
  })

  it('the run that rolls out the head tears down an older commit that is still building', () => {
    const decision = decide(
      [...show('abc123f', 'building'), ...show(THIRD, 'running', FRESH, live(THIRD))],
      event('synchronize'),
      HEAD
    )
    expect(decision.reason).toBe('auto_sync_new_commit')
    expect(tornDown(decision)).toEqual([THIRD, 'abc123f'].sort())
  })
})

describe('the abandoned-build rule (older than staleAfterMs)', () => {
  it.each<[string, string, string, string]>([
    ['10 minutes old', FRESH, 'no_action', 'start_while_in_progress'],
    ['exactly staleAfterMs old', AT_THE_EDGE, 'no_action', 'start_while_in_progress'],
    ['a minute past staleAfterMs', PAST_THE_EDGE, 'create_environment', 'explicit_start_stale_sha']
  ])('a start trigger on a build %s: %s (%s)', (_name, created, action, reason) => {
    const decision = decide(
      [...show('def456a', 'building', created), TRIGGER_START],
      event('labeled', TRIGGER_START),
      HEAD
    )
    expect({ action: decision.action, reason: decision.reason }).toEqual({ action, reason })
  })

  it.each<[string, string, string]>([
    ['exactly staleAfterMs old', AT_THE_EDGE, 'in_progress'],
    ['a minute past staleAfterMs', PAST_THE_EDGE, 'target_failed']
  ])('a new commit on a head build %s: %s', (_name, created, reason) => {
    const decision = decide(
      [
        ...show('abc123f', 'running', FRESH, live('abc123f')),
        ...show('def456a', 'deploying', created)
      ],
      event('synchronize'),
      HEAD
    )
    expect(decision.reason).toBe(reason)
    expect(decision.message).toBe(
      reason === 'in_progress'
        ? 'def456a is already deploying'
        : `def456a was abandoned: add ${TRIGGER_START} to retry`
    )
  })

  it('a build without a 📅 label is never taken as abandoned', () => {
    const decision = decide(
      ['🎪 def456a 🚦 building', TRIGGER_START],
      event('labeled', TRIGGER_START),
      HEAD,
      { now: NOW + 365 * 24 * 3_600_000 }
    )
    expect(decision.reason).toBe('start_while_in_progress')
  })
})

describe('restarting a commit that still has an address or a pointer', () => {
  // Only a running commit keeps its 🌐 and 🎯 while it is rebuilt (it serves until the replacement
  // is healthy); a failed, abandoned or unknown one has nothing to serve, so they go at the claim.
  it.each<[string, string, string]>([
    ['failed', 'failed', 'explicit_start_failed_sha'],
    ['abandoned', 'building', 'explicit_start_stale_sha'],
    ['in an unknown status', 'weird-status', 'explicit_start_trigger']
  ])('a %s commit loses its address and pointer', (_name, status, reason) => {
    const labels = show('def456a', status, PAST_THE_EDGE, live('def456a'))
    const decision = decide([...labels, TRIGGER_START], event('labeled', TRIGGER_START), HEAD)
    expect(decision.reason).toBe(reason)
    expect(previousState(decision)).toEqual({
      kind: 'labels',
      add: [],
      // A `building` status label is the claim's own: it stays.
      remove: [
        ...(status === 'building' ? [] : [`🎪 def456a 🚦 ${status}`]),
        `🎪 def456a 📅 ${PAST_THE_EDGE}`,
        '🎪 def456a 🌐 52.1.2.3:8080',
        '🎪 def456a 🤡 maxime',
        '🎪 🎯 def456a'
      ].sort(),
      why: 'previous def456a state'
    })
  })

  it.each(['running', 'updating'])('a %s commit keeps them while it is rebuilt', (status) => {
    const labels = show('def456a', status, PAST_THE_EDGE, live('def456a'))
    const decision = decide([...labels, TRIGGER_START], event('labeled', TRIGGER_START), HEAD)
    expect(decision.reason).toBe('explicit_start_force_rebuild')
    expect(previousState(decision)).toEqual({
      kind: 'labels',
      add: [],
      remove: [
        `🎪 def456a 🚦 ${status}`,
        `🎪 def456a 📅 ${PAST_THE_EDGE}`,
        '🎪 def456a 🤡 maxime'
      ].sort(),
      why: 'previous def456a state'
    })
  })

  it('leaves the labels that the claim writes again', () => {
    // The same person retries a failed commit: the claim adds the same 🤡 label back.
    const labels = ['🎪 def456a 🚦 failed', `🎪 def456a 📅 ${FRESH}`, '🎪 def456a 🤡 maintainer']
    const decision = decide([...labels, TRIGGER_START], event('labeled', TRIGGER_START), HEAD)
    expect(previousState(decision)).toMatchObject({
      remove: [`🎪 def456a 📅 ${FRESH}`, '🎪 def456a 🚦 failed']
    })
  })
})

it('the fixtures name the commits these tests expect', () => {
  expect(OLD.slice(0, 7)).toBe('abc123f')
  expect(HEAD.slice(0, 7)).toBe('def456a')
})
