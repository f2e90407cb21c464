// check: decide what the event means for the PR and say so in the outputs. Writes nothing to
// GitHub. Costs one request (the PR), plus one for the sender's role when a trigger needs it.

import * as core from '../runner/core.js'
import { STALE_IN_PROGRESS_MS, SYNC_REQUEST_RESERVE } from '../config/defaults.js'
import {
  type Decision,
  type LiveEnvironment,
  type PlanInput,
  type Policy,
  impliedPermission,
  plan
} from '../domain/planner.js'
import { namedByWorkflow } from '../domain/claim.js'
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

/** Reads the facts and plans: shared by check and sync. */
export async function decideForEvent(
  inputs: Inputs,
  deps: CheckDependencies
): Promise<CheckResult> {
  const target = readEvent(deps.runner, {
    ...(inputs.prNumber !== undefined && { prNumber: inputs.prNumber }),
    ...(inputs.sha !== undefined && { sha: inputs.sha })
  })
  const data = await deps.github.getPullRequest(target.prNumber)
  const pr = snapshotOf(data)
  logLabelProblems(pr.labels)
  const policy = policyFrom(inputs)
  const base = {
    pr,
    event: target.event,
    targetSha: resolveTargetSha(target.requestedSha, pr.headSha),
    now: deps.now(),
    policy
  }
  const login = target.event.sender
  // Plan with what is known; the planner names the one fact it misses, which is fetched (the
  // sender's role, the running environments) and the plan made again.
  let input: PlanInput = {
    ...base,
    actor: withPermission(login, impliedPermission(target.event, pr, policy))
  }
  let decision = plan(input)
  for (let asked = 0; asked < 2; asked++) {
    if (decision.needsPermission) {
      const permission = await deps.github.getPermission(login)
      core.info(`${login} has the ${permission} role`)
      input = { ...input, actor: { login, permission } }
    } else if (decision.needsEnvironmentCount) {
      const environments = await deps.environments()
      if (environments === undefined) {
        // Not countable here (no AWS in this step, or a dry run): the cap is left to sync.
        core.info('max-environments: the running environments are not counted in this step')
      } else {
        core.info(`${environments.length} environments of this repository run in the cluster`)
      }
      input = { ...input, liveEnvironments: environments ?? [] }
    } else break
    decision = plan(input)
  }
  const explicitSha = namedByWorkflow({
    shaInput: inputs.sha !== undefined,
    event: target.event.kind,
    eventSha: target.requestedSha !== undefined
  })
  return { pr, data, decision, explicitSha, sender: login }
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
