// sync: decide as check does, then carry out the planned steps: claim, build, deploy, go live,
// tear down the other commits (or everything, for stop and close). Every label write goes through
// the LabelSession; every decision was made by the planner.

import * as core from '@actions/core'
import { setTimeout as sleep } from 'node:timers/promises'
import type { EnvironmentHost } from '../aws/ecs.js'
import { type DeployResult, type Timing, deployEnvironment } from '../deploy.js'
import type { ImageBuilder } from '../docker.js'
import { parseFeatureFlags } from '../domain/feature-flags.js'
import { parseCreatedAt, parseLabel } from '../domain/labels.js'
import type { Decision, Step } from '../domain/planner.js'
import type { PullRequestSnapshot } from '../domain/pull-request.js'
import { isManagedService } from '../domain/cleanup-plan.js'
import { serviceName, shortSha, statusClass } from '../domain/show.js'
import {
  type LabelChange,
  goLiveChange,
  statusChange,
  statusLabels
} from '../domain/status-change.js'
import { type TaskDefinitionTemplate, renderTaskDefinition } from '../domain/task-definition.js'
import { ttlMilliseconds } from '../domain/ttl.js'
import { oneLine } from '../errors.js'
import type { LabelWriter } from '../github/labels.js'
import type { PullRequestReader } from '../github/pull-requests.js'
import type { Inputs } from '../inputs.js'
import { LabelSession } from '../label-session.js'
import { decisionOutputs } from '../outputs.js'
import { escapeHtml, logDecision, writeDecisionSummary } from '../report.js'
import type { Notifier } from '../notifier.js'
import { runState } from '../run-state.js'
import { type CheckDependencies, decideForEvent } from './check.js'

/** The address dry-run-aws reports (the one the Python tool faked). */
export const DRY_RUN_IP = '52.1.2.3'

export interface SyncDependencies extends CheckDependencies {
  readonly github: PullRequestReader
  readonly labels: (known: readonly string[]) => LabelWriter
  readonly host: () => Promise<EnvironmentHost>
  readonly builder: ImageBuilder
  readonly template: () => Promise<TaskDefinitionTemplate>
  readonly timing: Timing
  readonly repository: string
  readonly notifier: (pr: number, commentCount: number) => Notifier
}

export type SyncOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'claim-lost' }
  | { readonly kind: 'superseded'; readonly why: string }
  | { readonly kind: 'failed'; readonly phase: string; readonly cause: string }

/** Raised when another run removed this run's labels (a stop, a close, or a newer roll-out). */
class Superseded extends Error {}

export async function runSync(inputs: Inputs, deps: SyncDependencies): Promise<void> {
  const { pr, data, decision, explicitSha, sender } = await decideForEvent(inputs, deps)
  logDecision(decision)
  const session = new LabelSession(
    deps.labels(data.labels),
    pr.number,
    data.labels,
    inputs.dryRun.github
  )
  const notifier = deps.notifier(pr.number, data.comments)
  const run = new SyncRun(
    inputs,
    deps,
    pr,
    decision,
    session,
    data.body,
    explicitSha,
    sender,
    notifier
  )
  const outcome = decision.syncNeeded ? await run.execute() : ({ kind: 'done' } as const)

  const after: PullRequestSnapshot = { ...pr, labels: session.state() }
  const outputs = decisionOutputs(decision, after, {
    imageRepository: inputs.docker.imageRepository,
    containerPort: inputs.containerPort
  })
  if (outcome.kind === 'claim-lost' || outcome.kind === 'superseded') {
    outputs.sync_needed = 'false'
    outputs.build_needed = 'false'
  }
  for (const [name, value] of Object.entries(outputs)) core.setOutput(name, value)

  const title = `🎪 Showtime sync: PR #${pr.number}`
  core.summary.addRaw(`<p><b>Outcome:</b> ${describeOutcome(outcome)}</p>`, true)
  if (run.phases.length > 0) {
    core.summary.addTable([
      [
        { data: 'Phase', header: true },
        { data: 'Seconds', header: true }
      ],
      ...run.phases.map((p) => [p.name, (p.ms / 1000).toFixed(1)])
    ])
  }
  await writeDecisionSummary(title, after, decision, inputs.containerPort, deps.now())

  switch (outcome.kind) {
    case 'claim-lost':
      core.notice('Another run claimed this PR first: this one does nothing.')
      break
    case 'superseded':
      core.notice(`Stopped: ${outcome.why}`)
      break
    case 'failed':
      core.setFailed(`${outcome.phase} failed: ${outcome.cause}`)
      break
  }
}

function describeOutcome(outcome: SyncOutcome): string {
  switch (outcome.kind) {
    case 'done':
      return 'done'
    case 'claim-lost':
      return 'another run claimed the PR first; nothing was done'
    case 'superseded':
      return `stopped: ${outcome.why}`
    case 'failed':
      return `${outcome.phase} failed: ${outcome.cause}`
  }
}

class SyncRun {
  readonly phases: { name: string; ms: number }[] = []
  private claimed = false
  private live = false
  private phase = 'claim'
  private phaseStarted: number | undefined
  private createdService = false
  private previousTaskDefinition: string | undefined
  private deployed: DeployResult | undefined
  private hostInstance: EnvironmentHost | undefined

  constructor(
    private readonly inputs: Inputs,
    private readonly deps: SyncDependencies,
    private readonly pr: PullRequestSnapshot,
    private readonly decision: Decision,
    private readonly session: LabelSession,
    private readonly body: string,
    private readonly explicitSha: boolean,
    private readonly sender: string,
    private readonly notifier: Notifier
  ) {}

  private get sha(): string {
    return shortSha(this.decision.targetSha)
  }

  private get service(): string {
    return serviceName(this.pr.number, this.decision.targetSha)
  }

  async execute(): Promise<SyncOutcome> {
    try {
      const refused = await this.refuseOverCap()
      if (refused) return refused
      for (const step of this.decision.steps) {
        const outcome = await this.timed(step, () => this.run(step))
        if (outcome) return outcome
      }
      runState.clear()
      if (this.decision.action === 'destroy_environment' && this.pr.labels.shows.length > 0) {
        const why = this.pr.state === 'closed' ? 'closed' : 'stopped'
        await this.notifier.comment({ kind: 'torn-down', why }, this.decision.targetSha)
        await this.notifier.deploymentsGone()
      }
      return { kind: 'done' }
    } catch (error) {
      if (error instanceof Superseded) {
        await this.release()
        runState.clear()
        return { kind: 'superseded', why: error.message }
      }
      const cause = oneLine(error)
      if (this.claimed) await this.fail(cause)
      runState.clear()
      return { kind: 'failed', phase: this.phase, cause }
    }
  }

  /** Runs one step in a log group and counts its time to its phase (claim, build, deploy, health,
   * teardown); a deploy's health check counts as health. */
  private async timed(step: Step, body: () => Promise<SyncOutcome | undefined>) {
    this.enter(phaseOf(step))
    try {
      return await core.group(
        `${phaseOf(step)}: ${step.kind}${'sha' in step ? ` ${step.sha}` : ''}`,
        body
      )
    } finally {
      this.closePhase()
    }
  }

  private enter(phase: string): void {
    this.closePhase()
    this.phase = phase
    this.phaseStarted = Date.now()
  }

  private closePhase(): void {
    if (this.phaseStarted === undefined) return
    const ms = Date.now() - this.phaseStarted
    this.phaseStarted = undefined
    const last = this.phases.at(-1)
    if (last?.name === this.phase) last.ms += ms
    else this.phases.push({ name: this.phase, ms })
  }

  private async run(step: Step): Promise<SyncOutcome | undefined> {
    switch (step.kind) {
      case 'claim':
        return step.via === 'trigger'
          ? this.claimTrigger(step.labels)
          : this.claimCommit(step.labels)
      case 'labels':
        await this.session.add(step.add)
        await this.session.remove(step.remove)
        return undefined
      case 'build':
        // The building labels are on the PR now: say so in the comment and the deployment.
        await this.notifier.comment(
          { kind: 'building' },
          this.decision.targetSha,
          this.commentFacts()
        )
        await this.notifier.deploymentStarted(this.decision.targetSha)
        if (this.inputs.dryRun.docker) core.info(`[dry-run-docker] would build ${step.image}`)
        else await this.deps.builder.build({ ...this.inputs.docker, image: step.image })
        return undefined
      case 'status':
        await this.change(step.sha, statusChange(this.session.state(), step.sha, step.status))
        return undefined
      case 'deploy':
        this.deployed = await this.deploy(step.image)
        return undefined
      case 'go-live': {
        const ip = this.deployed?.ip ?? DRY_RUN_IP
        const change = goLiveChange(
          this.session.state(),
          step.sha,
          { ip, port: this.inputs.containerPort },
          step.removePointers
        )
        await this.change(step.sha, change)
        // Live from here on: nothing of this run may be released any more.
        this.live = true
        this.createdService = false
        this.previousTaskDefinition = undefined
        runState.clear()
        const url = `http://${ip}:${this.inputs.containerPort}`
        core.info(`${step.sha} is live at ${url}`)
        await this.notifier.comment(
          { kind: 'running', url },
          this.decision.targetSha,
          this.commentFacts()
        )
        await this.notifier.deploymentFinished('success', url)
        return undefined
      }
      case 'teardown':
        await this.teardown(step.sha, step.service)
        return undefined
      case 'notify':
        await this.notifier.comment(
          step.about === 'fork-held'
            ? { kind: 'fork-held' }
            : {
                kind: 'unauthorised',
                login: this.sender,
                roles: this.inputs.allowedPermissions
              },
          this.decision.targetSha
        )
        return undefined
    }
  }

  /** With max-environments set, a PR without a live environment may not start one while the
   * cluster already runs that many (a roll-over replaces the PR's own, so it is always allowed). */
  private async refuseOverCap(): Promise<SyncOutcome | undefined> {
    const cap = this.inputs.maxEnvironments
    if (cap === 0 || this.decision.action !== 'create_environment' || this.inputs.dryRun.aws)
      return undefined
    const live = (s: { status: string }) =>
      ['running', 'in-progress'].includes(statusClass(s.status))
    if (this.pr.labels.shows.some(live)) return undefined
    const count = (await (await this.host()).listServices()).filter(isManagedService).length
    if (count < cap) return undefined
    await this.session.remove(this.pr.labels.triggerLabels)
    await this.notifier.comment({ kind: 'over-cap', live: count, cap }, this.decision.targetSha)
    const cause = `${count} environments run already, the most that max-environments allows (${cap}): stop one, or wait for cleanup, then add the start label again`
    return { kind: 'failed', phase: 'claim', cause }
  }

  private async claimTrigger(labels: readonly string[]): Promise<SyncOutcome | undefined> {
    const [gate, ...rest] = labels
    if (gate === undefined) return undefined
    if (!(await this.session.take(gate))) return { kind: 'claim-lost' }
    this.markClaimed()
    await this.session.remove(rest)
    return undefined
  }

  /** No trigger to take: write the building labels, then re-read. A run whose commit is no longer
   * the PR's head backs off (the newer commit's run rolls out), unless the commit was named. */
  private async claimCommit(labels: readonly string[]): Promise<SyncOutcome | undefined> {
    await this.session.add(labels)
    // Saved before the re-read, so that a run killed now is released by its post step.
    this.markClaimed()
    if (this.inputs.dryRun.github) return undefined
    const fresh = await this.deps.github.getPullRequest(this.pr.number)
    this.session.refresh(fresh.labels)
    const newer = !this.explicitSha && !fresh.headSha.startsWith(this.sha)
    if (fresh.state === 'closed' || newer) {
      await this.session.remove(labels.filter((l) => parseLabel(l).kind !== 'ttl'))
      const why =
        fresh.state === 'closed'
          ? 'the PR was closed'
          : `the PR moved on to ${shortSha(fresh.headSha)}`
      runState.clear()
      return { kind: 'superseded', why: `${why}; ${this.sha} is not rolled out` }
    }
    return undefined
  }

  /** Who asked, when, and for how long, as the labels now say. */
  private commentFacts() {
    const state = this.session.state()
    const show = state.shows.find((s) => s.sha === this.sha)
    const created = show?.createdAt ? parseCreatedAt(show.createdAt) : undefined
    const ttl = state.ttl ?? this.inputs.ttl
    const lifetime = ttlMilliseconds(ttl)
    return {
      ...(show?.requester && { requester: show.requester }),
      ...(created !== undefined && { createdAt: created }),
      ttl: ttl.text,
      ...(created !== undefined && Number.isFinite(lifetime) && { expiresAt: created + lifetime })
    }
  }

  private markClaimed(): void {
    this.claimed = true
    if (this.decision.action === 'create_environment') {
      runState.save({
        pr: this.pr.number,
        sha: this.sha,
        service: this.service,
        createdService: false
      })
    }
  }

  /** Apply a change to one SHA's labels; if its status label vanished meanwhile, another run tore
   * it down: undo the addition and stop. */
  private async change(sha: string, change: LabelChange): Promise<void> {
    const before = statusLabels(this.session.state(), sha)
    await this.session.add(change.add)
    if (before.length > 0 && !before.some((label) => this.session.has(label))) {
      await this.session.remove(change.add)
      throw new Superseded(
        `the labels of ${sha} were removed by another run (stop, close or a newer roll-out)`
      )
    }
    await this.session.remove(change.remove)
  }

  private async host(): Promise<EnvironmentHost> {
    this.hostInstance ??= await this.deps.host()
    return this.hostInstance
  }

  private async deploy(image: string): Promise<DeployResult> {
    if (this.inputs.dryRun.aws) {
      core.info(
        `[dry-run-aws] would deploy ${this.service}; waiting ${this.inputs.awsSleepSeconds} s instead`
      )
      await sleep(this.inputs.awsSleepSeconds * 1000)
      return { ip: DRY_RUN_IP }
    }
    const { flags, skipped } = parseFeatureFlags(this.body)
    for (const text of skipped) core.warning(`feature flag "${text}" ignored: use true or false`)
    if (flags.length > 0)
      core.info(`feature flags: ${flags.map((f) => `${f.name}=${f.value}`).join(', ')}`)
    const now = this.deps.now()
    const ttl = this.session.state().ttl ?? this.inputs.ttl
    const expires = ttlMilliseconds(ttl)
    const taskDefinition = renderTaskDefinition(await this.deps.template(), {
      image,
      containerPort: this.inputs.containerPort,
      flags
    })
    const requester =
      this.session.state().shows.find((s) => s.sha === this.sha)?.requester ?? 'unknown'
    return deployEnvironment(
      await this.host(),
      {
        service: this.service,
        taskDefinition: taskDefinition as Record<string, unknown>,
        subnets: this.inputs.aws.subnets,
        securityGroups: this.inputs.aws.securityGroups,
        containerPort: this.inputs.containerPort,
        healthPath: this.inputs.healthPath,
        tags: {
          pr: String(this.pr.number),
          sha: this.sha,
          repository: this.deps.repository,
          requester,
          created: String(Math.floor(now / 1000)),
          'expires-at': Number.isFinite(expires)
            ? String(Math.floor((now + expires) / 1000))
            : 'never',
          showtime_managed: 'true'
        }
      },
      this.deps.timing,
      {
        serviceCreated: () => {
          this.createdService = true
          runState.save({
            pr: this.pr.number,
            sha: this.sha,
            service: this.service,
            createdService: true
          })
        },
        healthCheckStarted: () => this.enter('health'),
        serviceUpdated: (previous) => {
          this.previousTaskDefinition = previous
          runState.save({
            pr: this.pr.number,
            sha: this.sha,
            service: this.service,
            createdService: false,
            ...(previous && { previousTaskDefinition: previous })
          })
        }
      }
    )
  }

  private async teardown(sha: string, service: string): Promise<void> {
    if (this.inputs.dryRun.aws) core.info(`[dry-run-aws] would delete ${service}`)
    else {
      const result = await (await this.host()).deleteService(service)
      core.info(result === 'deleted' ? `deleted ${service}` : `${service} was already gone`)
    }
    const state = this.session.state()
    const show = state.shows.find((s) => s.sha === sha)
    const stray = state.strayLabels.filter((name) => name.includes(` ${sha}`))
    await this.session.remove([...(show?.labels ?? []), ...stray])
  }

  /** Give back what this run created: its new service, or the old task definition. */
  private async release(): Promise<void> {
    if (this.inputs.dryRun.aws) return
    try {
      if (this.createdService) {
        await (await this.host()).deleteService(this.service)
        core.info(`released ${this.service}`)
      } else if (this.previousTaskDefinition) {
        await (await this.host()).updateService(this.service, this.previousTaskDefinition)
        core.info(`rolled ${this.service} back to ${this.previousTaskDefinition}`)
      }
    } catch (error) {
      core.warning(
        `could not release ${this.service}: ${oneLine(error)} (the next cleanup deletes it)`
      )
    }
  }

  /** After a failure: release what was created and mark the SHA failed. A forced rebuild that
   * failed goes back to the running environment it replaced, which kept serving. */
  private async fail(cause: string): Promise<void> {
    core.summary.addRaw(`<p><b>Cause:</b> ${escapeHtml(cause)}</p>`, true)
    if (this.decision.action !== 'create_environment' || this.live) return
    await this.release()
    await this.notifier.comment(
      { kind: 'failed', cause },
      this.decision.targetSha,
      this.commentFacts()
    )
    await this.notifier.deploymentFinished('failure')
    try {
      // An address on the SHA before this run means an earlier deployment of it still serves (a
      // forced rebuild): it stays running. Otherwise the SHA is failed, and whatever this run's
      // go-live had already written (its address, its pointer) comes off again.
      const serving = this.pr.labels.shows.some((s) => s.sha === this.sha && s.ip !== undefined)
      const status = serving ? 'running' : 'failed'
      await this.session.add(statusChange(this.session.state(), this.sha, status).add)
      const state = this.session.state()
      const leftovers = serving
        ? []
        : state.showtimeLabels.filter((name) => {
            const parsed = parseLabel(name)
            return (parsed.kind === 'ip' || parsed.kind === 'pointer') && parsed.sha === this.sha
          })
      await this.session.remove([...statusChange(state, this.sha, status).remove, ...leftovers])
    } catch (error) {
      core.warning(`could not mark ${this.sha} failed: ${oneLine(error)}`)
    }
  }
}

function phaseOf(step: Step): string {
  switch (step.kind) {
    case 'claim':
    case 'labels':
    case 'notify':
      return 'claim'
    case 'build':
      return 'build'
    case 'status':
    case 'deploy':
      return 'deploy'
    case 'go-live':
      return 'health'
    case 'teardown':
      return 'teardown'
  }
}
