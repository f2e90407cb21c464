import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type Actor,
  type Decision,
  type Step,
  type StopOrigin,
  impliedPermission,
  plan,
  supersededBy
} from '../../src/domain/planner.js'
import {
  BLOCKED,
  FREEZE,
  TRIGGER_START,
  TRIGGER_STOP,
  labelLength
} from '../../src/domain/labels.js'
import type {
  Permission,
  PullRequestSnapshot,
  ShowtimeEvent
} from '../../src/domain/pull-request.js'
import { readLabels } from '../../src/domain/label-state.js'
import { Branches } from '../../__fixtures__/branches.js'
import { HEAD, NOW, OLD, POLICY, actor, event, pullRequest } from '../../__fixtures__/builders.js'
import {
  event as eventArbitrary,
  fullSha,
  fuzzLabelSet,
  labelSet,
  permission,
  snapshotArbitrary
} from '../../__fixtures__/arbitraries.js'
import { currentUrl } from '../../src/domain/address.js'

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

/** A commit whose SHA shares its first 7 characters with HEAD: a fork can find one in seconds. */
const FORGED = 'def456a' + 'f'.repeat(33)
const MAINTAINER_STOPPED: StopOrigin = { login: 'maintainer', permission: 'maintain' }

function decide(
  labels: string[],
  ev: ShowtimeEvent,
  options: {
    permission?: Permission
    target?: string
    pr?: Partial<Omit<PullRequestSnapshot, 'labels'>>
    runningCommit?: string | null
    stopOrigin?: StopOrigin | null
  } = {}
): Decision {
  return plan({
    pr: pullRequest(labels, options.pr),
    event: ev,
    targetSha: options.target ?? HEAD,
    actor: actor(options.permission ?? 'write'),
    now: NOW,
    policy: POLICY,
    ...(options.runningCommit !== undefined && { runningCommit: options.runningCommit }),
    ...(options.stopOrigin !== undefined && { stopOrigin: options.stopOrigin })
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
  /** The full commit the running environment of the target's short SHA records. */
  runningCommit?: string | null
  /** Who added a stop trigger that is not the run's own, by the timeline. */
  stopOrigin?: StopOrigin | null
  action: Decision['action']
  reason: string
  steps: Step['kind'][]
}

const CREATE_STEPS: Step['kind'][] = ['claim', 'labels', 'build', 'status', 'deploy', 'go-live']
const AUTO_CREATE_STEPS: Step['kind'][] = ['claim', 'build', 'status', 'deploy', 'go-live']

// The decision table (docs/reference/decisions.md), one row per rule.
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
    name: 'start just added beside a stop: the stop wins, the start run builds nothing',
    labels: [...running('abc123f'), TRIGGER_START, TRIGGER_STOP],
    event: event('labeled', TRIGGER_START),
    stopOrigin: MAINTAINER_STOPPED,
    action: 'destroy_environment',
    reason: 'stop_trigger_from_timeline',
    steps: ['claim', 'teardown']
  },
  {
    name: 'start beside a stop that the timeline cannot vouch for: nothing is built, the stop decides',
    labels: [...running('abc123f'), TRIGGER_START, TRIGGER_STOP],
    event: event('labeled', TRIGGER_START),
    stopOrigin: null,
    action: 'no_action',
    reason: 'stop_trigger_pending',
    steps: []
  },
  {
    name: 'start beside a stop that a triage user added: nothing is built, the stop decides',
    labels: [...running('abc123f'), TRIGGER_START, TRIGGER_STOP],
    event: event('labeled', TRIGGER_START),
    stopOrigin: { login: 'triager', permission: 'triage' },
    action: 'no_action',
    reason: 'stop_trigger_pending',
    steps: []
  },
  {
    name: 'stop and start together: the labeled stop acts and takes the start with it',
    labels: [...running('abc123f'), TRIGGER_START, TRIGGER_STOP],
    event: event('labeled', TRIGGER_STOP),
    action: 'destroy_environment',
    reason: 'explicit_stop_trigger',
    steps: ['claim', 'teardown']
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
    runningCommit: HEAD,
    action: 'create_environment',
    reason: 'explicit_start_force_rebuild',
    steps: [...CREATE_STEPS.slice(0, 2), 'labels', ...CREATE_STEPS.slice(2)]
  },
  {
    name: 'start wakes the sleeping SHA: no build, one task',
    labels: [...withStatus('def456a', 'sleeping'), '🎪 🎯 def456a', TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    runningCommit: HEAD,
    action: 'no_action',
    reason: 'explicit_start_wake',
    steps: ['claim', 'wake']
  },
  {
    name: 'start wakes a sleeping SHA whose service records no full commit',
    labels: [...withStatus('def456a', 'sleeping'), '🎪 🎯 def456a', TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    runningCommit: null,
    action: 'no_action',
    reason: 'explicit_start_wake',
    steps: ['claim', 'wake']
  },
  {
    name: 'start on a commit whose short SHA sleeps with another commit is removed unused',
    labels: [...withStatus('def456a', 'sleeping'), '🎪 🎯 def456a', TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    runningCommit: FORGED,
    action: 'blocked',
    reason: 'short_sha_collision',
    steps: ['labels', 'notify']
  },
  {
    name: 'a sleeping target stays asleep without a trigger',
    labels: [...withStatus('def456a', 'sleeping'), '🎪 🎯 def456a'],
    event: event('synchronize'),
    action: 'no_action',
    reason: 'sleeping',
    steps: []
  },
  {
    name: 'a new commit on a PR whose environment sleeps rolls out and tears the sleeping one down',
    labels: [...withStatus('abc123f', 'sleeping'), '🎪 🎯 abc123f'],
    event: event('synchronize'),
    action: 'create_environment',
    reason: 'auto_sync_new_commit',
    steps: [...AUTO_CREATE_STEPS, 'teardown']
  },
  {
    name: 'stop tears a sleeping environment down',
    labels: [...withStatus('def456a', 'sleeping'), '🎪 🎯 def456a', TRIGGER_STOP],
    event: event('labeled', TRIGGER_STOP),
    action: 'destroy_environment',
    reason: 'explicit_stop_trigger',
    steps: ['claim', 'teardown']
  },
  {
    name: 'start rebuilds a running SHA whose service records no full commit (an older one)',
    labels: [...running('def456a'), TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    runningCommit: null,
    action: 'create_environment',
    reason: 'explicit_start_force_rebuild',
    steps: [...CREATE_STEPS.slice(0, 2), 'labels', ...CREATE_STEPS.slice(2)]
  },
  {
    name: 'start on a commit whose short SHA runs another commit is removed unused',
    labels: [...running('def456a'), TRIGGER_START],
    event: event('labeled', TRIGGER_START),
    runningCommit: FORGED,
    action: 'blocked',
    reason: 'short_sha_collision',
    steps: ['labels', 'notify']
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
    name: "a fork push's run honours a maintainer's stop whose own run never came",
    labels: [...running('abc123f'), TRIGGER_STOP],
    event: event('synchronize', undefined, 'contributor'),
    pr: { isFork: true },
    stopOrigin: MAINTAINER_STOPPED,
    action: 'destroy_environment',
    reason: 'stop_trigger_from_timeline',
    steps: ['claim', 'teardown']
  },
  {
    name: 'a stop that the timeline cannot vouch for waits, even for a fork push',
    labels: [...running('abc123f'), TRIGGER_STOP],
    event: event('synchronize', undefined, 'contributor'),
    pr: { isFork: true },
    stopOrigin: null,
    action: 'no_action',
    reason: 'fork_commit_needs_approval',
    steps: ['notify']
  },
  {
    name: 'a stop added by someone without the role waits',
    labels: [...running('abc123f'), TRIGGER_STOP],
    event: event('labeled', 'bug'),
    stopOrigin: { login: 'reader', permission: 'read' },
    action: 'no_action',
    reason: 'not_a_deploy_event',
    steps: ['notify']
  },
  {
    name: 'a stop left on a blocked PR waits with it',
    labels: [...running('abc123f'), TRIGGER_STOP, BLOCKED],
    event: event('synchronize'),
    action: 'blocked',
    reason: 'blocked_label',
    steps: []
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
    reason: 'not_a_deploy_event',
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
    name: "new commit from a fork is held, with nothing to write (the environment's comment says so)",
    labels: running('abc123f'),
    event: event('synchronize'),
    pr: { isFork: true },
    action: 'no_action',
    reason: 'fork_commit_needs_approval',
    steps: []
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
    runningCommit: HEAD,
    action: 'no_action',
    reason: 'already_running',
    steps: []
  },
  {
    name: 'a fork pushes a commit with the short SHA of the running one: nothing deploys',
    labels: running('def456a'),
    event: event('synchronize', undefined, 'contributor'),
    pr: { isFork: true, headSha: FORGED },
    target: FORGED,
    runningCommit: HEAD,
    action: 'no_action',
    reason: 'short_sha_collision',
    steps: []
  },
  {
    name: 'a same-repository push with the short SHA of the running commit deploys nothing',
    labels: running('def456a'),
    event: event('synchronize'),
    pr: { headSha: FORGED },
    target: FORGED,
    runningCommit: HEAD,
    action: 'no_action',
    reason: 'short_sha_collision',
    steps: []
  },
  {
    name: 'a dispatch of a running commit that its service does not prove deploys nothing',
    labels: running('def456a'),
    event: event('dispatch', undefined, 'maintainer', HEAD),
    runningCommit: null,
    action: 'no_action',
    reason: 'running_commit_unproven',
    steps: []
  },
  {
    name: 'a dispatch of the reviewed commit while a fork shows a collider: already running',
    labels: running('def456a'),
    event: event('dispatch', undefined, 'maintainer', HEAD),
    pr: { isFork: true, headSha: FORGED },
    runningCommit: HEAD,
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
    reason: 'not_a_deploy_event',
    steps: []
  }
]

/** The facts a run may have read: what the running environment records, who added a stop. */
const knownFacts = fc.record({
  runningCommit: fc.constantFrom<string | null>(HEAD, FORGED, null),
  stopOrigin: fc.constantFrom<StopOrigin | null>(
    MAINTAINER_STOPPED,
    { login: 'reader', permission: 'read' },
    null
  )
})

describe('the decision table', () => {
  it.each(table)('$name → $action ($reason)', (row) => {
    const decision = decide(row.labels, row.event, {
      ...(row.permission && { permission: row.permission }),
      ...(row.pr && { pr: row.pr }),
      ...(row.target && { target: row.target }),
      ...(row.runningCommit !== undefined && { runningCommit: row.runningCommit }),
      ...(row.stopOrigin !== undefined && { stopOrigin: row.stopOrigin })
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
    expect(decision.needsRunningCommit).toBe(false)
    expect(decision.needsStopOrigin).toBe(false)
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
    const decision = decide(
      [...running('def456a'), TRIGGER_START],
      event('labeled', TRIGGER_START),
      {
        runningCommit: HEAD
      }
    )
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
    [{ state: 'open' as const, headSha: HEAD }, HEAD, false, undefined],
    [{ state: 'open' as const, headSha: OLD }, HEAD, false, 'the PR moved on to abc123f'],
    // A head that only shares the commit's first 7 characters is another commit.
    [{ state: 'open' as const, headSha: FORGED }, HEAD, false, 'the PR moved on to def456a'],
    [{ state: 'open' as const, headSha: OLD }, HEAD, true, undefined],
    [{ state: 'closed' as const, headSha: HEAD }, HEAD, true, 'the PR was closed']
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
  type How = 'start trigger' | 'push' | 'named dispatch' | 'dispatch' | 'any event'
  /**
   * A PR, an event and the commit to deploy as the action meets them: the target is the PR's head,
   * or the commit a dispatch names; a PR event carries the head it happened at (the head still,
   * three times in four). Events that act come often: the start trigger just added (and on the
   * PR), a push, a dispatch; any event with any labels the rest of the time.
   */
  const planInput = fc
    .record({
      how: fc.constantFrom<How>('start trigger', 'push', 'named dispatch', 'dispatch', 'any event'),
      labels: fc.oneof(
        { weight: 2, arbitrary: labelSet },
        { weight: 1, arbitrary: fc.constant<string[]>([]) },
        {
          weight: 1,
          arbitrary: fc.constantFrom<string[]>(
            running('abc123f'),
            running('def456a'),
            withStatus('abc123f', 'failed'),
            [...running('abc123f'), ...withStatus('1234567', 'building')]
          )
        }
      ),
      open: fc.constantFrom(true, true, true, false),
      anyEvent: eventArbitrary,
      other: fullSha,
      movedOn: fc.constantFrom(false, false, false, true),
      permission,
      now: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2031, 0, 1) })
    })
    .chain((f) =>
      snapshotArbitrary(
        fc.constant(f.how === 'start trigger' ? [...f.labels, TRIGGER_START] : f.labels)
      ).map((snapshot) => {
        const pr = { ...snapshot, state: f.open ? ('open' as const) : ('closed' as const) }
        const sender = f.anyEvent.sender
        const eventSha = f.movedOn ? f.other : pr.headSha
        const ev: ShowtimeEvent =
          f.how === 'start trigger'
            ? { kind: 'labeled', sender, label: TRIGGER_START, sha: eventSha }
            : f.how === 'push'
              ? { kind: 'synchronize', sender, sha: pr.headSha }
              : f.how === 'named dispatch'
                ? { kind: 'dispatch', sender, sha: eventSha }
                : f.how === 'dispatch'
                  ? { kind: 'dispatch', sender }
                  : f.anyEvent
        const targetSha = f.how === 'named dispatch' ? eventSha : pr.headSha
        return { how: f.how, pr, event: ev, targetSha, permission: f.permission, now: f.now }
      })
    )
  type PlanInput = typeof planInput extends fc.Arbitrary<infer T> ? T : never

  const decideAs = (i: PlanInput, actorFact: Actor, pr = i.pr): Decision =>
    plan({
      pr,
      event: i.event,
      targetSha: i.targetSha,
      actor: actorFact,
      now: i.now,
      policy: POLICY
    })
  const asSender = (i: PlanInput): Actor =>
    i.permission === undefined
      ? { login: i.event.sender }
      : { login: i.event.sender, permission: i.permission }

  it('never throws on any label set, event, role or clock', () => {
    const branches = new Branches('never throws', { build: 0.03, 'asks for the role': 0.015 })
    fc.assert(
      fc.property(planInput, (i) => {
        const decision = decideAs(i, asSender(i))
        branches.run().hit('build', decision.buildNeeded)
        expect(decision.syncNeeded).toBe(decision.steps.length > 0)
        expect(decision.buildNeeded).toBe(decision.steps.some((s) => s.kind === 'build'))
        if (branches.hit('asks for the role', decision.needsPermission))
          expect(i.permission).toBeUndefined()
      }),
      { numRuns: 5000 }
    )
    branches.check()
  })

  it('decides the same for any order of the same labels', () => {
    const branches = new Branches('any order', { 'steps planned': 0.1 })
    fc.assert(
      fc.property(
        labelSet.chain((labels) =>
          fc.tuple(fc.constant(labels), fc.shuffledSubarray(labels, { minLength: labels.length }))
        ),
        eventArbitrary,
        permission,
        fc.boolean(),
        knownFacts,
        ([labels, shuffled], ev, p, isFork, facts) => {
          const input = (names: string[]) => ({
            pr: { ...pullRequest([], { isFork }), labels: readLabels(names) },
            event: ev,
            targetSha: HEAD,
            actor: p === undefined ? { login: 'x' } : { login: 'x', permission: p },
            now: NOW,
            policy: POLICY,
            ...facts
          })
          const decision = plan(input(labels))
          branches.run().hit('steps planned', decision.steps.length > 0)
          expect(plan(input(shuffled))).toEqual(decision)
        }
      ),
      { numRuns: 3000 }
    )
    branches.check()
  })

  it('lets a stop that an allowed user added win over everything but a block (stop beats start)', () => {
    const branches = new Branches('stop wins', { 'stop wins': 0.3, 'start beside it': 0.1 })
    fc.assert(
      fc.property(planInput, fc.constantFrom(...POLICY.allowedPermissions), (i, role) => {
        const labels = [...i.pr.labels.showtimeLabels, TRIGGER_STOP]
        const pr = { ...i.pr, labels: readLabels(labels) }
        const decision = plan({
          pr,
          event: i.event,
          targetSha: i.targetSha,
          // The stop's own event was sent by the user who added it.
          actor:
            i.event.label === TRIGGER_STOP
              ? { login: 'maintainer', permission: role }
              : asSender(i),
          now: i.now,
          policy: POLICY,
          runningCommit: i.targetSha,
          stopOrigin: { login: 'maintainer', permission: role }
        })
        branches.run()
        if (pr.state === 'closed' || pr.labels.blocked) return
        branches.hit('stop wins')
        branches.hit('start beside it', pr.labels.startTrigger)
        expect(decision.action).toBe('destroy_environment')
        expect(decision.buildNeeded).toBe(false)
        expect(decision.steps[0]).toMatchObject({ kind: 'claim', via: 'trigger' })
        const claim = decision.steps[0] as { labels: readonly string[] }
        expect(claim.labels[0]).toBe(TRIGGER_STOP)
        // Every trigger goes: a start beside the stop is never left to build later.
        expect([...claim.labels].sort()).toEqual([...pr.labels.triggerLabels].sort())
      }),
      { numRuns: 1000 }
    )
    branches.check()
  })

  it('calls a running target already running only when its service records the full commit', () => {
    const branches = new Branches('already running', {
      'already running': 0.13,
      collision: 0.15,
      unproven: 0.15
    })
    fc.assert(
      fc.property(
        fc.constantFrom<ShowtimeEvent['kind']>('synchronize', 'reopened', 'opened', 'dispatch'),
        fc.oneof(fc.constant(HEAD), fc.constant(FORGED), fullSha, fc.constant(null)),
        fc.boolean(),
        (kind, recorded, isFork) => {
          const decision = plan({
            pr: pullRequest(running('def456a'), { isFork }),
            event: event(kind, undefined, 'maintainer', kind === 'dispatch' ? HEAD : undefined),
            targetSha: HEAD,
            actor: actor('write'),
            now: NOW,
            policy: POLICY,
            runningCommit: recorded
          })
          branches.run()
          expect(decision.syncNeeded).toBe(false)
          if (branches.hit('already running', recorded === HEAD))
            expect(decision.reason).toBe('already_running')
          else if (branches.hit('unproven', recorded === null))
            expect(decision.reason).toBe('running_commit_unproven')
          else {
            branches.hit('collision')
            expect(decision.reason).toBe('short_sha_collision')
          }
        }
      ),
      { numRuns: 500 }
    )
    branches.check()
  })

  it('only ever builds the target SHA, and never tears it down', () => {
    const branches = new Branches('builds the target', {
      build: 0.08,
      'teardown while creating': 0.06
    })
    fc.assert(
      fc.property(planInput, (i) => {
        const decision = decideAs(i, { login: 'x', permission: 'admin' })
        branches.run()
        for (const step of decision.steps) {
          if (step.kind === 'build') {
            branches.hit('build')
            expect(step.sha).toBe(i.targetSha.slice(0, 7))
          }
          if (step.kind === 'teardown' && decision.action === 'create_environment') {
            branches.hit('teardown while creating')
            expect(step.sha).not.toBe(i.targetSha.slice(0, 7))
          }
        }
      }),
      { numRuns: 3000 }
    )
    branches.check()
  })

  it('never builds for a closed PR, a blocked PR or an unauthorised sender', () => {
    const branches = new Branches('never builds', {
      'an admin would build': 0.04,
      'blocked PR': 0.2
    })
    fc.assert(
      fc.property(
        planInput,
        fc.constantFrom<Permission>('triage', 'read', 'none'),
        fc.boolean(),
        (i, weak, blocked) => {
          // Half of the PRs carry the blocked label on top of what they have.
          const pr = blocked
            ? { ...i.pr, labels: readLabels([...i.pr.labels.showtimeLabels, BLOCKED]) }
            : i.pr
          branches.run()
          branches.hit('an admin would build', decideAs(i, actor('admin'), pr).buildNeeded)
          const decision = decideAs(i, { login: 'x', permission: weak }, pr)
          expect(decision.buildNeeded).toBe(false)
          // A blocked PR is left alone, but for the trigger its own event added (removed, told).
          if (branches.hit('blocked PR', pr.state === 'open' && pr.labels.blocked)) {
            for (const step of decision.steps) {
              if (step.kind === 'labels') expect(step.remove).toEqual([i.event.label])
              else expect(step.kind).toBe('notify')
            }
          }
        }
      ),
      { numRuns: 3000 }
    )
    branches.check()
  })

  it("acts on a trigger label (claims or removes it) only in its own labeled event's run", () => {
    const branches = new Branches('acts on a trigger', { 'a trigger touched': 0.05 })
    fc.assert(
      fc.property(planInput, (i) => {
        const decision = decideAs(i, asSender(i))
        const touched = decision.steps.flatMap((s) =>
          s.kind === 'claim' && s.via === 'trigger'
            ? s.labels
            : s.kind === 'labels'
              ? s.remove.filter((l) => l === TRIGGER_START || l === TRIGGER_STOP)
              : []
        )
        branches.run().hit('a trigger touched', touched.length > 0 && i.pr.state === 'open')
        for (const trigger of touched) {
          if (i.pr.state === 'closed') continue
          expect(i.event).toMatchObject({ kind: 'labeled', label: trigger })
        }
      }),
      { numRuns: 5000 }
    )
    branches.check()
  })

  it('builds a fork commit only when its own start label or a dispatch named it', () => {
    const branches = new Branches('fork builds', {
      build: 0.05,
      'by its start label': 0.03,
      'named by a dispatch': 0.02,
      'refused: the PR moved on': 0.03
    })
    fc.assert(
      fc.property(planInput, (i) => {
        const decision = decideAs(i, actor('admin'), { ...i.pr, isFork: true })
        const approvedByLabel = i.event.kind === 'labeled' && i.event.label === TRIGGER_START
        const namedByDispatch = i.event.kind === 'dispatch' && i.event.sha !== undefined
        const approved = approvedByLabel || namedByDispatch
        branches.run()
        branches.hit(
          'refused: the PR moved on',
          approved && i.event.sha !== i.targetSha && !decision.buildNeeded
        )
        if (!branches.hit('build', decision.buildNeeded)) return
        branches.hit('by its start label', approvedByLabel)
        branches.hit('named by a dispatch', namedByDispatch)
        expect(approved).toBe(true)
        if (i.event.sha !== undefined)
          expect(i.targetSha.startsWith(i.event.sha.slice(0, 7))).toBe(true)
      }),
      { numRuns: 5000 }
    )
    branches.check()
  })

  it('writes only labels of at most 50 characters', () => {
    const branches = new Branches('labels of at most 50', {
      'labels written': 0.08,
      'a login cut to fit': 0.05
    })
    const longLogin = fc.stringMatching(/^[a-z][a-z0-9-]{36,38}[a-z0-9]$/)
    fc.assert(
      fc.property(planInput, fc.option(longLogin, { freq: 3 }), (i, long) => {
        const ev = long === null ? i.event : { ...i.event, sender: long }
        const decision = plan({
          pr: i.pr,
          event: ev,
          targetSha: i.targetSha,
          actor: { login: ev.sender, permission: 'write' },
          now: i.now,
          policy: POLICY
        })
        const added = decision.steps.flatMap((step) =>
          step.kind === 'labels'
            ? step.add
            : step.kind === 'claim' && step.via === 'status'
              ? step.labels
              : []
        )
        branches.run().hit('labels written', added.length > 0)
        branches.hit(
          'a login cut to fit',
          added.some((l) => l.endsWith('…'))
        )
        for (const label of added) expect([...label].length).toBeLessThanOrEqual(50)
      }),
      { numRuns: 2000 }
    )
    branches.check()
  })
})

describe('fuzz: label sets full of random 🎪 tokens through readLabels and plan', () => {
  it('never throws, and decides the same for any order and any duplicates', () => {
    const branches = new Branches('planner fuzz', { 'steps planned': 0.05, 'labels written': 0.02 })
    fc.assert(
      fc.property(
        fuzzLabelSet.chain((labels) =>
          fc.tuple(fc.constant(labels), fc.shuffledSubarray(labels, { minLength: labels.length }))
        ),
        fc.record({
          event: eventArbitrary,
          target: fc.oneof(fullSha, fc.constant(HEAD)),
          permission,
          isFork: fc.boolean(),
          state: fc.constantFrom('open' as const, 'closed' as const),
          now: fc.integer({ min: NOW - 10 * 86_400_000, max: NOW + 10 * 86_400_000 })
        }),
        ([labels, shuffled], f) => {
          const decide = (names: string[]) =>
            plan({
              pr: {
                number: 4242,
                state: f.state,
                headSha: HEAD,
                author: 'contributor',
                isFork: f.isFork,
                labels: readLabels(names)
              },
              event: f.event,
              targetSha: f.target,
              actor:
                f.permission === undefined
                  ? { login: f.event.sender }
                  : { login: f.event.sender, permission: f.permission },
              now: f.now,
              policy: POLICY
            })
          // The set holds duplicates already; the shuffle takes some of them elsewhere.
          expect(readLabels(shuffled)).toEqual(readLabels(labels))
          const decision = decide(labels)
          expect(decide(shuffled)).toEqual(decision)
          // Whatever it plans to write fits GitHub's limit.
          const added = decision.steps.flatMap((step) =>
            step.kind === 'labels'
              ? step.add
              : step.kind === 'claim' && step.via === 'status'
                ? step.labels
                : []
          )
          branches.run().hit('steps planned', decision.steps.length > 0)
          branches.hit('labels written', added.length > 0)
          for (const label of added) expect(labelLength(label)).toBeLessThanOrEqual(50)
        }
      ),
      { numRuns: 10_000 }
    )
    branches.check()
  })
})

// Keeps the fixtures honest: OLD is a real 40-character SHA distinct from HEAD.
it('fixtures', () => {
  expect(OLD).toHaveLength(40)
  expect(OLD.slice(0, 7)).not.toBe(HEAD.slice(0, 7))
})

// Planner rules that the decision table leaves unpinned (found by mutation testing, issue #15):
// two roll-outs never tear each other down, the exact edge of an abandoned build, and which labels
// of a restarted commit go.
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

function decideFor(
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
    policy: POLICY,
    // The running environment of the target records the target: it is the same commit.
    runningCommit: target
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
    const decision = decideFor(labels, ev, target)
    expect(decision.action).toBe('create_environment')
    expect(decision.steps.find((s) => s.kind === 'build')).toMatchObject({ sha: 'abc123f' })
    expect(tornDown(decision)).toEqual(expected)
  })

  it('the run that rolls out the head tears down an older commit that is still building', () => {
    const decision = decideFor(
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
    const decision = decideFor(
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
    const decision = decideFor(
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
    const decision = decideFor(
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
    const decision = decideFor([...labels, TRIGGER_START], event('labeled', TRIGGER_START), HEAD)
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
    const decision = decideFor([...labels, TRIGGER_START], event('labeled', TRIGGER_START), HEAD)
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
    const decision = decideFor([...labels, TRIGGER_START], event('labeled', TRIGGER_START), HEAD)
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
      policy: POLICY,
      runningCommit: HEAD
    })
    expect({ reason: decision.reason, message: decision.message }).toEqual({ reason, message })
  })

  it('holds a fork commit, with nothing to write: its comment says new commits wait', () => {
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
      steps: []
    })
  })

  it.each<[string, string[], ShowtimeEvent, string | null, string, string]>([
    [
      'a start on a commit whose short SHA runs another commit',
      [...show('def456a', 'running'), TRIGGER_START],
      event('labeled', TRIGGER_START),
      FORGED,
      'short_sha_collision',
      `def456a runs another commit with the same first 7 characters as ${HEAD}: it is not rebuilt in its place`
    ],
    [
      'a new commit whose short SHA runs another commit',
      show('def456a', 'running'),
      event('synchronize'),
      FORGED,
      'short_sha_collision',
      `the environment def456a runs another commit with the same first 7 characters as ${HEAD}: nothing is deployed`
    ],
    [
      'a new commit whose running environment records no full commit',
      show('def456a', 'running'),
      event('reopened'),
      null,
      'running_commit_unproven',
      `def456a is running, but its service does not record that it runs ${HEAD}: nothing is deployed (add ${TRIGGER_START} to rebuild it)`
    ]
  ])('%s', (_name, labels, ev, runningCommit, reason, message) => {
    const decision = plan({
      pr: pullRequest(labels),
      event: ev,
      targetSha: HEAD,
      actor: actor('write'),
      now: NOW,
      policy: POLICY,
      runningCommit
    })
    expect({ reason: decision.reason, message: decision.message }).toEqual({ reason, message })
  })

  it('names who added a stop that it honours for a run that never came', () => {
    const decision = plan({
      pr: pullRequest([...show('abc123f', 'running'), TRIGGER_STOP, TRIGGER_START]),
      event: event('labeled', TRIGGER_START),
      targetSha: HEAD,
      actor: actor('write'),
      now: NOW,
      policy: POLICY,
      stopOrigin: MAINTAINER_STOPPED
    })
    expect(decision).toMatchObject({
      reason: 'stop_trigger_from_timeline',
      message:
        'maintainer (maintain) added the stop trigger, which no run had acted on: every environment is torn down'
    })
    // The stop is the claim; the start beside it goes unused.
    expect(decision.steps[0]).toEqual({
      kind: 'claim',
      via: 'trigger',
      labels: [TRIGGER_STOP, TRIGGER_START]
    })
  })

  it('removes the labels of no environment with a `teardown` step', () => {
    const decision = decideFor(
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
    const decision = decideFor(labels, event('labeled', TRIGGER_START), HEAD)
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
    const decision = decideFor(
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
    const decision = decideFor([...labels, TRIGGER_START], event('labeled', TRIGGER_START), HEAD)
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
    const decision = decideFor(
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
    const decision = decideFor(
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
    const decision = decideFor(
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
      needsEnvironmentCount: false,
      needsRunningCommit: false,
      needsStopOrigin: false
    })
  })

  it('asks what a running environment records before calling the target already running', () => {
    const decision = plan({
      pr: pullRequest(show('def456a', 'running', FRESH, live('def456a'))),
      event: event('reopened'),
      targetSha: HEAD,
      actor: actor('write'),
      now: NOW,
      policy: POLICY
    })
    expect(decision).toMatchObject({
      reason: 'running_commit_unknown',
      message: 'the full commit that the running environment def456a records is needed to decide',
      needsRunningCommit: true,
      syncNeeded: false
    })
  })

  it('asks who added a stop trigger that is not its own before anything else', () => {
    const decision = plan({
      pr: pullRequest([...show('abc123f', 'running'), TRIGGER_STOP, TRIGGER_START]),
      event: event('labeled', TRIGGER_START),
      targetSha: HEAD,
      actor: actor('write'),
      now: NOW,
      policy: POLICY
    })
    expect(decision).toMatchObject({
      reason: 'stop_origin_unknown',
      message: `who added ${TRIGGER_STOP} is needed to decide`,
      needsStopOrigin: true,
      buildNeeded: false
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
