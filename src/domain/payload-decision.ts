// Events that change nothing cost nothing: a `pull_request_target` payload carries the PR as it was
// when the event happened (its state, head, head repository and labels), and when the decision
// made from it is to do nothing, with no trigger involved, the run needs no request to GitHub at
// all. Stale facts cannot hurt such a decision: every change since (a label added, a push, a
// close) has an event and a run of its own.

import type { LabelState } from './label-state.js'
import { parseLabel } from './labels.js'
import type { Decision } from './planner.js'
import type { ShowtimeEvent } from './pull-request.js'

/**
 * A decision made from the event's payload stands when it has no step to carry out, needs no fact
 * that only GitHub has (a user's role, the timeline), and no trigger label is involved:
 * none was on the PR when the event happened, and the event is not the addition or removal of
 * one. Anything else is decided again on the PR as GitHub shows it now.
 */
export function standsOnPayload(
  decision: Pick<Decision, 'steps' | 'needsPermission' | 'needsStopOrigin'>,
  labels: Pick<LabelState, 'triggerLabels'>,
  event: Pick<ShowtimeEvent, 'label'>
): boolean {
  const aboutTrigger = event.label !== undefined && parseLabel(event.label).kind === 'trigger'
  return (
    decision.steps.length === 0 &&
    !decision.needsPermission &&
    !decision.needsStopOrigin &&
    labels.triggerLabels.length === 0 &&
    !aboutTrigger
  )
}
