// cleanup: for a schedule. Reads the repository and the cluster once, lets the cleanup planner
// decide and the budget choose what fits this run, carries that out (run/cleanup-run.ts), and
// reports. One failure never stops the others; the run fails at the end if anything failed, and
// the job summary says what.

import * as core from '../runner/core.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import { CLEANUP_WRITE_BUDGET, STALE_IN_PROGRESS_MS } from '../config/defaults.js'
import { cleanupBudget, withinBudget } from '../domain/cleanup-budget.js'
import {
  type CleanupReads,
  cleanupFacts,
  closedToRead,
  routingCandidates,
  withTags
} from '../domain/cleanup-facts.js'
import { type CleanupFacts, planCleanup } from '../domain/cleanup-plan.js'
import {
  type SleepPolicy,
  REQUEST_METRIC_PERIOD_S,
  sleepCandidates,
  sleepKey
} from '../domain/sleep.js'
import type { RequestMetrics } from '../aws/cloudwatch.js'
import { TENT } from '../domain/labels.js'
import { oneLine } from '../errors.js'
import type { RateBudget } from '../github/client.js'
import type { RepositoryScanner } from '../github/repository-scan.js'
import { type Inputs, addressingOf } from '../config/inputs.js'
import { CleanupRun, type CleanupSystems } from '../run/cleanup-run.js'
import { OwnershipCheck } from '../run/ownership.js'
import {
  cleanupFailedLine,
  cleanupReadsLine,
  cleanupTotals,
  reportsDryRun,
  routingReadLine
} from '../presentation/cleanup-report.js'
import { type SummaryContext, renderCleanupSummary, writeSummary } from '../presentation/summary.js'

export interface CleanupDependencies extends CleanupSystems {
  readonly scanner: RepositoryScanner
  readonly now: () => number
  /** owner/repo, whose services these are. */
  readonly repository: string
  readonly budget: RateBudget
  readonly summary: Omit<SummaryContext, 'now'>
  /** The load balancer's request counts, when environments may sleep (sleep-after). */
  readonly metrics?: () => Promise<RequestMetrics>
}

export async function runCleanup(inputs: Inputs, deps: CleanupDependencies): Promise<void> {
  const failures: string[] = []
  const sleep: SleepPolicy = {
    sleepAfter: inputs.sleepAfter,
    addressing: addressingOf(inputs),
    repository: deps.repository,
    ...(inputs.loadBalancer && { listenerArn: inputs.loadBalancer.listenerArn })
  }
  const read = await core.group('read the repository and the cluster', () =>
    readFacts(deps, failures, inputs.loadBalancer?.previewDomain)
  )
  const facts = await withRequestCounts(read, sleep, deps, failures)
  const plan = planCleanup(facts, {
    sleepAfter: sleep.sleepAfter,
    ...(sleep.listenerArn !== undefined && { listenerArn: sleep.listenerArn }),
    olderThan: inputs.olderThan,
    respectTtl: inputs.respectTtl,
    staleAfterMs: STALE_IN_PROGRESS_MS,
    maxEnvironments: inputs.maxEnvironments,
    addressing: addressingOf(inputs),
    repository: deps.repository,
    adoptUntagged: inputs.aws.adoptUntaggedServices
  })
  core.info(`${plan.actions.length} actions planned`)
  const budget = cleanupBudget(
    {
      core: { atStart: deps.budget.atStart('core'), spent: deps.budget.spent('core') },
      graphql: { atStart: deps.budget.atStart('graphql'), spent: deps.budget.spent('graphql') }
    },
    CLEANUP_WRITE_BUDGET
  )
  const { undertaken, deferred } = withinBudget(plan.actions, budget)
  const ownership = new OwnershipCheck(
    { host: deps.host, ...(deps.balancer && { balancer: deps.balancer }) },
    { repository: deps.repository, adoptUntagged: inputs.aws.adoptUntaggedServices }
  )
  await core.group('carry out the plan', () =>
    new CleanupRun(deps, ownership, failures).run(undertaken)
  )

  const totals = cleanupTotals({
    plan,
    undertaken,
    deferred: deferred.length,
    budget,
    dryRun: inputs.dryRun,
    loadBalancer: inputs.loadBalancer !== undefined,
    writesMade: deps.budget.writes,
    leftAloneWhenActing: ownership.leftAlone
  })
  for (const line of totals) core.info(line)
  const dryRun = reportsDryRun(inputs.dryRun)
  await writeSummary(
    renderCleanupSummary({ plan, dryRun, totals, failures }, { ...deps.summary, now: deps.now() })
  )
  if (failures.length > 0) core.setFailed(cleanupFailedLine(failures))
}

/** The request counts of the environments that may sleep, over the idle window: one
 * GetMetricData call for all of them. A failed read puts nothing to sleep. */
async function withRequestCounts(
  facts: CleanupFacts,
  policy: SleepPolicy,
  deps: CleanupDependencies,
  failures: string[]
): Promise<CleanupFacts> {
  const { sleepAfter } = policy
  if (sleepAfter.kind === 'never' || !deps.metrics) return facts
  const candidates = sleepCandidates(
    {
      now: facts.now,
      openPrs: facts.openPrs,
      ...(facts.services && { services: facts.services }),
      ...(facts.routing && { targetGroups: facts.routing.targetGroups })
    },
    policy
  )
  if (candidates.length === 0) return facts
  try {
    const requests = await (
      await deps.metrics()
    ).requestCounts(
      candidates.map((c) => ({ key: sleepKey(c.pr, c.sha), dimensions: c.dimensions })),
      { from: facts.now - sleepAfter.ms, to: facts.now, periodSeconds: REQUEST_METRIC_PERIOD_S }
    )
    core.info(
      `requests in the last ${sleepAfter.text}: ${[...requests].map(([key, n]) => `${key} ${n}`).join(', ')}`
    )
    return { ...facts, requests }
  } catch (error) {
    failures.push(`reading the request counts: ${oneLine(error)}`)
    core.error(`could not read the request counts: ${oneLine(error)}`)
    return facts
  }
}

async function readFacts(
  deps: CleanupDependencies,
  failures: string[],
  previewDomain: string | undefined
) {
  const attempt = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read()
    } catch (error) {
      failures.push(`reading ${what}: ${oneLine(error)}`)
      core.error(`could not read ${what}: ${oneLine(error)}`)
      return undefined
    }
  }
  // Reads change nothing: a dry run reads the cluster too, so that its plan is complete.
  const { balancer } = deps
  const [open, scan, services, routing] = await Promise.all([
    attempt('the open pull requests', () => deps.scanner.openPullRequests()),
    attempt(`the ${TENT} label definitions`, () => deps.scanner.labelScan()),
    attempt('the ECS services', async () => (await deps.host()).listServices()),
    balancer && previewDomain !== undefined
      ? attempt('the load balancer', async () => readRouting(await balancer(), previewDomain))
      : undefined
  ])
  const closed: CleanupReads['closed'][number][] = []
  for (const number of closedToRead(scan?.closedPullRequests ?? [], open)) {
    const labels = await attempt(`the labels of PR #${number}`, () => deps.scanner.labelsOf(number))
    closed.push({ number, ...(labels && { labels }) })
  }
  const facts = cleanupFacts({
    now: deps.now(),
    closed,
    ...(open && { open }),
    ...(scan && { definitions: scan.definitions }),
    ...(services && { services }),
    ...(routing && { routing })
  })
  core.info(
    cleanupReadsLine({
      ...(open && { open: open.length }),
      openWithLabels: facts.openPrs.length,
      closedWithLabels: facts.closedPrs.length,
      ...(scan && { definitions: scan.definitions.length }),
      ...(services && { services: services.length })
    })
  )
  return facts
}

/** The listener's rules and the target groups that may be the repository's, with their tags. */
async function readRouting(balancer: LoadBalancerHost, previewDomain: string) {
  const [rules, groups] = await Promise.all([balancer.listRules(), balancer.listTargetGroups()])
  const candidates = routingCandidates(rules, groups, previewDomain)
  const tags = await balancer.tagsOf(
    [...candidates.rules, ...candidates.targetGroups].map((r) => r.arn)
  )
  core.info(
    routingReadLine({
      rules: rules.length,
      previewRules: candidates.rules.length,
      previewDomain,
      targetGroups: groups.length,
      namedTargetGroups: candidates.targetGroups.length
    })
  )
  return withTags(candidates, tags)
}
