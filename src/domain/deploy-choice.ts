// What a deploy does with the ECS service of its name, as ECS describes it: refuse a service that
// is not this repository's (domain/ownership.ts), wait for one still draining from an earlier
// deletion, roll an existing one forward to the new task definition (its running task serves until
// the new one is stable), or create it. Behind the shared load balancer, also whether the listener
// can serve previews.

import { type Claimant, type Owned, claim, taggedForAnother } from './ownership.js'
import type { Tags } from './resources.js'

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
  | {
      readonly kind: 'update'
      readonly service: Owned<'service'>
      readonly previousTaskDefinition?: string
    }
  | { readonly kind: 'create' }

export interface DeployTarget extends Claimant {
  readonly service: string
}

/**
 * An active service is rolled forward only when it is ours; one that is draining or deleted is
 * not changed (its name is free once it is gone), unless its tags name another owner: then the
 * name is someone else's, and the deploy is refused as well.
 */
export function deployChoice(
  service: SettledService,
  target: DeployTarget
): Exclude<DeployChoice, { kind: 'wait-for-drain' }>
export function deployChoice(service: DescribedService, target: DeployTarget): DeployChoice
export function deployChoice(service: DescribedService, target: DeployTarget): DeployChoice {
  const claimed = claim(
    { kind: 'service', name: target.service, id: target.service, tags: service.tags },
    target,
    // The run's own commit, which its labels name.
    { namedByLabels: true }
  )
  const namedForAnother =
    !claimed.ours && taggedForAnother(service.tags, target.repository)
      ? ({ kind: 'refuse', why: claimed.why } as const)
      : undefined
  switch (service.status) {
    case 'ACTIVE': {
      if (!claimed.ours) return { kind: 'refuse', why: claimed.why }
      const update = { kind: 'update', service: claimed.owned } as const
      return service.taskDefinition === undefined
        ? update
        : { ...update, previousTaskDefinition: service.taskDefinition }
    }
    case 'DRAINING':
      return namedForAnother ?? { kind: 'wait-for-drain' }
    case 'INACTIVE':
      return namedForAnother ?? { kind: 'create' }
    case 'MISSING':
      return { kind: 'create' }
  }
}

/** The commit's target group is the run's to delete if it fails only when the run creates the
 * service: a forced rebuild's target group serves the running commit. */
export function ownsTargetGroup(choice: DeployChoice): boolean {
  return choice.kind === 'create'
}

/** Previews are served over HTTPS only: another listener is refused, with why. With sign-in
 * (load-balancer-authentication) the reason is ELB's too: it authenticates on HTTPS listeners
 * only, and a rule without its sign-in would open the preview to everyone. */
export function listenerRefusal(protocol: string, signsIn = false): string | undefined {
  if (protocol === 'HTTPS') return undefined
  const uses = `the listener of load-balancer-listener-arn uses ${protocol || 'no protocol'}, not HTTPS`
  return signsIn
    ? `${uses}: ELB signs users in (load-balancer-authentication) on HTTPS listeners only`
    : uses
}
