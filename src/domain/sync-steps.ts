// How sync carries out the planner's steps, beyond the steps themselves: the phase each one
// starts (for the time per phase of the job summary), and where the PR's route through the shared
// load balancer comes off.

import type { Decision, Step } from './planner.js'

export type Phase = 'claim' | 'build' | 'deploy' | 'health' | 'teardown'

/** The phase each step starts; label and notice steps continue the phase under way. */
const PHASE_OF: Readonly<Record<Step['kind'], Phase | undefined>> = {
  claim: 'claim',
  labels: undefined,
  notify: undefined,
  build: 'build',
  status: 'deploy',
  deploy: 'deploy',
  'go-live': 'health',
  wake: 'deploy',
  teardown: 'teardown'
}

export function stepPhase(step: Step): Phase | undefined {
  return PHASE_OF[step.kind]
}

/**
 * The step before which the PR's route is removed: stop and close take the PR's address away
 * before their first teardown, so that the target groups its rule forwards to are free to go. A
 * roll-over's teardowns leave it: it serves the new commit.
 */
export function routeRemovalStep(decision: Pick<Decision, 'action' | 'steps'>): number | undefined {
  if (decision.action !== 'destroy_environment') return undefined
  const first = decision.steps.findIndex((step) => step.kind === 'teardown')
  return first === -1 ? undefined : first
}
