// The PR's route through the shared load balancer, decided as data: which listener rule is the
// PR's, what it must forward to before, during and after a roll-over, which priority a new rule
// takes, what a teardown leaves of it, and when a target group counts as healthy. The adapter
// (aws/load-balancer.ts) carries these out; nothing here talks to AWS.

import type { Claim, Owned } from './ownership.js'
import { PENDING_HEADER, type Tags, fnv1a, targetGroupNameOfArn } from './resources.js'
import { type SignIn, describeSignIn } from './sign-in.js'

/** ELB's priorities of a listener's rules (the default rule has none). */
export const RULE_PRIORITIES = { min: 1, max: 50_000 } as const

/** A target group a rule forwards to, and its share of the requests (0: none, only attached). */
export interface WeightedTargetGroup {
  readonly arn: string
  readonly weight: number
}

/** What a rule of Showtime's does: answer `host` (and, while pending, only requests that carry
 * the pending header with that commit; with source CIDRs, only requests from them) by forwarding
 * to the target groups. */
export interface Route {
  readonly host: string
  readonly pendingSha?: string
  /** The allowed-source-cidrs input: the rule's source-ip condition. */
  readonly sourceCidrs?: readonly string[]
  readonly forward: readonly WeightedTargetGroup[]
}

/** A listener rule as read from ELB, with its tags when they were read. */
export interface RuleFacts extends Route {
  readonly arn: string
  /** Undefined for the listener's default rule. */
  readonly priority?: number
  /** Every host-header value of the rule (`host` is the first). */
  readonly hosts: readonly string[]
  /** The type of its sign-in action (authenticate-oidc or authenticate-cognito), if it has one. */
  readonly signIn?: string
  readonly tags?: Tags
}

/** A rule with the ownership rule's answer on its tags, read right before acting on it. */
export interface ClaimedRule extends RuleFacts {
  readonly claim: Claim<'listener-rule'>
}

/** The PR's rule: the one that answers its host (the lowest priority, should there be two). */
export function ruleForHost(rules: readonly RuleFacts[], host: string): RuleFacts | undefined {
  const lower = host.toLowerCase()
  return rules
    .filter((r) => r.priority !== undefined && r.hosts.some((h) => h.toLowerCase() === lower))
    .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0))[0]
}

/**
 * The priority a new rule of this PR tries first: spread over the whole range by the repository
 * and the PR, so that concurrent runs of different PRs (and repositories sharing the listener)
 * seldom try the same one.
 */
export function preferredPriority(repositoryKey: string, pr: number): number {
  const span = RULE_PRIORITIES.max - RULE_PRIORITIES.min + 1
  return RULE_PRIORITIES.min + (fnv1a(`${repositoryKey}#${pr}`) % span)
}

/** The first priority from `preferred` on (wrapping around) that no rule takes; undefined when
 * the listener has none left. */
export function freePriority(taken: ReadonlySet<number>, preferred: number): number | undefined {
  const span = RULE_PRIORITIES.max - RULE_PRIORITIES.min + 1
  for (let step = 0; step < span; step++) {
    const candidate = RULE_PRIORITIES.min + ((preferred - RULE_PRIORITIES.min + step + span) % span)
    if (!taken.has(candidate)) return candidate
  }
  return undefined
}

/** What a route does, for the log. */
export function describeRoute(route: Route, signIn?: SignIn): string {
  const targets = route.forward
    .map((t) => `${targetGroupNameOfArn(t.arn) || t.arn} (weight ${t.weight})`)
    .join(', ')
  const from = route.sourceCidrs ? ` (from ${route.sourceCidrs.join(', ')} only)` : ''
  const after = signIn === undefined ? '' : `, after sign-in (${describeSignIn(signIn)})`
  return route.pendingSha === undefined
    ? `forwards to ${targets}${from}${after}`
    : `forwards requests with ${PENDING_HEADER}: ${route.pendingSha} to ${targets}${from}${after}`
}

/** The route that serves a commit: its host (from the allowed sources), all requests to its
 * target group. */
export function liveRoute(
  host: string,
  targetGroupArn: string,
  sourceCidrs: readonly string[] = []
): Route {
  return { host, ...sources(sourceCidrs), forward: [{ arn: targetGroupArn, weight: 1 }] }
}

/** The source-ip condition of a route, when the input restricts the sources. */
function sources(sourceCidrs: readonly string[] | undefined): Pick<Route, 'sourceCidrs'> {
  return sourceCidrs && sourceCidrs.length > 0 ? { sourceCidrs } : {}
}

/** ECS attaches a service only to a target group a load balancer uses: what the PR's rule must
 * become before the commit's service is created, and how to undo it. */
export type RoutePreparation =
  /** No rule yet: create one that answers only requests carrying the pending header. */
  | { readonly kind: 'create'; readonly route: Route }
  /** Change the rule (attach the new target group with weight 0, or re-point a pending rule);
   * `previous` is what it was, for a failed deploy to restore. */
  | {
      readonly kind: 'modify'
      readonly rule: Owned<'listener-rule'>
      readonly route: Route
      readonly previous: Route
    }
  /** The rule already serves this target group (a forced rebuild of the live commit). */
  | { readonly kind: 'keep'; readonly arn: string }
  /** The host's rule is not this repository's (domain/ownership.ts): it is left alone. */
  | { readonly kind: 'refuse'; readonly why: string }

/** Most target groups one forward action takes (ELB's limit). */
export const MAX_FORWARD_TARGET_GROUPS = 5

export function prepareRoute(
  rule: ClaimedRule | undefined,
  wanted: {
    readonly host: string
    readonly sha: string
    readonly targetGroupArn: string
    /** The allowed sources now: a rule that is changed gets them too. */
    readonly sourceCidrs?: readonly string[]
    /** The type of the sign-in every rule written carries now (load-balancer-authentication). */
    readonly signIn?: string
  }
): RoutePreparation {
  const pending: Route = {
    host: wanted.host,
    pendingSha: wanted.sha,
    ...sources(wanted.sourceCidrs),
    forward: [{ arn: wanted.targetGroupArn, weight: 1 }]
  }
  if (rule === undefined) return { kind: 'create', route: pending }
  if (!rule.claim.ours) return { kind: 'refuse', why: rule.claim.why }
  const owned = rule.claim.owned
  const previous = routeOf(rule)
  if (rule.pendingSha !== undefined)
    return { kind: 'modify', rule: owned, route: pending, previous }
  const serving = rule.forward.filter((t) => t.weight > 0)
  if (serving.length > 0 && serving.every((t) => t.arn === wanted.targetGroupArn)) {
    // A forced rebuild leaves the rule alone, unless who may reach it changed since it was written.
    if (sameAccess(rule, wanted)) return { kind: 'keep', arn: rule.arn }
    const route = { host: wanted.host, ...sources(wanted.sourceCidrs), forward: serving }
    return { kind: 'modify', rule: owned, route, previous }
  }
  const forward = [
    ...serving.filter((t) => t.arn !== wanted.targetGroupArn),
    { arn: wanted.targetGroupArn, weight: 0 }
  ].slice(-MAX_FORWARD_TARGET_GROUPS)
  const route = { host: wanted.host, ...sources(wanted.sourceCidrs), forward }
  return { kind: 'modify', rule: owned, route, previous }
}

/** The rule admits whom the inputs admit now: the same sources, the same kind of sign-in. */
function sameAccess(
  rule: RuleFacts,
  wanted: { readonly sourceCidrs?: readonly string[]; readonly signIn?: string }
): boolean {
  const had = rule.sourceCidrs ?? []
  const wants = wanted.sourceCidrs ?? []
  return (
    rule.signIn === wanted.signIn &&
    had.length === wants.length &&
    had.every((cidr, i) => cidr === wants[i])
  )
}

function routeOf(rule: RuleFacts): Route {
  return {
    host: rule.host,
    ...(rule.pendingSha !== undefined && { pendingSha: rule.pendingSha }),
    ...sources(rule.sourceCidrs),
    forward: rule.forward
  }
}

/** What becomes of the PR's rule when all its environments are torn down (stop, close): it goes
 * when it is this repository's, and is left alone otherwise. A roll-over needs nothing here: its
 * go-live left the rule forwarding to the new commit alone. */
export function routeAfterTeardown(
  rule: ClaimedRule | undefined
):
  | { readonly kind: 'none' }
  | { readonly kind: 'delete'; readonly rule: Owned<'listener-rule'> }
  | { readonly kind: 'left-alone'; readonly why: string } {
  if (rule === undefined) return { kind: 'none' }
  return rule.claim.ours
    ? { kind: 'delete', rule: rule.claim.owned }
    : { kind: 'left-alone', why: rule.claim.why }
}

/** The interval of a target group's health checks: the health-interval input, within ELB's
 * bounds of 5 to 300 seconds. */
export function healthCheckInterval(seconds: number): number {
  return Math.min(300, Math.max(5, Math.round(seconds)))
}

/** ELB's target states (DescribeTargetHealth). */
export type TargetState =
  'initial' | 'healthy' | 'unhealthy' | 'unhealthy.draining' | 'unused' | 'draining' | 'unavailable'

export interface TargetHealth {
  readonly id: string
  readonly state: TargetState
  /** ELB's reason code, such as Target.ResponseCodeMismatch. */
  readonly reason?: string
}

/** A target group serves once one of its targets is healthy; `summary` says what it holds. */
export function targetGroupHealth(targets: readonly TargetHealth[]): {
  readonly healthy: boolean
  readonly summary: string
} {
  if (targets.length === 0) return { healthy: false, summary: 'no target registered yet' }
  const counts = new Map<string, number>()
  for (const target of targets) {
    const key = target.reason ? `${target.state} (${target.reason})` : target.state
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  const summary = [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([state, count]) => `${count} ${state}`)
    .join(', ')
  return { healthy: targets.some((t) => t.state === 'healthy'), summary }
}
