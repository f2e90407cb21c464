// The shared Application Load Balancer: the only place the ELBv2 client is made, loaded with its
// SDK only by the runs that use a load balancer. Thin: each method is one API call (or the pages
// of one), translates Showtime's routes into ELB's conditions and actions and back, logs what it
// changed, and decides nothing. Its errors say what to fix, as the ECS client's do (errors.ts).

import {
  CreateRuleCommand,
  CreateTargetGroupCommand,
  DeleteRuleCommand,
  DeleteTargetGroupCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
  DescribeTargetGroupsCommand,
  DescribeTargetHealthCommand,
  ElasticLoadBalancingV2Client,
  ModifyRuleCommand,
  ModifyTargetGroupAttributesCommand,
  type Action,
  type Rule,
  type RuleCondition,
  paginateDescribeAccountLimits,
  paginateDescribeListeners,
  paginateDescribeRules,
  paginateDescribeTargetGroups
} from '@aws-sdk/client-elastic-load-balancing-v2'
import * as core from '../runner/core.js'
import {
  type Route,
  type RuleFacts,
  type TargetHealth,
  type TargetState,
  describeRoute
} from '../domain/load-balancer.js'
import type { Owned } from '../domain/ownership.js'
import type { SignIn } from '../domain/sign-in.js'
import { PENDING_HEADER, type Tags } from '../domain/resources.js'
import { explainErrors } from './errors.js'

export interface TargetGroupSpec {
  readonly name: string
  readonly vpcId: string
  readonly port: number
  readonly healthPath: string
  readonly healthIntervalSeconds: number
  readonly tags: Tags
}

export interface ListenerFacts {
  readonly protocol: string
  readonly vpcId: string
  readonly loadBalancerArn: string
}

export interface ListedTargetGroup {
  readonly arn: string
  readonly name: string
}

export interface LoadBalancerHost {
  /** The listener's protocol and the VPC of its load balancer (where target groups go). */
  describeListener(): Promise<ListenerFacts>
  /** Every rule of the listener (by default Showtime's), without tags (all pages). */
  listRules(listenerArn?: string): Promise<RuleFacts[]>
  /** The ARNs of every listener of the load balancer (all pages). */
  listenersOf(loadBalancerArn: string): Promise<string[]>
  /** The account's Elastic Load Balancing quotas, by name (all pages). */
  accountLimits(): Promise<Map<string, number>>
  /** The tags of rules or target groups, by ARN. */
  tagsOf(arns: readonly string[]): Promise<Map<string, Tags>>
  /** The tags of one rule or target group; undefined when it no longer exists. */
  resourceTags(arn: string): Promise<Tags | undefined>
  /** Creates the target group, or returns the ARN of the one of that name (ELB answers with it
   * when its settings are the same; this looks it up when they are not): whose it is, the caller
   * checks before using it. */
  createTargetGroup(spec: TargetGroupSpec): Promise<string>
  findTargetGroup(name: string): Promise<ListedTargetGroup | undefined>
  /** Every target group of the account in the region, or only those a load balancer's rules use
   * (all pages). */
  listTargetGroups(loadBalancerArn?: string): Promise<ListedTargetGroup[]>
  /** Deletes a target group of this repository; `absent` when there was no such group. */
  deleteTargetGroup(group: Owned<'target-group'>): Promise<'deleted' | 'absent'>
  targetHealth(targetGroupArn: string): Promise<TargetHealth[]>
  /** How long a deregistered target of a group of this repository drains (ELB's default: 300 s). */
  setDeregistrationDelay(group: Owned<'target-group'>, seconds: number): Promise<void>
  /** `priority-in-use` when another rule took the priority first. */
  createRule(route: Route, priority: number, tags: Tags): Promise<string | 'priority-in-use'>
  /** Changes a rule of this repository. */
  modifyRule(rule: Owned<'listener-rule'>, route: Route): Promise<void>
  /** Deletes a rule of this repository; `absent` when there was no such rule. */
  deleteRule(rule: Owned<'listener-rule'>): Promise<'deleted' | 'absent'>
}

/** DescribeTags takes at most 20 resources a call; DescribeRules and DescribeTargetGroups pages
 * hold at most 400. */
const TAGS_PER_CALL = 20
const PAGE_SIZE = 400
const HEALTH_CHECK_TIMEOUT_MAX = 10
const DEREGISTRATION_DELAY = 'deregistration_delay.timeout_seconds'

const HOST_HEADER = 'host-header'
const HTTP_HEADER = 'http-header'
const SOURCE_IP = 'source-ip'

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

function tagMap(tags: readonly { Key?: string; Value?: string }[] | undefined): Tags {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']))
}

function tagList(tags: Tags) {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))
}

function conditionsOf(route: Route): RuleCondition[] {
  return [
    { Field: HOST_HEADER, HostHeaderConfig: { Values: [route.host] } },
    ...(route.sourceCidrs === undefined
      ? []
      : [{ Field: SOURCE_IP, SourceIpConfig: { Values: [...route.sourceCidrs] } }]),
    ...(route.pendingSha === undefined
      ? []
      : [
          {
            Field: HTTP_HEADER,
            HttpHeaderConfig: { HttpHeaderName: PENDING_HEADER, Values: [route.pendingSha] }
          }
        ])
  ]
}

/** The rule's actions: the forward, after the sign-in when there is one. The sign-in carries its
 * client secret on every write, ModifyRule's too: ELB requires the secret to create a rule and
 * takes a modify without it only with UseExistingClientSecret true (API reference,
 * AuthenticateOidcActionConfig.ClientSecret), and it never returns the secret to compare. */
function actionsOf(route: Route, signIn: SignIn | undefined): Action[] {
  const forward = {
    Type: 'forward' as const,
    ForwardConfig: {
      TargetGroups: route.forward.map((t) => ({ TargetGroupArn: t.arn, Weight: t.weight }))
    }
  }
  return signIn === undefined
    ? [forward]
    : [
        { ...signIn, Order: 1 },
        { ...forward, Order: 2 }
      ]
}

/** A rule as ELB describes it, in Showtime's terms. */
function ruleFacts(rule: Rule): RuleFacts {
  const conditions = rule.Conditions ?? []
  const hosts = conditions
    .filter((c) => c.Field === HOST_HEADER)
    .flatMap((c) => c.HostHeaderConfig?.Values ?? c.Values ?? [])
  const pending = conditions.find(
    (c) =>
      c.Field === HTTP_HEADER &&
      c.HttpHeaderConfig?.HttpHeaderName?.toLowerCase() === PENDING_HEADER.toLowerCase()
  )?.HttpHeaderConfig?.Values?.[0]
  const sourceCidrs = conditions
    .filter((c) => c.Field === SOURCE_IP)
    .flatMap((c) => c.SourceIpConfig?.Values ?? c.Values ?? [])
  const forward = (rule.Actions ?? [])
    .filter((a) => a.Type === 'forward')
    .flatMap((a) =>
      a.ForwardConfig?.TargetGroups?.length
        ? a.ForwardConfig.TargetGroups.map((t) => ({
            arn: t.TargetGroupArn ?? '',
            weight: t.Weight ?? 1
          }))
        : a.TargetGroupArn
          ? [{ arn: a.TargetGroupArn, weight: 1 }]
          : []
    )
  const signIn = (rule.Actions ?? []).find((a) => a.Type?.startsWith('authenticate-'))?.Type
  const priority = Number(rule.Priority)
  return {
    arn: rule.RuleArn ?? '',
    ...(rule.IsDefault || !Number.isInteger(priority) ? {} : { priority }),
    host: hosts[0] ?? '',
    hosts,
    ...(pending !== undefined && { pendingSha: pending }),
    ...(sourceCidrs.length > 0 && { sourceCidrs }),
    ...(signIn !== undefined && { signIn }),
    forward
  }
}

function named(error: unknown, ...names: string[]): boolean {
  return names.includes((error as Error).name)
}

/** The load balancer behind `listenerArn`; with `signIn`, every rule it writes signs users in
 * before it forwards. */
export function loadBalancerHost(
  region: string,
  listenerArn: string,
  signIn?: SignIn
): LoadBalancerHost {
  const elb = new ElasticLoadBalancingV2Client({
    region,
    maxAttempts: 5,
    customUserAgent: 'showtime'
  })
  explainErrors(elb, { service: 'elasticloadbalancing', region, listener: listenerArn })

  return {
    async describeListener() {
      const listeners = await elb.send(
        new DescribeListenersCommand({ ListenerArns: [listenerArn] })
      )
      const listener = listeners.Listeners?.[0]
      if (!listener?.LoadBalancerArn) throw new Error(`listener ${listenerArn} was not found`)
      const balancers = await elb.send(
        new DescribeLoadBalancersCommand({ LoadBalancerArns: [listener.LoadBalancerArn] })
      )
      const vpcId = balancers.LoadBalancers?.[0]?.VpcId
      if (!vpcId) throw new Error(`the load balancer of ${listenerArn} has no VPC`)
      return { protocol: listener.Protocol ?? '', vpcId, loadBalancerArn: listener.LoadBalancerArn }
    },

    async listRules(listener = listenerArn) {
      const rules: RuleFacts[] = []
      for await (const page of paginateDescribeRules(
        { client: elb, pageSize: PAGE_SIZE },
        { ListenerArn: listener }
      )) {
        rules.push(...(page.Rules ?? []).map(ruleFacts))
      }
      return rules
    },

    async listenersOf(loadBalancerArn) {
      const arns: string[] = []
      for await (const page of paginateDescribeListeners(
        { client: elb, pageSize: PAGE_SIZE },
        { LoadBalancerArn: loadBalancerArn }
      )) {
        for (const listener of page.Listeners ?? [])
          if (listener.ListenerArn) arns.push(listener.ListenerArn)
      }
      return arns
    },

    async accountLimits() {
      const limits = new Map<string, number>()
      for await (const page of paginateDescribeAccountLimits(
        { client: elb, pageSize: PAGE_SIZE },
        {}
      )) {
        for (const limit of page.Limits ?? []) {
          const max = Number(limit.Max)
          if (limit.Name && Number.isFinite(max)) limits.set(limit.Name, max)
        }
      }
      return limits
    },

    async tagsOf(arns) {
      const tags = new Map<string, Tags>()
      for (const resources of chunk(arns, TAGS_PER_CALL)) {
        const out = await elb.send(new DescribeTagsCommand({ ResourceArns: resources }))
        for (const description of out.TagDescriptions ?? []) {
          if (description.ResourceArn) tags.set(description.ResourceArn, tagMap(description.Tags))
        }
      }
      return tags
    },

    async resourceTags(arn) {
      try {
        return (await this.tagsOf([arn])).get(arn) ?? {}
      } catch (error) {
        if (named(error, 'RuleNotFoundException', 'TargetGroupNotFoundException')) return undefined
        throw error
      }
    },

    async createTargetGroup(spec) {
      const interval = spec.healthIntervalSeconds
      const create = new CreateTargetGroupCommand({
        Name: spec.name,
        TargetType: 'ip',
        Protocol: 'HTTP',
        Port: spec.port,
        VpcId: spec.vpcId,
        HealthCheckProtocol: 'HTTP',
        HealthCheckPath: spec.healthPath,
        HealthCheckIntervalSeconds: interval,
        HealthCheckTimeoutSeconds: Math.min(HEALTH_CHECK_TIMEOUT_MAX, interval - 1),
        HealthyThresholdCount: 2,
        UnhealthyThresholdCount: 2,
        Matcher: { HttpCode: '200' },
        Tags: tagList(spec.tags)
      })
      let out
      try {
        out = await elb.send(create)
      } catch (error) {
        // The same name with other settings (an earlier deploy's health interval, say): reuse it.
        if (!named(error, 'DuplicateTargetGroupNameException')) throw error
        const existing = await this.findTargetGroup(spec.name)
        if (existing === undefined) throw error
        return existing.arn
      }
      const arn = out.TargetGroups?.[0]?.TargetGroupArn
      if (!arn) throw new Error('CreateTargetGroup returned no target group ARN')
      core.info(`created the target group ${spec.name}`)
      return arn
    },

    async findTargetGroup(name) {
      try {
        const out = await elb.send(new DescribeTargetGroupsCommand({ Names: [name] }))
        const group = out.TargetGroups?.[0]
        return group?.TargetGroupArn ? { arn: group.TargetGroupArn, name } : undefined
      } catch (error) {
        if (named(error, 'TargetGroupNotFoundException')) return undefined
        throw error
      }
    },

    async listTargetGroups(loadBalancerArn) {
      const groups: ListedTargetGroup[] = []
      for await (const page of paginateDescribeTargetGroups(
        { client: elb, pageSize: PAGE_SIZE },
        loadBalancerArn === undefined ? {} : { LoadBalancerArn: loadBalancerArn }
      )) {
        for (const group of page.TargetGroups ?? []) {
          if (group.TargetGroupArn && group.TargetGroupName)
            groups.push({ arn: group.TargetGroupArn, name: group.TargetGroupName })
        }
      }
      return groups
    },

    async deleteTargetGroup({ id: arn, name }) {
      try {
        await elb.send(new DeleteTargetGroupCommand({ TargetGroupArn: arn }))
      } catch (error) {
        if (!named(error, 'TargetGroupNotFoundException')) throw error
        core.info(`the target group ${name} was already gone`)
        return 'absent'
      }
      core.info(`deleted the target group ${name}`)
      return 'deleted'
    },

    async targetHealth(targetGroupArn) {
      const out = await elb.send(
        new DescribeTargetHealthCommand({ TargetGroupArn: targetGroupArn })
      )
      return (out.TargetHealthDescriptions ?? []).map((d) => ({
        id: `${d.Target?.Id ?? '?'}:${d.Target?.Port ?? '?'}`,
        state: (d.TargetHealth?.State ?? 'unavailable') as TargetState,
        ...(d.TargetHealth?.Reason && { reason: d.TargetHealth.Reason })
      }))
    },

    async setDeregistrationDelay({ id: arn, name }, seconds) {
      await elb.send(
        new ModifyTargetGroupAttributesCommand({
          TargetGroupArn: arn,
          Attributes: [{ Key: DEREGISTRATION_DELAY, Value: String(seconds) }]
        })
      )
      core.info(`the target group ${name} drains deregistered targets for ${seconds} s`)
    },

    async createRule(route, priority, tags) {
      try {
        const out = await elb.send(
          new CreateRuleCommand({
            ListenerArn: listenerArn,
            Priority: priority,
            Conditions: conditionsOf(route),
            Actions: actionsOf(route, signIn),
            Tags: tagList(tags)
          })
        )
        const arn = out.Rules?.[0]?.RuleArn
        if (!arn) throw new Error('CreateRule returned no rule ARN')
        core.info(
          `created the listener rule for ${route.host} (priority ${priority}): it ${describeRoute(route, signIn)}`
        )
        return arn
      } catch (error) {
        if (named(error, 'PriorityInUseException')) return 'priority-in-use'
        throw error
      }
    },

    async modifyRule({ id: arn }, route) {
      await elb.send(
        new ModifyRuleCommand({
          RuleArn: arn,
          Conditions: conditionsOf(route),
          Actions: actionsOf(route, signIn)
        })
      )
      core.info(`the listener rule for ${route.host} now ${describeRoute(route, signIn)}`)
    },

    async deleteRule({ id: arn, name: host }) {
      try {
        await elb.send(new DeleteRuleCommand({ RuleArn: arn }))
      } catch (error) {
        if (!named(error, 'RuleNotFoundException')) throw error
        core.info(`the listener rule for ${host} was already gone`)
        return 'absent'
      }
      core.info(`deleted the listener rule for ${host}`)
      return 'deleted'
    }
  }
}
