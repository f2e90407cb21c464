import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Actor,
  type Decision,
  type Step,
  impliedPermission,
  plan,
  supersededBy
} from '../../src/domain/planner.js'
import { BLOCKED, FREEZE, TRIGGER_START, TRIGGER_STOP } from '../../src/domain/labels.js'
import type {
  Permission,
  PullRequestSnapshot,
  ShowtimeEvent
} from '../../src/domain/pull-request.js'
import { readLabels } from '../../src/domain/label-state.js'
import { HEAD, NOW, OLD, POLICY, actor, event, pullRequest } from '../../__fixtures__/builders.js'
import {
  event as eventArbitrary,
  fullSha,
  labelSet,
  permission,
  snapshotArbitrary
} from '../../__fixtures__/arbitraries.js'

const running = (sha: string, at = '2026-11-27T10-00') => [
  `🎪 ${sha} 🚦 running`,
  `🎪 ${sha} 📅 ${at}`,
  `🎪 ${sha} 🌐 52.1.2.3:8080`,
  `🎪 ${sha} 🤡 maxime`,
  `🎪 🎯 ${sha}`
]
const withStatus = (sha: string, status: string, at = '2026-11-27T11-30') => [
  `🎪 ${sha} 🚦 ${status}`,
  `🎪 ${sha} 📅 ${at}`
]

function decide(
  labels: string[],
  ev: ShowtimeEvent,
  options: {
    permission?: Permission
    target?: string
    pr?: Partial<Omit<PullRequestSnapshot, 'labels'>>
  } = {}
): Decision {
  return plan({
    pr: pullRequest(labels, options.pr),
    event: ev,
    targetSha: options.target ?? HEAD,
    actor: actor(options.permission ?? 'write'),
    now: NOW,
    policy: POLICY
  })
}

const kinds = (steps: readonly Step[]) => steps.map((s) => s.kind)

interface Row {
  name: string
  labels: string[]
  event: ShowtimeEvent
  permission?: Permission
  pr?: Partial<Omit<PullRequestSnapshot, 'labels'>>
  target?: string
  action: Decision['action']
  reason: string
  steps: Step['kind'][]
}

const CREATE_STEPS: Step['kind'][] = ['claim', 'labels', 'build', 'status', 'deploy', 'go-live']
const AUTO_CREATE_STEPS: Step['kind'][] = ['claim', 'build', 'status', 'deploy', 'go-live']

// The decision table (README "How Showtime decides"), one row per rule.
const table: Row[] = [
  // Closed PR
  {
    name: 'closed PR with an environment',
    labels: running('abc123f'),
    event: event('closed'),
    pr: { state: 'closed' },
    action: 'destroy_environment',
    reason: 'pr_closed',
    steps: ['teardown']
  },
  {
    name: 'closed PR while building',
    labels: [...withStatus('def456a', 'building'), TRIGGER_STOP],
    event: event('closed'),
    pr: { state: 'closed' },
    action: 'destroy_environment',
    reason: 'pr_closed',
    steps: ['claim', 'teardown']
  },
  {
    name: 'closed PR with only a TTL label',
    labels: ['🎪 ⌛ 48h'],
    event: event('closed'),
    pr: { state: 'closed' },
    action: 'destroy_environment',
    reason: 'pr_closed',
    steps: ['labels']
  },
  {
    name: 'closed PR without Showtime labels',
    labels: ['bug'],
    event: event('closed'),
    pr: { state: 'closed' },
    action: 'no_action',
    reason: 'pr_closed_nothing_to_clean',
    steps: []
  },
  {
    name: 'closed PR that is blocked',
    labels: [...running('abc123f'), BLOCKED],
    event: event('closed'),
    pr: { state: 'closed' },
    action: 'destroy_environment',
    reason: 'pr_closed',
    steps: ['teardown', 'labels']
  },
  // Blocked
  {
    name: 'blocked label beats a start trigger, which its run removes and explains',
    labels: [TRIGGER_START, BLOCKED],
    event: event('labeled', TRIGGER_START),
    action: 'blocked',
    reason: 'blocked_label',
    steps: ['labels', 'notify']
  },
  {
    name: 'blocked label beats a stop trigger too',
    labels: [...running('abc123f'), TRIGGER_STOP, BLOCKED],
    event: event('labeled', TRIGGER_STOP),
    action: 'blocked',
    reason: 'blocked_label',
    steps: ['labels', 'notify']
  },
  {
    name: 'a trigger left on a blocked PR waits when the block is removed',
    labels: [...running('abc123f'), TRIGGER_START],
    event: event('unlabeled', BLOCKED),
    pr: { isFork: true },
    action: 'no_action',
    reason: 'fork_commit_needs_approval',
    steps: ['notify']
  },
  {
    name: 'blocked label beats a new commit',
    labels: [...running('abc123f'), BLOCKED],
    event: event('synchronize'),
    action: 'blocked',
    reason: 'blocked_label',
    steps: []
  },
  // Authorisation of triggers
  {
    name: 'start trigger from a triage user',
    labels: [TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    permission: 'triage',
    action: 'blocked',
    reason: 'unauthorised_trigger',
    steps: ['labels', 'notify']
  },
  {
    name: 'stop trigger from a read user',
    labels: [...running('abc123f'), TRIGGER_STOP],
    event: event('labeled', TRIGGER_STOP),
    permission: 'read',
    action: 'blocked',
    reason: 'unauthorised_trigger',
    steps: ['labels', 'notify']
  },
  {
    name: 'start trigger from a non-collaborator',
    labels: [TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    permission: 'none',
    action: 'blocked',
    reason: 'unauthorised_trigger',
    steps: ['labels', 'notify']
  },
  {
    name: 'start trigger from a maintainer',
    labels: [TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    permission: 'maintain',
    action: 'create_environment',
    reason: 'explicit_start_new_sha',
    steps: CREATE_STEPS
  },
  // Stop
  {
    name: 'stop trigger',
    labels: [...running('abc123f'), TRIGGER_STOP],
    event: event('labeled', TRIGGER_STOP),
    action: 'destroy_environment',
    reason: 'explicit_stop_trigger',
    steps: ['claim', 'teardown']
  },
  {
    name: 'stop trigger tears down every SHA and every label',
    labels: [
      ...running('abc123f'),
      ...withStatus('def456a', 'failed'),
      '🎪 ⌛ 48h',
      FREEZE,
      TRIGGER_STOP
    ],
    event: event('labeled', TRIGGER_STOP),
    action: 'destroy_environment',
    reason: 'explicit_stop_trigger',
    steps: ['claim', 'teardown', 'teardown', 'labels']
  },
  {
    name: 'start and stop together: the labeled one acts, the other waits',
    labels: [...running('abc123f'), TRIGGER_START, TRIGGER_STOP],
    event: event('labeled', TRIGGER_START),
    action: 'create_environment',
    reason: 'explicit_start_new_sha',
    steps: [...CREATE_STEPS, 'teardown', 'notify']
  },
  {
    name: 'stop and start together: the labeled stop acts, the start waits',
    labels: [...running('abc123f'), TRIGGER_START, TRIGGER_STOP],
    event: event('labeled', TRIGGER_STOP),
    action: 'destroy_environment',
    reason: 'explicit_stop_trigger',
    steps: ['claim', 'teardown', 'notify']
  },
  {
    name: 'stop trigger on a PR without environments',
    labels: [TRIGGER_STOP],
    event: event('labeled', TRIGGER_STOP),
    action: 'destroy_environment',
    reason: 'explicit_stop_trigger',
    steps: ['claim']
  },
  // Start
  {
    name: 'start on a fresh PR',
    labels: [TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    action: 'create_environment',
    reason: 'explicit_start_new_sha',
    steps: CREATE_STEPS
  },
  {
    name: 'start on a new commit while another runs',
    labels: [...running('abc123f'), TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    action: 'create_environment',
    reason: 'explicit_start_new_sha',
    steps: [...CREATE_STEPS, 'teardown']
  },
  {
    name: 'start retries a failed SHA',
    labels: [...withStatus('def456a', 'failed'), TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    action: 'create_environment',
    reason: 'explicit_start_failed_sha',
    steps: [...CREATE_STEPS.slice(0, 2), 'labels', ...CREATE_STEPS.slice(2)]
  },
  {
    name: 'start rebuilds the running SHA',
    labels: [...running('def456a'), TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    action: 'create_environment',
    reason: 'explicit_start_force_rebuild',
    steps: [...CREATE_STEPS.slice(0, 2), 'labels', ...CREATE_STEPS.slice(2)]
  },
  {
    name: 'start while the SHA builds is consumed',
    labels: [...withStatus('def456a', 'building'), TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    action: 'no_action',
    reason: 'start_while_in_progress',
    steps: ['claim']
  },
  {
    name: 'start while the SHA deploys is consumed',
    labels: [...withStatus('def456a', 'deploying'), TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    action: 'no_action',
    reason: 'start_while_in_progress',
    steps: ['claim']
  },
  {
    name: 'start while the SHA is built (legacy) is consumed',
    labels: [...withStatus('def456a', 'built'), TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    action: 'no_action',
    reason: 'start_while_in_progress',
    steps: ['claim']
  },
  {
    name: 'start restarts an abandoned build',
    labels: [...withStatus('def456a', 'building', '2026-11-27T08-00'), TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    action: 'create_environment',
    reason: 'explicit_start_stale_sha',
    steps: [...CREATE_STEPS.slice(0, 2), 'labels', ...CREATE_STEPS.slice(2)]
  },
  {
    name: 'start redeploys an unknown status',
    labels: [...withStatus('def456a', 'weird'), TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    action: 'create_environment',
    reason: 'explicit_start_trigger',
    steps: [...CREATE_STEPS.slice(0, 2), 'labels', ...CREATE_STEPS.slice(2)]
  },
  {
    name: 'a start trigger on a frozen PR is removed unused, and the PR told',
    labels: [...running('abc123f'), FREEZE, TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    action: 'blocked',
    reason: 'frozen',
    steps: ['labels', 'notify']
  },
  {
    name: 'a stop trigger on a frozen PR acts',
    labels: [...running('abc123f'), FREEZE, TRIGGER_STOP],
    event: event('labeled', TRIGGER_STOP),
    action: 'destroy_environment',
    reason: 'explicit_stop_trigger',
    steps: ['claim', 'teardown', 'labels']
  },
  {
    name: 'start approves a fork commit',
    labels: [...running('abc123f'), TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    pr: { isFork: true },
    action: 'create_environment',
    reason: 'explicit_start_new_sha',
    steps: [...CREATE_STEPS, 'teardown']
  },
  {
    name: 'a lingering start trigger waits on any other event, and the PR is told',
    labels: [TRIGGER_START],
    event: event('labeled', 'bug'),
    action: 'no_action',
    reason: 'not_a_deploy_event',
    steps: ['notify']
  },
  {
    name: 'a lingering start trigger does not act on a fork push',
    labels: [...running('abc123f'), TRIGGER_START],
    event: event('synchronize', undefined, 'contributor'),
    pr: { isFork: true },
    action: 'no_action',
    reason: 'fork_commit_needs_approval',
    steps: ['notify']
  },
  {
    name: 'a fork push leaves a pending stop trigger alone',
    labels: [...running('abc123f'), TRIGGER_STOP],
    event: event('synchronize', undefined, 'contributor'),
    pr: { isFork: true },
    action: 'no_action',
    reason: 'fork_commit_needs_approval',
    steps: ['notify']
  },
  {
    name: 'a same-repository push rolls out and says a lingering trigger waits',
    labels: [...running('abc123f'), TRIGGER_START],
    event: event('synchronize'),
    action: 'create_environment',
    reason: 'auto_sync_new_commit',
    steps: [...AUTO_CREATE_STEPS, 'teardown', 'notify']
  },
  {
    name: 'a trigger re-added after its label was consumed does nothing',
    labels: running('def456a'),
    event: event('labeled', TRIGGER_START),
    action: 'no_action',
    reason: 'already_running',
    steps: []
  },
  {
    name: 'a start trigger approves the commit its event carried, not a newer head',
    labels: [...running('abc123f'), TRIGGER_START],
    event: event('labeled', TRIGGER_START, 'maintainer', OLD),
    target: HEAD,
    pr: { isFork: true },
    action: 'blocked',
    reason: 'trigger_commit_mismatch',
    steps: []
  },
  // New commits (no trigger)
  {
    name: 'new commit on a running PR rolls out',
    labels: running('abc123f'),
    event: event('synchronize'),
    action: 'create_environment',
    reason: 'auto_sync_new_commit',
    steps: [...AUTO_CREATE_STEPS, 'teardown']
  },
  {
    name: 'new commit on a PR whose environment failed rolls out',
    labels: withStatus('abc123f', 'failed'),
    event: event('synchronize'),
    action: 'create_environment',
    reason: 'auto_sync_new_commit',
    steps: [...AUTO_CREATE_STEPS, 'teardown']
  },
  {
    name: 'new commit on a frozen PR is held',
    labels: [...running('abc123f'), FREEZE],
    event: event('synchronize'),
    action: 'no_action',
    reason: 'frozen',
    steps: []
  },
  {
    name: 'new commit from a fork is held',
    labels: running('abc123f'),
    event: event('synchronize'),
    pr: { isFork: true },
    action: 'no_action',
    reason: 'fork_commit_needs_approval',
    steps: ['notify']
  },
  {
    name: 'new commit on a PR without environments',
    labels: [],
    event: event('synchronize'),
    action: 'no_action',
    reason: 'no_environment',
    steps: []
  },
  {
    name: 'new commit by someone without the role',
    labels: running('abc123f'),
    event: event('synchronize'),
    permission: 'read',
    action: 'blocked',
    reason: 'unauthorised_sender',
    steps: []
  },
  {
    name: 'new commit already running',
    labels: running('def456a'),
    event: event('synchronize'),
    action: 'no_action',
    reason: 'already_running',
    steps: []
  },
  {
    name: 'new commit already building',
    labels: withStatus('def456a', 'building'),
    event: event('synchronize'),
    action: 'no_action',
    reason: 'in_progress',
    steps: []
  },
  {
    name: 'new commit back to a failed SHA needs a trigger',
    labels: [...running('abc123f'), ...withStatus('def456a', 'failed')],
    event: event('synchronize'),
    action: 'no_action',
    reason: 'target_failed',
    steps: []
  },
  {
    name: 'dispatch rolls out the given SHA',
    labels: running('abc123f'),
    event: event('dispatch'),
    action: 'create_environment',
    reason: 'auto_sync_new_commit',
    steps: [...AUTO_CREATE_STEPS, 'teardown']
  },
  {
    name: 'dispatch on a fork PR without a sha deploys nothing new',
    labels: running('abc123f'),
    event: event('dispatch'),
    pr: { isFork: true },
    action: 'no_action',
    reason: 'fork_dispatch_needs_sha',
    steps: []
  },
  {
    name: 'dispatch on a fork PR naming a sha rolls that commit out (a maintainer asked)',
    labels: running('abc123f'),
    event: event('dispatch', undefined, 'maintainer', HEAD),
    pr: { isFork: true },
    action: 'create_environment',
    reason: 'auto_sync_new_commit',
    steps: [...AUTO_CREATE_STEPS, 'teardown']
  },
  {
    name: 'dispatch on a PR without environments',
    labels: [],
    event: event('dispatch'),
    action: 'no_action',
    reason: 'no_environment',
    steps: []
  },
  {
    name: 'removing the freeze catches up',
    labels: running('abc123f'),
    event: event('unlabeled', FREEZE),
    action: 'create_environment',
    reason: 'auto_sync_new_commit',
    steps: [...AUTO_CREATE_STEPS, 'teardown']
  },
  {
    name: 'removing the block catches up',
    labels: running('abc123f'),
    event: event('unlabeled', BLOCKED),
    action: 'create_environment',
    reason: 'auto_sync_new_commit',
    steps: [...AUTO_CREATE_STEPS, 'teardown']
  },
  {
    name: 'reopened PR with an environment left rolls out',
    labels: running('abc123f'),
    event: event('reopened'),
    action: 'create_environment',
    reason: 'auto_sync_new_commit',
    steps: [...AUTO_CREATE_STEPS, 'teardown']
  },
  // Unrelated events deploy nothing new (gap A)
  {
    name: 'adding `bug` deploys nothing',
    labels: running('abc123f'),
    event: event('labeled', 'bug'),
    action: 'no_action',
    reason: 'not_a_deploy_event',
    steps: []
  },
  {
    name: 'removing `bug` deploys nothing',
    labels: running('abc123f'),
    event: event('unlabeled', 'bug'),
    action: 'no_action',
    reason: 'not_a_deploy_event',
    steps: []
  },
  {
    name: 'adding a TTL label deploys nothing',
    labels: [...running('abc123f'), '🎪 ⌛ 1w'],
    event: event('labeled', '🎪 ⌛ 1w'),
    action: 'no_action',
    reason: 'not_a_deploy_event',
    steps: []
  },
  {
    name: 'an edited PR deploys nothing',
    labels: withStatus('abc123f', 'failed'),
    event: event('other'),
    action: 'no_action',
    reason: 'not_a_deploy_event',
    steps: []
  },
  {
    name: 'an unrelated event on a running target',
    labels: running('def456a'),
    event: event('labeled', 'bug'),
    action: 'no_action',
    reason: 'already_running',
    steps: []
  }
]

describe('the decision table', () => {
  it.each(table)('$name → $action ($reason)', (row) => {
    const decision = decide(row.labels, row.event, {
      ...(row.permission && { permission: row.permission }),
      ...(row.pr && { pr: row.pr }),
      ...(row.target && { target: row.target })
    })
    expect({
      action: decision.action,
      reason: decision.reason,
      steps: kinds(decision.steps)
    }).toEqual({
      action: row.action,
      reason: row.reason,
      steps: row.steps
    })
    expect(decision.buildNeeded).toBe(row.steps.includes('build'))
    expect(decision.syncNeeded).toBe(row.steps.length > 0)
    expect(decision.needsPermission).toBe(false)
    expect(decision.message).not.toBe('')
  })
})

describe('steps and label changes', () => {
  it('claims a start trigger, writes the building labels and rolls over the old SHA', () => {
    const decision = decide(
      [...running('abc123f'), '🎪 ⌛ 48h', TRIGGER_START],
      event('labeled', TRIGGER_START),
      {
        permission: 'admin'
      }
    )
    expect(decision.steps).toEqual([
      { kind: 'claim', via: 'trigger', labels: [TRIGGER_START] },
      {
        kind: 'labels',
        add: [
          '🎪 def456a 🚦 building',
          '🎪 def456a 📅 2026-11-27T12-00',
          '🎪 def456a 🤡 maintainer'
        ],
        remove: [],
        why: 'claim'
      },
      { kind: 'build', sha: 'def456a', image: 'apache/superset:pr-1234-def456a-ci' },
      { kind: 'status', sha: 'def456a', status: 'deploying' },
      {
        kind: 'deploy',
        sha: 'def456a',
        service: 'pr-1234-def456a-service',
        image: 'apache/superset:pr-1234-def456a-ci'
      },
      { kind: 'go-live', sha: 'def456a', removePointers: ['🎪 🎯 abc123f'] },
      {
        kind: 'teardown',
        sha: 'abc123f',
        service: 'pr-1234-abc123f-service',
        labels: [...running('abc123f')].sort()
      }
    ])
  })

  it('adds the default TTL label when the PR has none', () => {
    const decision = decide([TRIGGER_START], event('labeled', TRIGGER_START))
    const claim = decision.steps[1]
    expect(claim).toMatchObject({ kind: 'labels', add: expect.arrayContaining(['🎪 ⌛ 48h']) })
  })

  it('claims a new commit by writing its building status', () => {
    const decision = decide([...running('abc123f'), '🎪 ⌛ 1w'], event('synchronize'))
    expect(decision.steps[0]).toEqual({
      kind: 'claim',
      via: 'status',
      labels: [
        '🎪 def456a 🚦 building',
        '🎪 def456a 📅 2026-11-27T12-00',
        '🎪 def456a 🤡 maintainer'
      ]
    })
  })

  it('keeps the address and pointer of a running SHA during its forced rebuild', () => {
    const decision = decide([...running('def456a'), TRIGGER_START], event('labeled', TRIGGER_START))
    const removal = decision.steps.find((s) => s.kind === 'labels' && s.why.startsWith('previous'))
    expect(removal).toEqual({
      kind: 'labels',
      add: [],
      remove: ['🎪 def456a 📅 2026-11-27T10-00', '🎪 def456a 🚦 running', '🎪 def456a 🤡 maxime'],
      why: 'previous def456a state'
    })
    expect(decision.steps.find((s) => s.kind === 'go-live')).toEqual({
      kind: 'go-live',
      sha: 'def456a',
      removePointers: []
    })
  })

  it("removes only the unauthorised user's own trigger; another one waits", () => {
    const decision = decide(
      [...running('abc123f'), TRIGGER_START, TRIGGER_STOP],
      event('labeled', TRIGGER_STOP),
      {
        permission: 'triage'
      }
    )
    expect(decision.steps).toEqual([
      { kind: 'labels', add: [], remove: [TRIGGER_STOP], why: 'unauthorised_trigger' },
      {
        kind: 'notify',
        notices: [
          {
            about: 'unauthorised',
            trigger: TRIGGER_STOP,
            login: 'maintainer',
            roles: ['write', 'maintain', 'admin']
          },
          { about: 'trigger-waiting', triggers: [TRIGGER_START] }
        ]
      }
    ])
    expect(decision.message).toMatch(
      /maintainer \(triage\) may not start or stop environments: only write, maintain, admin may/
    )
  })

  it('rewrites legacy labels in their current form on the next write', () => {
    const legacy = [
      '🎪 🚦 abc123f running',
      '🎪 🌐 abc123f 52-1-2-3',
      '🎪 📅 abc123f 2026-11-27T10-00',
      '🎪 abc123f ⌛ 24h'
    ]
    const decision = decide(
      [...legacy, '🎪 🎯 abc123f', TRIGGER_START],
      event('labeled', TRIGGER_START)
    )
    const rewrite = decision.steps.find(
      (s) => s.kind === 'labels' && s.why === 'labels in an old form'
    )
    // Inserted after the claim; the old SHA is torn down later, but until then it reads right.
    expect(decision.steps.indexOf(rewrite!)).toBe(1)
    const current = [
      '🎪 abc123f 🚦 running',
      '🎪 abc123f 📅 2026-11-27T10-00',
      '🎪 abc123f 🌐 52.1.2.3:8080'
    ]
    expect(rewrite).toMatchObject({ add: [...current].sort(), remove: [...legacy].sort() })
    // The roll-over that follows removes the current forms.
    expect(decision.steps.find((s) => s.kind === 'teardown')).toMatchObject({
      labels: [...current, '🎪 🎯 abc123f'].sort()
    })
  })

  it('writes nothing for legacy labels when there is nothing else to do', () => {
    expect(decide(['🎪 🚦 abc123f running'], event('labeled', 'bug')).steps).toEqual([])
  })
})

describe('the cost cap is an input fact', () => {
  const capped = { ...POLICY, maxEnvironments: 2 }
  const input = (
    labels: string[],
    live?: { pr: number; sha: string }[],
    ev = event('labeled', TRIGGER_START)
  ) => ({
    pr: pullRequest(labels),
    event: ev,
    targetSha: HEAD,
    actor: actor('write'),
    now: NOW,
    policy: capped,
    ...(live && { liveEnvironments: live })
  })
  const others = [
    { pr: 7, sha: 'aaaaaaa' },
    { pr: 8, sha: 'bbbbbbb' }
  ]

  it('asks for the running environments before starting a new one', () => {
    const decision = plan(input([TRIGGER_START]))
    expect(decision).toMatchObject({
      needsEnvironmentCount: true,
      syncNeeded: false,
      buildNeeded: false
    })
  })

  it('refuses a new environment at the cap: the trigger goes, the PR is told who holds them', () => {
    const decision = plan(input([TRIGGER_START], others))
    expect(decision).toMatchObject({ action: 'blocked', reason: 'over_cap', buildNeeded: false })
    expect(decision.steps).toEqual([
      { kind: 'labels', add: [], remove: [TRIGGER_START], why: 'over_cap' },
      {
        kind: 'notify',
        notices: [{ about: 'over-cap', holders: others, cap: 2, trigger: TRIGGER_START }]
      }
    ])
  })

  it("starts one below the cap, and never counts the PR's own environment", () => {
    expect(plan(input([TRIGGER_START], others.slice(0, 1))).action).toBe('create_environment')
    expect(plan(input([TRIGGER_START], [others[0]!, { pr: 1234, sha: 'ccccccc' }])).action).toBe(
      'create_environment'
    )
  })

  it('always allows a roll-over: the PR replaces its own environment', () => {
    const decision = plan(input(running('abc123f'), undefined, event('synchronize')))
    expect(decision).toMatchObject({ action: 'create_environment', needsEnvironmentCount: false })
  })

  it('is not asked about when there is no cap', () => {
    expect(plan({ ...input([TRIGGER_START]), policy: POLICY }).needsEnvironmentCount).toBe(false)
  })
})

describe('a run that claimed a new commit backs off when superseded', () => {
  it.each([
    [{ state: 'open' as const, headSha: HEAD }, 'def456a', false, undefined],
    [{ state: 'open' as const, headSha: OLD }, 'def456a', false, 'the PR moved on to abc123f'],
    [{ state: 'open' as const, headSha: OLD }, 'def456a', true, undefined],
    [{ state: 'closed' as const, headSha: HEAD }, 'def456a', true, 'the PR was closed']
  ])('%j, commit %s, named %s: %s', (fresh, sha, named, why) => {
    expect(supersededBy(fresh, sha, named)).toBe(why)
  })
})

describe('authorisation is an input fact', () => {
  it('asks for the role when a trigger needs it and none is known', () => {
    const decision = plan({
      pr: pullRequest([TRIGGER_START]),
      event: event('labeled', TRIGGER_START),
      targetSha: HEAD,
      actor: { login: 'someone' },
      now: NOW,
      policy: POLICY
    })
    expect(decision).toMatchObject({
      needsPermission: true,
      syncNeeded: false,
      buildNeeded: false,
      steps: []
    })
  })

  it('needs no role for a decision that does not depend on it', () => {
    for (const labels of [[], running('abc123f'), [BLOCKED, TRIGGER_START]]) {
      const decision = plan({
        pr: pullRequest(labels),
        event: event('labeled', 'bug'),
        targetSha: HEAD,
        actor: { login: 'someone' },
        now: NOW,
        policy: POLICY
      })
      expect(decision.needsPermission).toBe(false)
    }
  })

  it('takes write access as proven by a dispatch or a same-repository push', () => {
    const pr = pullRequest(running('abc123f'))
    expect(impliedPermission(event('dispatch'), pr, POLICY)).toBe('write')
    expect(impliedPermission(event('synchronize'), pr, POLICY)).toBe('write')
    expect(impliedPermission(event('synchronize'), { ...pr, isFork: true }, POLICY)).toBeUndefined()
    expect(impliedPermission(event('labeled', TRIGGER_START), pr, POLICY)).toBeUndefined()
    expect(
      impliedPermission(event('dispatch'), pr, { ...POLICY, allowedPermissions: ['admin'] })
    ).toBeUndefined()
  })
})

describe('properties', () => {
  const planInput = fc.record({
    pr: snapshotArbitrary(),
    event: eventArbitrary,
    targetSha: fullSha,
    permission,
    now: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2031, 0, 1) })
  })

  it('never throws on any label set, event, role or clock', () => {
    fc.assert(
      fc.property(planInput, ({ pr, event: ev, targetSha, permission: p, now }) => {
        const actorFact: Actor =
          p === undefined ? { login: ev.sender } : { login: ev.sender, permission: p }
        const decision = plan({ pr, event: ev, targetSha, actor: actorFact, now, policy: POLICY })
        expect(decision.syncNeeded).toBe(decision.steps.length > 0)
        expect(decision.buildNeeded).toBe(decision.steps.some((s) => s.kind === 'build'))
        if (decision.needsPermission) expect(p).toBeUndefined()
      }),
      { numRuns: 5000 }
    )
  })

  it('decides the same for any order of the same labels', () => {
    fc.assert(
      fc.property(
        labelSet.chain((labels) =>
          fc.tuple(fc.constant(labels), fc.shuffledSubarray(labels, { minLength: labels.length }))
        ),
        eventArbitrary,
        permission,
        fc.boolean(),
        ([labels, shuffled], ev, p, isFork) => {
          const input = (names: string[]) => ({
            pr: { ...pullRequest([], { isFork }), labels: readLabels(names) },
            event: ev,
            targetSha: HEAD,
            actor: p === undefined ? { login: 'x' } : { login: 'x', permission: p },
            now: NOW,
            policy: POLICY
          })
          expect(plan(input(shuffled))).toEqual(plan(input(labels)))
        }
      ),
      { numRuns: 3000 }
    )
  })

  it('only ever builds the target SHA, and never tears it down', () => {
    fc.assert(
      fc.property(planInput, ({ pr, event: ev, targetSha, now }) => {
        const decision = plan({
          pr,
          event: ev,
          targetSha,
          actor: { login: 'x', permission: 'admin' },
          now,
          policy: POLICY
        })
        for (const step of decision.steps) {
          if (step.kind === 'build') expect(step.sha).toBe(targetSha.slice(0, 7))
          if (step.kind === 'teardown' && decision.action === 'create_environment') {
            expect(step.sha).not.toBe(targetSha.slice(0, 7))
          }
        }
      }),
      { numRuns: 3000 }
    )
  })

  it('never builds for a closed PR, a blocked PR or an unauthorised sender', () => {
    fc.assert(
      fc.property(
        planInput,
        fc.constantFrom<Permission>('triage', 'read', 'none'),
        ({ pr, event: ev, targetSha, now }, weak) => {
          const decision = plan({
            pr,
            event: ev,
            targetSha,
            actor: { login: 'x', permission: weak },
            now,
            policy: POLICY
          })
          expect(decision.buildNeeded).toBe(false)
          // A blocked PR is left alone, but for the trigger its own event added (removed, told).
          if (pr.state === 'open' && pr.labels.blocked) {
            for (const step of decision.steps) {
              if (step.kind === 'labels') expect(step.remove).toEqual([ev.label])
              else expect(step.kind).toBe('notify')
            }
          }
        }
      ),
      { numRuns: 3000 }
    )
  })

  it("acts on a trigger label (claims or removes it) only in its own labeled event's run", () => {
    fc.assert(
      fc.property(planInput, ({ pr, event: ev, targetSha, permission: p, now }) => {
        const actorFact: Actor =
          p === undefined ? { login: ev.sender } : { login: ev.sender, permission: p }
        const decision = plan({ pr, event: ev, targetSha, actor: actorFact, now, policy: POLICY })
        const touched = decision.steps.flatMap((s) =>
          s.kind === 'claim' && s.via === 'trigger'
            ? s.labels
            : s.kind === 'labels'
              ? s.remove.filter((l) => l === TRIGGER_START || l === TRIGGER_STOP)
              : []
        )
        for (const trigger of touched) {
          if (pr.state === 'closed') continue
          expect(ev).toMatchObject({ kind: 'labeled', label: trigger })
        }
      }),
      { numRuns: 5000 }
    )
  })

  it('builds a fork commit only when its own start label or a dispatch named it', () => {
    fc.assert(
      fc.property(planInput, ({ pr, event: ev, targetSha, now }) => {
        const decision = plan({
          pr: { ...pr, isFork: true },
          event: ev,
          targetSha,
          actor: { login: ev.sender, permission: 'admin' },
          now,
          policy: POLICY
        })
        if (!decision.buildNeeded) return
        const approvedByLabel = ev.kind === 'labeled' && ev.label === TRIGGER_START
        const namedByDispatch = ev.kind === 'dispatch' && ev.sha !== undefined
        expect(approvedByLabel || namedByDispatch).toBe(true)
        if (ev.sha !== undefined) expect(targetSha.startsWith(ev.sha.slice(0, 7))).toBe(true)
      }),
      { numRuns: 5000 }
    )
  })

  it('writes only labels of at most 50 characters', () => {
    fc.assert(
      fc.property(planInput, ({ pr, event: ev, targetSha, now }) => {
        const decision = plan({
          pr,
          event: ev,
          targetSha,
          actor: { login: ev.sender, permission: 'write' },
          now,
          policy: POLICY
        })
        for (const step of decision.steps) {
          const added =
            step.kind === 'labels'
              ? step.add
              : step.kind === 'claim' && step.via === 'status'
                ? step.labels
                : []
          for (const label of added) expect([...label].length).toBeLessThanOrEqual(50)
        }
      }),
      { numRuns: 2000 }
    )
  })
})

// Keeps the fixtures honest: OLD is a real 40-character SHA distinct from HEAD.
it('fixtures', () => {
  expect(OLD).toHaveLength(40)
  expect(OLD.slice(0, 7)).not.toBe(HEAD.slice(0, 7))
})
