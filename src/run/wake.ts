// Wakes a sleeping environment (domain/sleep.ts): its service goes back to one task of the task
// definition it ran, with no build and no new deployment, and the wake is done when that task's
// target is healthy in the commit's target group, which the PR's rule still forwards to. Polled
// like a deploy's readiness (run/deploy.ts): a task that keeps crashing fails it at its second stop.

import * as core from '../runner/core.js'
import type { Timing } from '../config/defaults.js'
import type { EnvironmentHost } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import { taskTargetHealth } from '../domain/task-watch.js'
import { onHealthSchedule, pollTask } from './deploy.js'
import type { OwnershipCheck } from './ownership.js'

export interface WakeTargets {
  readonly host: EnvironmentHost
  readonly balancer: LoadBalancerHost
  readonly ownership: OwnershipCheck
}

export async function wakeEnvironment(
  { host, balancer, ownership }: WakeTargets,
  request: { readonly service: string; readonly targetGroupName: string },
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
    const outcome = await onHealthSchedule(timing, async (attempt, attempts) => {
      const seen = await pollTask(watch, async (task) => {
        const health = taskTargetHealth(await balancer.targetHealth(group.arn), task)
        return health.healthy ? { value: true, last: health.state } : { last: health.state }
      })
      core.info(`health ${attempt}/${attempts}: ${targetGroupName} → ${seen.last}`)
      return seen
    })
    if (!('value' in outcome)) {
      throw new Error(
        `${service} had no healthy target in ${targetGroupName} after ${outcome.attempts} checks (last: ${outcome.last})`
      )
    }
  } catch (error) {
    // Back to sleep, as its labels still say: a task that never served costs nothing more.
    await host.scaleService(owned, taskDefinition, 0)
    throw error
  }
}
