// What a sync run that claimed a commit and did not go live leaves behind, whether it failed
// (sync sees its error) or was cancelled or killed (the post step finds its in-flight record):
// the same rule for both. What it created is released, the commit is marked failed (a forced
// rebuild's commit, whose old task still serves, goes back to running), and the PR is told: the
// comment says why, and the run's deployment ends as failed. A run that went live keeps it. A run
// refused because a resource of its commit's name is another owner's leaves no label of that
// commit: a label naming it would make a later stop or close act on the other owner's resource.

import { type Addressing, hasServed } from './address.js'
import type { LabelState } from './label-state.js'
import type { Action } from './planner.js'
import { statusClass } from './show.js'
import { type LabelChange, commitLabels, failureChange, statusChange } from './status-change.js'

export interface EndedRun {
  readonly sha: string
  /** The commit had served before the run (a forced rebuild): its old task still serves. */
  readonly servedBefore: boolean
  /** The run's go-live was written: sync knows; the post step reads it from the labels. */
  readonly live: boolean
  /** The deploy was refused: a resource of the commit's name is not this repository's. */
  readonly refused?: boolean
}

export type FailedRunOutcome =
  /** Live after all: it stays, and only the status it was leaving comes off. */
  | { readonly kind: 'went-live'; readonly labels: LabelChange }
  /** Release what the run created, change the labels, and tell the PR it failed. */
  | { readonly kind: 'failed'; readonly labels: LabelChange }

export function failedRunOutcome(labels: LabelState, run: EndedRun): FailedRunOutcome {
  if (run.live) {
    return {
      kind: 'went-live',
      labels: { add: [], remove: statusChange(labels, run.sha, 'running').remove }
    }
  }
  if (run.refused)
    return { kind: 'failed', labels: { add: [], remove: commitLabels(labels, run.sha) } }
  return { kind: 'failed', labels: failureChange(labels, run.sha, run.servedBefore) }
}

/** The post step's reading of an interrupted run: its commit is labelled running, so its go-live
 * was written (a run stopped inside go-live has both statuses, and running wins). */
export function wentLive(labels: LabelState, sha: string): boolean {
  const show = labels.shows.find((s) => s.sha === sha)
  return show !== undefined && statusClass(show.status) === 'running'
}

/** Only a run that creates an environment holds anything to release: it records its claim for
 * the post step. */
export function recordsInFlight(action: Action): boolean {
  return action === 'create_environment'
}

/** The commit served before the run (a forced rebuild of it): recorded when the run claims it. */
export function servedBefore(labels: LabelState, sha: string, addressing: Addressing): boolean {
  return labels.shows.some((s) => s.sha === sha && hasServed(s, addressing))
}

/** The commit's service exists once a failed run is left: it went live, or the run rolled an
 * existing service back, or it never touched the service of a commit that served before. A
 * service the run created is deleted with its events. */
export function serviceRemains(
  outcome: FailedRunOutcome,
  record: {
    readonly createdService: boolean
    readonly servedBefore: boolean
    readonly previousTaskDefinition?: string
  }
): boolean {
  if (outcome.kind === 'went-live') return true
  if (record.createdService) return false
  return record.previousTaskDefinition !== undefined || record.servedBefore
}
