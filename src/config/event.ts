// Turns the runner's event (name + payload) and the pr-number / sha inputs into what the planner
// needs. Pure: the shell passes in github.context's fields.

import { UNKNOWN_ACTOR } from './defaults.js'
import type { EventKind, ShowtimeEvent } from '../domain/pull-request.js'
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
    ...(sha !== undefined && { requestedSha: sha })
  }
}

/** The commit to act on: a requested SHA (expanded to 40 characters when it is a prefix of the
 * head), else the PR's current head. */
export function resolveTargetSha(requested: string | undefined, headSha: string): string {
  if (requested === undefined) return headSha
  return headSha.startsWith(requested) ? headSha : requested
}

function stringAt(value: unknown, ...path: string[]): string {
  let current: unknown = value
  for (const key of path) {
    if (current === null || typeof current !== 'object') return ''
    current = (current as Record<string, unknown>)[key]
  }
  return typeof current === 'string' ? current : ''
}
