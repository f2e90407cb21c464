// Where a preview's task runs: on-demand Fargate (the default, as ECS's `launchType: FARGATE`), or
// Fargate Spot through a capacity provider strategy. ECS never moves a service from Spot to
// on-demand by itself: when Spot has no capacity it keeps retrying the placement and says so in the
// service's events; `spotShortage` reads those events, and the deploy then moves the service to
// the on-demand capacity provider.

export const CAPACITY_PROVIDERS = ['FARGATE', 'FARGATE_SPOT'] as const
export type CapacityProvider = (typeof CAPACITY_PROVIDERS)[number]

export interface StrategyItem {
  readonly capacityProvider: CapacityProvider
  /** ECS's API defaults a weight to 0, and refuses a strategy whose weights are all 0. */
  readonly weight: number
}

/** How CreateService and UpdateService are told where tasks run: a launch type or a capacity
 * provider strategy, never both (ECS refuses the pair). */
export type Placement =
  | { readonly launchType: 'FARGATE' }
  | { readonly capacityProviderStrategy: readonly StrategyItem[] }

/** The placement a new service of this capacity provider gets: on-demand Fargate keeps the launch
 * type services have always had. */
export function placementOf(provider: CapacityProvider): Placement {
  return provider === 'FARGATE_SPOT'
    ? { capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }] }
    : { launchType: 'FARGATE' }
}

/** Where a service that Spot could not place moves: the on-demand capacity provider (a service on
 * a capacity provider strategy can change strategy, not go back to a launch type, with a forced
 * new deployment). */
export const ON_DEMAND: Placement = {
  capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }]
}

/** A placement that can run out of capacity, and so needs watching. */
export function usesSpot(placement: Placement): boolean {
  return (
    'capacityProviderStrategy' in placement &&
    placement.capacityProviderStrategy.some(
      (item) => item.capacityProvider === 'FARGATE_SPOT' && item.weight > 0
    )
  )
}

export interface ServiceEvent {
  /** Epoch milliseconds, as ECS stamps it. */
  readonly createdAt: number
  readonly message: string
}

/** ECS's words when Fargate has no capacity for a task: "(service x) was unable to place a task.
 * Reason: Capacity is unavailable at this time. Please try again later or in a different
 * availability zone." */
const UNPLACED = /unable to place a task/i
const NO_CAPACITY = /capacity is unavailable/i

/** The event that says Spot could not place a task since `sinceMs`, if one does. */
export function spotShortage(
  events: readonly ServiceEvent[],
  sinceMs: number
): ServiceEvent | undefined {
  return events.find(
    (e) => e.createdAt >= sinceMs && UNPLACED.test(e.message) && NO_CAPACITY.test(e.message)
  )
}
