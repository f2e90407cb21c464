// What the scheduled cleanup says: one line per action (its failures, the log), the totals of the
// job summary, and the log lines of what it read. Text only: the numbers come from the plan and
// from what the run undertook.

import type { CleanupBudget } from '../domain/cleanup-budget.js'
import { plannedWrites } from '../domain/cleanup-budget.js'
import type { CleanupAction, CleanupPlan } from '../domain/cleanup-plan.js'
import { TENT } from '../domain/labels.js'

export function describeCleanupAction(action: CleanupAction): string {
  switch (action.kind) {
    case 'teardown':
      return `PR #${action.pr} ${action.sha}: ${action.why}`
    case 'close':
      return `PR #${action.pr} is closed: tear down ${action.services.length} services, remove its ${TENT} labels`
    case 'abandoned':
      return `PR #${action.pr} ${action.sha}: abandoned build marked failed`
    case 'sleep':
      return `PR #${action.pr} ${action.sha}: ${action.why}`
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

export function budgetReason(budget: CleanupBudget): string {
  switch (budget.boundBy.kind) {
    case 'token':
      return `half of the ${budget.boundBy.leftAtStart} GitHub requests the token had left when the run started`
    case 'ceiling':
      return `GitHub's ${budget.boundBy.writesPerHour} content-creating requests an hour`
  }
}

export interface CleanupOutcome {
  readonly plan: CleanupPlan
  /** The actions this run took on: the plan, less what waits for the next run. */
  readonly undertaken: readonly CleanupAction[]
  readonly deferred: number
  readonly budget: CleanupBudget
  readonly dryRun: { readonly github: boolean; readonly aws: boolean }
  /** The inputs name a load balancer: its rules and target groups are counted. */
  readonly loadBalancer: boolean
  /** GitHub writes the run made (a dry run of GitHub makes none: its planned ones are counted). */
  readonly writesMade: number
  /** Resources found not to be ours when read again right before their deletion, with why. */
  readonly leftAloneWhenActing?: readonly string[]
}

/** A dry run of GitHub or of AWS changes nothing the summary could report as done. */
export function reportsDryRun(dryRun: {
  readonly github: boolean
  readonly aws: boolean
}): boolean {
  return dryRun.github || dryRun.aws
}

/** The totals of the job summary and the log. A dry run carries nothing out: its totals say what
 * a real run would do. */
export function cleanupTotals(outcome: CleanupOutcome): string[] {
  const { plan, undertaken, dryRun } = outcome
  const count = (kind: CleanupAction['kind']) => undertaken.filter((a) => a.kind === kind).length
  const verb = (done: string, would: string) => (reportsDryRun(dryRun) ? would : done)
  const totals = [
    `${count('teardown')} environments ${verb('expired or removed', 'would expire or be removed')}`,
    `${count('close')} closed PRs ${verb('torn down', 'would be torn down')}`,
    `${count('abandoned')} abandoned builds ${verb('marked failed', 'would be marked failed')}`,
    ...(count('sleep') > 0
      ? [`${count('sleep')} idle environments ${verb('put to sleep', 'would be put to sleep')}`]
      : []),
    `${count('orphan-service')} orphaned services ${verb('deleted', 'would be deleted')}`,
    ...(outcome.loadBalancer
      ? [
          `${count('orphan-rule')} orphaned listener rules ${verb('deleted', 'would be deleted')}`,
          `${count('orphan-target-group')} orphaned target groups ${verb('deleted', 'would be deleted')}`
        ]
      : []),
    `${count('delete-definition')} unattached label definitions ${verb('deleted', 'would be deleted')}`,
    `${count('create-definition')} static label definitions ${verb('created', 'would be created')}`,
    `${count('fix-definition')} static label definitions ${verb('recoloured', 'would be recoloured')}`,
    dryRun.github
      ? `${plannedWrites(undertaken)} GitHub writes would be made`
      : `${outcome.writesMade} GitHub writes`
  ]
  if (plan.leftAlone.length > 0) {
    totals.push(`${plan.leftAlone.length} not ours: left alone (${plan.leftAlone.join(', ')})`)
  }
  for (const why of outcome.leftAloneWhenActing ?? []) totals.push(`not ours: ${why}`)
  totals.push(
    plan.maxEnvironments > 0
      ? `${plan.liveEnvironments} of at most ${plan.maxEnvironments} environments live`
      : `${plan.liveEnvironments} environments live`
  )
  if (outcome.deferred > 0) {
    totals.push(
      `${outcome.deferred} actions left for the next run (over this run's budget: ${budgetReason(outcome.budget)})`
    )
  }
  return totals
}

/** What was read, for the log; `?` where a read failed. */
export function cleanupReadsLine(counts: {
  readonly open?: number
  readonly openWithLabels: number
  readonly closedWithLabels: number
  readonly definitions?: number
  readonly services?: number
}): string {
  const known = (n: number | undefined) => (n === undefined ? '?' : String(n))
  return (
    `${known(counts.open)} open PRs, ${counts.openWithLabels} with ${TENT} labels; ${counts.closedWithLabels} closed PRs with ${TENT} labels; ` +
    `${known(counts.definitions)} ${TENT} label definitions; ${known(counts.services)} ECS services`
  )
}

export function routingReadLine(counts: {
  readonly rules: number
  readonly previewRules: number
  readonly previewDomain: string
  readonly targetGroups: number
  readonly namedTargetGroups: number
}): string {
  return (
    `${counts.rules} listener rules, ${counts.previewRules} for ${counts.previewDomain}; ` +
    `${counts.targetGroups} target groups, ${counts.namedTargetGroups} named like Showtime's`
  )
}

export function cleanupFailedLine(failures: readonly string[]): string {
  return `cleanup finished with ${failures.length} failure(s); first: ${failures[0]}`
}
