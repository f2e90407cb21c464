// sync: decide as check does, then carry out the planned steps (run/sync-run.ts) and report: the
// outputs, the job summary, and the line the run ends with.

import * as core from '../runner/core.js'
import { SYNC_REQUEST_RESERVE } from '../config/defaults.js'
import { type Inputs, addressingOf } from '../config/inputs.js'
import type { PullRequestSnapshot } from '../domain/pull-request.js'
import type { LabelWriter } from '../github/labels.js'
import {
  logDecision,
  renderSyncSummary,
  syncSentence,
  writeSummary
} from '../presentation/summary.js'
import { simulatedSystems, syncEnding, syncOutputs } from '../presentation/sync-report.js'
import { LabelSession } from '../run/label-session.js'
import type { Notifier } from '../run/notifier.js'
import { type SyncContext, type SyncSystems, SyncRun } from '../run/sync-run.js'
import { plan } from '../domain/planner.js'
import { type CheckDependencies, decideForEvent, stopOrigin } from './check.js'

export interface SyncDependencies extends CheckDependencies, Omit<SyncSystems, 'console'> {
  readonly labels: (known: readonly string[]) => LabelWriter
  readonly notifier: (pr: number, commentCount: number) => Notifier
}

export async function runSync(inputs: Inputs, deps: SyncDependencies): Promise<void> {
  const { pr, data, decision, explicitSha, input } = await decideForEvent(inputs, deps)
  logDecision(decision)
  if (decision.syncNeeded) deps.budget.require(SYNC_REQUEST_RESERVE, 'This sync')
  const context: SyncContext = {
    inputs,
    deps: { ...deps, ...(deps.summary.console && { console: deps.summary.console }) },
    pr,
    decision,
    session: new LabelSession(deps.labels(data.labels), pr.number, data.labels, data.nodeId),
    notifier: deps.notifier(pr.number, data.comments),
    body: data.body,
    namedSha: explicitSha,
    stopOrigin: (number) => stopOrigin(deps.github, number),
    // What the PR is now, with the facts this run had: a closed or stopped PR is torn down.
    replan: (fresh, origin) => plan({ ...input, pr: fresh, stopOrigin: origin })
  }
  const run = new SyncRun(context)
  const outcome = decision.syncNeeded ? await run.execute() : ({ kind: 'done' } as const)

  const after: PullRequestSnapshot = { ...pr, labels: context.session.state() }
  const outputs = syncOutputs(decision, after, outcome, {
    imageRepository: inputs.docker.imageRepository,
    addressing: addressingOf(inputs)
  })
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)

  const sentence = syncSentence(outcome, decision, after, addressingOf(inputs))
  const simulated = simulatedSystems(inputs.dryRun)
  await writeSummary(
    renderSyncSummary(
      {
        pr: after,
        decision,
        outcome,
        sentence,
        phases: run.clock.phases,
        simulated,
        leftAlone: run.ownership.leftAlone
      },
      { ...deps.summary, now: deps.now() }
    )
  )
  const ending = syncEnding(outcome, decision, sentence)
  if (ending?.kind === 'failed') core.setFailed(ending.line)
  else if (ending?.kind === 'notice') core.notice(ending.line)
}
