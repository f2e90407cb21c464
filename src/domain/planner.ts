// The planner: a pure function from (PR snapshot, event, target SHA, clock, policy) to a decision
// and the ordered steps `sync` carries out. Every rule of the decision table lives here; the modes
// only fetch facts and execute steps. The table is documented in docs/reference/decisions.md.

import { type LabelState, findShow } from './label-state.js'
import {
  type WrittenStatus,
  BLOCKED,
  FREEZE,
  TRIGGER_START,
  TRIGGER_STOP,
  formatCreatedAt,
  formatLabel,
  parseLabel
} from './labels.js'
import type { Permission, PullRequestSnapshot, ShowtimeEvent } from './pull-request.js'
import { imageReference, serviceName } from './resources.js'
import { type Show, createdAtMs, shortSha, statusClass } from './show.js'

export type Action = 'no_action' | 'create_environment' | 'destroy_environment' | 'blocked'

export interface Policy {
  /** Roles whose holders may start or stop environments and roll out commits. */
  readonly allowedPermissions: readonly Permission[]
  /** An environment `building` or `deploying` for longer than this was abandoned by a dead run. */
  readonly staleAfterMs: number
  /** The TTL label added when a PR has none (`48h`). */
  readonly defaultTtl: string
  readonly imageRepository: string
  readonly containerPort: number
  /** Most environments of the repository that may run at once; 0 means no cap. */
  readonly maxEnvironments: number
}

/** An environment of this repository that runs (or is being built) in the cluster. */
export interface LiveEnvironment {
  readonly pr: number
  readonly sha: string
}

export interface Actor {
  readonly login: string
  /** Undefined until looked up: the planner then answers `needsPermission`. */
  readonly permission?: Permission
}

/** Who added a stop trigger, as the timeline says, and that user's role. */
export interface StopOrigin {
  readonly login: string
  readonly permission: Permission
}

export interface PlanInput {
  readonly pr: PullRequestSnapshot
  readonly event: ShowtimeEvent
  /** The commit to act on: a full SHA of 40 hex characters. */
  readonly targetSha: string
  readonly actor: Actor
  readonly now: number
  readonly policy: Policy
  /** This repository's environments in the cluster. Undefined until counted: the planner answers
   * `needsEnvironmentCount` when the cap could refuse a new environment. */
  readonly liveEnvironments?: readonly LiveEnvironment[]
  /**
   * The full commit that the running environment of the target's short SHA records (its
   * service's `sha` tag). Undefined until read: the planner answers `needsRunningCommit` when a
   * decision depends on it; null when nothing proves a full commit (no such service, a tag without
   * the full SHA, or a cluster this step cannot read).
   */
  readonly runningCommit?: string | null
  /**
   * Who added the stop trigger that is on the PR when it is not this run's own, read from the
   * issue's timeline with that user's role. Undefined until read (`needsStopOrigin`); null when the
   * timeline does not show who added it.
   */
  readonly stopOrigin?: StopOrigin | null
}

export type Step =
  /** The claim. `trigger`: remove the trigger labels; only the run whose DELETE succeeds goes on.
   * `status`: write the building labels of the next step first, then re-read to confirm. */
  | {
      readonly kind: 'claim'
      readonly via: 'trigger' | 'status'
      readonly labels: readonly string[]
    }
  | {
      readonly kind: 'labels'
      readonly add: readonly string[]
      readonly remove: readonly string[]
      readonly why: string
    }
  | { readonly kind: 'build'; readonly sha: string; readonly image: string }
  | { readonly kind: 'status'; readonly sha: string; readonly status: WrittenStatus }
  | {
      readonly kind: 'deploy'
      readonly sha: string
      readonly service: string
      readonly image: string
    }
  /** Mark the SHA running with its address, point 🎯 at it and take the other pointers down. */
  | { readonly kind: 'go-live'; readonly sha: string; readonly removePointers: readonly string[] }
  /** Delete one environment's service, then its labels. */
  | {
      readonly kind: 'teardown'
      readonly sha: string
      readonly service: string
      readonly labels: readonly string[]
    }
  /** Wake a sleeping environment: its service back to one task, healthy in its target group,
   * then its status running again. No build: the image it ran is the image it runs. */
  | { readonly kind: 'wake'; readonly sha: string; readonly service: string }
  /** Tell the PR, in the sticky comment, what was not done and why. */
  | { readonly kind: 'notify'; readonly notices: readonly Notice[] }

/** What the PR is told when Showtime does not do what was asked. */
export type Notice =
  | {
      readonly about: 'unauthorised'
      readonly trigger: string
      readonly login: string
      readonly roles: readonly string[]
    }
  | { readonly about: 'blocked'; readonly trigger: string }
  | { readonly about: 'frozen'; readonly trigger: string }
  /** A start trigger for a commit whose short SHA names an environment of another commit. */
  | { readonly about: 'collision'; readonly trigger: string; readonly sha: string }
  | {
      readonly about: 'over-cap'
      readonly holders: readonly LiveEnvironment[]
      readonly cap: number
      readonly trigger?: string
    }
  /** Trigger labels that no run acted on: their own run was replaced before it ran. */
  | { readonly about: 'trigger-waiting'; readonly triggers: readonly string[] }

export interface Decision {
  readonly action: Action
  /** A stable machine-readable reason (docs/reference/decisions.md lists them all). */
  readonly reason: string
  /** One sentence for people: the log, the job summary and PR comments. */
  readonly message: string
  readonly buildNeeded: boolean
  readonly syncNeeded: boolean
  readonly targetSha: string
  readonly steps: readonly Step[]
  /** The decision depends on the sender's repository role, which has not been looked up yet. */
  readonly needsPermission: boolean
  /** The decision depends on how many environments run (max-environments), not counted yet. */
  readonly needsEnvironmentCount: boolean
  /** The decision depends on the full commit the target's running environment records. */
  readonly needsRunningCommit: boolean
  /** The decision depends on who added the stop trigger on the PR (the timeline). */
  readonly needsStopOrigin: boolean
}

type Needs = 'needsPermission' | 'needsEnvironmentCount' | 'needsRunningCommit' | 'needsStopOrigin'

type Outcome = Omit<Decision, 'buildNeeded' | 'syncNeeded' | 'targetSha' | Needs>

const NOTHING_NEEDED: Readonly<Record<Needs, false>> = {
  needsPermission: false,
  needsEnvironmentCount: false,
  needsRunningCommit: false,
  needsStopOrigin: false
}

export function plan(input: PlanInput): Decision {
  const outcome = decide(input)
  if (typeof outcome === 'symbol') {
    const missing = MISSING[outcome]
    return {
      action: 'no_action',
      reason: missing.reason,
      message: missing.message(input),
      buildNeeded: false,
      syncNeeded: false,
      targetSha: input.targetSha,
      steps: [],
      ...NOTHING_NEEDED,
      [missing.flag]: true
    }
  }
  const steps = withLegacyRewrite(outcome.steps, input.pr.labels)
  return {
    ...outcome,
    steps,
    buildNeeded: steps.some((s) => s.kind === 'build'),
    syncNeeded: steps.length > 0,
    targetSha: input.targetSha,
    ...NOTHING_NEEDED
  }
}

const NEEDS_PERMISSION = Symbol('needs permission')
const NEEDS_COUNT = Symbol('needs the count of running environments')
const NEEDS_RUNNING_COMMIT = Symbol('needs the commit the running environment records')
const NEEDS_STOP_ORIGIN = Symbol('needs who added the stop trigger')
type Missing =
  | typeof NEEDS_PERMISSION
  | typeof NEEDS_COUNT
  | typeof NEEDS_RUNNING_COMMIT
  | typeof NEEDS_STOP_ORIGIN

const MISSING: Record<
  Missing,
  { flag: Needs; reason: string; message: (input: PlanInput) => string }
> = {
  [NEEDS_PERMISSION]: {
    flag: 'needsPermission',
    reason: 'permission_unknown',
    message: (input) => `the role of ${input.actor.login} is needed to decide`
  },
  [NEEDS_COUNT]: {
    flag: 'needsEnvironmentCount',
    reason: 'environment_count_unknown',
    message: () => 'the number of running environments is needed to decide (max-environments)'
  },
  [NEEDS_RUNNING_COMMIT]: {
    flag: 'needsRunningCommit',
    reason: 'running_commit_unknown',
    message: (input) =>
      `the full commit that the running environment ${shortSha(input.targetSha)} records is needed to decide`
  },
  [NEEDS_STOP_ORIGIN]: {
    flag: 'needsStopOrigin',
    reason: 'stop_origin_unknown',
    message: () => `who added ${TRIGGER_STOP} is needed to decide`
  }
}

function decide(input: PlanInput): Outcome | Missing {
  const { pr } = input
  const labels = pr.labels

  if (pr.state === 'closed') {
    if (labels.showtimeLabels.length === 0) {
      return noAction('pr_closed_nothing_to_clean', 'the PR is closed and has no Showtime labels')
    }
    return destroy(input, 'pr_closed', 'the PR is closed: every environment is torn down')
  }

  const own = ownTrigger(input)
  const stop = stopFromTimeline(input, own)
  if (stop !== undefined) return stop
  if (own === 'start' && labels.stopTrigger && !labels.blocked) return startBesideStop()
  if (own !== undefined) {
    const outcome = triggered(input, own)
    if (typeof outcome === 'symbol') return outcome
    const ownLabel = own === 'start' ? TRIGGER_START : TRIGGER_STOP
    const consumed = consumedTriggers(outcome.steps)
    const others = labels.triggerLabels.filter((t) => t !== ownLabel && !consumed.has(t))
    return others.length === 0 ? outcome : withWaitingTriggers(outcome, others)
  }

  if (labels.blocked) {
    return {
      action: 'blocked',
      reason: 'blocked_label',
      message: `the ${BLOCKED} label is present: Showtime does nothing until it is removed`,
      steps: []
    }
  }
  const outcome = withoutTrigger(input)
  return labels.triggerLabels.length === 0 || typeof outcome === 'symbol'
    ? outcome
    : withWaitingTriggers(outcome, labels.triggerLabels)
}

/**
 * Stop beats start: a stop trigger on the PR that is not this run's own is honoured by whichever
 * run sees it (its own run may have been replaced by a newer one in the workflow's concurrency
 * group), once the timeline shows that the user who added it last has an allowed role.
 * A start trigger on the PR goes with it. Not on a blocked PR, where Showtime does nothing.
 */
function stopFromTimeline(input: PlanInput, own: 'start' | 'stop' | undefined) {
  const labels = input.pr.labels
  if (!labels.stopTrigger || own === 'stop' || labels.blocked) return undefined
  const origin = input.stopOrigin
  if (origin === undefined) return NEEDS_STOP_ORIGIN
  if (origin === null || !input.policy.allowedPermissions.includes(origin.permission))
    return undefined
  return destroy(
    input,
    'stop_trigger_from_timeline',
    `${origin.login} (${origin.permission}) added the stop trigger, which no run had acted on: every environment is torn down`,
    stopGate(labels)
  )
}

/**
 * Stop beats start, also when the timeline cannot vouch for the stop (or names a user who may not
 * stop): the start run builds nothing and leaves both triggers to the stop's own run, which
 * tears down (taking the start with it) or removes the stop it refuses.
 */
function startBesideStop(): Outcome {
  return noAction(
    'stop_trigger_pending',
    `${TRIGGER_STOP} is on the PR too, and stop beats start: nothing is built, and the stop trigger's own run decides`
  )
}

/** What a stop takes: its trigger first (the claim), then a start trigger beside it (stop wins). */
function stopGate(labels: LabelState): string[] {
  return [TRIGGER_STOP, ...(labels.startTrigger ? [TRIGGER_START] : [])]
}

/** The trigger labels an outcome's steps take off the PR. */
function consumedTriggers(steps: readonly Step[]): Set<string> {
  return new Set(
    steps.flatMap((s) => (s.kind === 'claim' ? s.labels : s.kind === 'labels' ? s.remove : []))
  )
}

/**
 * The trigger this run may act on: the one its own `labeled` event added, still on the PR. Every
 * other run leaves trigger labels alone, because nothing but that event says who added a label
 * and for which commit.
 */
function ownTrigger(input: PlanInput): 'start' | 'stop' | undefined {
  const { event, pr } = input
  if (event.kind !== 'labeled' || event.label === undefined) return undefined
  if (event.label === TRIGGER_START && pr.labels.startTrigger) return 'start'
  if (event.label === TRIGGER_STOP && pr.labels.stopTrigger) return 'stop'
  return undefined
}

function triggered(input: PlanInput, which: 'start' | 'stop'): Outcome | Missing {
  const { pr } = input
  const trigger = which === 'start' ? TRIGGER_START : TRIGGER_STOP
  if (pr.labels.blocked) {
    return refused(
      'blocked_label',
      `the ${BLOCKED} label is present: the ${which} trigger is removed unused`,
      trigger,
      { about: 'blocked', trigger }
    )
  }
  const authorised = isAuthorised(input)
  if (authorised === undefined) return NEEDS_PERMISSION
  if (!authorised) {
    return refused(
      'unauthorised_trigger',
      `${input.actor.login} (${input.actor.permission}) may not start or stop environments: only ${roles(input.policy)} may`,
      trigger,
      {
        about: 'unauthorised',
        trigger,
        login: input.actor.login,
        roles: input.policy.allowedPermissions
      }
    )
  }
  if (which === 'stop') {
    return destroy(
      input,
      'explicit_stop_trigger',
      'the stop trigger asks for every environment to be torn down',
      stopGate(pr.labels)
    )
  }
  if (pr.labels.freeze) {
    return refused(
      'frozen',
      `the PR is frozen (${FREEZE}): the start trigger is removed unused; remove the freeze first`,
      trigger,
      { about: 'frozen', trigger }
    )
  }
  // The label approves the commit its event carries; a workflow that names another one is
  // misconfigured, and the label stays for a run that is not.
  const approved = input.event.sha
  if (approved !== undefined && !sameCommit(approved, input.targetSha)) {
    return {
      action: 'blocked',
      reason: 'trigger_commit_mismatch',
      message: `the start trigger approved ${shortSha(approved)}, but the sha input names ${shortSha(input.targetSha)}`,
      steps: []
    }
  }
  return startTrigger(input, trigger)
}

/** A trigger that cannot act: its own run removes it and, when there is something to say, says
 * why on the PR. */
function refused(reason: string, message: string, trigger: string, notice: Notice): Outcome {
  return {
    action: 'blocked',
    reason,
    message,
    steps: [
      { kind: 'labels', add: [], remove: [trigger], why: reason },
      { kind: 'notify', notices: [notice] }
    ]
  }
}

/** Trigger labels whose run never acted on them wait; the PR is told what to do. */
function withWaitingTriggers(outcome: Outcome, triggers: readonly string[]): Outcome {
  const waiting: Notice = { about: 'trigger-waiting', triggers }
  const told = outcome.steps.some((s) => s.kind === 'notify')
  const steps: Step[] = told
    ? outcome.steps.map((s) =>
        s.kind === 'notify' ? { ...s, notices: [...s.notices, waiting] } : s
      )
    : [...outcome.steps, { kind: 'notify', notices: [waiting] }]
  return { ...outcome, steps }
}

/** Two commits are the same only when their full SHAs are: a shared 7-character prefix, which a
 * fork can forge, proves nothing. */
export function sameCommit(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

/** What the running environment of the target's short SHA runs, by the full commit its service
 * records: the target itself, another commit with the same prefix, or nothing provable. */
type RunningCommit = 'same' | 'other' | 'unproven'

function runningCommit(input: PlanInput): RunningCommit | typeof NEEDS_RUNNING_COMMIT {
  const recorded = input.runningCommit
  if (recorded === undefined) return NEEDS_RUNNING_COMMIT
  if (recorded === null || !/^[0-9a-f]{40}$/i.test(recorded)) return 'unproven'
  return sameCommit(recorded, input.targetSha) ? 'same' : 'other'
}

function startTrigger(input: PlanInput, trigger: string): Outcome | Missing {
  const target = findShow(input.pr.labels, input.targetSha)
  const sha = shortSha(input.targetSha)
  const state = target && targetState(target, input)
  switch (state) {
    case undefined:
      return create(
        input,
        'explicit_start_new_sha',
        `the start trigger asks for ${sha} to be deployed`,
        trigger
      )
    case 'failed':
      return create(
        input,
        'explicit_start_failed_sha',
        `the start trigger retries ${sha}, which failed`,
        trigger
      )
    case 'stale':
      return create(
        input,
        'explicit_start_stale_sha',
        `the start trigger restarts ${sha}, whose build was abandoned`,
        trigger
      )
    case 'running': {
      const running = runningCommit(input)
      if (running === NEEDS_RUNNING_COMMIT) return running
      // Labels and names hold 7 characters: two commits with one prefix cannot both have an
      // environment, and a service records only the commit it runs.
      if (running === 'other') {
        return refused(
          'short_sha_collision',
          `${sha} runs another commit with the same first 7 characters as ${input.targetSha}: it is not rebuilt in its place`,
          trigger,
          { about: 'collision', trigger, sha: input.targetSha }
        )
      }
      return create(
        input,
        'explicit_start_force_rebuild',
        `the start trigger rebuilds ${sha}, which is running`,
        trigger
      )
    }
    case 'sleeping': {
      const running = runningCommit(input)
      if (running === NEEDS_RUNNING_COMMIT) return running
      if (running === 'other') {
        return refused(
          'short_sha_collision',
          `${sha} sleeps with another commit with the same first 7 characters as ${input.targetSha}: it is not woken in its place`,
          trigger,
          { about: 'collision', trigger, sha: input.targetSha }
        )
      }
      return {
        action: 'no_action',
        reason: 'explicit_start_wake',
        message: `the start trigger wakes ${sha}, which sleeps: no build, one task starts`,
        steps: [
          { kind: 'claim', via: 'trigger', labels: [trigger] },
          { kind: 'wake', sha, service: serviceName(input.pr.number, sha) }
        ]
      }
    }
    case 'in-progress':
      // Consumed, so that it cannot force a second build of the same commit later.
      return {
        action: 'no_action',
        reason: 'start_while_in_progress',
        message: `${sha} is already ${target?.status}: the start trigger is consumed without a second build`,
        steps: [{ kind: 'claim', via: 'trigger', labels: [trigger] }]
      }
    case 'unknown':
      return create(input, 'explicit_start_trigger', `the start trigger redeploys ${sha}`, trigger)
  }
}

/** A new commit, a manual dispatch, or a resume (freeze or block removed) may roll out the target;
 * any other event (someone adds `bug`) deploys nothing new. */
function isRolloutEvent(event: ShowtimeEvent): boolean {
  switch (event.kind) {
    case 'synchronize':
    case 'opened':
    case 'reopened':
    case 'dispatch':
      return true
    case 'unlabeled': {
      const kind = event.label === undefined ? undefined : parseLabel(event.label).kind
      return kind === 'freeze' || kind === 'blocked'
    }
    default:
      return false
  }
}

function withoutTrigger(input: PlanInput): Outcome | Missing {
  const { pr, event } = input
  const labels = pr.labels
  const target = findShow(labels, input.targetSha)
  const sha = shortSha(input.targetSha)
  const state = target && targetState(target, input)

  if (!isRolloutEvent(event)) {
    return noAction('not_a_deploy_event', `a ${describeEvent(event)} event deploys nothing new`)
  }
  if (state === 'running') {
    const running = runningCommit(input)
    if (running === NEEDS_RUNNING_COMMIT) return running
    if (running === 'same') return noAction('already_running', `${sha} is already running`)
    return noAction(
      running === 'other' ? 'short_sha_collision' : 'running_commit_unproven',
      running === 'other'
        ? `the environment ${sha} runs another commit with the same first 7 characters as ${input.targetSha}: nothing is deployed`
        : `${sha} is running, but its service does not record that it runs ${input.targetSha}: nothing is deployed (add ${TRIGGER_START} to rebuild it)`
    )
  }
  if (state === 'in-progress') return noAction('in_progress', `${sha} is already ${target?.status}`)
  if (state === 'sleeping') {
    return noAction('sleeping', `${sha} sleeps: add ${TRIGGER_START} to wake it`)
  }
  if (labels.shows.length === 0) {
    return noAction(
      'no_environment',
      `the PR has no environment: add the label ${TRIGGER_START} to create one`
    )
  }
  if (state === 'failed' || state === 'stale') {
    return noAction(
      'target_failed',
      `${sha} ${state === 'failed' ? 'failed' : 'was abandoned'}: add ${TRIGGER_START} to retry`
    )
  }
  if (labels.freeze) {
    return noAction('frozen', `the PR is frozen (${FREEZE}): ${sha} is not rolled out`)
  }
  const named = event.sha !== undefined && sameCommit(event.sha, input.targetSha)
  if (pr.isFork && event.kind === 'dispatch' && !named) {
    return noAction(
      'fork_dispatch_needs_sha',
      `the PR comes from a fork: a dispatch deploys only the commit its sha input names`
    )
  }
  if (pr.isFork && event.kind !== 'dispatch') {
    // Nothing to write: the comment of the fork's environment already says that new commits wait
    // for a maintainer, so that a fork's pushes cost no request.
    return noAction(
      'fork_commit_needs_approval',
      `${sha} comes from a fork: a maintainer approves it by adding ${TRIGGER_START}`
    )
  }
  const authorised = isAuthorised(input)
  if (authorised === undefined) return NEEDS_PERMISSION
  if (!authorised) {
    return {
      action: 'blocked',
      reason: 'unauthorised_sender',
      message: `${input.actor.login} (${input.actor.permission}) may not roll out commits: only ${roles(input.policy)} may`,
      steps: []
    }
  }
  return create(
    input,
    'auto_sync_new_commit',
    `${sha} is rolled out in place of the current environment`
  )
}

type TargetState = 'running' | 'sleeping' | 'in-progress' | 'stale' | 'failed' | 'unknown'

function targetState(show: Show, input: PlanInput): TargetState {
  const cls = statusClass(show.status)
  if (cls !== 'in-progress') return cls
  const started = createdAtMs(show)
  const stale = started !== undefined && input.now - started > input.policy.staleAfterMs
  return stale ? 'stale' : 'in-progress'
}

function isAuthorised(input: PlanInput): boolean | undefined {
  const { permission } = input.actor
  if (permission === undefined) return undefined
  return input.policy.allowedPermissions.includes(permission)
}

function create(
  input: PlanInput,
  reason: string,
  message: string,
  trigger?: string
): Outcome | Missing {
  const { pr, policy } = input
  const labels = pr.labels
  const sha = shortSha(input.targetSha)
  const over = overCap(input)
  if (over === NEEDS_COUNT) return over
  if (over !== undefined) {
    const notice: Notice = { about: 'over-cap', ...over, ...(trigger && { trigger }) }
    const refusal = `${over.holders.length} environments run already, the most that max-environments allows (${over.cap})`
    return trigger
      ? refused('over_cap', refusal, trigger, notice)
      : {
          action: 'blocked',
          reason: 'over_cap',
          message: refusal,
          steps: [{ kind: 'notify', notices: [notice] }]
        }
  }
  const target = findShow(labels, sha)
  const forcedRebuild = target !== undefined && statusClass(target.status) === 'running'
  const image = imageReference(policy.imageRepository, pr.number, sha)
  const service = serviceName(pr.number, sha)

  // A forced rebuild keeps the running environment's address and pointer: it serves until the
  // replacement is healthy.
  const keep = (name: string): boolean => {
    if (!forcedRebuild) return false
    const kind = parseLabel(name).kind
    return kind === 'ip' || kind === 'pointer'
  }
  const claimLabels = [
    formatLabel({ kind: 'status', sha, status: 'building' }),
    formatLabel({ kind: 'created', sha, at: formatCreatedAt(input.now) }),
    formatLabel({ kind: 'requester', sha, login: input.actor.login })
  ]
  if (labels.ttl === undefined)
    claimLabels.push(formatLabel({ kind: 'ttl', value: policy.defaultTtl }))

  const steps: Step[] = []
  if (trigger !== undefined) {
    steps.push({ kind: 'claim', via: 'trigger', labels: [trigger] })
    steps.push({ kind: 'labels', add: claimLabels, remove: [], why: 'claim' })
  } else {
    steps.push({ kind: 'claim', via: 'status', labels: claimLabels })
  }
  const stale = (target?.labels ?? []).filter((name) => !claimLabels.includes(name) && !keep(name))
  if (stale.length > 0)
    steps.push({ kind: 'labels', add: [], remove: stale, why: `previous ${sha} state` })
  steps.push({ kind: 'build', sha, image })
  steps.push({ kind: 'status', sha, status: 'deploying' })
  steps.push({ kind: 'deploy', sha, service, image })
  const otherPointers = labels.showtimeLabels.filter((name) => {
    const parsed = parseLabel(name)
    return parsed.kind === 'pointer' && parsed.sha !== sha
  })
  steps.push({ kind: 'go-live', sha, removePointers: otherPointers })
  for (const show of labels.shows) {
    if (show.sha !== sha && !isNewerRollout(show, input)) steps.push(teardown(pr.number, show))
  }
  return { action: 'create_environment', reason, message, steps }
}

/**
 * With max-environments set, a PR that has no live environment may not start one while the
 * repository already runs that many; a roll-over replaces the PR's own, so it is always allowed.
 */
function overCap(
  input: PlanInput
): { holders: readonly LiveEnvironment[]; cap: number } | undefined | typeof NEEDS_COUNT {
  const cap = input.policy.maxEnvironments
  // A sleeping environment is the PR's own too: its roll-over replaces it.
  const own = (show: Show) => isLive(show) || statusClass(show.status) === 'sleeping'
  if (cap === 0 || input.pr.labels.shows.some(own)) return undefined
  if (input.liveEnvironments === undefined) return NEEDS_COUNT
  const holders = input.liveEnvironments.filter((e) => e.pr !== input.pr.number)
  return holders.length >= cap ? { holders, cap } : undefined
}

function isLive(show: Show): boolean {
  const cls = statusClass(show.status)
  return cls === 'running' || cls === 'in-progress'
}

/** Another run is rolling out the PR's newest commit: it tears this environment down when it goes
 * live, so this run leaves it alone (two roll-outs never tear each other down). */
function isNewerRollout(show: Show, input: PlanInput): boolean {
  const head = shortSha(input.pr.headSha)
  return (
    show.sha === head &&
    shortSha(input.targetSha) !== head &&
    targetState(show, input) === 'in-progress'
  )
}

/** Tears every environment down. `gate` is the trigger whose removal claims the run; a closed PR
 * loses every trigger label with the rest. */
function destroy(
  input: PlanInput,
  reason: string,
  message: string,
  gate: readonly string[] = input.pr.labels.triggerLabels
): Outcome {
  const { pr } = input
  const labels = pr.labels
  const steps: Step[] = []
  if (gate.length > 0) steps.push({ kind: 'claim', via: 'trigger', labels: gate })
  for (const show of labels.shows) steps.push(teardown(pr.number, show))
  const handled = new Set([...labels.triggerLabels, ...labels.shows.flatMap((s) => s.labels)])
  const rest = labels.showtimeLabels.filter((name) => !handled.has(name))
  if (rest.length > 0) steps.push({ kind: 'labels', add: [], remove: rest, why: 'teardown' })
  return { action: 'destroy_environment', reason, message, steps }
}

function teardown(pr: number, show: Show): Step {
  return {
    kind: 'teardown',
    sha: show.sha,
    service: serviceName(pr, show.sha),
    labels: show.labels
  }
}

function noAction(reason: string, message: string): Outcome {
  return { action: 'no_action', reason, message, steps: [] }
}

/** When sync claims a PR anyway, labels in an old form are replaced by their current form right
 * after the claim (teardowns planned later remove the current forms instead). */
function withLegacyRewrite(steps: readonly Step[], labels: LabelState): readonly Step[] {
  // Only a run that claims the PR rewrites; a refusal or a notice changes nothing else.
  if (!steps.some((s) => s.kind === 'claim') || labels.legacyLabels.length === 0) return steps
  const removedBySteps = new Set(steps.flatMap((s) => (s.kind === 'labels' ? s.remove : [])))
  const pending = labels.legacyLabels.filter((name) => !removedBySteps.has(name))
  if (pending.length === 0) return steps
  const replacements = new Map(pending.map((name) => [name, currentForm(name, labels)]))
  const add = [...new Set([...replacements.values()].flat())].sort()
  const rewrite: Step = { kind: 'labels', add, remove: pending, why: 'labels in an old form' }
  const rewritten = steps.map((step): Step => {
    if (step.kind !== 'teardown') return step
    const after = step.labels.flatMap((name) => replacements.get(name) ?? [name])
    return { ...step, labels: [...new Set(after)].sort() }
  })
  const firstAfterClaim = rewritten.findIndex((s) => s.kind !== 'claim')
  const at = firstAfterClaim === -1 ? rewritten.length : firstAfterClaim
  return [...rewritten.slice(0, at), rewrite, ...rewritten.slice(at)]
}

/** The current form of a legacy label, when it carries what its show reads (losing duplicates). */
function currentForm(name: string, labels: LabelState): string[] {
  const parsed = parseLabel(name)
  const show = 'sha' in parsed ? labels.shows.find((s) => s.sha === parsed.sha) : undefined
  if (!show) return []
  const { sha } = show
  switch (parsed.kind) {
    case 'status':
      return parsed.status === show.status
        ? [formatLabel({ kind: 'status', sha, status: show.status })]
        : []
    case 'created':
      return parsed.at === show.createdAt
        ? [formatLabel({ kind: 'created', sha, at: parsed.at })]
        : []
    case 'requester':
      return parsed.login === show.requester
        ? [formatLabel({ kind: 'requester', sha, login: parsed.login })]
        : []
    case 'ip':
      return parsed.ip === show.ip && parsed.port === show.port
        ? [formatLabel({ kind: 'ip', sha, ip: parsed.ip, port: parsed.port })]
        : []
    default:
      return [] // 🏗️ pointers and per-SHA TTLs have no current form: they are dropped
  }
}

function roles(policy: Policy): string {
  return policy.allowedPermissions.join(', ')
}

function describeEvent(event: ShowtimeEvent): string {
  return event.label === undefined ? event.kind : `${event.kind} "${event.label}"`
}

/**
 * After a run claimed a new commit by writing its labels, it reads the PR again: it backs off when
 * the PR was closed, or when the PR moved on to a newer head (whose own run rolls that out) unless
 * the commit was named by the workflow.
 */
export function supersededBy(
  fresh: { readonly state: 'open' | 'closed'; readonly headSha: string },
  sha: string,
  named: boolean
): string | undefined {
  if (fresh.state === 'closed') return 'the PR was closed'
  if (!named && !sameCommit(fresh.headSha, sha))
    return `the PR moved on to ${shortSha(fresh.headSha)}`
  return undefined
}

/**
 * What the event itself proves about the sender's role, so that no lookup is needed: running a
 * workflow_dispatch and pushing to a branch of the repository both take write access. Returns
 * undefined when the role must be looked up (or when write is not enough under this policy).
 */
export function impliedPermission(
  event: ShowtimeEvent,
  pr: PullRequestSnapshot,
  policy: Policy
): Permission | undefined {
  const provesWrite = event.kind === 'dispatch' || (event.kind === 'synchronize' && !pr.isFork)
  return provesWrite && policy.allowedPermissions.includes('write') ? 'write' : undefined
}
