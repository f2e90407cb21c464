// What a sync run that finished tells the PR beyond its own steps: a roll-over ends the
// deployments of the commits it replaced, and a stop or a close says in the comment that every
// environment is gone (and why) and ends every deployment. An expiry is the cleanup's to tell.

import type { Action, Step } from './planner.js'

export type FinishedRunNotice =
  /** The PR's older deployments go inactive; the one this run made live stays. */
  | { readonly kind: 'replaced-deployments-gone' }
  /** The comment says the environments are gone, and every deployment goes inactive. */
  | { readonly kind: 'torn-down'; readonly why: 'closed' | 'stopped' }

export interface FinishedRun {
  readonly action: Action
  readonly steps: readonly Step[]
  readonly prState: 'open' | 'closed'
  /** The PR had environments when the run began. */
  readonly hadEnvironments: boolean
  /** The run's commit went live. */
  readonly live: boolean
}

export function finishedRunNotices(run: FinishedRun): FinishedRunNotice[] {
  const notices: FinishedRunNotice[] = []
  if (run.live && run.steps.some((s) => s.kind === 'teardown'))
    notices.push({ kind: 'replaced-deployments-gone' })
  if (run.action === 'destroy_environment' && run.hadEnvironments)
    notices.push({ kind: 'torn-down', why: run.prState === 'closed' ? 'closed' : 'stopped' })
  return notices
}
