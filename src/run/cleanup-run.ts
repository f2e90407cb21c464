// Carries out the actions of a cleanup plan that fit in its budget: AWS deletions first, phase by
// phase (domain/cleanup-work.ts), a few at a time; then each action's GitHub writes, one after the
// other (paced by the throttling plugin), once its AWS deletions are done, since labels come off
// only once the service they describe is gone. One failure never stops the others: each is
// recorded, with the action it belongs to. Before each phase, the tags of what it deletes are read
// again, in as few calls as AWS allows (run/ownership.ts): what is no longer ours is left alone.
// A service deleted takes its commit's image tag and task-definition revision with it, as a sync's
// teardown does (run/image-cleanup.ts): a problem there is a warning, not a failure.

import * as core from '../runner/core.js'
import pLimit from 'p-limit'
import type { EnvironmentHost } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import type { CleanupAction } from '../domain/cleanup-plan.js'
import { commitOfService } from '../domain/image-cleanup.js'
import {
  type AwsDeletion,
  type GitHubWrite,
  awsDeletions,
  awsWaves,
  githubWrites
} from '../domain/cleanup-work.js'
import { oneLine } from '../errors.js'
import type { DefinitionWriter, LabelWriter } from '../github/labels.js'
import { describeCleanupAction } from '../presentation/cleanup-report.js'
import { type ArtifactSystems, removeCommitArtifacts } from './image-cleanup.js'
import type { Notifier } from './notifier.js'
import type { OwnershipCheck } from './ownership.js'

/** The outside systems a cleanup's actions reach. */
export interface CleanupSystems {
  /** Tells a PR that its environment expired (the comment and the deployment). */
  readonly notifier: (pr: number) => Notifier
  readonly labels: LabelWriter
  readonly definitions: DefinitionWriter
  readonly host: () => Promise<EnvironmentHost>
  /** The shared load balancer, when the inputs name one. */
  readonly balancer?: () => Promise<LoadBalancerHost>
  /** ECR, where a deleted service's commit image is removed. */
  readonly registry?: ArtifactSystems['registry']
  /** The image-repository input, when the run has one. */
  readonly imageRepository?: string
}

/** AWS calls under way at once. */
const AWS_CONCURRENCY = 4

export class CleanupRun {
  constructor(
    private readonly deps: CleanupSystems,
    private readonly ownership: OwnershipCheck,
    /** One line per failure, naming its action. */
    private readonly failures: string[]
  ) {}

  async run(actions: readonly CleanupAction[]): Promise<void> {
    const limit = pLimit(AWS_CONCURRENCY)
    const released = new Array<boolean>(actions.length).fill(false)
    for (const wave of awsWaves(actions)) {
      await this.readAhead(wave.flatMap((index) => awsDeletions(actions[index]!)))
      await Promise.all(
        wave.map((index) =>
          limit(async () => (released[index] = await this.releaseAws(actions[index]!)))
        )
      )
    }
    for (const [index, action] of actions.entries()) {
      if (!released[index]) continue
      try {
        for (const write of githubWrites(action)) await this.write(write)
      } catch (error) {
        this.fail(action, error)
      }
    }
  }

  /** False when something could not be deleted. */
  private async releaseAws(action: CleanupAction): Promise<boolean> {
    try {
      for (const deletion of awsDeletions(action)) await this.delete(deletion)
      return true
    } catch (error) {
      this.fail(action, error)
      return false
    }
  }

  /** The tags of a phase's resources, read in a few calls; a failed read leaves each to be read
   * on its own when it is deleted. */
  private async readAhead(deletions: readonly AwsDeletion[]): Promise<void> {
    try {
      await this.ownership.readAhead({
        services: deletions.flatMap((d) =>
          d.kind === 'service' || d.kind === 'scale-to-zero' ? [d.name] : []
        ),
        arns: deletions.flatMap((d) =>
          d.kind === 'service' || d.kind === 'scale-to-zero' ? [] : [d.arn]
        )
      })
    } catch (error) {
      core.info(`the resources could not be read in one go (${oneLine(error)}): one by one`)
    }
  }

  /** Deletes (or puts to sleep) what is ours; anything else is left alone (and listed). */
  private async delete(deletion: AwsDeletion): Promise<void> {
    switch (deletion.kind) {
      case 'service': {
        const { name } = deletion
        const service = await this.ownership.service(name, deletion)
        if (service === undefined) return
        await (await this.deps.host()).deleteService(service)
        await this.removeArtifacts(name)
        return
      }
      case 'scale-to-zero': {
        // Its labels say sleeping only once it does: a service gone or not ours fails the action.
        const found = await this.ownership.serviceWithDefinition(deletion.name)
        if (found?.taskDefinition === undefined)
          throw new Error(`${deletion.name} is not an active service of this repository`)
        await (await this.deps.host()).scaleService(found.owned, found.taskDefinition, 0)
        return
      }
      case 'listener-rule': {
        const { arn: id, host: name } = deletion
        const rule = await this.ownership.balanced({ kind: 'listener-rule', name, id })
        if (rule !== undefined) await (await this.balancer()).deleteRule(rule)
        return
      }
      case 'target-group': {
        const { arn: id, name } = deletion
        const group = await this.ownership.balanced({ kind: 'target-group', name, id })
        if (group !== undefined) await (await this.balancer()).deleteTargetGroup(group)
        return
      }
    }
  }

  /** The image tag and task-definition revision of the commit whose service was just deleted. */
  private async removeArtifacts(service: string): Promise<void> {
    const commit = commitOfService(service)
    if (commit === undefined) return
    const { host, registry, imageRepository } = this.deps
    const taskDefinition = this.ownership.taskDefinitionOf(service)
    await removeCommitArtifacts(
      {
        host,
        ...(registry && { registry }),
        ...(imageRepository && { imageRepository }),
        revisions: { kind: 'showtime-families' }
      },
      { ...commit, ...(taskDefinition && { taskDefinition }) }
    )
  }

  private async write(write: GitHubWrite): Promise<void> {
    const { labels, definitions } = this.deps
    switch (write.kind) {
      case 'detach-label':
        await labels.remove(write.pr, write.name)
        return
      case 'attach-labels':
        await labels.add(write.pr, write.names)
        return
      case 'delete-definition':
        await definitions.remove(write.name)
        return
      case 'create-definition':
        return definitions.create(write.name)
      case 'recolour-definition':
        return definitions.update(write.name)
      case 'announce-expiry': {
        const notifier = this.deps.notifier(write.pr)
        await notifier.comment({ kind: 'torn-down', why: 'expired' }, write.sha)
        await notifier.deploymentsGone()
        return
      }
    }
  }

  /** Listener rules and target groups are planned only from what the load balancer answered. */
  private balancer(): Promise<LoadBalancerHost> {
    if (!this.deps.balancer) throw new Error('no load balancer is configured')
    return this.deps.balancer()
  }

  private fail(action: CleanupAction, error: unknown): void {
    const message = `${describeCleanupAction(action)}: ${oneLine(error)}`
    this.failures.push(message)
    core.error(message)
  }
}
