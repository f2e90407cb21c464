// Carries out what domain/failed-run.ts decides for a run that claimed a commit and did not go
// live: sync's failure and the post step's release of an interrupted run go through here alike.
// Every part is attempted even when an earlier one failed; what went wrong is handed back, one
// line each (the environment's state matters more than a comment).

import type { EnvironmentHost } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import { type FailedRunOutcome, serviceRemains } from '../domain/failed-run.js'
import { failureLinks } from '../domain/failure-diagnosis.js'
import { oneLine } from '../errors.js'
import type { CommentFacts } from '../presentation/comment.js'
import type { TaskDiagnosis } from './diagnose.js'
import { type InFlight, releaseResources } from './in-flight.js'
import type { OwnershipCheck } from './ownership.js'
import type { LabelSession } from './label-session.js'
import type { Notifier } from './notifier.js'

export interface FailedRunContext {
  readonly record: InFlight
  readonly host: () => Promise<EnvironmentHost>
  readonly balancer?: () => Promise<LoadBalancerHost>
  readonly ownership: OwnershipCheck
  readonly session: LabelSession
  readonly notifier: Notifier
  /** The commit as the comment links it (the full SHA when the run knows it). */
  readonly commit: string
  readonly cause: string
  readonly facts: Partial<CommentFacts>
  /** What the failed task said, when the failure was its. */
  readonly diagnosis?: TaskDiagnosis
}

export async function leaveFailedRun(
  outcome: FailedRunOutcome,
  context: FailedRunContext,
  problem: (line: string) => void
): Promise<void> {
  const { record, session, notifier } = context
  if (outcome.kind === 'failed') {
    try {
      await releaseResources(record, context)
    } catch (error) {
      problem(
        `could not release ${record.service}: ${oneLine(error)} (the next cleanup deletes it)`
      )
    }
  }
  try {
    await session.add(outcome.labels.add)
    await session.remove(outcome.labels.remove)
  } catch (error) {
    problem(
      `could not mark ${record.sha} ${outcome.kind === 'failed' ? 'failed' : 'running'}: ${oneLine(error)}`
    )
  }
  if (outcome.kind === 'failed') {
    await commentFailure(notifier, context, serviceRemains(outcome, record))
    await notifier.deploymentFinished('failure')
  }
}

/** The PR's comment says the run failed, why, and what its task said; it links the service's
 * events only when the service remains, and the task's own log stream when it is known. */
export async function commentFailure(
  notifier: Notifier,
  context: Pick<FailedRunContext, 'commit' | 'cause' | 'facts' | 'diagnosis'>,
  serviceRemains: boolean
): Promise<void> {
  const { diagnosis } = context
  const facts = failureLinks(context.facts, {
    serviceRemains,
    ...(diagnosis?.logsUrl && { taskLogsUrl: diagnosis.logsUrl })
  })
  await notifier.comment(
    { kind: 'failed', cause: context.cause, ...(diagnosis && { diagnosis: diagnosis.diagnosis }) },
    context.commit,
    facts
  )
}
