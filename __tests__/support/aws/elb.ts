/**
 * The slice of Elastic Load Balancing v2 that Showtime uses, served by the AWS emulator (which reads
 * the query protocol and writes the XML): load balancers with listeners (seeded), their rules,
 * target groups of type ip, and target health.
 *
 * Linked to ECS: a service created with `loadBalancers` registers each task's IP in its target
 * group once the task runs, and deregisters it (draining) when the task stops; ECS asks whether a
 * target group is attached to a load balancer before it accepts a service for it, as AWS does.
 * ModifyTargetGroupAttributes sets a group's attributes (its deregistration delay) and answers
 * all of them, ELB's defaults included.
 * Targets start `initial`; a health checker sends GET {health path} every `healthCheckMs` to the
 * target's port on 127.0.0.1 (a task's private IP stands for the test's app server, as its public
 * IP does) and makes them `healthy` on a 200 and `unhealthy` otherwise: a new target on its first
 * check (where ELB counts a healthy threshold), a healthy one on its second failure in a row, as
 * ELB's default unhealthy threshold of 2 has it (so that one check slowed past its 5 s timeout on
 * a loaded machine does not fail a target). Deregistered targets stay `draining` for `drainMs`. On real time the
 * checker runs by itself; on a test's ManualClock it runs when the test calls `checkHealth()`.
 *
 * Errors carry ELB's codes (PriorityInUse, TargetGroupNotFound, ResourceInUse, ...); calls are
 * checked against the IAM policy when one is set.
 */
import { type Permission, requestTagKeys, resourceTagKeys } from '../aws-iam.js'
import type { AwsEmulator } from '../aws-emulator.js'
import { AwsError, ELB_RULES } from '../aws-model.js'
import { type Clock, realClock } from '../clock.js'
import { XmlMap, hexOf } from '../http-emulator.js'

export const ELB_VERSION = '2015-12-01'
/** Health checks every 20 ms; a deregistered target drains for 50 ms. */
const HEALTH_CHECK_MS = 20
const DRAIN_MS = 50
/** Failed checks in a row that make a healthy target unhealthy (ELB's default). */
const UNHEALTHY_THRESHOLD = 2
const VPC_ID = 'vpc-0a1b2c3d4e5f60718'

type Json = Record<string, unknown>
type Tags = Record<string, string>

interface TargetRec {
  id: string
  port: number
  /** The image of the task behind the target, sent with each health check (`x-emulated-image`). */
  image?: string
  state: 'initial' | 'healthy' | 'unhealthy' | 'draining'
  reason?: string
  /** Failed checks in a row. */
  failures?: number
  /** Passed checks in a row (counted with published timings: see `useTargetGroupTimings`). */
  successes?: number
  drainUntilMs?: number
}

interface TargetGroupRec {
  arn: string
  name: string
  port: number
  vpcId: string
  healthPath: string
  /** HealthCheckIntervalSeconds and HealthyThresholdCount (ELB's defaults: 30 and 5). */
  intervalSeconds: number
  healthyThreshold: number
  /** When its targets are checked next, with published timings. */
  nextCheckAtMs?: number
  /** The settings that make CreateTargetGroup idempotent. */
  settings: string
  /** Its attributes as ModifyTargetGroupAttributes set them (ELB's defaults otherwise). */
  attributes: Tags
  tags: Tags
  targets: TargetRec[]
}

interface RuleRec {
  arn: string
  priority: number | 'default'
  conditions: Json[]
  actions: Json[]
  tags: Tags
}

interface ListenerRec {
  arn: string
  loadBalancerArn: string
  /** HTTPS (seeded by default) or HTTP: ELB runs authenticate actions on HTTPS listeners only. */
  protocol: 'HTTPS' | 'HTTP'
  rules: RuleRec[]
}

interface LoadBalancerRec {
  arn: string
  name: string
}

const list = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : [])
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : [])
const tagsOf = (v: unknown): Tags =>
  Object.fromEntries(list(v).map((t) => [String(t.Key), String(t.Value ?? '')]))
const tagList = (tags: Tags) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }))

export class ElbEmulator {
  private readonly balancers: LoadBalancerRec[] = []
  private readonly listeners: ListenerRec[] = []
  private readonly groups: TargetGroupRec[] = []
  private counter = 0
  /** The account's quotas as DescribeAccountLimits reports them (and as ELB enforces them). */
  private quotas = {
    rulesPerLoadBalancer: ELB_RULES.rulesPerLoadBalancer,
    targetGroupsPerLoadBalancer: ELB_RULES.targetGroupsPerLoadBalancer
  }
  private checker: NodeJS.Timeout | undefined
  private checking = false
  /** With published timings: each target group is checked every interval (times this scale), and
   * a target is healthy after its healthy threshold of passed checks in a row. */
  private timingScale: number | undefined

  constructor(
    private readonly host: AwsEmulator,
    private readonly clock: Clock
  ) {}

  // -------------------------------------------------------------------------------------------
  // seeding and inspection

  /** Lowers or raises the account's quotas (a raised rule quota, or a nearly full load balancer
   * without seeding a hundred rules). */
  setQuotas(quotas: Partial<ElbEmulator['quotas']>): void {
    this.quotas = { ...this.quotas, ...quotas }
  }

  /** A load balancer with one listener (HTTPS unless asked) and its default rule; returns the
   * listener's ARN. */
  addLoadBalancer({
    name = 'showtime-previews',
    protocol = 'HTTPS'
  }: { name?: string; protocol?: 'HTTPS' | 'HTTP' } = {}): string {
    const id = hexOf(`lb:${name}:${++this.counter}`, 16)
    const lb: LoadBalancerRec = { arn: `${this.prefix}:loadbalancer/app/${name}/${id}`, name }
    this.balancers.push(lb)
    const listenerId = hexOf(`listener:${lb.arn}`, 16)
    const listener: ListenerRec = {
      arn: `${this.prefix}:listener/app/${name}/${id}/${listenerId}`,
      loadBalancerArn: lb.arn,
      protocol,
      rules: []
    }
    listener.rules.push({
      arn: this.ruleArn(listener),
      priority: 'default',
      conditions: [],
      actions: [
        {
          Type: 'fixed-response',
          FixedResponseConfig: { StatusCode: '404', ContentType: 'text/plain' }
        }
      ],
      tags: {}
    })
    this.listeners.push(listener)
    return listener.arn
  }

  /** Seeds a target group (an orphan, another repository's); returns its ARN. With `settingsOf`
   * (another group's ARN) it has that group's settings under its own name, so that a
   * CreateTargetGroup of its name with those settings returns it, as ELB does. */
  addTargetGroup(name: string, tags: Tags = {}, options: { settingsOf?: string } = {}): string {
    const model = options.settingsOf === undefined ? undefined : this.group(options.settingsOf)
    const input: Json = model
      ? { ...Object.fromEntries(JSON.parse(model.settings) as [string, unknown][]), Name: name }
      : { Name: name, Port: 8080, VpcId: VPC_ID }
    return this.newTargetGroup(input, tags).arn
  }

  /** Every target group: its ARN, name and tags. */
  targetGroups(): { arn: string; name: string; tags: Tags }[] {
    return this.groups.map((g) => ({ arn: g.arn, name: g.name, tags: { ...g.tags } }))
  }

  /** Seeds a rule that forwards `host` to target groups; returns its ARN. */
  addRule(
    listenerArn: string,
    rule: { host: string; priority: number; targetGroupArns: string[]; tags?: Tags }
  ): string {
    const listener = this.listener(listenerArn)
    const rec: RuleRec = {
      arn: this.ruleArn(listener),
      priority: rule.priority,
      conditions: [{ Field: 'host-header', HostHeaderConfig: { Values: [rule.host] } }],
      actions: [this.forward(rule.targetGroupArns.map((arn) => ({ TargetGroupArn: arn })))],
      tags: rule.tags ?? {}
    }
    listener.rules.push(rec)
    return rec.arn
  }

  /**
   * Checks targets as ELB does for real: each target group every HealthCheckIntervalSeconds, scaled
   * by `scale` (SHOWTIME_TIME_SCALE's factor), a new target healthy after HealthyThresholdCount
   * passed checks in a row. Without it (the default) every target is checked every 20 ms and is
   * healthy at its first passed check, which keeps the tests fast.
   */
  useTargetGroupTimings(scale: number | undefined): void {
    this.timingScale = scale
  }

  /** A target group's health-check settings as created, and its attributes (defaults included). */
  targetGroupConfig(name: string): { settings: Json; attributes: Tags } | undefined {
    const group = this.groups.find((g) => g.name === name)
    if (!group) return undefined
    const settings = Object.fromEntries(JSON.parse(group.settings) as [string, unknown][])
    return { settings, attributes: { ...TARGET_GROUP_ATTRIBUTES, ...group.attributes } }
  }

  targetGroupNames(): string[] {
    return this.groups.map((g) => g.name).sort()
  }

  /** The rules of every listener, default rules aside: host, allowed sources, weights and tags;
   * with a sign-in, its action as DescribeRules shows it and the forward action's Order. */
  ruleSummaries(): {
    host: string
    pending?: string
    sources?: string[]
    forward: string[]
    tags: Tags
    signIn?: Json
    forwardOrder?: number
  }[] {
    return this.listeners.flatMap((l) =>
      l.rules
        .filter((r) => r.priority !== 'default')
        .map((r) => {
          const pending = this.pendingOf(r)
          const sources = r.conditions
            .filter((c) => c.Field === 'source-ip')
            .flatMap((c) => strings((c.SourceIpConfig as Json | undefined)?.Values ?? c.Values))
          const described = this.shownActions(r)
          const signIn = described.find((a) => String(a.Type).startsWith('authenticate-'))
          return {
            host: this.hostsOf(r)[0] ?? '',
            ...(pending !== undefined && { pending }),
            ...(sources.length > 0 && { sources }),
            forward: this.forwardOf(r.actions).map((t) => `${this.groupName(t.arn)}:${t.weight}`),
            tags: { ...r.tags },
            ...(signIn && {
              signIn,
              forwardOrder: described.find((a) => a.Type === 'forward')?.Order as number
            })
          }
        })
    )
  }

  /**
   * What an ordinary request for `host` (no other header) reaches now: the first rule by priority
   * that matches it, and the target groups it sends requests to (weight above 0) with their
   * healthy targets. Undefined when only the listener's default answers.
   */
  servedBy(
    host: string
  ): { targetGroups: { name: string; healthy: number; states: string[] }[] } | undefined {
    this.host.advance()
    for (const listener of this.listeners) {
      const rule = [...listener.rules]
        .filter((r) => r.priority !== 'default')
        .sort((a, b) => (a.priority as number) - (b.priority as number))
        .find(
          (r) =>
            this.pendingOf(r) === undefined &&
            this.hostsOf(r).some((h) => h.toLowerCase() === host.toLowerCase())
        )
      if (!rule) continue
      return {
        targetGroups: this.forwardOf(rule.actions)
          .filter((t) => t.weight > 0)
          .map((t) => {
            const group = this.find(t.arn)
            const states = group?.targets.map((x) => x.state) ?? ['(deleted target group)']
            return {
              name: group?.name ?? t.arn,
              healthy: states.filter((s) => s === 'healthy').length,
              states
            }
          })
      }
    }
    return undefined
  }

  // -------------------------------------------------------------------------------------------
  // the link to ECS

  /** Why ECS would refuse a service for this target group, or undefined when it accepts it. */
  unattachable(targetGroupArn: string): string | undefined {
    if (!this.find(targetGroupArn)) return `Unable to find target group ${targetGroupArn}.`
    if (this.balancersUsing(targetGroupArn).length === 0)
      return `The target group with targetGroupArn ${targetGroupArn} does not have an associated load balancer.`
  }

  /** The load balancers whose listeners' rules forward to the target group. */
  private balancersUsing(targetGroupArn: string): string[] {
    const using = this.listeners.filter((l) =>
      l.rules.some((r) => this.forwardOf(r.actions).some((t) => t.arn === targetGroupArn))
    )
    return [...new Set(using.map((l) => l.loadBalancerArn))]
  }

  register(targetGroupArn: string, id: string, port: number, image?: string): void {
    const group = this.find(targetGroupArn)
    if (!group) return
    group.targets = group.targets.filter((t) => t.id !== id)
    group.targets.push({
      id,
      port,
      state: 'initial',
      reason: 'Elb.RegistrationInProgress',
      ...(image && { image })
    })
    this.startChecking()
  }

  deregister(targetGroupArn: string, id: string): void {
    const target = this.find(targetGroupArn)?.targets.find((t) => t.id === id)
    if (!target || target.state === 'draining') return
    target.state = 'draining'
    target.reason = 'Target.DeregistrationInProgress'
    target.drainUntilMs = this.clock.now() + DRAIN_MS
  }

  isHealthy(targetGroupArn: string, id: string): boolean {
    return (
      this.find(targetGroupArn)?.targets.some((t) => t.id === id && t.state === 'healthy') ?? false
    )
  }

  stop(): void {
    if (this.checker) clearInterval(this.checker)
    this.checker = undefined
  }

  private startChecking(): void {
    if (this.checker || this.clock !== realClock) return
    this.checker = setInterval(() => void this.checkHealth(), HEALTH_CHECK_MS)
    this.checker.unref()
  }

  /** One round of health checks of every target, as ELB's health checker sends them. */
  async checkHealth(): Promise<void> {
    if (this.checking) return
    this.checking = true
    try {
      this.host.advance()
      const now = this.clock.now()
      const probes: Promise<void>[] = []
      for (const group of this.groups) {
        group.targets = group.targets.filter(
          (t) => t.state !== 'draining' || (t.drainUntilMs ?? 0) > now
        )
        const scale = this.timingScale
        if (scale !== undefined) {
          if (now < (group.nextCheckAtMs ?? 0)) continue
          group.nextCheckAtMs = now + group.intervalSeconds * 1000 * scale
        }
        const threshold = scale === undefined ? 1 : group.healthyThreshold
        for (const target of group.targets) {
          if (target.state === 'draining') continue
          probes.push(
            probe(target.port, group.healthPath, target.image).then((status) => {
              if (target.state === 'draining') return
              target.failures = status === 200 ? 0 : (target.failures ?? 0) + 1
              target.successes = status === 200 ? (target.successes ?? 0) + 1 : 0
              if (status === 200) {
                if (target.state === 'healthy' || target.successes >= threshold) {
                  target.state = 'healthy'
                  delete target.reason
                }
              } else if (target.state !== 'healthy' || target.failures >= UNHEALTHY_THRESHOLD) {
                target.state = 'unhealthy'
                target.reason =
                  status === undefined ? 'Target.FailedHealthChecks' : 'Target.ResponseCodeMismatch'
              }
            })
          )
        }
      }
      await Promise.all(probes)
      this.host.advance()
    } finally {
      this.checking = false
    }
  }

  // -------------------------------------------------------------------------------------------
  // the API

  /** The result of a request the model and rules allow, read into its structure. */
  async handle(action: string, input: Json): Promise<Json> {
    // The action on its resource, with the tags the resource carries (none when it does not exist)
    // and the tags the request gives.
    const given = requestTagKeys(tagsOf(input.Tags))
    const on = (resource: string): Permission => ({
      action: `elasticloadbalancing:${action}`,
      resource,
      context: { ...resourceTagKeys(this.tagsIfAny(resource)), ...given }
    })
    // Tags given on create need elasticloadbalancing:AddTags too, with the creating action.
    const tagging = (resource: string): Permission[] =>
      list(input.Tags).length > 0
        ? [
            {
              action: 'elasticloadbalancing:AddTags',
              resource,
              context: { 'elasticloadbalancing:CreateAction': action, ...given }
            }
          ]
        : []
    const authorize = (permissions: Permission[]) =>
      this.host.authorize(permissions, 'AccessDenied', 403)
    if (action.startsWith('Describe')) await authorize([on('*')])
    switch (action) {
      case 'DescribeListeners': {
        const arns = input.LoadBalancerArn
          ? this.listeners
              .filter((l) => l.loadBalancerArn === this.balancer(String(input.LoadBalancerArn)).arn)
              .map((l) => l.arn)
          : strings(input.ListenerArns)
        return { Listeners: arns.map((arn) => this.listenerJson(arn)) }
      }
      case 'DescribeAccountLimits': {
        const limits = [
          ['application-load-balancers', 50],
          ['listeners-per-application-load-balancer', 50],
          ['rules-per-application-load-balancer', this.quotas.rulesPerLoadBalancer],
          ['target-groups', 3000],
          ['target-groups-per-application-load-balancer', this.quotas.targetGroupsPerLoadBalancer],
          ['targets-per-application-load-balancer', 1000]
        ] as const
        const { page, next } = paged(limits, input)
        return { Limits: page.map(([Name, Max]) => ({ Name, Max: String(Max) })), ...next }
      }
      case 'DescribeLoadBalancers':
        return {
          LoadBalancers: strings(input.LoadBalancerArns).map((arn) => {
            const lb = this.balancers.find((b) => b.arn === arn)
            if (!lb)
              throw new AwsError('LoadBalancerNotFound', 'One or more load balancers not found')
            return {
              LoadBalancerArn: lb.arn,
              LoadBalancerName: lb.name,
              DNSName: `${lb.name}-1234567890.${this.host.region}.elb.amazonaws.com`,
              Scheme: 'internet-facing',
              VpcId: VPC_ID,
              State: { Code: 'active' },
              Type: 'application',
              IpAddressType: 'ipv4'
            }
          })
        }
      case 'DescribeRules':
        return this.describeRules(input)
      case 'DescribeTags':
        return {
          TagDescriptions: strings(input.ResourceArns).map((arn) => ({
            ResourceArn: arn,
            Tags: tagList(this.taggable(arn))
          }))
        }
      case 'DescribeTargetGroups':
        return this.describeTargetGroups(input)
      case 'DescribeTargetHealth': {
        const group = this.group(String(input.TargetGroupArn))
        return {
          TargetHealthDescriptions: group.targets.map((t) => ({
            Target: { Id: t.id, Port: t.port, AvailabilityZone: `${this.host.region}a` },
            HealthCheckPort: String(t.port),
            TargetHealth: { State: t.state, ...(t.reason && { Reason: t.reason }) }
          }))
        }
      }
      case 'CreateTargetGroup': {
        const named = () => this.groups.find((g) => g.name === input.Name)
        const arn = named()?.arn ?? this.targetGroupArn(String(input.Name))
        await authorize([on(arn), ...tagging(arn)])
        const existing = named()
        if (existing) {
          if (existing.settings !== settingsOf(input))
            throw new AwsError(
              'DuplicateTargetGroupName',
              'A target group with the same name exists, but with different settings'
            )
          return { TargetGroups: [this.targetGroupJson(existing)] }
        }
        const group = this.newTargetGroup(input, tagsOf(input.Tags), arn)
        return { TargetGroups: [this.targetGroupJson(group)] }
      }
      case 'DeleteTargetGroup': {
        const arn = String(input.TargetGroupArn)
        await authorize([on(arn)])
        if (this.balancersUsing(arn).length > 0)
          throw new AwsError(
            'ResourceInUse',
            `Target group '${arn}' is currently in use by a listener or a rule`
          )
        const index = this.groups.findIndex((g) => g.arn === arn)
        if (index !== -1) this.groups.splice(index, 1)
        return {}
      }
      case 'ModifyTargetGroupAttributes': {
        const arn = String(input.TargetGroupArn)
        await authorize([on(arn)])
        const group = this.group(arn)
        const attributes = list(input.Attributes).map((a) => attribute(a))
        for (const [key, value] of attributes) group.attributes[key] = value
        return { Attributes: tagList({ ...TARGET_GROUP_ATTRIBUTES, ...group.attributes }) }
      }
      case 'CreateRule': {
        const listener = this.listener(String(input.ListenerArn))
        const arn = this.ruleArn(listener)
        const actions = this.signedIn(listener, list(input.Actions), undefined)
        await authorize([on(listener.arn), ...tagging(arn), ...userPoolReads(actions)])
        return {
          Rules: [this.ruleJson(this.createRule(listener, arn, { ...input, Actions: actions }))]
        }
      }
      case 'ModifyRule': {
        const arn = String(input.RuleArn)
        await authorize([on(arn)])
        const rule = this.rule(arn)
        if (rule.priority === 'default' && input.Conditions !== undefined)
          throw new AwsError(
            'OperationNotPermitted',
            'You cannot modify the conditions of the default rule'
          )
        const listener = this.listenerOf(rule)
        const actions =
          input.Actions === undefined
            ? undefined
            : this.signedIn(listener, list(input.Actions), rule.actions)
        if (actions) await authorize(userPoolReads(actions))
        this.checkTargetGroups(actions ?? [], listener.loadBalancerArn)
        if (input.Conditions !== undefined) rule.conditions = list(input.Conditions)
        if (actions !== undefined) rule.actions = actions
        return { Rules: [this.ruleJson(rule)] }
      }
      case 'DeleteRule': {
        const arn = String(input.RuleArn)
        await authorize([on(arn)])
        const rule = this.rule(arn)
        if (rule.priority === 'default')
          throw new AwsError('OperationNotPermitted', 'You cannot delete the default rule')
        for (const l of this.listeners) l.rules = l.rules.filter((r) => r !== rule)
        return {}
      }
      default:
        throw new AwsError(
          'InvalidAction',
          `Could not find operation ${action} for version ${ELB_VERSION}`
        )
    }
  }

  /**
   * The actions to store, their sign-in checked as ELB checks it: only on an HTTPS listener; an
   * OIDC action needs its client secret when a rule is created, and on a modify takes the rule's
   * current one with UseExistingClientSecret (API reference, AuthenticateOidcActionConfig), which
   * the rule must have.
   */
  private signedIn(listener: ListenerRec, actions: Json[], current: Json[] | undefined): Json[] {
    return actions.map((action) => {
      if (!String(action.Type).startsWith('authenticate-')) return action
      if (listener.protocol !== 'HTTPS')
        throw new AwsError(
          'InvalidLoadBalancerAction',
          `Authenticate actions are supported only on HTTPS listeners; listener '${listener.arn}' uses ${listener.protocol}`
        )
      const oidc = action.AuthenticateOidcConfig as Json | undefined
      if (!oidc) return action
      const { UseExistingClientSecret: useExisting, ...config } = oidc
      if (config.ClientSecret !== undefined) return { ...action, AuthenticateOidcConfig: config }
      const existing = current
        ?.map((a) => a.AuthenticateOidcConfig as Json | undefined)
        .find((c) => c?.ClientSecret !== undefined)?.ClientSecret
      if (useExisting !== true || existing === undefined)
        throw new AwsError(
          'InvalidLoadBalancerAction',
          current === undefined
            ? 'A client secret is required when creating a rule'
            : 'A client secret is required unless UseExistingClientSecret is true for a rule with one'
        )
      return { ...action, AuthenticateOidcConfig: { ...config, ClientSecret: existing } }
    })
  }

  private createRule(listener: ListenerRec, arn: string, input: Json): RuleRec {
    const priority = Number(input.Priority)
    if (listener.rules.some((r) => r.priority === priority))
      throw new AwsError('PriorityInUse', `Priority '${priority}' is currently in use`)
    const rulesOfBalancer = this.listeners
      .filter((l) => l.loadBalancerArn === listener.loadBalancerArn)
      .flatMap((l) => l.rules.filter((r) => r.priority !== 'default'))
    if (rulesOfBalancer.length >= this.quotas.rulesPerLoadBalancer)
      throw new AwsError(
        'TooManyRules',
        'You have reached the maximum number of rules per load balancer'
      )
    this.checkTargetGroups(list(input.Actions), listener.loadBalancerArn)
    const rule: RuleRec = {
      arn,
      priority,
      conditions: list(input.Conditions),
      actions: list(input.Actions),
      tags: tagsOf(input.Tags)
    }
    listener.rules.push(rule)
    return rule
  }

  /** Every target group the actions name exists, and the load balancer may use one more. */
  private checkTargetGroups(actions: Json[], loadBalancerArn: string): void {
    const arns = actions.flatMap((a) => (a.TargetGroupArn ? [String(a.TargetGroupArn)] : []))
    const named = [...this.forwardOf(actions).map((t) => t.arn), ...arns]
    for (const arn of named) this.group(arn)
    const used = this.groups.filter((g) => this.balancersUsing(g.arn).includes(loadBalancerArn))
    const added = new Set(named.filter((arn) => !used.some((g) => g.arn === arn)))
    if (used.length + added.size > this.quotas.targetGroupsPerLoadBalancer)
      throw new AwsError(
        'TooManyTargetGroups',
        'You have reached the maximum number of target groups allowed for this load balancer'
      )
  }

  private listenerOf(rule: RuleRec): ListenerRec {
    const listener = this.listeners.find((l) => l.rules.includes(rule))
    if (!listener) throw new AwsError('RuleNotFound', 'One or more rules not found')
    return listener
  }

  private describeRules(input: Json): Json {
    const rules = input.ListenerArn
      ? this.listener(String(input.ListenerArn)).rules
      : strings(input.RuleArns).map((arn) => this.rule(arn))
    const { page, next } = paged(rules, input)
    return { Rules: page.map((r) => this.ruleJson(r)), ...next }
  }

  private describeTargetGroups(input: Json): Json {
    const names = strings(input.Names)
    const arns = strings(input.TargetGroupArns)
    let groups = this.groups
    if (input.LoadBalancerArn) {
      const balancer = this.balancer(String(input.LoadBalancerArn)).arn
      groups = groups.filter((g) => this.balancersUsing(g.arn).includes(balancer))
    }
    if (names.length > 0 || arns.length > 0) {
      groups = this.groups.filter((g) => names.includes(g.name) || arns.includes(g.arn))
      if (groups.length < names.length + arns.length)
        throw new AwsError('TargetGroupNotFound', 'One or more target groups not found')
    }
    const { page, next } = paged(groups, input)
    return { TargetGroups: page.map((g) => this.targetGroupJson(g)), ...next }
  }

  // -------------------------------------------------------------------------------------------
  // records

  private get prefix(): string {
    return `arn:aws:elasticloadbalancing:${this.host.region}:${this.host.accountId}`
  }

  private targetGroupArn(name: string): string {
    return `${this.prefix}:targetgroup/${name}/${hexOf(`tg:${name}:${++this.counter}`, 16)}`
  }

  private ruleArn(listener: ListenerRec): string {
    const path = listener.arn.split(':listener/')[1]
    return `${this.prefix}:listener-rule/${path}/${hexOf(`rule:${listener.arn}:${++this.counter}`, 16)}`
  }

  private newTargetGroup(
    input: Json,
    tags: Tags,
    arn = this.targetGroupArn(String(input.Name))
  ): TargetGroupRec {
    const group: TargetGroupRec = {
      arn,
      name: String(input.Name),
      port: Number(input.Port ?? 80),
      vpcId: String(input.VpcId ?? ''),
      healthPath: String(input.HealthCheckPath ?? '/'),
      intervalSeconds: Number(input.HealthCheckIntervalSeconds ?? 30),
      healthyThreshold: Number(input.HealthyThresholdCount ?? 5),
      settings: settingsOf(input),
      attributes: {},
      tags,
      targets: []
    }
    this.groups.push(group)
    return group
  }

  private balancer(arn: string): LoadBalancerRec {
    const balancer = this.balancers.find((b) => b.arn === arn)
    if (!balancer)
      throw new AwsError('LoadBalancerNotFound', 'One or more load balancers not found')
    return balancer
  }

  private listener(arn: string): ListenerRec {
    const listener = this.listeners.find((l) => l.arn === arn)
    if (!listener) throw new AwsError('ListenerNotFound', 'One or more listeners not found')
    return listener
  }

  private rule(arn: string): RuleRec {
    const rule = this.listeners.flatMap((l) => l.rules).find((r) => r.arn === arn)
    if (!rule) throw new AwsError('RuleNotFound', 'One or more rules not found')
    return rule
  }

  private find(arn: string): TargetGroupRec | undefined {
    return this.groups.find((g) => g.arn === arn)
  }

  private group(arn: string): TargetGroupRec {
    const group = this.find(arn)
    if (!group) throw new AwsError('TargetGroupNotFound', 'One or more target groups not found')
    return group
  }

  private groupName(arn: string): string {
    return this.find(arn)?.name ?? arn.split('/')[1] ?? arn
  }

  /** The tags of a target group or rule, if it exists. */
  private tagsIfAny(arn: string): Tags | undefined {
    return (
      this.find(arn)?.tags ??
      this.listeners.flatMap((l) => l.rules).find((r) => r.arn === arn)?.tags
    )
  }

  private taggable(arn: string): Tags {
    if (arn.includes(':targetgroup/')) return this.group(arn).tags
    if (arn.includes(':listener-rule/')) return this.rule(arn).tags
    if (arn.includes(':listener/')) return {}
    throw new AwsError('LoadBalancerNotFound', 'One or more load balancers not found')
  }

  private forward(tuples: { TargetGroupArn: string; Weight?: number }[]): Json {
    return { Type: 'forward', ForwardConfig: { TargetGroups: tuples } }
  }

  private hostsOf(rule: RuleRec): string[] {
    return rule.conditions
      .filter((c) => c.Field === 'host-header')
      .flatMap((c) => strings((c.HostHeaderConfig as Json | undefined)?.Values ?? c.Values))
  }

  private pendingOf(rule: RuleRec): string | undefined {
    const header = rule.conditions.find((c) => c.Field === 'http-header')
    return header
      ? (strings((header.HttpHeaderConfig as Json | undefined)?.Values)[0] ?? '')
      : undefined
  }

  /** The target groups the actions forward to (a forward action's tuples, or its one ARN). */
  private forwardOf(actions: Json[]): { arn: string; weight: number }[] {
    return actions.flatMap((a) => {
      const tuples = list((a.ForwardConfig as Json | undefined)?.TargetGroups)
      if (tuples.length > 0)
        return tuples.map((t) => ({
          arn: String(t.TargetGroupArn),
          weight: Number(t.Weight ?? 1)
        }))
      return a.TargetGroupArn ? [{ arn: String(a.TargetGroupArn), weight: 1 }] : []
    })
  }

  private listenerJson(arn: string): Json {
    const l = this.listener(arn)
    return {
      ListenerArn: l.arn,
      LoadBalancerArn: l.loadBalancerArn,
      Port: l.protocol === 'HTTPS' ? 443 : 80,
      Protocol: l.protocol,
      DefaultActions: l.rules.find((r) => r.priority === 'default')?.actions ?? []
    }
  }

  private ruleJson(rule: RuleRec): Json {
    return {
      RuleArn: rule.arn,
      Priority: String(rule.priority),
      Conditions: rule.conditions,
      // A sign-in's extra parameters are a map, which the query protocol writes as entries.
      Actions: this.shownActions(rule).map((a) => {
        const config = (a.AuthenticateOidcConfig ?? a.AuthenticateCognitoConfig) as Json | undefined
        const params = config?.AuthenticationRequestExtraParams as Tags | undefined
        if (!config || params === undefined) return a
        const key = a.AuthenticateOidcConfig
          ? 'AuthenticateOidcConfig'
          : 'AuthenticateCognitoConfig'
        return { ...a, [key]: { ...config, AuthenticationRequestExtraParams: new XmlMap(params) } }
      }),
      IsDefault: rule.priority === 'default'
    }
  }

  /** A rule's actions as DescribeRules shows them. */
  private shownActions(rule: RuleRec): Json[] {
    return rule.actions.map((a) => {
      // ELB never returns an OIDC action's client secret.
      const oidc = a.AuthenticateOidcConfig as Json | undefined
      if (oidc) {
        const { ClientSecret: _secret, ...shown } = oidc
        return { ...a, AuthenticateOidcConfig: shown }
      }
      const tuples = list((a.ForwardConfig as Json | undefined)?.TargetGroups)
      // ELB reports a forward to one target group in both forms.
      return a.Type === 'forward' && tuples.length === 1 && !a.TargetGroupArn
        ? { ...a, TargetGroupArn: tuples[0]?.TargetGroupArn }
        : a
    })
  }

  private targetGroupJson(g: TargetGroupRec): Json {
    return {
      TargetGroupArn: g.arn,
      TargetGroupName: g.name,
      Protocol: 'HTTP',
      Port: g.port,
      VpcId: g.vpcId,
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckPath: g.healthPath,
      TargetType: 'ip',
      LoadBalancerArns: this.balancersUsing(g.arn)
    }
  }
}

/** A rule with Cognito sign-in has ELB read its user pool's app client (and its secret) with the
 * caller's permissions: cognito-idp:DescribeUserPoolClient on the user pool. AWS's managed
 * ElasticLoadBalancingFullAccess policy grants it for that reason; the Service Authorization
 * Reference lists no dependent action for CreateRule or ModifyRule, so this is modelled from the
 * managed policy. */
function userPoolReads(actions: Json[]): Permission[] {
  return actions.flatMap((a) => {
    const pool = (a.AuthenticateCognitoConfig as Json | undefined)?.UserPoolArn
    return pool === undefined
      ? []
      : [{ action: 'cognito-idp:DescribeUserPoolClient', resource: String(pool) }]
  })
}

/** One page of a Describe call (PageSize, default 400) from its Marker on, and the next Marker. */
function paged<T>(items: readonly T[], input: Json): { page: T[]; next: Json } {
  const size = (input.PageSize as number | undefined) ?? 400
  const start = input.Marker ? Number(Buffer.from(String(input.Marker), 'base64url').toString()) : 0
  const more = start + size < items.length
  return {
    page: items.slice(start, start + size),
    next: more ? { NextMarker: Buffer.from(String(start + size)).toString('base64url') } : {}
  }
}

/** Attributes of an Application Load Balancer's ip target group, with ELB's defaults; the ones
 * ModifyTargetGroupAttributes takes are checked as ELB checks them (a few are modelled). */
const TARGET_GROUP_ATTRIBUTES: Tags = {
  'deregistration_delay.timeout_seconds': '300',
  'stickiness.enabled': 'false',
  'stickiness.type': 'lb_cookie',
  'load_balancing.algorithm.type': 'round_robin',
  'slow_start.duration_seconds': '0'
}

/** One attribute of a ModifyTargetGroupAttributes request, refused as ELB refuses it. */
function attribute(a: Json): [string, string] {
  const key = String(a.Key ?? '')
  const value = String(a.Value ?? '')
  if (!(key in TARGET_GROUP_ATTRIBUTES))
    throw new AwsError('InvalidConfigurationRequest', `Attribute key '${key}' is not recognized`)
  if (key === 'deregistration_delay.timeout_seconds') {
    const seconds = Number(value)
    if (!/^\d+$/.test(value) || seconds > 3600)
      throw new AwsError(
        'ValidationError',
        `'${key}' must be an integer from 0 to 3600; got '${value}'`
      )
  }
  return [key, value]
}

/** The settings whose equality makes a second CreateTargetGroup return the first group. */
function settingsOf(input: Json): string {
  const { Tags: _tags, ...settings } = input
  return JSON.stringify(Object.entries(settings).sort(([a], [b]) => (a < b ? -1 : 1)))
}

/** GET the app's health path on loopback: its status, or undefined when nothing answered. */
async function probe(port: number, path: string, image?: string): Promise<number | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, {
      signal: AbortSignal.timeout(5000),
      redirect: 'manual',
      headers: {
        'user-agent': 'ELB-HealthChecker/2.0',
        ...(image && { 'x-emulated-image': image })
      }
    })
    await response.body?.cancel()
    return response.status
  } catch {
    return undefined
  }
}
