// Whether the shared load balancer has room for what a deploy adds. An Application Load Balancer
// holds at most 100 target groups (a quota AWS does not raise) and, by default, 100 rules over all
// its listeners (default rules not counted), shared by every repository on it. A deploy that would
// pass either is refused before it creates anything, with a line that says which quota and what to
// do, instead of AWS's error halfway through.

/** The quotas' names in DescribeAccountLimits, and AWS's defaults for when it does not list them. */
export const LOAD_BALANCER_QUOTAS = {
  rules: { name: 'rules-per-application-load-balancer', default: 100 },
  targetGroups: { name: 'target-groups-per-application-load-balancer', default: 100 }
} as const

/** What the load balancer holds now, and its quotas. */
export interface LoadBalancerOccupancy {
  /** Rules over all its listeners, without the listeners' default rules. */
  readonly rules: number
  readonly targetGroups: number
  readonly limits: ReadonlyMap<string, number>
}

/** What the deploy would add: a rule for a PR that has none yet, a target group for a commit whose
 * group the load balancer does not use yet. */
export interface LoadBalancerNeeds {
  readonly rule: boolean
  readonly targetGroup: boolean
}

/** The quota a deploy would pass, in one line; undefined when there is room. */
export function quotaRefusal(
  occupancy: LoadBalancerOccupancy,
  needs: LoadBalancerNeeds
): string | undefined {
  const targetGroupLimit = limitOf(occupancy.limits, LOAD_BALANCER_QUOTAS.targetGroups)
  if (needs.targetGroup && occupancy.targetGroups + 1 > targetGroupLimit)
    return (
      `the load balancer already uses ${occupancy.targetGroups} of its ${targetGroupLimit} target groups ` +
      `(${LOAD_BALANCER_QUOTAS.targetGroups.name}, which AWS does not raise): stop or expire previews, ` +
      'or give this repository a load balancer of its own'
    )
  const ruleLimit = limitOf(occupancy.limits, LOAD_BALANCER_QUOTAS.rules)
  if (needs.rule && occupancy.rules + 1 > ruleLimit)
    return (
      `the load balancer already has ${occupancy.rules} of its ${ruleLimit} rules ` +
      `(${LOAD_BALANCER_QUOTAS.rules.name}): stop or expire previews, ` +
      'or ask AWS for a higher quota in Service Quotas'
    )
  return undefined
}

function limitOf(
  limits: ReadonlyMap<string, number>,
  quota: { readonly name: string; readonly default: number }
): number {
  return limits.get(quota.name) ?? quota.default
}
