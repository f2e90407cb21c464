// The step outputs, computed from a decision. Every mode sets the same names (see action.yml).

import { type Addressing, currentUrl } from '../domain/address.js'
import { findShow } from '../domain/label-state.js'
import type { Decision } from '../domain/planner.js'
import type { PullRequestSnapshot } from '../domain/pull-request.js'
import { imageReference, serviceName } from '../domain/resources.js'

export interface OutputContext {
  readonly imageRepository: string
  readonly addressing: Addressing
}

export type Outputs = Record<
  | 'build_needed'
  | 'sync_needed'
  | 'target_sha'
  | 'pr_number'
  | 'action_needed'
  | 'action_reason'
  | 'status'
  | 'url'
  | 'service_name'
  | 'image',
  string
>

/** What the outputs need of a decision (set-state, which plans nothing, gives these alone). */
export type DecisionFacts = Pick<
  Decision,
  'action' | 'reason' | 'buildNeeded' | 'syncNeeded' | 'targetSha'
>

export function decisionOutputs(
  decision: DecisionFacts,
  pr: PullRequestSnapshot,
  context: OutputContext
): Outputs {
  const target = findShow(pr.labels, decision.targetSha)
  return {
    build_needed: String(decision.buildNeeded),
    sync_needed: String(decision.syncNeeded),
    target_sha: decision.targetSha,
    pr_number: String(pr.number),
    action_needed: decision.action,
    action_reason: decision.reason,
    status: target?.status ?? '',
    url: currentUrl(pr.number, pr.labels, context.addressing) ?? '',
    service_name: serviceName(pr.number, decision.targetSha),
    image: context.imageRepository
      ? imageReference(context.imageRepository, pr.number, decision.targetSha)
      : ''
  }
}
