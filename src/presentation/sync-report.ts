// How a sync run reports its end, besides its job summary: its step outputs, the systems a dry run
// only simulated, and the line the run ends with (a failure, or a notice for a run that did not
// do what was asked).

import type { Decision } from '../domain/planner.js'
import type { PullRequestSnapshot } from '../domain/pull-request.js'
import type { SyncOutcome } from '../run/outcome.js'
import { type OutputContext, type Outputs, decisionOutputs } from './outputs.js'

/** A run that lost its claim or was superseded synced and built nothing, whatever was decided. */
export function syncOutputs(
  decision: Decision,
  after: PullRequestSnapshot,
  outcome: SyncOutcome,
  context: OutputContext
): Outputs {
  const outputs = decisionOutputs(decision, after, context)
  if (outcome.kind === 'claim-lost' || outcome.kind === 'superseded')
    return { ...outputs, sync_needed: 'false', build_needed: 'false' }
  return outputs
}

export function simulatedSystems(dryRun: {
  readonly github: boolean
  readonly aws: boolean
  readonly docker: boolean
}): string[] {
  return [dryRun.github && 'GitHub', dryRun.aws && 'AWS', dryRun.docker && 'Docker'].filter(
    (what): what is string => typeof what === 'string'
  )
}

/** How the run ends: failed, or with a notice when it did not do what was asked (another run
 * claimed the PR, it was superseded, or the trigger was refused: a decision, not a failure). */
export function syncEnding(
  outcome: SyncOutcome,
  decision: Pick<Decision, 'action'>,
  sentence: string
): { readonly kind: 'failed' | 'notice'; readonly line: string } | undefined {
  switch (outcome.kind) {
    case 'failed':
      return { kind: 'failed', line: `${outcome.phase} failed: ${outcome.cause}` }
    case 'claim-lost':
    case 'superseded':
      return { kind: 'notice', line: sentence }
    case 'done':
      return decision.action === 'blocked' ? { kind: 'notice', line: sentence } : undefined
  }
}
