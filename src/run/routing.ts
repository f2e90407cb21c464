// A PR's route through the shared load balancer, carried out: the domain decides what its
// listener rule must become (load-balancer.ts), this reads the facts it needs and makes the calls.
// A deploy prepares the route (the new target group attached, serving nothing yet), goes live by
// switching it in one call, and a failed deploy restores it; a teardown removes it. Every change
// to a rule or a target group reads its tags first (run/ownership.ts): another owner's is left
// alone.

import * as core from '../runner/core.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import type { Owned } from '../domain/ownership.js'
import {
  type ClaimedRule,
  type Route,
  type RuleFacts,
  freePriority,
  liveRoute,
  preferredPriority,
  prepareRoute,
  routeAfterTeardown,
  ruleForHost
} from '../domain/load-balancer.js'
import { quotaRefusal } from '../domain/load-balancer-quota.js'
import {
  previewHost,
  previewUrl,
  repositoryKey,
  ruleTags,
  targetGroupName,
  targetGroupNameOfArn
} from '../domain/resources.js'
import type { OwnershipCheck } from './ownership.js'

/** What a deploy did to the PR's rule: enough to switch it, or to undo it (saved for the post
 * step, so plain data). */
export interface PreparedRoute {
  readonly ruleArn: string
  /** The host the rule answers (how the log names it). */
  readonly host: string
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
      /** The allowed-source-cidrs input: every rule written carries it. */
      readonly sourceCidrs?: readonly string[]
      /** The type of load-balancer-authentication's sign-in, which every rule written carries. */
      readonly signIn?: string
    },
    private readonly ownership: OwnershipCheck
  ) {}

  get host(): string {
    return previewHost(this.settings.pr, this.settings.previewDomain)
  }

  /** The PR's address. */
  get url(): string {
    return previewUrl(this.settings.pr, this.settings.previewDomain)
  }

  /** Refuses the deploy, before it creates anything, when the load balancer has no room for the
   * rule and target group it would add (domain/load-balancer-quota.ts). */
  async ensureRoom(loadBalancerArn: string, group: string): Promise<void> {
    const [listeners, groups, limits] = await Promise.all([
      this.balancer.listenersOf(loadBalancerArn),
      this.balancer.listTargetGroups(loadBalancerArn),
      this.balancer.accountLimits()
    ])
    const perListener = await Promise.all(listeners.map((arn) => this.balancer.listRules(arn)))
    const rules = perListener.flat().filter((rule) => rule.priority !== undefined)
    const refusal = quotaRefusal(
      { rules: rules.length, targetGroups: groups.length, limits },
      {
        rule: ruleForHost(rules, this.host) === undefined,
        targetGroup: !groups.some((g) => g.name === group)
      }
    )
    if (refusal !== undefined) throw new Error(refusal)
  }

  /** Attach the commit's target group to the load balancer, through the PR's rule, so that ECS
   * accepts a service for it; nothing is served from it yet. */
  async prepare(sha: string, targetGroup: Owned<'target-group'>): Promise<PreparedRoute> {
    const rules = await this.balancer.listRules()
    const rule = await this.claimedRule(rules)
    const preparation = prepareRoute(rule, {
      host: this.host,
      sha,
      targetGroupArn: targetGroup.id,
      sourceCidrs: this.settings.sourceCidrs ?? [],
      ...(this.settings.signIn !== undefined && { signIn: this.settings.signIn })
    })
    const host = this.host
    switch (preparation.kind) {
      case 'refuse':
        throw this.ownership.refusal(preparation.why)
      case 'keep':
        core.info(`the listener rule for ${host} already serves ${sha}`)
        return { ruleArn: preparation.arn, host, created: false, switchNeeded: false }
      case 'modify':
        await this.balancer.modifyRule(preparation.rule, preparation.route)
        return {
          ruleArn: preparation.rule.id,
          host,
          created: false,
          previous: preparation.previous,
          switchNeeded: true
        }
      case 'create':
        return {
          ruleArn: await this.createRule(preparation.route, rules),
          host,
          created: true,
          switchNeeded: true
        }
    }
  }

  /** The one call that moves the PR's address to the commit; the rule is read again first. */
  async goLive(prepared: PreparedRoute, targetGroupArn: string): Promise<void> {
    if (!prepared.switchNeeded) return
    const verdict = await this.ownership.read(ruleOf(prepared))
    if (verdict === undefined) throw new Error(`the listener rule for ${this.host} is gone`)
    const rule = this.ownership.required(verdict)
    await this.balancer.modifyRule(
      rule,
      liveRoute(this.host, targetGroupArn, this.settings.sourceCidrs)
    )
  }

  /** Every environment of the PR goes: its rule first, so that its target groups are free. */
  async remove(): Promise<void> {
    const teardown = routeAfterTeardown(await this.claimedRule(await this.balancer.listRules()))
    switch (teardown.kind) {
      case 'none':
        return
      case 'left-alone':
        this.ownership.leave(teardown.why)
        return
      case 'delete':
        await this.balancer.deleteRule(teardown.rule)
    }
  }

  /** The commit's target group, once its service is gone. */
  async removeTargetGroup(sha: string): Promise<void> {
    const name = targetGroupName(this.repository, this.settings.pr, sha)
    const arn = this.known.get(name) ?? (await this.balancer.findTargetGroup(name))?.arn
    if (arn === undefined) return
    const group = await this.ownership.balanced({ kind: 'target-group', name, id: arn })
    if (group !== undefined) await this.balancer.deleteTargetGroup(group)
  }

  private get repository(): string {
    return this.settings.repository
  }

  /** The rule for the PR's host, with the ownership rule's answer on its tags, read now. */
  private async claimedRule(rules: readonly RuleFacts[]): Promise<ClaimedRule | undefined> {
    const rule = ruleForHost(rules, this.host)
    if (rule === undefined) return undefined
    for (const target of rule.forward) this.known.set(targetGroupNameOfArn(target.arn), target.arn)
    const claim = await this.ownership.read({
      kind: 'listener-rule',
      name: this.host,
      id: rule.arn
    })
    return claim && { ...rule, claim }
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

/** The rule a prepared route names, as the ownership check reads it. */
function ruleOf(prepared: PreparedRoute) {
  return { kind: 'listener-rule', name: prepared.host, id: prepared.ruleArn } as const
}

/** Undo a deploy's change to the rule: a rule it created goes, a rule it changed is put back;
 * either only while the rule is this repository's. */
export async function restoreRoute(
  balancer: LoadBalancerHost,
  ownership: OwnershipCheck,
  prepared: PreparedRoute
): Promise<void> {
  if (!prepared.created && prepared.previous === undefined) return
  const rule = await ownership.balanced(ruleOf(prepared))
  if (rule === undefined) return
  if (prepared.created) {
    await balancer.deleteRule(rule)
  } else if (prepared.previous) {
    await balancer.modifyRule(rule, prepared.previous)
    core.info(`restored the listener rule for ${prepared.host}`)
  }
}
