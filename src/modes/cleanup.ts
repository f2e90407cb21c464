// cleanup: for a schedule. Reads the repository and the cluster once, lets the cleanup planner
// decide, then carries the plan out: AWS deletions a few at a time, GitHub writes one after the
// other (paced by the throttling plugin). One failure never stops the others; the run fails at the
// end if anything failed, and the job summary says what.

import * as core from '../runner/core.js'
import pLimit from 'p-limit'
import type { EnvironmentHost } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import { CLEANUP_WRITE_BUDGET, STALE_IN_PROGRESS_MS } from '../config/defaults.js'
import {
  type CleanupAction,
  type CleanupFacts,
  type CleanupPlan,
  type LabelRemoval,
  type TargetGroupFacts,
  planCleanup
} from '../domain/cleanup-plan.js'
import { readLabels } from '../domain/label-state.js'
import { isShowtimeLabel } from '../domain/labels.js'
import type { RuleFacts } from '../domain/load-balancer.js'
import { parsePreviewHost, parseTargetGroupName } from '../domain/resources.js'
import { oneLine } from '../errors.js'
import type { RateBudget } from '../github/client.js'
import type { DefinitionWriter, LabelWriter } from '../github/labels.js'
import type { RepositoryScanner } from '../github/repository-scan.js'
import { type Inputs, addressingOf } from '../config/inputs.js'
import type { Notifier } from '../run/notifier.js'
import { type SummaryContext, renderCleanupSummary, writeSummary } from '../presentation/summary.js'

export interface CleanupDependencies {
  /** Tells a PR that its environment expired (the comment and the deployment). */
  readonly notifier: (pr: number) => Notifier
  readonly scanner: RepositoryScanner
  readonly labels: LabelWriter
  readonly definitions: DefinitionWriter
  readonly host: () => Promise<EnvironmentHost>
  /** The shared load balancer, when the inputs name one. */
  readonly balancer?: () => Promise<LoadBalancerHost>
  readonly now: () => number
  /** owner/repo, whose services these are. */
  readonly repository: string
  readonly budget: RateBudget
  readonly summary: Omit<SummaryContext, 'now'>
}

/** AWS calls under way at once. */
const AWS_CONCURRENCY = 4

export async function runCleanup(inputs: Inputs, deps: CleanupDependencies): Promise<void> {
  const failures: string[] = []
  const facts = await core.group('read the repository and the cluster', () =>
    gatherFacts(deps, failures, inputs.loadBalancer?.previewDomain)
  )
  const plan = planCleanup(facts, {
    olderThan: inputs.olderThan,
    respectTtl: inputs.respectTtl,
    staleAfterMs: STALE_IN_PROGRESS_MS,
    maxEnvironments: inputs.maxEnvironments,
    addressing: addressingOf(inputs),
    repository: deps.repository,
    adoptUntagged: inputs.aws.adoptUntaggedServices
  })
  core.info(`${plan.actions.length} actions planned`)
  const executor = new Executor(deps, failures)
  await core.group('carry out the plan', () => executor.run(plan))
  await summarise(plan, executor, failures, inputs, deps.budget, {
    ...deps.summary,
    now: deps.now()
  })
  if (failures.length > 0) {
    core.setFailed(`cleanup finished with ${failures.length} failure(s); first: ${failures[0]}`)
  }
}

async function gatherFacts(
  deps: CleanupDependencies,
  failures: string[],
  previewDomain: string | undefined
): Promise<CleanupFacts> {
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
    attempt('the 🎪 label definitions', () => deps.scanner.labelScan()),
    attempt('the ECS services', async () => (await deps.host()).listServices()),
    balancer && previewDomain !== undefined
      ? attempt('the load balancer', async () => readRouting(await balancer(), previewDomain))
      : undefined
  ])
  const openPrs = (open ?? [])
    .filter((pr) => pr.labels.some(isShowtimeLabel))
    .map((pr) => ({ number: pr.number, labels: readLabels(pr.labels) }))
  const openNumbers = new Set((open ?? []).map((pr) => pr.number))
  const closedPrs = []
  for (const number of scan?.closedPullRequests ?? []) {
    if (openNumbers.has(number)) continue
    const labels = await attempt(`the labels of PR #${number}`, () => deps.scanner.labelsOf(number))
    if (labels?.some(isShowtimeLabel)) closedPrs.push({ number, labels: readLabels(labels) })
  }
  core.info(
    `${open?.length ?? '?'} open PRs, ${openPrs.length} with 🎪 labels; ${closedPrs.length} closed PRs with 🎪 labels; ` +
      `${scan?.definitions.length ?? '?'} 🎪 label definitions; ${services?.length ?? '?'} ECS services`
  )
  return {
    now: deps.now(),
    openPrs,
    closedPrs,
    // Without a complete list of open PRs, no service may be judged an orphan.
    ...(services && open && { services }),
    ...(scan && open && { definitions: scan.definitions }),
    ...(routing && open && { routing })
  }
}

/** The listener's rules for the preview domain's hosts and the target groups named like
 * Showtime's, with their tags (what says whose they are). */
async function readRouting(
  balancer: LoadBalancerHost,
  previewDomain: string
): Promise<{ rules: RuleFacts[]; targetGroups: TargetGroupFacts[] }> {
  const [rules, groups] = await Promise.all([balancer.listRules(), balancer.listTargetGroups()])
  const previewRules = rules.filter((r) => parsePreviewHost(r.host, previewDomain) !== undefined)
  const named = groups.filter((g) => parseTargetGroupName(g.name) !== undefined)
  const tags = await balancer.tagsOf([...previewRules, ...named].map((r) => r.arn))
  core.info(
    `${rules.length} listener rules, ${previewRules.length} for ${previewDomain}; ` +
      `${groups.length} target groups, ${named.length} named like Showtime's`
  )
  return {
    rules: previewRules.map((r) => ({ ...r, tags: tags.get(r.arn) ?? {} })),
    targetGroups: named.map((g) => ({ ...g, tags: tags.get(g.arn) ?? {} }))
  }
}

class Executor {
  readonly deferred: string[] = []
  budget: CleanupBudget | undefined
  /** The actions this run takes on: the plan, less what waits for the next run. */
  undertaken: readonly CleanupAction[] = []

  constructor(
    private readonly deps: CleanupDependencies,
    private readonly failures: string[]
  ) {}

  async run(plan: CleanupPlan): Promise<void> {
    const actions = this.withinBudget(plan.actions)
    this.undertaken = actions
    // AWS first, a few at a time: labels come off only once the service they describe is gone.
    // Listener rules go before anything else, so that the target groups they used are free.
    const limit = pLimit(AWS_CONCURRENCY)
    const released = new Array<boolean>(actions.length).fill(false)
    for (const phase of AWS_PHASES) {
      await Promise.all(
        actions.map((action, index) =>
          awsPhase(action) === phase
            ? limit(async () => (released[index] = await this.releaseAws(action)))
            : undefined
        )
      )
    }
    for (const [index, action] of actions.entries()) {
      if (!released[index]) continue
      try {
        await this.labelWork(action)
      } catch (error) {
        this.fail(action, error)
      }
    }
  }

  /** Deletes what an action names in AWS; false when something could not be deleted. */
  private async releaseAws(action: CleanupAction): Promise<boolean> {
    try {
      for (const service of servicesOf(action))
        await (await this.deps.host()).deleteService(service)
      const { balancer } = this.deps
      if (action.kind === 'orphan-rule' && balancer) await (await balancer()).deleteRule(action.arn)
      if (action.kind === 'orphan-target-group' && balancer)
        await (await balancer()).deleteTargetGroup(action.arn, action.name)
      return true
    } catch (error) {
      this.fail(action, error)
      return false
    }
  }

  private async labelWork(action: CleanupAction): Promise<void> {
    switch (action.kind) {
      case 'teardown':
        await this.removeLabels(action.pr, action.labels)
        if (action.announce) await this.announceExpiry(action.pr, action.sha)
        return
      case 'close':
      case 'stray-labels':
        return this.removeLabels(action.pr, action.labels)
      case 'abandoned':
        for (const name of action.define) await this.deps.definitions.create(name)
        await this.deps.labels.add(action.pr, action.add)
        return this.removeLabels(action.pr, action.labels)
      case 'delete-definition':
        await this.deps.definitions.remove(action.name)
        return
      case 'create-definition':
        return this.deps.definitions.create(action.name)
      case 'fix-definition':
        return this.deps.definitions.update(action.name)
      case 'orphan-service':
      case 'orphan-rule':
      case 'orphan-target-group':
        return
    }
  }

  private async removeLabels(pr: number, labels: LabelRemoval): Promise<void> {
    for (const name of labels.detach) await this.deps.labels.remove(pr, name)
    // Attached to this PR only: deleting the definition takes the label off too.
    for (const name of labels.deleteDefinition) await this.deps.definitions.remove(name)
  }

  /** Whole actions, in plan order, as long as their GitHub requests fit in the run's budget; the
   * rest wait for the next run (nothing is left half done). */
  private withinBudget(actions: readonly CleanupAction[]): CleanupAction[] {
    this.budget = cleanupBudget(this.deps.budget)
    const { requests, writes, graphql } = this.budget
    let planned = { requests: 0, writes: 0, graphql: 0 }
    return actions.filter((action) => {
      const cost = costOf(action)
      const next = {
        requests: planned.requests + cost.writes + cost.lookups.core,
        writes: planned.writes + cost.writes,
        graphql: planned.graphql + cost.lookups.graphql
      }
      if (next.requests > requests || next.writes > writes || next.graphql > graphql) {
        this.deferred.push(describe(action))
        return false
      }
      planned = next
      return true
    })
  }

  /** The comment update and the deployments' end. */
  private async announceExpiry(pr: number, sha: string): Promise<void> {
    const notifier = this.deps.notifier(pr)
    await notifier.comment({ kind: 'torn-down', why: 'expired' }, sha)
    await notifier.deploymentsGone()
  }

  private fail(action: CleanupAction, error: unknown): void {
    const message = `${describe(action)}: ${oneLine(error)}`
    this.failures.push(message)
    core.error(message)
  }
}

/** GitHub reads an expiry announcement makes besides its writes: finding the sticky comment and
 * the environment's deployments. */
const ANNOUNCE_LOOKUPS = { core: 1, graphql: 2 } as const

function costOf(action: CleanupAction) {
  const announces = action.kind === 'teardown' && action.announce !== undefined
  return {
    writes: writesOf(action),
    lookups: announces ? ANNOUNCE_LOOKUPS : { core: 0, graphql: 0 }
  }
}

interface CleanupBudget {
  /** REST requests (writes and the reads they need). */
  readonly requests: number
  /** Content-creating requests. */
  readonly writes: number
  readonly graphql: number
  /** Why the budget is what it is, for the summary. */
  readonly why: string
}

/**
 * A cleanup spends at most half of what the token had left when the run started (the rest of the
 * hour belongs to the repository's other runs), and never more than GitHub's 500 content-creating
 * requests an hour. What the reads already spent counts.
 */
function cleanupBudget(budget: RateBudget): CleanupBudget {
  const half = (resource: 'core' | 'graphql') => {
    const start = budget.atStart(resource)
    return start === undefined
      ? Number.POSITIVE_INFINITY
      : Math.max(0, Math.floor(start / 2) - budget.spent(resource))
  }
  const requests = half('core')
  const why =
    requests < CLEANUP_WRITE_BUDGET
      ? `half of the ${budget.atStart('core')} GitHub requests the token had left when the run started`
      : `GitHub's ${CLEANUP_WRITE_BUDGET} content-creating requests an hour`
  return { requests, writes: CLEANUP_WRITE_BUDGET, graphql: half('graphql'), why }
}

const AWS_PHASES = ['rules', 'services', 'target groups'] as const

/** When an action's AWS work runs: rules, then services, then the target groups they used. */
function awsPhase(action: CleanupAction): (typeof AWS_PHASES)[number] {
  switch (action.kind) {
    case 'orphan-rule':
      return 'rules'
    case 'orphan-target-group':
      return 'target groups'
    case 'teardown':
    case 'close':
    case 'abandoned':
    case 'orphan-service':
    case 'stray-labels':
    case 'delete-definition':
    case 'create-definition':
    case 'fix-definition':
      return 'services'
  }
}

function servicesOf(action: CleanupAction): readonly string[] {
  switch (action.kind) {
    case 'close':
      return action.services
    case 'teardown':
    case 'abandoned':
      return action.service === undefined ? [] : [action.service]
    case 'orphan-service':
      return [action.service]
    case 'orphan-rule':
    case 'orphan-target-group':
    case 'stray-labels':
    case 'delete-definition':
    case 'create-definition':
    case 'fix-definition':
      return []
  }
}

/** GitHub writes an action makes (its comment and deployment end included). */
function writesOf(action: CleanupAction): number {
  switch (action.kind) {
    case 'teardown':
      return (
        action.labels.detach.length +
        action.labels.deleteDefinition.length +
        (action.announce ? 2 : 0)
      )
    case 'close':
    case 'stray-labels':
      return action.labels.detach.length + action.labels.deleteDefinition.length
    case 'abandoned':
      return (
        action.define.length +
        1 +
        action.labels.detach.length +
        action.labels.deleteDefinition.length
      )
    case 'orphan-service':
    case 'orphan-rule':
    case 'orphan-target-group':
      return 0
    case 'delete-definition':
    case 'create-definition':
    case 'fix-definition':
      return 1
  }
}

function plannedWrites(actions: readonly CleanupAction[]): number {
  return actions.reduce((sum, action) => sum + writesOf(action), 0)
}

export function describe(action: CleanupAction): string {
  switch (action.kind) {
    case 'teardown':
      return `PR #${action.pr} ${action.sha}: ${action.why}`
    case 'close':
      return `PR #${action.pr} is closed: tear down ${action.services.length} services, remove its 🎪 labels`
    case 'abandoned':
      return `PR #${action.pr} ${action.sha}: abandoned build marked failed`
    case 'stray-labels':
      return `PR #${action.pr}: remove ${action.labels.detach.length + action.labels.deleteDefinition.length} labels nothing reads`
    case 'orphan-service':
      return `${action.service}: ${action.why}`
    case 'orphan-rule':
      return `the listener rule for ${action.host}: ${action.why}`
    case 'orphan-target-group':
      return `the target group ${action.name}: ${action.why}`
    case 'delete-definition':
      return `delete the unattached definition "${action.name}"`
    case 'create-definition':
      return `create the definition "${action.name}"`
    case 'fix-definition':
      return `colour the definition "${action.name}"`
  }
}

async function summarise(
  plan: CleanupPlan,
  executor: Executor,
  failures: string[],
  inputs: Inputs,
  budget: RateBudget,
  context: SummaryContext
): Promise<void> {
  const dry = inputs.dryRun.github || inputs.dryRun.aws
  const count = (kind: CleanupAction['kind']) =>
    executor.undertaken.filter((a) => a.kind === kind).length
  // A dry run carries nothing out: its totals say what a real run would do.
  const verb = (done: string, would: string) => (dry ? would : done)
  const totals = [
    `${count('teardown')} environments ${verb('expired or removed', 'would expire or be removed')}`,
    `${count('close')} closed PRs ${verb('torn down', 'would be torn down')}`,
    `${count('abandoned')} abandoned builds ${verb('marked failed', 'would be marked failed')}`,
    `${count('orphan-service')} orphaned services ${verb('deleted', 'would be deleted')}`,
    ...(inputs.loadBalancer
      ? [
          `${count('orphan-rule')} orphaned listener rules ${verb('deleted', 'would be deleted')}`,
          `${count('orphan-target-group')} orphaned target groups ${verb('deleted', 'would be deleted')}`
        ]
      : []),
    `${count('delete-definition')} unattached label definitions ${verb('deleted', 'would be deleted')}`,
    `${count('create-definition')} static label definitions ${verb('created', 'would be created')}`,
    `${count('fix-definition')} static label definitions ${verb('recoloured', 'would be recoloured')}`,
    inputs.dryRun.github
      ? `${plannedWrites(executor.undertaken)} GitHub writes would be made`
      : `${budget.writes} GitHub writes`
  ]
  if (plan.leftAlone.length > 0) {
    totals.push(
      `${plan.leftAlone.length} services named like Showtime's without this repository's tag: not ours, left alone (${plan.leftAlone.join(', ')})`
    )
  }
  if (plan.maxEnvironments > 0)
    totals.push(`${plan.liveEnvironments} of at most ${plan.maxEnvironments} environments live`)
  else totals.push(`${plan.liveEnvironments} environments live`)
  if (executor.deferred.length > 0) {
    totals.push(
      `${executor.deferred.length} actions left for the next run (over this run's budget: ${executor.budget?.why ?? 'unknown'})`
    )
  }
  for (const line of totals) core.info(line)
  await writeSummary(renderCleanupSummary({ plan, dryRun: dry, totals, failures }, context))
}
