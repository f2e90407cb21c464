// Turns the runner's event (name + payload) and the pr-number / sha inputs into what the planner
// needs. Pure: the shell passes in github.context's fields.

import { UNKNOWN_ACTOR } from './defaults.js'
import type { EventKind, ShowtimeEvent } from '../domain/pull-request.js'
import type { PullRequestData } from '../github/pull-requests.js'
import { InputError } from '../errors.js'
import { commitSha, prNumber } from './inputs.js'

export interface RunnerEvent {
  readonly eventName: string
  readonly payload: Record<string, unknown>
  /** GITHUB_ACTOR: who started the run. */
  readonly actor: string
}

export interface EventTarget {
  readonly prNumber: number
  readonly event: ShowtimeEvent
  /** The commit to act on when one is named: the sha input, else the commit the event carries. */
  readonly requestedSha?: string
  /** The PR as the event's payload shows it (its state, head, head repository and labels when the
   * event happened), for a pull request event about this PR; undefined for any other event. */
  readonly payloadPullRequest?: PullRequestData
}

const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target'])
const PULL_REQUEST_ACTIONS: readonly EventKind[] = [
  'labeled',
  'unlabeled',
  'synchronize',
  'opened',
  'reopened',
  'closed'
]

export function readEvent(
  runner: RunnerEvent,
  overrides: { prNumber?: number; sha?: string }
): EventTarget {
  const payload = runner.payload ?? {}
  const sender = stringAt(payload, 'sender', 'login') || runner.actor || UNKNOWN_ACTOR
  let kind: EventKind = 'other'
  let number: number | undefined
  let eventSha: string | undefined
  let label: string | undefined
  let pullRequest: PullRequestData | undefined

  if (PULL_REQUEST_EVENTS.has(runner.eventName)) {
    const action = stringAt(payload, 'action')
    kind = (PULL_REQUEST_ACTIONS as readonly string[]).includes(action)
      ? (action as EventKind)
      : 'other'
    const n = (payload.pull_request as { number?: unknown } | undefined)?.number
    if (typeof n === 'number' && Number.isInteger(n) && n > 0) number = n
    const head = stringAt(payload, 'pull_request', 'head', 'sha')
    if (/^[0-9a-f]{40}$/.test(head)) eventSha = head
    label = stringAt(payload, 'label', 'name') || undefined
    pullRequest = pullRequestOf(payload.pull_request)
  } else if (runner.eventName === 'workflow_dispatch') {
    kind = 'dispatch'
    const inputs = (payload.inputs ?? {}) as Record<string, unknown>
    const rawNumber = String(inputs.pr_number ?? '').trim()
    if (rawNumber !== '') number = prNumber(rawNumber, 'pr_number (workflow_dispatch)')
    const rawSha = String(inputs.sha ?? '').trim()
    if (rawSha !== '') eventSha = commitSha(rawSha, 'sha (workflow_dispatch)')
  }

  const prNumberResolved = overrides.prNumber ?? number
  if (prNumberResolved === undefined) {
    throw new InputError(
      `No pull request to act on: the ${runner.eventName || 'unknown'} event names none; set the pr-number input.`
    )
  }
  if (number !== undefined && prNumberResolved !== number) {
    // The event is about another PR: what it says (its action, its head) does not apply here.
    kind = 'other'
    eventSha = undefined
    pullRequest = undefined
  }
  const sha = overrides.sha ?? eventSha
  return {
    prNumber: prNumberResolved,
    event: {
      kind,
      sender,
      ...(label !== undefined && (kind === 'labeled' || kind === 'unlabeled') && { label }),
      ...(eventSha !== undefined && { sha: eventSha })
    },
    ...(sha !== undefined && { requestedSha: sha }),
    ...(pullRequest !== undefined && { payloadPullRequest: pullRequest })
  }
}

/** The commit to act on: the requested one (a full SHA, taken as it is: never expanded from a
 * prefix), else the PR's current head. */
export function resolveTargetSha(requested: string | undefined, headSha: string): string {
  return requested ?? headSha
}

/**
 * The PR as a `pull_request(_target)` payload describes it (GitHub's webhook payload carries the
 * whole pull request object: state, head and its repository, labels, body, comment count). Only a
 * payload that has every field is used; anything less is read from the API instead.
 */
function pullRequestOf(value: unknown): PullRequestData | undefined {
  if (value === null || typeof value !== 'object') return undefined
  const pr = value as Record<string, unknown>
  const number = pr.number
  const state = pr.state
  const headSha = stringAt(pr, 'head', 'sha')
  const baseRepo = stringAt(pr, 'base', 'repo', 'full_name')
  const head = pr.head as { repo?: unknown } | undefined
  const labels = pr.labels
  if (
    typeof number !== 'number' ||
    (state !== 'open' && state !== 'closed') ||
    !/^[0-9a-f]{40}$/.test(headSha) ||
    baseRepo === '' ||
    head === undefined ||
    !('repo' in head) ||
    !Array.isArray(labels) ||
    !labels.every((l) => typeof (l as { name?: unknown } | null)?.name === 'string')
  )
    return undefined
  // A deleted fork has no head repository: untrusted too.
  const headRepo = head.repo === null ? undefined : stringAt(head, 'repo', 'full_name')
  const comments = pr.comments
  return {
    number,
    state,
    headSha,
    author: stringAt(pr, 'user', 'login'),
    isFork: headRepo !== baseRepo,
    labels: labels.map((l) => (l as { name: string }).name),
    body: typeof pr.body === 'string' ? pr.body : '',
    comments: typeof comments === 'number' ? comments : 1,
    ...(typeof pr.node_id === 'string' && { nodeId: pr.node_id })
  }
}

function stringAt(value: unknown, ...path: string[]): string {
  let current: unknown = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return ''
    current = (current as Record<string, unknown>)[key]
  }
  return typeof current === 'string' ? current : ''
}
