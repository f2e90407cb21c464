// What the planner knows about a PR and the event being handled. Built by the shell from the
// runner's event payload and one GitHub request; nothing here does I/O.

import type { LabelState } from './label-state.js'

export interface PullRequestSnapshot {
  readonly number: number
  readonly state: 'open' | 'closed'
  /** Full 40-character head commit SHA. */
  readonly headSha: string
  readonly author: string
  /** The head branch lives in another repository: its new commits are never rolled out unreviewed. */
  readonly isFork: boolean
  readonly labels: LabelState
}

export type EventKind =
  'labeled' | 'unlabeled' | 'synchronize' | 'opened' | 'reopened' | 'closed' | 'dispatch' | 'other'

export interface ShowtimeEvent {
  readonly kind: EventKind
  /** The login that caused the event (the event's `sender`; `GITHUB_ACTOR` when there is none). */
  readonly sender: string
  /** The label added or removed, for `labeled` / `unlabeled`. */
  readonly label?: string
  /** The commit the event carries: the PR head when a PR event happened (what a `labeled` event's
   * trigger approves), or the `sha` input of a dispatch. */
  readonly sha?: string
}

/** Repository roles as the collaborator-permission endpoint's `role_name` reports them. */
export const PERMISSIONS = ['admin', 'maintain', 'write', 'triage', 'read', 'none'] as const
export type Permission = (typeof PERMISSIONS)[number]

export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value)
}
