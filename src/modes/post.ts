// The action's post step. When a sync run was cancelled or killed after its claim, it left its SHA
// building or deploying and perhaps a service: what it leaves is decided by the same rule as a
// failed sync's (domain/failed-run.ts) and carried out by the same code (run/failed-run.ts).

import * as core from '../runner/core.js'
import type { EnvironmentHost } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import { environmentFacts } from '../domain/environment-facts.js'
import { failedRunOutcome, wentLive } from '../domain/failed-run.js'
import { readLabels } from '../domain/label-state.js'
import type { Ttl } from '../domain/ttl.js'
import type { LabelWriter } from '../github/labels.js'
import type { PullRequestReader } from '../github/pull-requests.js'
import { INTERRUPTED_RUN } from '../presentation/comment.js'
import { leaveFailedRun } from '../run/failed-run.js'
import type { InFlight } from '../run/in-flight.js'
import { LabelSession } from '../run/label-session.js'
import type { Notifier } from '../run/notifier.js'
import { OwnershipCheck } from '../run/ownership.js'

export interface PostDependencies {
  readonly github: PullRequestReader
  readonly labels: (known: readonly string[]) => LabelWriter
  readonly host: () => Promise<EnvironmentHost>
  /** The shared load balancer, when the inputs name one. */
  readonly balancer?: () => Promise<LoadBalancerHost>
  readonly notifier: (pr: number, commentCount: number, deploymentId?: number) => Notifier
  /** The ttl input: the lifetime the comment names when the PR has no ⌛ label. */
  readonly ttl: Ttl
  /** owner/repo and adopt-untagged-services: whose a resource is, before it is released. */
  readonly repository: string
  readonly adoptUntagged: boolean
}

export async function releaseInFlight(inFlight: InFlight, deps: PostDependencies): Promise<void> {
  const data = await deps.github.getPullRequest(inFlight.pr)
  const labels = readLabels(data.labels)
  const outcome = failedRunOutcome(labels, {
    sha: inFlight.sha,
    servedBefore: inFlight.servedBefore,
    live: wentLive(labels, inFlight.sha)
  })
  if (outcome.kind === 'went-live') {
    core.info(`${inFlight.sha} went live before the run stopped: it stays`)
  } else {
    core.warning(
      `The sync of ${inFlight.sha} on PR #${inFlight.pr} did not finish: releasing what it held`
    )
  }
  const problems: string[] = []
  const notifier = deps.notifier(inFlight.pr, data.comments, inFlight.deploymentId)
  if (outcome.kind === 'failed') await notifier.findUnrecordedDeployment(inFlight.sha)
  await leaveFailedRun(
    outcome,
    {
      record: inFlight,
      host: deps.host,
      ...(deps.balancer && { balancer: deps.balancer }),
      ownership: new OwnershipCheck(
        { host: deps.host, ...(deps.balancer && { balancer: deps.balancer }) },
        { repository: deps.repository, adoptUntagged: deps.adoptUntagged }
      ),
      session: new LabelSession(deps.labels(data.labels), inFlight.pr, data.labels),
      notifier,
      commit: inFlight.sha,
      cause: INTERRUPTED_RUN,
      facts: environmentFacts(labels, inFlight.sha, deps.ttl)
    },
    (problem) => problems.push(problem)
  )
  if (problems.length > 0) throw new Error(problems.join('; '))
}
