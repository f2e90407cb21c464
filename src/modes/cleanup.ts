// cleanup: for a schedule. Reads the repository and the cluster once, lets the cleanup planner
// decide, then carries the plan out: AWS deletions a few at a time, GitHub writes one after the
// other (paced by the throttling plugin). One failure never stops the others; the run fails at the
// end if anything failed, and the job summary says what.

import * as core from '@actions/core'
import pLimit from 'p-limit'
import type { EnvironmentHost } from '../aws/ecs.js'
import { CLEANUP_WRITE_BUDGET, STALE_IN_PROGRESS_MS } from '../defaults.js'
import {
  type CleanupAction,
  type CleanupFacts,
  type CleanupPlan,
  type LabelRemoval,
  planCleanup
} from '../domain/cleanup-plan.js'
import { readLabels } from '../domain/label-state.js'
import { isShowtimeLabel } from '../domain/labels.js'
import { oneLine } from '../errors.js'
import type { DefinitionWriter, LabelWriter } from '../github/labels.js'
import type { RepositoryScanner } from '../github/repository-scan.js'
import type { Inputs } from '../inputs.js'
import type { Notifier } from '../notifier.js'
import { escapeHtml } from '../report.js'

export interface CleanupDependencies {
  /** Tells a PR that its environment expired (the comment and the deployment). */
  readonly notifier: (pr: number) => Notifier
  readonly scanner: RepositoryScanner
  readonly labels: LabelWriter
  readonly definitions: DefinitionWriter
  readonly host: () => Promise<EnvironmentHost>
  readonly now: () => number
}

/** AWS calls under way at once. */
const AWS_CONCURRENCY = 4

export async function runCleanup(inputs: Inputs, deps: CleanupDependencies): Promise<void> {
  const failures: string[] = []
  const facts = await core.group('read the repository and the cluster', () =>
    gatherFacts(inputs, deps, failures)
  )
  const plan = planCleanup(facts, {
    olderThan: inputs.olderThan,
    respectTtl: inputs.respectTtl,
    staleAfterMs: STALE_IN_PROGRESS_MS,
    maxEnvironments: inputs.maxEnvironments,
    containerPort: inputs.containerPort
  })
  core.info(`${plan.actions.length} actions planned`)
  const executor = new Executor(inputs, deps, failures)
  await core.group('carry out the plan', () => executor.run(plan))
  await writeSummary(plan, executor, failures, inputs)
  if (failures.length > 0) {
    core.setFailed(`cleanup finished with ${failures.length} failure(s); first: ${failures[0]}`)
  }
}

async function gatherFacts(
  inputs: Inputs,
  deps: CleanupDependencies,
  failures: string[]
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
  const [open, scan, services] = await Promise.all([
    attempt('the open pull requests', () => deps.scanner.openPullRequests()),
    attempt('the 🎪 label definitions', () => deps.scanner.labelScan()),
    inputs.dryRun.aws
      ? Promise.resolve(undefined)
      : attempt('the ECS services', async () => (await deps.host()).listServices())
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
    ...(scan && open && { definitions: scan.definitions })
  }
}

class Executor {
  writes = 0
  readonly deferred: string[] = []
  private hostInstance: EnvironmentHost | undefined

  constructor(
    private readonly inputs: Inputs,
    private readonly deps: CleanupDependencies,
    private readonly failures: string[]
  ) {}

  async run(plan: CleanupPlan): Promise<void> {
    const actions = this.withinBudget(plan.actions)
    // AWS first, a few at a time: labels come off only once the service they describe is gone.
    const limit = pLimit(AWS_CONCURRENCY)
    const released = await Promise.all(
      actions.map((action) => limit(() => this.releaseServices(action)))
    )
    for (const [index, action] of actions.entries()) {
      if (!released[index]) continue
      try {
        await this.labelWork(action)
      } catch (error) {
        this.fail(action, error)
      }
    }
  }

  private async host(): Promise<EnvironmentHost> {
    this.hostInstance ??= await this.deps.host()
    return this.hostInstance
  }

  /** Deletes the services an action names; false when one could not be deleted. */
  private async releaseServices(action: CleanupAction): Promise<boolean> {
    const services =
      action.kind === 'close'
        ? action.services
        : action.kind === 'teardown' || action.kind === 'abandoned'
          ? [action.service]
          : action.kind === 'orphan-service'
            ? [action.service]
            : []
    try {
      for (const service of services) {
        if (this.inputs.dryRun.aws) {
          core.info(`[dry-run-aws] would delete ${service}`)
          continue
        }
        const result = await (await this.host()).deleteService(service)
        core.info(result === 'deleted' ? `deleted ${service}` : `${service} was already gone`)
      }
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
        await this.write(`add ${action.add.join(', ')} to #${action.pr}`, () =>
          this.deps.labels.add(action.pr, action.add)
        )
        return this.removeLabels(action.pr, action.labels)
      case 'delete-definition':
        return this.write(
          `delete the definition "${action.name}"`,
          async () => void (await this.deps.definitions.remove(action.name))
        )
      case 'create-definition':
        return this.write(`create the definition "${action.name}"`, () =>
          this.deps.definitions.create(action.name)
        )
      case 'orphan-service':
        return
    }
  }

  private async removeLabels(pr: number, labels: LabelRemoval): Promise<void> {
    for (const name of labels.detach) {
      await this.write(
        `remove "${name}" from #${pr}`,
        async () => void (await this.deps.labels.remove(pr, name))
      )
    }
    for (const name of labels.deleteDefinition) {
      await this.write(
        `delete "${name}" (on #${pr} only)`,
        async () => void (await this.deps.definitions.remove(name))
      )
    }
  }

  /** Whole actions, in plan order, as long as their GitHub writes fit in the run's budget; the
   * rest wait for the next run (nothing is left half done). */
  private withinBudget(actions: readonly CleanupAction[]): CleanupAction[] {
    if (this.inputs.dryRun.github) return [...actions]
    let planned = 0
    return actions.filter((action) => {
      const cost = writesOf(action)
      if (planned + cost > CLEANUP_WRITE_BUDGET) {
        this.deferred.push(describe(action))
        return false
      }
      planned += cost
      return true
    })
  }

  /** The comment update and the deployment's end. */
  private async announceExpiry(pr: number, sha: string): Promise<void> {
    const notifier = this.deps.notifier(pr)
    if (!this.inputs.dryRun.github) this.writes += 2
    await notifier.comment({ kind: 'torn-down', why: 'expired' }, sha)
    await notifier.deploymentsGone()
  }

  private async write(what: string, send: () => Promise<unknown>): Promise<void> {
    if (this.inputs.dryRun.github) {
      core.info(`[dry-run-github] would ${what}`)
      return
    }
    this.writes++
    core.info(what)
    await send()
  }

  private fail(action: CleanupAction, error: unknown): void {
    const message = `${describe(action)}: ${oneLine(error)}`
    this.failures.push(message)
    core.error(message)
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
      return 1 + action.labels.detach.length + action.labels.deleteDefinition.length
    case 'orphan-service':
      return 0
    default:
      return 1
  }
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
    case 'delete-definition':
      return `delete the unattached definition "${action.name}"`
    case 'create-definition':
      return `create the definition "${action.name}"`
    case 'fix-definition':
      return `colour the definition "${action.name}"`
  }
}

async function writeSummary(
  plan: CleanupPlan,
  executor: Executor,
  failures: string[],
  inputs: Inputs
): Promise<void> {
  const dry = inputs.dryRun.github || inputs.dryRun.aws
  const summary = core.summary.addHeading(`🎪 Showtime cleanup${dry ? ' (dry run)' : ''}`, 2)
  const age = (ms: number | undefined) =>
    ms === undefined ? 'unknown' : `${Math.floor(ms / 3_600_000)}h`
  if (plan.rows.length > 0) {
    summary.addTable([
      ['PR', 'SHA', 'Status', 'Age', 'TTL', 'URL', dry ? 'Action planned' : 'Action taken'].map(
        (data) => ({
          data,
          header: true
        })
      ),
      ...plan.rows.map((r) => [
        r.pr ? `#${r.pr}` : '',
        r.sha,
        r.status,
        age(r.ageMs),
        r.ttl,
        r.url,
        escapeHtml(r.action)
      ])
    ])
  } else summary.addRaw('No environments.', true)
  const count = (kind: CleanupAction['kind']) => plan.actions.filter((a) => a.kind === kind).length
  const totals = [
    `${count('teardown')} environments expired or removed`,
    `${count('close')} closed PRs torn down`,
    `${count('abandoned')} abandoned builds marked failed`,
    `${count('orphan-service')} orphaned services deleted`,
    `${count('delete-definition')} unattached label definitions deleted`,
    `${count('create-definition')} static label definitions created`,
    `${executor.writes} GitHub writes`
  ]
  if (plan.maxEnvironments > 0)
    totals.push(`${plan.liveEnvironments} of at most ${plan.maxEnvironments} environments live`)
  else totals.push(`${plan.liveEnvironments} environments live`)
  if (executor.deferred.length > 0) {
    totals.push(
      `${executor.deferred.length} actions left for the next run (over the budget of ${CLEANUP_WRITE_BUDGET} GitHub writes)`
    )
  }
  summary.addHeading('Totals', 3).addList(totals)
  if (failures.length > 0) summary.addHeading('Failures', 3).addList(failures.map(escapeHtml))
  for (const line of totals) core.info(line)
  await summary.write()
}
