// A PR's route through the shared load balancer, carried out: the domain decides what its
// listener rule must become (load-balancer.ts), this reads the facts it needs and makes the calls.
// A deploy prepares the route (the new target group attached, serving nothing yet), goes live by
// switching it in one call, and a failed deploy restores it; a teardown removes it.

import * as core from '../runner/core.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import {
  type Route,
  type RuleFacts,
  freePriority,
  liveRoute,
  preferredPriority,
  prepareRoute,
  routeAfterTeardown,
  ruleForHost
} from '../domain/load-balancer.js'
import {
  previewHost,
  previewUrl,
  repositoryKey,
  ruleTags,
  targetGroupName,
  targetGroupNameOfArn
} from '../domain/resources.js'

/** What a deploy did to the PR's rule: enough to switch it, or to undo it (saved for the post
 * step, so plain data). */
export interface PreparedRoute {
  readonly ruleArn: string
  /** The run created the rule: undoing it deletes it. */
  readonly created: boolean
  /** The rule as it was before the run changed it. */
  readonly previous?: Route
  /** False when the rule already served the commit (a forced rebuild). */
  readonly switchNeeded: boolean
}

/** Concurrent runs that keep taking the same priority first: give up after this many. */
const PRIORITY_ATTEMPTS = 10

export class PreviewRoute {
  /** Target groups the rule was seen to forward to, by name: their ARNs need no look-up. */
  private readonly known = new Map<string, string>()

  constructor(
    private readonly balancer: LoadBalancerHost,
    private readonly settings: {
      readonly previewDomain: string
      readonly repository: string
      readonly pr: number
    }
  ) {}

  get host(): string {
    return previewHost(this.settings.pr, this.settings.previewDomain)
  }

  /** The PR's address. */
  get url(): string {
    return previewUrl(this.settings.pr, this.settings.previewDomain)
  }

  /** Attach the commit's target group to the load balancer, through the PR's rule, so that ECS
   * accepts a service for it; nothing is served from it yet. */
  async prepare(sha: string, targetGroupArn: string): Promise<PreparedRoute> {
    const rules = await this.balancer.listRules()
    const rule = await this.ownRule(rules)
    const preparation = prepareRoute(
      rule,
      { host: this.host, sha, targetGroupArn },
      this.repository
    )
    switch (preparation.kind) {
      case 'refuse':
        throw new Error(preparation.why)
      case 'keep':
        core.info(`the listener rule for ${this.host} already serves ${sha}`)
        return { ruleArn: preparation.arn, created: false, switchNeeded: false }
      case 'modify':
        await this.balancer.modifyRule(preparation.arn, preparation.route)
        return {
          ruleArn: preparation.arn,
          created: false,
          previous: preparation.previous,
          switchNeeded: true
        }
      case 'create':
        return {
          ruleArn: await this.createRule(preparation.route, rules),
          created: true,
          switchNeeded: true
        }
    }
  }

  /** The one call that moves the PR's address to the commit. */
  async goLive(prepared: PreparedRoute, targetGroupArn: string): Promise<void> {
    if (prepared.switchNeeded)
      await this.balancer.modifyRule(prepared.ruleArn, liveRoute(this.host, targetGroupArn))
  }

  /** Every environment of the PR goes: its rule first, so that its target groups are free. */
  async remove(): Promise<void> {
    const rule = await this.ownRule(await this.balancer.listRules())
    const teardown = routeAfterTeardown(rule, this.repository)
    switch (teardown.kind) {
      case 'none':
        return
      case 'delete':
        await this.balancer.deleteRule(teardown.arn)
    }
  }

  /** The commit's target group, once its service is gone. */
  async removeTargetGroup(sha: string): Promise<void> {
    const name = targetGroupName(this.repository, this.settings.pr, sha)
    const arn = this.known.get(name) ?? (await this.balancer.findTargetGroup(name))?.arn
    if (arn === undefined) return
    await this.balancer.deleteTargetGroup(arn, name)
  }

  private get repository(): string {
    return this.settings.repository
  }

  /** The rule for the PR's host, with its tags (whose it is). */
  private async ownRule(rules: readonly RuleFacts[]): Promise<RuleFacts | undefined> {
    const rule = ruleForHost(rules, this.host)
    if (rule === undefined) return undefined
    for (const target of rule.forward) this.known.set(targetGroupNameOfArn(target.arn), target.arn)
    const tags = (await this.balancer.tagsOf([rule.arn])).get(rule.arn) ?? {}
    return { ...rule, tags }
  }

  /** A rule at a free priority; another run taking it first costs one more attempt. */
  private async createRule(route: Route, rules: readonly RuleFacts[]): Promise<string> {
    const taken = new Set(rules.flatMap((r) => (r.priority === undefined ? [] : [r.priority])))
    const preferred = preferredPriority(repositoryKey(this.repository), this.settings.pr)
    for (let attempt = 1; attempt <= PRIORITY_ATTEMPTS; attempt++) {
      const priority = freePriority(taken, preferred)
      if (priority === undefined) throw new Error('the listener has no free rule priority left')
      const created = await this.balancer.createRule(
        route,
        priority,
        ruleTags(this.repository, this.settings.pr)
      )
      if (created !== 'priority-in-use') return created
      core.info(`priority ${priority} was taken meanwhile; trying the next free one`)
      taken.add(priority)
    }
    throw new Error(`no free rule priority after ${PRIORITY_ATTEMPTS} attempts`)
  }
}

/** Undo a deploy's change to the rule: a rule it created goes, a rule it changed is put back. */
export async function restoreRoute(
  balancer: LoadBalancerHost,
  prepared: PreparedRoute
): Promise<void> {
  if (prepared.created) {
    await balancer.deleteRule(prepared.ruleArn)
  } else if (prepared.previous) {
    await balancer.modifyRule(prepared.ruleArn, prepared.previous)
  }
}
