// The action's post step. When a sync run was cancelled or killed after its claim, it left its SHA
// building or deploying and perhaps a service: release the service and leave the commit as a
// failed run leaves it (the same rule as sync's), then tell the PR.

import * as core from '../runner/core.js'
import type { EnvironmentHost } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import { readLabels } from '../domain/label-state.js'
import { statusClass } from '../domain/show.js'
import { failureChange, statusChange } from '../domain/status-change.js'
import type { LabelWriter } from '../github/labels.js'
import type { PullRequestReader } from '../github/pull-requests.js'
import { type InFlight, releaseResources } from '../run/in-flight.js'
import { LabelSession } from '../run/label-session.js'
import type { Notifier } from '../run/notifier.js'

export interface PostDependencies {
  readonly github: PullRequestReader
  readonly labels: (known: readonly string[]) => LabelWriter
  readonly host: () => Promise<EnvironmentHost>
  /** The shared load balancer, when the inputs name one. */
  readonly balancer?: () => Promise<LoadBalancerHost>
  readonly notifier: (pr: number, commentCount: number, deploymentId?: number) => Notifier
}

export async function releaseInFlight(inFlight: InFlight, deps: PostDependencies): Promise<void> {
  const data = await deps.github.getPullRequest(inFlight.pr)
  const state = readLabels(data.labels)
  const show = state.shows.find((s) => s.sha === inFlight.sha)
  const session = new LabelSession(deps.labels(data.labels), inFlight.pr, data.labels)
  if (show && statusClass(show.status) === 'running') {
    // It went live just before it was stopped: keep it, drop the status it was leaving.
    core.info(`${inFlight.sha} went live before the run stopped: it stays`)
    await session.remove(statusChange(state, inFlight.sha, 'running').remove)
    return
  }
  core.warning(
    `The sync of ${inFlight.sha} on PR #${inFlight.pr} did not finish: releasing what it held`
  )
  await releaseResources(inFlight, deps.host, deps.balancer)
  if (!show || statusClass(show.status) !== 'in-progress') return
  const change = failureChange(state, inFlight.sha, inFlight.servedBefore)
  await session.add(change.add)
  await session.remove(change.remove)
  if (inFlight.servedBefore) return
  const notifier = deps.notifier(inFlight.pr, data.comments, inFlight.deploymentId)
  await notifier.comment(
    { kind: 'failed', cause: 'the run was cancelled or stopped before it finished' },
    inFlight.sha
  )
  await notifier.deploymentFinished('failure')
}
