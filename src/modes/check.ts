// check: decide what the event means for the PR and say so in the outputs. Writes nothing to
// GitHub. Costs nothing when the event's payload shows a PR on which it changes nothing; else one
// request (the PR), plus one for the sender's role when a trigger needs it, and two or three when
// a stop trigger's origin must be read from the timeline.

import * as core from '../runner/core.js'
import { STALE_IN_PROGRESS_MS, SYNC_REQUEST_RESERVE } from '../config/defaults.js'
import {
  type Decision,
  type LiveEnvironment,
  type PlanInput,
  type Policy,
  type StopOrigin,
  impliedPermission,
  plan
} from '../domain/planner.js'
import { namedByWorkflow } from '../domain/claim.js'
import { TRIGGER_STOP } from '../domain/labels.js'
import { standsOnPayload } from '../domain/payload-decision.js'
import { shortSha } from '../domain/show.js'
import { lastAddedBy } from '../domain/stop-origin.js'
import type { PullRequestSnapshot } from '../domain/pull-request.js'
import { type RunnerEvent, readEvent, resolveTargetSha } from '../config/event.js'
import type { RateBudget } from '../github/client.js'
import {
  type PullRequestData,
  type PullRequestReader,
  snapshotOf
} from '../github/pull-requests.js'
import { type Inputs, addressingOf } from '../config/inputs.js'
import { decisionOutputs } from '../presentation/outputs.js'
import {
  type SummaryContext,
  logDecision,
  logLabelProblems,
  renderCheckSummary,
  writeSummary
} from '../presentation/summary.js'

export interface CheckDependencies {
  readonly github: PullRequestReader
  readonly runner: RunnerEvent
  readonly now: () => number
  /** This repository's environments in the cluster (asked only when max-environments could
   * refuse a new one); undefined when they cannot be counted here. */
  readonly environments: () => Promise<readonly LiveEnvironment[] | undefined>
  /** The full commit the service of the PR's commit records (its `sha` tag); null when none
   * proves one, or when the cluster cannot be read here. */
  readonly runningCommit: (pr: number, sha: string) => Promise<string | null>
  readonly budget: RateBudget
  /** Where the summary links to (the repository, the AWS console). */
  readonly summary: Omit<SummaryContext, 'now'>
}

export interface CheckResult {
  readonly pr: PullRequestSnapshot
  readonly data: PullRequestData
  readonly decision: Decision
  /** The commit was named (sha input or dispatch sha), not taken from the PR's head. */
  readonly explicitSha: boolean
  /** Who caused the event, as readEvent found it. */
  readonly sender: string
  /** What the decision was planned from, facts included. */
  readonly input: PlanInput
}

export function policyFrom(inputs: Inputs): Policy {
  return {
    allowedPermissions: inputs.allowedPermissions,
    staleAfterMs: STALE_IN_PROGRESS_MS,
    defaultTtl: inputs.ttl.text,
    imageRepository: inputs.docker.imageRepository,
    containerPort: inputs.containerPort,
    maxEnvironments: inputs.maxEnvironments
  }
}

/** Reads the facts and plans: shared by check and sync. An event whose payload shows a PR on
 * which it changes nothing is decided from that payload alone, without a request to GitHub. */
export async function decideForEvent(
  inputs: Inputs,
  deps: CheckDependencies
): Promise<CheckResult> {
  const target = readEvent(deps.runner, {
    ...(inputs.prNumber !== undefined && { prNumber: inputs.prNumber }),
    ...(inputs.sha !== undefined && { sha: inputs.sha })
  })
  const explicitSha = namedByWorkflow({
    shaInput: inputs.sha !== undefined,
    event: target.event.kind,
    eventSha: target.requestedSha !== undefined
  })
  const login = target.event.sender
  const planFor = async (data: PullRequestData, github: boolean): Promise<CheckResult> => {
    const pr = snapshotOf(data)
    const policy = policyFrom(inputs)
    const { decision, input } = await planWithFacts(
      deps,
      {
        pr,
        event: target.event,
        targetSha: resolveTargetSha(target.requestedSha, pr.headSha),
        now: deps.now(),
        policy,
        actor: withPermission(login, impliedPermission(target.event, pr, policy))
      },
      github
    )
    return { pr, data, decision, explicitSha, sender: login, input }
  }

  const payload = target.payloadPullRequest
  if (payload !== undefined) {
    const fromPayload = await planFor(payload, false)
    const { pr, decision } = fromPayload
    if (standsOnPayload(decision, pr.labels, target.event)) {
      core.info('decided from the event payload: no request to GitHub')
      logLabelProblems(pr.labels)
      return fromPayload
    }
  }
  const result = await planFor(await deps.github.getPullRequest(target.prNumber), true)
  logLabelProblems(result.pr.labels)
  return result
}

/**
 * Plans with what is known; the planner names the one fact it misses, which is fetched (the
 * sender's role, the running environments, the commit a running environment records, who added
 * a stop trigger) and the plan made again. Without `github`, only facts from AWS are fetched: a
 * plan that needs one from GitHub is returned as it is.
 */
async function planWithFacts(
  deps: CheckDependencies,
  first: PlanInput,
  github: boolean
): Promise<{ decision: Decision; input: PlanInput }> {
  let input = first
  let decision = plan(input)
  for (let asked = 0; asked < 4; asked++) {
    if (decision.needsRunningCommit) {
      const commit = await deps.runningCommit(input.pr.number, input.targetSha)
      core.info(
        commit === null
          ? `the service of ${shortSha(input.targetSha)} records no full commit`
          : `the service of ${shortSha(input.targetSha)} runs ${commit}`
      )
      input = { ...input, runningCommit: commit }
    } else if (decision.needsEnvironmentCount) {
      const environments = await deps.environments()
      if (environments === undefined) {
        // Not countable here (no AWS in this step, or a dry run): the cap is left to sync.
        core.info('max-environments: the running environments are not counted in this step')
      } else {
        core.info(`${environments.length} environments of this repository run in the cluster`)
      }
      input = { ...input, liveEnvironments: environments ?? [] }
    } else if (!github) {
      break
    } else if (decision.needsPermission) {
      const { login } = input.actor
      const permission = await deps.github.getPermission(login)
      core.info(`${login} has the ${permission} role`)
      input = { ...input, actor: { login, permission } }
    } else if (decision.needsStopOrigin) {
      input = { ...input, stopOrigin: await stopOrigin(deps.github, input.pr.number) }
    } else break
    decision = plan(input)
  }
  return { decision, input }
}

/** Who added the stop trigger on the PR, by its timeline, with that user's role. */
export async function stopOrigin(
  github: PullRequestReader,
  pr: number
): Promise<StopOrigin | null> {
  const login = lastAddedBy(await github.labelEvents(pr), TRIGGER_STOP)
  if (login === undefined) {
    core.info(`the timeline does not say who added ${TRIGGER_STOP}: it waits for its own run`)
    return null
  }
  const permission = await github.getPermission(login)
  core.info(`${TRIGGER_STOP} was added by ${login}, who has the ${permission} role`)
  return { login, permission }
}

function withPermission(
  login: string,
  permission: Policy['allowedPermissions'][number] | undefined
) {
  return permission === undefined ? { login } : { login, permission }
}

export async function runCheck(inputs: Inputs, deps: CheckDependencies): Promise<void> {
  const { pr, decision } = await decideForEvent(inputs, deps)
  logDecision(decision)
  // Nothing is built for a sync that could not finish within the token's budget.
  if (decision.syncNeeded) deps.budget.require(SYNC_REQUEST_RESERVE, 'The sync after this check')
  const outputs = decisionOutputs(decision, pr, {
    imageRepository: inputs.docker.imageRepository,
    addressing: addressingOf(inputs)
  })
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)
  await writeSummary(renderCheckSummary(pr, decision, { ...deps.summary, now: deps.now() }))
}
