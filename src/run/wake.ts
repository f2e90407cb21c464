// Wakes a sleeping environment (domain/sleep.ts): its service goes back to one task of the task
// definition it ran, with no build and no new deployment, and the wake is done when that task's
// target is healthy in the commit's target group, which the PR's rule still forwards to. Waited for
// as a deploy's readiness is (run/deploy.ts): the target's health read every few seconds once the
// task runs, a task that keeps crashing failing it at its second stop, and a task that never
// became healthy named in the failure with its log lines.

import type { Timing } from '../config/defaults.js'
import type { EnvironmentHost } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import { waitUntilTargetHealthy } from './deploy.js'
import type { OwnershipCheck } from './ownership.js'

export interface WakeTargets {
  readonly host: EnvironmentHost
  readonly balancer: LoadBalancerHost
  readonly ownership: OwnershipCheck
}

export async function wakeEnvironment(
  { host, balancer, ownership }: WakeTargets,
  request: {
    readonly service: string
    readonly targetGroupName: string
    /** The health-path input: a task that never became healthy is named with it. */
    readonly healthPath: string
  },
  timing: Timing,
  healthCheckStarted: () => void
): Promise<void> {
  const { service, targetGroupName } = request
  const found = await ownership.serviceWithDefinition(service)
  if (found?.taskDefinition === undefined)
    throw new Error(`${service} is not an active service of this repository: nothing to wake`)
  const group = await balancer.findTargetGroup(targetGroupName)
  if (group === undefined) throw new Error(`the target group ${targetGroupName} is gone`)
  const { owned, taskDefinition } = found
  await host.scaleService(owned, taskDefinition, 1)
  healthCheckStarted()
  try {
    const watch = { host, service, taskDefinition, whileStarting: async () => undefined }
    await waitUntilTargetHealthy(
      watch,
      balancer,
      { arn: group.arn, name: targetGroupName, healthPath: request.healthPath },
      timing
    )
  } catch (error) {
    // Back to sleep, as its labels still say: a task that never served costs nothing more.
    await host.scaleService(owned, taskDefinition, 0)
    throw error
  }
}
