// What a deploy does with the ECS service of its name, as ECS describes it: refuse a service of
// another repository, wait for one still draining from an earlier deletion, roll an existing one
// forward to the new task definition (its running task serves until the new one is stable), or
// create it. Behind the shared load balancer, also whether the listener can serve previews.

import { TAG, type Tags, ownership } from './resources.js'

export type ServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE' | 'MISSING'

export interface DescribedService {
  readonly status: ServiceStatus
  readonly taskDefinition?: string
  readonly tags: Tags
}

/** A service that is not draining (any more). */
export type SettledService = DescribedService & {
  readonly status: Exclude<ServiceStatus, 'DRAINING'>
}

export type DeployChoice =
  | { readonly kind: 'refuse'; readonly why: string }
  | { readonly kind: 'wait-for-drain' }
  /** Roll it forward; a failure rolls it back to the task definition it had. */
  | { readonly kind: 'update'; readonly previousTaskDefinition?: string }
  | { readonly kind: 'create' }

export interface DeployTarget {
  readonly service: string
  /** owner/repo: a service of that name tagged with another repository is never touched. */
  readonly repository: string
}

export function deployChoice(
  service: SettledService,
  target: DeployTarget
): Exclude<DeployChoice, { kind: 'wait-for-drain' }>
export function deployChoice(service: DescribedService, target: DeployTarget): DeployChoice
export function deployChoice(service: DescribedService, target: DeployTarget): DeployChoice {
  if (service.status !== 'MISSING' && ownership(service.tags, target.repository) === 'theirs') {
    return {
      kind: 'refuse',
      why: `${target.service} exists and belongs to ${service.tags[TAG.repository]}, not ${target.repository}: it is left alone`
    }
  }
  switch (service.status) {
    case 'DRAINING':
      return { kind: 'wait-for-drain' }
    case 'ACTIVE':
      return service.taskDefinition === undefined
        ? { kind: 'update' }
        : { kind: 'update', previousTaskDefinition: service.taskDefinition }
    case 'INACTIVE':
    case 'MISSING':
      return { kind: 'create' }
  }
}

/** The commit's target group is the run's to delete if it fails only when the run creates the
 * service: a forced rebuild's target group serves the running commit. */
export function ownsTargetGroup(choice: DeployChoice): boolean {
  return choice.kind === 'create'
}

/** Previews are served over HTTPS only: another listener is refused, with why. */
export function listenerRefusal(protocol: string): string | undefined {
  return protocol === 'HTTPS'
    ? undefined
    : `the listener of load-balancer-listener-arn uses ${protocol || 'no protocol'}, not HTTPS`
}
