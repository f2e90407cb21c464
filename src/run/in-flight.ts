// What a sync run has claimed and created, saved with core.saveState as it goes, so that the
// action's post step can release it if the job is cancelled or killed in the middle. The run and
// the post step release the same way: a service the run created is deleted, a service it rolled
// forward goes back to the task definition it had. Behind the load balancer, the PR's rule is
// restored first, then the commit's target group goes with its service. Each is read right before
// (run/ownership.ts): a resource that is no longer this repository's is left alone.

import * as core from '../runner/core.js'
import type { EnvironmentHost } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import type { OwnershipCheck } from './ownership.js'
import { type PreparedRoute, restoreRoute } from './routing.js'

export interface InFlight {
  readonly pr: number
  readonly sha: string
  readonly service: string
  /** The commit already had an address before the run: an earlier deployment of it serves. */
  readonly servedBefore: boolean
  /** This run created the service, or was creating it: releasing deletes it if it exists. */
  readonly createdService: boolean
  /** This run rolled an existing service forward: releasing means rolling it back to this. */
  readonly previousTaskDefinition?: string
  /** The GitHub deployment the run started, to be marked failed. */
  readonly deploymentId?: number
  /** The target group the run created for the commit: releasing deletes it. */
  readonly targetGroup?: { readonly arn: string; readonly name: string }
  /** What the run did to the PR's listener rule: releasing undoes it. */
  readonly route?: PreparedRoute
}

const KEY = 'showtime-in-flight'

/** The record the post step reads; empty once the run finished or went live. */
export const inFlightState = {
  save(value: InFlight): void {
    core.saveState(KEY, JSON.stringify(value))
  },
  clear(): void {
    core.saveState(KEY, '')
  },
  read(): InFlight | undefined {
    const text = core.getState(KEY)
    if (!text) return undefined
    try {
      return JSON.parse(text) as InFlight
    } catch {
      return undefined
    }
  }
}

/** One run's in-flight record, saved at every change. */
export class InFlightRun {
  private current: InFlight | undefined

  constructor(private readonly base: Pick<InFlight, 'pr' | 'sha' | 'service' | 'servedBefore'>) {}

  get record(): InFlight | undefined {
    return this.current
  }

  claimed(): void {
    this.save({ ...this.base, createdService: false })
  }

  creatingService(): void {
    this.save({ ...this.base, ...this.kept(), createdService: true })
  }

  serviceRolled(previousTaskDefinition: string | undefined): void {
    this.save({
      ...this.base,
      ...this.kept(),
      createdService: false,
      ...(previousTaskDefinition && { previousTaskDefinition })
    })
  }

  targetGroupCreated(arn: string, name: string): void {
    this.save({ ...this.base, createdService: false, ...this.kept(), targetGroup: { arn, name } })
  }

  routePrepared(route: PreparedRoute): void {
    this.save({ ...this.base, createdService: false, ...this.kept(), route })
  }

  deploymentStarted(id: number | undefined): void {
    if (this.current === undefined || id === undefined) return
    this.save({ ...this.current, deploymentId: id })
  }

  /** What earlier steps recorded and later ones keep: the deployment, the target group, the
   * route. */
  private kept(): Pick<InFlight, 'deploymentId' | 'targetGroup' | 'route'> {
    const { deploymentId, targetGroup, route } = this.current ?? {}
    return {
      ...(deploymentId !== undefined && { deploymentId }),
      ...(targetGroup && { targetGroup }),
      ...(route && { route })
    }
  }

  /** Live or finished: nothing of the run may be released any more. */
  done(): void {
    this.current = undefined
    inFlightState.clear()
  }

  private save(value: InFlight): void {
    this.current = value
    inFlightState.save(value)
  }
}

/** Gives back what the run created: the PR's rule as it was, its new service (or the task
 * definition it replaced), its target group. */
export async function releaseResources(
  record: InFlight,
  systems: {
    readonly host: () => Promise<EnvironmentHost>
    readonly balancer?: () => Promise<LoadBalancerHost>
    readonly ownership: OwnershipCheck
  }
): Promise<void> {
  const { host, balancer, ownership } = systems
  if (record.route && balancer) {
    await restoreRoute(await balancer(), ownership, record.route)
  }
  await releaseService(record, host, ownership)
  if (record.targetGroup && balancer) {
    const { arn, name } = record.targetGroup
    const group = await ownership.balanced({ kind: 'target-group', name, id: arn })
    if (group !== undefined) await (await balancer()).deleteTargetGroup(group)
  }
}

async function releaseService(
  record: InFlight,
  host: () => Promise<EnvironmentHost>,
  ownership: OwnershipCheck
): Promise<void> {
  if (!record.createdService && !record.previousTaskDefinition) return
  const service = await ownership.service(record.service)
  if (service === undefined) return
  if (record.createdService) {
    const result = await (await host()).deleteService(service)
    core.info(
      result === 'deleted' ? `released ${record.service}` : `${record.service} was already gone`
    )
  } else if (record.previousTaskDefinition) {
    await (await host()).updateService(service, record.previousTaskDefinition)
    core.info(`rolled ${record.service} back to ${record.previousTaskDefinition}`)
  }
}
