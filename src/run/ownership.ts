// Whose a resource is, read right before a path changes or deletes it: one read of its tags
// (DescribeServices, or ELB's DescribeTags), then the ownership rule (domain/ownership.ts). What is
// ours comes back Owned, for the one call that acts on it; what is not is logged once, listed for
// the job summary ("not ours: left alone"), and never changed. A deploy that needs a resource
// someone else owns stops with NotOurs.

import * as core from '../runner/core.js'
import type { EnvironmentHost, ServiceInfo } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import {
  type Claim,
  type Claimant,
  type Owned,
  type ResourceKind,
  claim
} from '../domain/ownership.js'
import type { Tags } from '../domain/resources.js'
import { oneLine } from '../errors.js'

/** A deploy refused because a resource it needs is not this repository's. */
export class NotOurs extends Error {}

export interface OwnershipSystems {
  readonly host: () => Promise<EnvironmentHost>
  /** The shared load balancer, when the inputs name one. */
  readonly balancer?: () => Promise<LoadBalancerHost>
}

/** A resource by what it is called: the service's name, the rule's host or the group's name, and
 * (for rules and target groups) its ARN. */
export interface NamedResource<K extends ResourceKind> {
  readonly kind: K
  readonly name: string
  readonly id: string
}

const namedByLabels = { namedByLabels: true } as const

export class OwnershipCheck {
  private readonly refused: string[] = []
  /** Reads made ahead for a batch (a cleanup's wave), each used once. */
  private readonly services = new Map<string, ServiceInfo>()
  private readonly tags = new Map<string, Tags | undefined>()
  /** The task definition each service ran when it was last read, for its teardown. */
  private readonly ran = new Map<string, string>()

  constructor(
    private readonly systems: OwnershipSystems,
    private readonly claimant: Claimant
  ) {}

  /** The task definition the service ran when service() last read it. */
  taskDefinitionOf(name: string): string | undefined {
    return this.ran.get(name)
  }

  /** Every resource left alone, one line each: what it is, and why it is not ours. */
  get leftAlone(): readonly string[] {
    return this.refused
  }

  /** The service, when it is active and ours. Undefined when there is nothing to act on (it is
   * draining or gone) or it is not ours (then logged and listed). `namedByLabels`: false for a
   * service no label of this repository names (a cleanup's orphan), which is never adopted. */
  async service(
    name: string,
    options: { readonly namedByLabels: boolean } = namedByLabels
  ): Promise<Owned<'service'> | undefined> {
    return (await this.serviceWithDefinition(name, options))?.owned
  }

  /** The service, when it is active and ours, with the task definition it runs. */
  async serviceWithDefinition(
    name: string,
    options: { readonly namedByLabels: boolean } = namedByLabels
  ): Promise<{ owned: Owned<'service'>; taskDefinition?: string } | undefined> {
    const info =
      this.services.get(name) ?? (await (await this.systems.host()).describeService(name))
    this.services.delete(name)
    if (info.taskDefinition !== undefined) this.ran.set(name, info.taskDefinition)
    if (info.status !== 'ACTIVE') {
      core.info(`${name} is ${info.status.toLowerCase()}: nothing to change`)
      return undefined
    }
    const owned = this.judged(
      claim({ kind: 'service', name, id: name, tags: info.tags }, this.claimant, options)
    )
    if (owned === undefined) return undefined
    return { owned, ...(info.taskDefinition && { taskDefinition: info.taskDefinition }) }
  }

  /** The listener rule or target group, when it exists and is ours. */
  async balanced<K extends 'listener-rule' | 'target-group'>(
    resource: NamedResource<K>
  ): Promise<Owned<K> | undefined> {
    const verdict = await this.read(resource)
    return verdict && this.judged(verdict)
  }

  /** The rule's answer on a listener rule or target group read now; undefined when it is gone. */
  async read<K extends 'listener-rule' | 'target-group'>(
    resource: NamedResource<K>
  ): Promise<Claim<K> | undefined> {
    const tags = this.tags.has(resource.id)
      ? this.tags.get(resource.id)
      : await (await this.balancer()).resourceTags(resource.id)
    this.tags.delete(resource.id)
    if (tags === undefined) {
      core.info(`${resource.name} is gone: nothing to change`)
      return undefined
    }
    return claim({ ...resource, tags }, this.claimant, namedByLabels)
  }

  /** A resource the deploy needs: ours, or the deploy stops (NotOurs) and it is listed. */
  required<K extends ResourceKind>(verdict: Claim<K>): Owned<K> {
    if (verdict.ours) return verdict.owned
    throw this.refusal(verdict.why)
  }

  /** Lists a refusal and returns the error that stops the deploy. */
  refusal(why: string): NotOurs {
    this.leave(why)
    return new NotOurs(why)
  }

  /** Logs (once) and lists a resource that is not ours. */
  leave(why: string): void {
    if (this.refused.includes(why)) return
    this.refused.push(why)
    core.warning(why)
  }

  /** Reads ahead, in as few calls as AWS allows, what a batch of deletions will ask for: ECS
   * describes 10 services a call, ELB the tags of 20 resources. */
  async readAhead(batch: {
    readonly services: readonly string[]
    readonly arns: readonly string[]
  }): Promise<void> {
    if (batch.services.length > 0) {
      const described = await (await this.systems.host()).describeServices(batch.services)
      for (const [name, info] of described) this.services.set(name, info)
    }
    if (batch.arns.length > 0) {
      try {
        const read = await (await this.balancer()).tagsOf(batch.arns)
        for (const [arn, tags] of read) this.tags.set(arn, tags)
      } catch (error) {
        // One resource gone fails the whole call: each is then read on its own, when acted on.
        core.info(`the tags could not be read in one call (${oneLine(error)}): one by one instead`)
      }
    }
  }

  private judged<K extends ResourceKind>(verdict: Claim<K>): Owned<K> | undefined {
    if (verdict.ours) return verdict.owned
    this.leave(verdict.why)
    return undefined
  }

  private balancer(): Promise<LoadBalancerHost> {
    if (!this.systems.balancer) throw new Error('no load balancer is configured')
    return this.systems.balancer()
  }
}
