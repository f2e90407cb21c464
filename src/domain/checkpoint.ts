// Stop and close win, at every point of a deploy. Right before a run creates (or rolls forward)
// its service and right before it goes live, it reads the PR once more, and this decides whether
// it may go on: a closed PR, a stop trigger added by someone allowed to stop environments, or a
// fork whose head moved on since the run decided, all mean no go-live, and the half-made
// environment is given back.

import type { LabelState } from './label-state.js'
import { type StopOrigin, sameCommit } from './planner.js'
import type { Permission } from './pull-request.js'

/** The PR as the checkpoint read it. */
export interface CheckpointPullRequest {
  readonly state: 'open' | 'closed'
  readonly headSha: string
  readonly isFork: boolean
  readonly labels: Pick<LabelState, 'stopTrigger' | 'blocked'>
}

export type CheckpointVerdict =
  | { readonly kind: 'go-on' }
  /** A stop trigger is on the PR: who added it (the timeline) decides. */
  | { readonly kind: 'needs-stop-origin' }
  /** Closed, or stopped by someone allowed to: every environment of the PR goes, the run's own
   * half-made one first. */
  | { readonly kind: 'tear-down'; readonly why: 'closed' | 'stopped' }
  /** The fork's head moved on while the run built: its commit is not put live. */
  | { readonly kind: 'abandon'; readonly head: string }

export function checkpoint(
  fresh: CheckpointPullRequest,
  run: {
    /** The head the run's decision was made on. */
    readonly decidedHead: string
    readonly allowedPermissions: readonly Permission[]
  },
  stopOrigin?: StopOrigin | null
): CheckpointVerdict {
  if (fresh.state === 'closed') return { kind: 'tear-down', why: 'closed' }
  // As the planner has it: on a blocked PR Showtime does nothing, a stop included.
  if (fresh.labels.stopTrigger && !fresh.labels.blocked) {
    if (stopOrigin === undefined) return { kind: 'needs-stop-origin' }
    if (stopOrigin !== null && run.allowedPermissions.includes(stopOrigin.permission))
      return { kind: 'tear-down', why: 'stopped' }
  }
  if (fresh.isFork && !sameCommit(fresh.headSha, run.decidedHead))
    return { kind: 'abandon', head: fresh.headSha }
  return { kind: 'go-on' }
}
