// set-state: give one SHA a status (building, deploying, running or failed) without touching the
// PR's other labels. The SHA is the sha input, else the event's commit, else the PR head.

import * as core from '../runner/core.js'
import { readLabels } from '../domain/label-state.js'
import { shortSha } from '../domain/show.js'
import { setStateChange } from '../domain/status-change.js'
import { type RunnerEvent, readEvent, resolveTargetSha } from '../config/event.js'
import type { LabelWriter } from '../github/labels.js'
import { type PullRequestReader, snapshotOf } from '../github/pull-requests.js'
import { type Inputs, addressingOf } from '../config/inputs.js'
import { LabelSession } from '../run/label-session.js'
import { decisionOutputs } from '../presentation/outputs.js'
import { setStateReport } from '../presentation/set-state-report.js'
import {
  type SummaryContext,
  renderSetStateSummary,
  writeSummary
} from '../presentation/summary.js'

export interface SetStateDependencies {
  readonly github: PullRequestReader
  readonly labels: (known: readonly string[]) => LabelWriter
  readonly runner: RunnerEvent
  readonly now: () => number
  readonly summary: Omit<SummaryContext, 'now'>
}

export async function runSetState(inputs: Inputs, deps: SetStateDependencies): Promise<void> {
  const status = inputs.state
  if (status === undefined) throw new Error('set-state needs the state input')
  const target = readEvent(deps.runner, {
    ...(inputs.prNumber !== undefined && { prNumber: inputs.prNumber }),
    ...(inputs.sha !== undefined && { sha: inputs.sha })
  })
  const data = await deps.github.getPullRequest(target.prNumber)
  const targetSha = resolveTargetSha(target.requestedSha, data.headSha)
  const sha = shortSha(targetSha)
  const session = new LabelSession(deps.labels(data.labels), data.number, data.labels)
  const change = setStateChange(readLabels(data.labels), sha, status, {
    now: deps.now(),
    actor: target.event.sender
  })
  await core.group(`set ${sha} to ${status}`, async () => {
    await session.add(change.add)
    await session.remove(change.remove)
  })
  const report = setStateReport(sha, status, inputs.errorMessage)
  if (report.error !== undefined) core.error(report.error, { title: 'Showtime' })

  const pr = { ...snapshotOf(data), labels: session.state() }
  const outputs = decisionOutputs(
    {
      action: 'no_action',
      reason: `set_state_${status}`,
      buildNeeded: false,
      syncNeeded: false,
      targetSha
    },
    pr,
    { imageRepository: inputs.docker.imageRepository, addressing: addressingOf(inputs) }
  )
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  await writeSummary(
    renderSetStateSummary(pr, sha, status, report.cause, { ...deps.summary, now: deps.now() })
  )
}
