// The action's post step. When a sync run was cancelled or killed after its claim, it left its SHA
// building or deploying and perhaps a service: mark the SHA failed and release the service.

import * as core from '@actions/core'
import type { EnvironmentHost } from './aws/ecs.js'
import { readLabels } from './domain/label-state.js'
import { statusChange, statusLabels } from './domain/status-change.js'
import type { LabelWriter } from './github/labels.js'
import type { PullRequestReader } from './github/pull-requests.js'
import { LabelSession } from './label-session.js'
import { statusClass } from './domain/show.js'
import type { InFlight } from './run-state.js'

export interface PostDependencies {
  readonly github: PullRequestReader
  readonly labels: (known: readonly string[]) => LabelWriter
  readonly host: () => Promise<EnvironmentHost>
}

export async function releaseInFlight(inFlight: InFlight, deps: PostDependencies): Promise<void> {
  const data = await deps.github.getPullRequest(inFlight.pr)
  const state = readLabels(data.labels)
  const show = state.shows.find((s) => s.sha === inFlight.sha)
  const session = new LabelSession(deps.labels(data.labels), inFlight.pr, data.labels, false)
  if (show && statusClass(show.status) === 'running') {
    // It went live just before it was stopped: keep it, drop the status it was leaving.
    core.info(`${inFlight.sha} went live before the run stopped: it stays`)
    await session.remove(statusChange(state, inFlight.sha, 'running').remove)
    return
  }
  core.warning(
    `The sync of ${inFlight.sha} on PR #${inFlight.pr} did not finish: releasing what it held`
  )
  if (inFlight.createdService) {
    const result = await (await deps.host()).deleteService(inFlight.service)
    core.info(
      result === 'deleted' ? `deleted ${inFlight.service}` : `${inFlight.service} was already gone`
    )
  } else if (inFlight.previousTaskDefinition) {
    await (await deps.host()).updateService(inFlight.service, inFlight.previousTaskDefinition)
    core.info(`rolled ${inFlight.service} back to ${inFlight.previousTaskDefinition}`)
  }
  if (!show || statusClass(show.status) !== 'in-progress') return
  // An address from before this run means an earlier deployment of the SHA still serves.
  const status =
    show.ip !== undefined && inFlight.previousTaskDefinition !== undefined ? 'running' : 'failed'
  const change = statusChange(state, inFlight.sha, status)
  await session.add(change.add)
  await session.remove(
    statusLabels(session.state(), inFlight.sha).filter((l) => !change.add.includes(l))
  )
}
