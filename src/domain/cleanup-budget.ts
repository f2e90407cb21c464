// How much of the token's GitHub budget a scheduled cleanup may spend, what each action costs,
// and which actions fit. A cleanup spends at most half of what the token had left when the run
// started (the rest of the hour belongs to the repository's other runs), and never more than
// GitHub's content-creating requests an hour; what its own reads spent already counts. Actions are
// taken whole, in plan order: one that does not fit waits for the next run, never half done.

import type { CleanupAction } from './cleanup-plan.js'
import { type GitHubWrite, githubWrites } from './cleanup-work.js'

/** What the rate-limit headers said of one resource (`core` or `graphql`). */
export interface RateReading {
  /** Requests (or points) left when the run made its first request; undefined before any. */
  readonly atStart?: number
  /** Spent since then, by this run and whoever shares the token. */
  readonly spent: number
}

export interface CleanupBudget {
  /** REST requests: the writes and the reads they need. */
  readonly requests: number
  /** Content-creating requests. */
  readonly writes: number
  /** GraphQL points. */
  readonly graphql: number
  /** What bounds the REST requests: half of what the token had left, or GitHub's ceiling. */
  readonly boundBy:
    | { readonly kind: 'token'; readonly leftAtStart: number }
    | { readonly kind: 'ceiling'; readonly writesPerHour: number }
}

export interface GitHubCost {
  readonly writes: number
  /** Reads a write needs besides itself (finding the sticky comment, the deployments). */
  readonly reads: { readonly core: number; readonly graphql: number }
}

/** An expiry announcement writes the comment and ends the deployments (two writes), after finding
 * the sticky comment (one REST read) and the environment's deployments (two GraphQL queries). */
const ANNOUNCEMENT: GitHubCost = { writes: 2, reads: { core: 1, graphql: 2 } }
const ONE_WRITE: GitHubCost = { writes: 1, reads: { core: 0, graphql: 0 } }
const NOTHING: GitHubCost = { writes: 0, reads: { core: 0, graphql: 0 } }

export function cleanupBudget(
  rate: { readonly core: RateReading; readonly graphql: RateReading },
  writesPerHour: number
): CleanupBudget {
  const points = rate.graphql.atStart
  const graphql = points === undefined ? Number.POSITIVE_INFINITY : half(points, rate.graphql.spent)
  const ceiling = { kind: 'ceiling', writesPerHour } as const
  const leftAtStart = rate.core.atStart
  if (leftAtStart === undefined) {
    return { requests: Number.POSITIVE_INFINITY, writes: writesPerHour, graphql, boundBy: ceiling }
  }
  const requests = half(leftAtStart, rate.core.spent)
  return {
    requests,
    writes: writesPerHour,
    graphql,
    boundBy: requests < writesPerHour ? { kind: 'token', leftAtStart } : ceiling
  }
}

/** Half of what was left at the start, less what was spent since. */
function half(atStart: number, spent: number): number {
  return Math.max(0, Math.floor(atStart / 2) - spent)
}

export function writeCost(write: GitHubWrite): GitHubCost {
  return write.kind === 'announce-expiry' ? ANNOUNCEMENT : ONE_WRITE
}

/** What an action costs: the sum of its writes' costs. */
export function actionCost(action: CleanupAction): GitHubCost {
  return githubWrites(action).map(writeCost).reduce(plus, NOTHING)
}

function plus(a: GitHubCost, b: GitHubCost): GitHubCost {
  return {
    writes: a.writes + b.writes,
    reads: { core: a.reads.core + b.reads.core, graphql: a.reads.graphql + b.reads.graphql }
  }
}

/** The GitHub writes the actions make in all. */
export function plannedWrites(actions: readonly CleanupAction[]): number {
  return actions.reduce((sum, action) => sum + actionCost(action).writes, 0)
}

/**
 * Whole actions, in plan order, as long as their requests fit in the budget; an action that does
 * not fit is deferred to the next run, and a later, cheaper one may still fit.
 */
export function withinBudget(
  actions: readonly CleanupAction[],
  budget: CleanupBudget
): { readonly undertaken: CleanupAction[]; readonly deferred: CleanupAction[] } {
  const undertaken: CleanupAction[] = []
  const deferred: CleanupAction[] = []
  let spent = { requests: 0, writes: 0, graphql: 0 }
  for (const action of actions) {
    const cost = actionCost(action)
    const next = {
      requests: spent.requests + cost.writes + cost.reads.core,
      writes: spent.writes + cost.writes,
      graphql: spent.graphql + cost.reads.graphql
    }
    if (
      next.requests > budget.requests ||
      next.writes > budget.writes ||
      next.graphql > budget.graphql
    ) {
      deferred.push(action)
    } else {
      undertaken.push(action)
      spent = next
    }
  }
  return { undertaken, deferred }
}
