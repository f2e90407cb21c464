// Planner rules that the decision table leaves unpinned (found by mutation testing, issue #15):
// two roll-outs never tear each other down, the exact edge of an abandoned build, and which labels
// of a restarted commit go.

import { describe, expect, it } from 'vitest'
import { currentUrl } from '../../src/domain/address.js'
import { type Decision, type Step, plan } from '../../src/domain/planner.js'
import { readLabels } from '../../src/domain/label-state.js'
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
      event('labeled', TRIGGER_START, 'maintainer', OLD),
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
      event('labeled', TRIGGER_START, 'maintainer', OLD),
      [THIRD]
    ],
    [
      'the head build was abandoned',
      [...show('def456a', 'building', PAST_THE_EDGE), TRIGGER_START],
      OLD,
      event('labeled', TRIGGER_START, 'maintainer', OLD),
      ['def456a']
    ],
    [
      'the head is building, just not abandoned yet',
      [...show('def456a', 'building', AT_THE_EDGE), TRIGGER_START],
      OLD,
      event('labeled', TRIGGER_START, 'maintainer', OLD),
      []
    ],
    [
      'the head runs already',
      [...show('def456a', 'running', FRESH, live('def456a')), TRIGGER_START],
      OLD,
      event('labeled', TRIGGER_START, 'maintainer', OLD),
      ['def456a']
    ],
    [
      'the head failed',
      [...show('def456a', 'failed'), TRIGGER_START],
      OLD,
      event('labeled', TRIGGER_START, 'maintainer', OLD),
      ['def456a']
    ],
    [
      'another commit than the head is building',
      [...show(THIRD, 'building'), TRIGGER_START],
      OLD,
      event('labeled', TRIGGER_START, 'maintainer', OLD),
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

describe('every decision says why, in words', () => {
  const running = show('abc123f', 'running', FRESH, live('abc123f'))
  it.each<[string, string[], ShowtimeEvent, Permission | undefined, string, string]>([
    [
      'closed, nothing left',
      ['bug'],
      event('closed'),
      'write',
      'pr_closed_nothing_to_clean',
      'the PR is closed and has no Showtime labels'
    ],
    [
      'closed',
      running,
      event('closed'),
      'write',
      'pr_closed',
      'the PR is closed: every environment is torn down'
    ],
    [
      'blocked',
      [...running, '🎪 🔒 showtime-blocked'],
      event('synchronize'),
      'write',
      'blocked_label',
      'the 🎪 🔒 showtime-blocked label is present: Showtime does nothing until it is removed'
    ],
    [
      'role unknown',
      [TRIGGER_START],
      event('labeled', TRIGGER_START),
      undefined,
      'permission_unknown',
      'the role of maintainer is needed to decide'
    ],
    [
      'unauthorised trigger',
      [TRIGGER_START],
      event('labeled', TRIGGER_START),
      'triage',
      'unauthorised_trigger',
      'maintainer (triage) may not start or stop environments: only write, maintain, admin may'
    ],
    [
      'stop',
      [...running, '🎪 🛑 showtime-trigger-stop'],
      event('labeled', '🎪 🛑 showtime-trigger-stop'),
      'write',
      'explicit_stop_trigger',
      'the stop trigger asks for every environment to be torn down'
    ],
    [
      'start, new commit',
      [TRIGGER_START],
      event('labeled', TRIGGER_START),
      'write',
      'explicit_start_new_sha',
      'the start trigger asks for def456a to be deployed'
    ],
    [
      'start, failed commit',
      [...show('def456a', 'failed'), TRIGGER_START],
      event('labeled', TRIGGER_START),
      'write',
      'explicit_start_failed_sha',
      'the start trigger retries def456a, which failed'
    ],
    [
      'start, abandoned commit',
      [...show('def456a', 'building', PAST_THE_EDGE), TRIGGER_START],
      event('labeled', TRIGGER_START),
      'write',
      'explicit_start_stale_sha',
      'the start trigger restarts def456a, whose build was abandoned'
    ],
    [
      'start, running commit',
      [...show('def456a', 'running'), TRIGGER_START],
      event('labeled', TRIGGER_START),
      'write',
      'explicit_start_force_rebuild',
      'the start trigger rebuilds def456a, which is running'
    ],
    [
      'start, building commit',
      [...show('def456a', 'deploying'), TRIGGER_START],
      event('labeled', TRIGGER_START),
      'write',
      'start_while_in_progress',
      'def456a is already deploying: the start trigger is consumed without a second build'
    ],
    [
      'start, unknown status',
      [...show('def456a', 'weird'), TRIGGER_START],
      event('labeled', TRIGGER_START),
      'write',
      'explicit_start_trigger',
      'the start trigger redeploys def456a'
    ],
    [
      'new commit, already running',
      show('def456a', 'running'),
      event('synchronize'),
      'write',
      'already_running',
      'def456a is already running'
    ],
    [
      'new commit, building',
      show('def456a', 'building'),
      event('synchronize'),
      'write',
      'in_progress',
      'def456a is already building'
    ],
    [
      'a label event',
      running,
      event('labeled', 'bug'),
      'write',
      'not_a_deploy_event',
      'a labeled "bug" event deploys nothing new'
    ],
    [
      'another event',
      running,
      event('other'),
      'write',
      'not_a_deploy_event',
      'a other event deploys nothing new'
    ],
    [
      'an unlabeled event without its label',
      running,
      event('unlabeled'),
      'write',
      'not_a_deploy_event',
      'a unlabeled event deploys nothing new'
    ],
    [
      'a closed event on an open PR',
      running,
      event('closed'),
      'write',
      'not_a_deploy_event',
      'a closed event deploys nothing new'
    ],
    [
      'no environment',
      [],
      event('opened'),
      'write',
      'no_environment',
      `the PR has no environment: add the label ${TRIGGER_START} to create one`
    ],
    [
      'failed head',
      [...running, ...show('def456a', 'failed')],
      event('synchronize'),
      'write',
      'target_failed',
      `def456a failed: add ${TRIGGER_START} to retry`
    ],
    [
      'frozen',
      [...running, '🎪 🧊 showtime-freeze'],
      event('synchronize'),
      'write',
      'frozen',
      'the PR is frozen (🎪 🧊 showtime-freeze): def456a is not rolled out'
    ],
    [
      'unauthorised sender',
      running,
      event('opened'),
      'read',
      'unauthorised_sender',
      'maintainer (read) may not roll out commits: only write, maintain, admin may'
    ],
    [
      'roll-out',
      running,
      event('opened'),
      'write',
      'auto_sync_new_commit',
      'def456a is rolled out in place of the current environment'
    ]
  ])('%s', (name, labels, ev, permission, reason, message) => {
    const decision = plan({
      pr: pullRequest(
        labels,
        name === 'closed' || name.startsWith('closed,') ? { state: 'closed' } : {}
      ),
      event: ev,
      targetSha: HEAD,
      actor: actor(permission),
      now: NOW,
      policy: POLICY
    })
    expect({ reason: decision.reason, message: decision.message }).toEqual({ reason, message })
  })

  it('holds a fork commit and tells the PR', () => {
    const fork = plan({
      pr: pullRequest(show('abc123f', 'running'), { isFork: true }),
      event: event('opened'),
      targetSha: HEAD,
      actor: actor('write'),
      now: NOW,
      policy: POLICY
    })
    expect(fork).toMatchObject({
      action: 'no_action',
      reason: 'fork_commit_needs_approval',
      message: `def456a comes from a fork: a maintainer approves it by adding ${TRIGGER_START}`,
      steps: [{ kind: 'notify', notices: [{ about: 'fork-held', sha: 'def456a' }] }]
    })
  })

  it('removes the labels of no environment with a `teardown` step', () => {
    const decision = decide(
      ['🎪 ⌛ 48h', '🎪 🛑 showtime-trigger-stop'],
      event('labeled', '🎪 🛑 showtime-trigger-stop'),
      HEAD
    )
    expect(decision.steps).toEqual([
      { kind: 'claim', via: 'trigger', labels: ['🎪 🛑 showtime-trigger-stop'] },
      { kind: 'labels', add: [], remove: ['🎪 ⌛ 48h'], why: 'teardown' }
    ])
  })
})

describe('labels in an old form', () => {
  const rewriteOf = (decision: Decision) =>
    decision.steps.find((s) => s.kind === 'labels' && s.why === 'labels in an old form')

  it('are rewritten after a claim that is all there is to do', () => {
    const labels = ['🎪 🚦 def456a building', `🎪 📅 def456a ${FRESH}`, TRIGGER_START]
    const decision = decide(labels, event('labeled', TRIGGER_START), HEAD)
    expect(decision.reason).toBe('start_while_in_progress')
    expect(decision.steps).toEqual([
      { kind: 'claim', via: 'trigger', labels: [TRIGGER_START] },
      {
        kind: 'labels',
        add: [`🎪 def456a 📅 ${FRESH}`, '🎪 def456a 🚦 building'],
        remove: [`🎪 📅 def456a ${FRESH}`, '🎪 🚦 def456a building'],
        why: 'labels in an old form'
      }
    ])
  })

  it('are not rewritten when a step removes them anyway', () => {
    const stray = '🎪 🌐 abc123f 52-1-2-3' // no 🚦 label for abc123f: nothing reads it
    const decision = decide(
      [stray, '🎪 🛑 showtime-trigger-stop'],
      event('labeled', '🎪 🛑 showtime-trigger-stop'),
      HEAD
    )
    expect(decision.steps).toEqual([
      { kind: 'claim', via: 'trigger', labels: ['🎪 🛑 showtime-trigger-stop'] },
      { kind: 'labels', add: [], remove: [stray], why: 'teardown' }
    ])
  })

  it('lose what their environment does not read, and what has no current form', () => {
    const labels = [
      '🎪 abc123f 🚦 running',
      '🎪 🚦 abc123f building', // a second status: running wins
      '🎪 abc123f 📅 2026-11-27T09-00',
      '🎪 📅 abc123f 2026-11-27T10-00', // a later 📅: the earliest wins
      '🎪 abc123f 🌐 52.1.2.3:8080',
      '🎪 🌐 abc123f 52-9-9-9', // an older form of another address
      '🎪 abc123f 🤡 maxime',
      '🎪 🤡 abc123f zed', // legacy requesters lose to current ones
      '🎪 🏗️ abc123f',
      '🎪 abc123f ⌛ 24h',
      '🎪 🚦 1234567 running', // a legacy form of a SHA that is no environment... yet
      '🎪 📅 7654321 2026-11-27T10-00' // a SHA without any status
    ]
    const decision = decide([...labels, TRIGGER_START], event('labeled', TRIGGER_START), HEAD)
    expect(rewriteOf(decision)).toEqual({
      kind: 'labels',
      add: ['🎪 1234567 🚦 running'],
      remove: [
        '🎪 🌐 abc123f 52-9-9-9',
        '🎪 🏗️ abc123f',
        '🎪 abc123f ⌛ 24h',
        '🎪 📅 7654321 2026-11-27T10-00',
        '🎪 📅 abc123f 2026-11-27T10-00',
        '🎪 🚦 1234567 running',
        '🎪 🚦 abc123f building',
        '🎪 🤡 abc123f zed'
      ].sort(),
      why: 'labels in an old form'
    })
    // The teardowns that follow remove the current forms, each once.
    const teardowns = decision.steps.filter((s) => s.kind === 'teardown')
    expect(teardowns).toEqual([
      {
        kind: 'teardown',
        sha: '1234567',
        service: 'pr-1234-1234567-service',
        labels: ['🎪 1234567 🚦 running']
      },
      {
        kind: 'teardown',
        sha: 'abc123f',
        service: 'pr-1234-abc123f-service',
        labels: [
          '🎪 abc123f 🚦 running',
          '🎪 abc123f 📅 2026-11-27T09-00',
          '🎪 abc123f 🌐 52.1.2.3:8080',
          '🎪 abc123f 🤡 maxime'
        ].sort()
      }
    ])
  })

  it('of several SHAs are rewritten in the order of their current forms', () => {
    const decision = decide(
      [
        '🎪 🚦 1111111 failed',
        '🎪 2222222 🚦 failed',
        '🎪 🌐 2222222 1-2-3-4',
        '🎪 🤡 1111111 maxime',
        TRIGGER_START
      ],
      event('labeled', TRIGGER_START),
      HEAD
    )
    expect(rewriteOf(decision)).toMatchObject({
      add: ['🎪 1111111 🚦 failed', '🎪 1111111 🤡 maxime', '🎪 2222222 🌐 1.2.3.4:8080'],
      remove: ['🎪 🌐 2222222 1-2-3-4', '🎪 🚦 1111111 failed', '🎪 🤡 1111111 maxime']
    })
  })

  it('lose an address of another port than the one read', () => {
    const decision = decide(
      [
        '🎪 abc123f 🚦 running',
        '🎪 abc123f 🌐 52.1.2.3:8080',
        '🎪 🌐 abc123f 52.1.2.3:9000',
        TRIGGER_START
      ],
      event('labeled', TRIGGER_START),
      HEAD
    )
    expect(rewriteOf(decision)).toMatchObject({ add: [], remove: ['🎪 🌐 abc123f 52.1.2.3:9000'] })
  })

  it('keep a legacy address that is the one read, port included', () => {
    const decision = decide(
      ['🎪 abc123f 🚦 running', '🎪 🌐 abc123f 52.1.2.3:9000', TRIGGER_START],
      event('labeled', TRIGGER_START),
      HEAD
    )
    expect(rewriteOf(decision)).toMatchObject({
      add: ['🎪 abc123f 🌐 52.1.2.3:9000'],
      remove: ['🎪 🌐 abc123f 52.1.2.3:9000']
    })
  })
})

describe('what the planner needs to know', () => {
  it('asks for the role before rolling out a commit', () => {
    const decision = plan({
      pr: pullRequest(show('abc123f', 'running', FRESH, live('abc123f'))),
      event: event('opened'),
      targetSha: HEAD,
      actor: { login: 'someone' },
      now: NOW,
      policy: POLICY
    })
    expect(decision).toEqual({
      action: 'no_action',
      reason: 'permission_unknown',
      message: 'the role of someone is needed to decide',
      buildNeeded: false,
      syncNeeded: false,
      targetSha: HEAD,
      steps: [],
      needsPermission: true,
      needsEnvironmentCount: false
    })
  })

  it('gives the URL of the environment that serves the PR', () => {
    const task = { kind: 'task', containerPort: 8088 } as const
    const url = (labels: string[]) => currentUrl(12, readLabels(labels), task)
    expect(url(show('abc123f', 'running', FRESH, live('abc123f')))).toBe('http://52.1.2.3:8080')
    expect(url(['🎪 abc123f 🚦 running', '🎪 🎯 abc123f'])).toBeUndefined()
    expect(url(show('abc123f', 'running'))).toBeUndefined()
  })
})
