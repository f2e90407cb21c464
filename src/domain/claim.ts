// How a sync run claims its work against other runs, and notices when it lost it. Only the run
// whose removal of the trigger GitHub accepted goes on (a second one gets 404); a run without a
// trigger writes its building labels, reads the PR again, and backs off when it was superseded
// (planner.ts `supersededBy`), taking off what it wrote. A claim lasts while the commit's status
// labels stay: when another run (a stop, a close, a newer roll-out) removes them, this one stops.

import type { LabelState } from './label-state.js'
import { parseLabel } from './labels.js'
import type { Action } from './planner.js'
import type { EventKind } from './pull-request.js'
import { statusClass } from './show.js'

/** GitHub's answer to the removal of the trigger: `ambiguous` when a server error and then 404
 * left it unknown whether this run's removal landed or another run's. */
export type ClaimAnswer = 'taken' | 'absent' | 'ambiguous'

/**
 * What the answer means for the run: it goes on, it lost, or it reads the PR again first. Only a
 * run that creates an environment reads again (two builds of one commit must not both go on); a
 * teardown twice does no harm, and a trigger consumed without a build changes nothing else.
 */
export function triggerClaim(answer: ClaimAnswer, action: Action): 'claimed' | 'lost' | 're-read' {
  if (answer === 'absent') return 'lost'
  return answer === 'ambiguous' && action === 'create_environment' ? 're-read' : 'claimed'
}

/** An ambiguous claim, settled as a commit claim is: with the PR read again, the run goes on
 * unless another run already shows this commit in progress (it writes its building labels right
 * away). */
export function settleAmbiguousClaim(fresh: LabelState, sha: string): 'claimed' | 'lost' {
  const show = fresh.shows.find((s) => s.sha === sha)
  return show && statusClass(show.status) === 'in-progress' ? 'lost' : 'claimed'
}

/** What a superseded commit claim takes off again: every label it wrote but the PR-level TTL,
 * which a run adds only when the PR has none, so that another run may count on it too. */
export function claimUndo(claimLabels: readonly string[]): string[] {
  return claimLabels.filter((name) => parseLabel(name).kind !== 'ttl')
}

/** Another run took this commit's labels off while this one wrote: none of the status labels the
 * commit had before the write is left (a commit without one was not this run's to lose). */
export function removedByAnotherRun(
  statusBefore: readonly string[],
  labelsNow: readonly string[]
): boolean {
  return statusBefore.length > 0 && !statusBefore.some((label) => labelsNow.includes(label))
}

/** The commit was named by the workflow (the sha input, or the sha of a dispatch), not taken from
 * the PR's head: a newer head does not supersede its claim. */
export function namedByWorkflow(request: {
  readonly shaInput: boolean
  readonly event: EventKind
  readonly eventSha: boolean
}): boolean {
  return request.shaInput || (request.event === 'dispatch' && request.eventSha)
}
