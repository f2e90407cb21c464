// Carries out a sync's planned steps: claim, build, deploy, go live, tear down the other commits
// (or everything, for stop and close). Every label write goes through the LabelSession; every
// choice is the planner's or another domain rule's (claim, sync-steps, finished-run, failed-run,
// environment-facts, environment-spec): this runs the steps, keeps the in-flight record for the
// post step, and answers how the run ended.

import * as core from '../runner/core.js'
import type { EnvironmentHost } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import type { Inputs } from '../config/inputs.js'
import { addressingOf } from '../config/inputs.js'
import type { ImageBuilder } from '../docker/build.js'
import { placementOf } from '../domain/capacity.js'
import {
  claimUndo,
  removedByAnotherRun,
  settleAmbiguousClaim,
  triggerClaim
} from '../domain/claim.js'
import { deployTagFacts, environmentFacts, noticeSubject } from '../domain/environment-facts.js'
import { environmentSpec } from '../domain/environment-spec.js'
import { failedRunOutcome, recordsInFlight, servedBefore } from '../domain/failed-run.js'
import { finishedRunNotices } from '../domain/finished-run.js'
import { type CheckpointVerdict, checkpoint } from '../domain/checkpoint.js'
import { afterBuild } from '../domain/superseded-commit.js'
import { TRIGGER_STOP } from '../domain/labels.js'
import {
  type Decision,
  type Notice,
  type Step,
  type StopOrigin,
  supersededBy
} from '../domain/planner.js'
import type { PullRequestSnapshot } from '../domain/pull-request.js'
import { deployedImage, serviceName, targetGroupName } from '../domain/resources.js'
import { shortSha } from '../domain/show.js'
import {
  type LabelChange,
  commitLabels,
  goLiveChange,
  labelsAhead,
  statusChange,
  statusLabels
} from '../domain/status-change.js'
import { routeRemovalStep, stepPhase } from '../domain/sync-steps.js'
import {
  type TaskDefinitionTemplate,
  logLocation as logLocationOf
} from '../domain/task-definition.js'
import { oneLine } from '../errors.js'
import { type PullRequestReader, snapshotOf } from '../github/pull-requests.js'
import type { HealthProbe } from '../http/health-probe.js'
import type { CommentFacts } from '../presentation/comment.js'
import type { ConsoleLinks } from '../presentation/links.js'
import { type DeployResult, type Timing, deployEnvironment } from './deploy.js'
import { type DiagnosisSystems, type TaskDiagnosis, diagnoseFailure } from './diagnose.js'
import { commentFailure, leaveFailedRun } from './failed-run.js'
import { type ArtifactSystems, removeCommitArtifacts } from './image-cleanup.js'
import { buildSpec } from './build-spec.js'
import { InFlightRun, releaseResources } from './in-flight.js'
import type { LabelSession } from './label-session.js'
import type { Notifier } from './notifier.js'
import type { SyncOutcome } from './outcome.js'
import { NotOurs, OwnershipCheck } from './ownership.js'
import { PhaseClock } from './phase-clock.js'
import { PreviewRoute } from './routing.js'
import { wakeEnvironment } from './wake.js'

/** The outside systems a run's steps reach. */
export interface SyncSystems {
  readonly github: PullRequestReader
  readonly host: () => Promise<EnvironmentHost>
  /** The shared load balancer, when the inputs name one. */
  readonly balancer?: () => Promise<LoadBalancerHost>
  readonly builder: ImageBuilder
  readonly template: TaskDefinitionTemplate
  readonly probe: HealthProbe
  readonly timing: Timing
  /** owner/repo. */
  readonly repository: string
  readonly now: () => number
  /** Where the comment links the task's logs and the service's events, when known. */
  readonly console?: ConsoleLinks
  /** CloudWatch Logs, for the last lines of a failed task. */
  readonly logs?: DiagnosisSystems['logs']
  /** ECR, where a torn-down commit's image is removed. */
  readonly registry?: ArtifactSystems['registry']
}

/** Raised when another run removed this run's labels (a stop, a close, or a newer roll-out). */
class Superseded extends Error {}

/** Raised after the build when the PR's head moved on: the run of the newer head deploys. */
class Stale extends Error {}

/** Raised at a checkpoint that stops the run: the PR was closed or stopped, or a fork moved on. */
class Interrupted extends Error {
  constructor(
    readonly verdict: Exclude<CheckpointVerdict, { kind: 'go-on' | 'needs-stop-origin' }>,
    readonly fresh: PullRequestSnapshot,
    readonly stopOrigin: StopOrigin | null | undefined,
    readonly during: 'deploy' | 'wake'
  ) {
    super(verdict.kind)
  }
}

/** What a run works with, fixed once the decision is made. */
export interface SyncContext {
  readonly inputs: Inputs
  readonly deps: SyncSystems
  readonly pr: PullRequestSnapshot
  readonly decision: Decision
  readonly session: LabelSession
  readonly notifier: Notifier
  /** The PR's description, for feature flags. */
  readonly body: string
  /** The commit was named by the workflow (sha input or dispatch), not taken from the head. */
  readonly namedSha: boolean
  /** Who added the stop trigger on the PR, by its timeline, with that user's role. */
  readonly stopOrigin: (pr: number) => Promise<StopOrigin | null>
  /** The decision for the PR as a checkpoint read it (a teardown, for a closed or stopped PR). */
  readonly replan: (
    fresh: PullRequestSnapshot,
    stopOrigin: StopOrigin | null | undefined
  ) => Decision
}

export class SyncRun {
  readonly clock = new PhaseClock()
  /** Whose each resource is, read before it is changed or deleted; what is not ours is listed. */
  readonly ownership: OwnershipCheck
  private readonly inFlight: InFlightRun
  private live = false
  /** The run is waking a sleeping commit, until it is awake. */
  private waking = false
  private deployed: DeployResult | undefined
  private previewRoute: PreviewRoute | undefined
  /** What the build produced: the image by its digest (by its tag only when the build was a
   * dry run). */
  private builtImage: string | undefined

  constructor(private readonly run: SyncContext) {
    const sha = shortSha(run.decision.targetSha)
    this.inFlight = new InFlightRun({
      pr: run.pr.number,
      sha,
      service: serviceName(run.pr.number, sha),
      servedBefore: servedBefore(run.pr.labels, sha, addressingOf(run.inputs))
    })
    const { deps, inputs } = run
    this.ownership = new OwnershipCheck(
      { host: deps.host, ...(deps.balancer && { balancer: deps.balancer }) },
      { repository: deps.repository, adoptUntagged: inputs.aws.adoptUntaggedServices }
    )
  }

  /** The PR's route through the shared load balancer, when there is one. */
  private async route(): Promise<PreviewRoute | undefined> {
    const { inputs, deps, pr } = this.run
    if (!inputs.loadBalancer || !deps.balancer) return undefined
    this.previewRoute ??= new PreviewRoute(
      await deps.balancer(),
      {
        previewDomain: inputs.loadBalancer.previewDomain,
        repository: deps.repository,
        pr: pr.number,
        sourceCidrs: inputs.loadBalancer.allowedSourceCidrs,
        ...(inputs.loadBalancer.signIn && { signIn: inputs.loadBalancer.signIn.Type })
      },
      this.ownership
    )
    return this.previewRoute
  }

  private get sha(): string {
    return shortSha(this.run.decision.targetSha)
  }

  private get service(): string {
    return serviceName(this.run.pr.number, this.run.decision.targetSha)
  }

  async execute(): Promise<SyncOutcome> {
    const { decision, pr, notifier } = this.run
    const routeGoesBefore = routeRemovalStep(decision)
    try {
      for (const [index, step] of decision.steps.entries()) {
        const outcome = await this.timed(step, async () => {
          if (index === routeGoesBefore) await (await this.route())?.remove()
          return this.step(step)
        })
        if (outcome) return outcome
      }
      this.inFlight.done()
      const notices = finishedRunNotices({
        action: decision.action,
        steps: decision.steps,
        prState: pr.state,
        hadEnvironments: pr.labels.shows.length > 0,
        live: this.live
      })
      for (const notice of notices) {
        switch (notice.kind) {
          case 'replaced-deployments-gone':
            await notifier.deploymentsGone({ keepOwn: true })
            break
          case 'torn-down':
            await notifier.comment({ kind: 'torn-down', why: notice.why }, decision.targetSha)
            await notifier.deploymentsGone()
            break
        }
      }
      return { kind: 'done' }
    } catch (error) {
      if (error instanceof Interrupted) return await this.interrupted(error)
      if (error instanceof Stale) {
        await this.fail(error.message, false)
        this.inFlight.done()
        return { kind: 'superseded', why: error.message }
      }
      if (error instanceof Superseded) {
        await this.release()
        this.inFlight.done()
        return { kind: 'superseded', why: error.message }
      }
      const cause = oneLine(error)
      const { deps } = this.run
      const location = logLocationOf(deps.template)
      const diagnosis = await diagnoseFailure(error, {
        ...(deps.logs && { logs: deps.logs }),
        ...(deps.console && { console: deps.console }),
        ...(location && { logLocation: location })
      })
      await this.fail(cause, error instanceof NotOurs, diagnosis)
      this.inFlight.done()
      return { kind: 'failed', phase: this.clock.current, cause, ...(diagnosis && { diagnosis }) }
    } finally {
      this.clock.stop()
    }
  }

  /** Runs one step in a log group and counts its time to its phase; label and comment steps
   * belong to the phase under way. */
  private async timed(step: Step, body: () => Promise<SyncOutcome | undefined>) {
    const phase = stepPhase(step)
    if (phase !== undefined) this.clock.enter(phase)
    const title = `${this.clock.current}: ${step.kind}${'sha' in step ? ` ${step.sha}` : ''}`
    return core.group(title, body)
  }

  private async step(step: Step): Promise<SyncOutcome | undefined> {
    const { session, decision, inputs, deps } = this.run
    switch (step.kind) {
      case 'claim':
        return step.via === 'trigger'
          ? this.claimTrigger(step.labels)
          : this.claimCommit(step.labels)
      case 'labels':
        // A run that builds writes the definitions of its labels while it builds.
        if (decision.buildNeeded) await session.attach(step.add)
        else await session.add(step.add)
        await session.remove(step.remove)
        return undefined
      case 'build': {
        // What decides nothing is written while the image builds; a failed build waits for it, so
        // that its failure is told in full.
        const held: string[] = []
        const aside = core.holdCommands(held, () => this.whileBuilding(step.sha))
        try {
          const built = await deps.builder.build(
            buildSpec(inputs.docker, { kind: 'pull-request', pr: this.run.pr.number }, step.image)
          )
          this.builtImage = deployedImage(step.image, inputs.docker.imageRepository, built.digest)
        } finally {
          await aside
          core.issueHeld(held)
        }
        core.info(`built ${this.builtImage}`)
        return undefined
      }
      case 'status':
        await this.change(step.sha, statusChange(session.state(), step.sha, step.status))
        return undefined
      case 'deploy':
        this.deployed = await this.deploy(this.builtImage ?? step.image)
        return undefined
      case 'go-live':
        await this.goLive(step.sha, step.removePointers)
        return undefined
      case 'teardown':
        await this.teardown(step.sha, step.service)
        return undefined
      case 'wake':
        await this.wake(step.sha, step.service)
        return undefined
      case 'notify':
        await this.notice(step.notices)
        return undefined
    }
  }

  /** The building labels are on the PR: the comment and the deployment say so, and the label
   * definitions known in advance are written. None of it fails the run. */
  private async whileBuilding(sha: string): Promise<void> {
    const { notifier, decision, session } = this.run
    await notifier.comment({ kind: 'building' }, decision.targetSha, this.commentFacts())
    await notifier.deploymentStarted(decision.targetSha)
    this.inFlight.deploymentStarted(notifier.deployment)
    await session.define(labelsAhead(sha))
  }

  private async claimTrigger(labels: readonly string[]): Promise<SyncOutcome | undefined> {
    const { session, decision, deps, pr } = this.run
    const [gate, ...rest] = labels
    if (gate === undefined) return undefined
    const verdict = triggerClaim(await session.take(gate), decision.action)
    if (verdict === 'lost') return { kind: 'claim-lost' }
    if (verdict === 're-read') {
      const fresh = await deps.github.getPullRequest(pr.number)
      session.refresh(fresh.labels)
      if (settleAmbiguousClaim(session.state(), this.sha) === 'lost') return { kind: 'claim-lost' }
      core.info(`the claim of ${gate} was ambiguous; no other run builds ${this.sha}: going on`)
    }
    this.markClaimed()
    await session.remove(rest)
    return undefined
  }

  /** No trigger to take: write the building labels, then re-read, and back off if superseded. */
  private async claimCommit(labels: readonly string[]): Promise<SyncOutcome | undefined> {
    const { session, deps, pr, namedSha } = this.run
    await session.attach(labels)
    // Saved before the re-read, so that a run killed now is released by its post step.
    this.markClaimed()
    const fresh = await deps.github.getPullRequest(pr.number)
    session.refresh(fresh.labels)
    const why = supersededBy(fresh, this.run.decision.targetSha, namedSha)
    if (why === undefined) return undefined
    await session.remove(claimUndo(labels))
    this.inFlight.done()
    return { kind: 'superseded', why: `${why}; ${this.sha} is not rolled out` }
  }

  /** A run that creates an environment records its claim, for the post step to release. */
  private markClaimed(): void {
    if (recordsInFlight(this.run.decision.action)) this.inFlight.claimed()
  }

  /** Who asked, when, and for how long, as the labels now say, and where its logs are. */
  private commentFacts(sha = this.sha): Partial<CommentFacts> {
    const { session, inputs, deps, pr } = this.run
    const console = deps.console
    const logs = console?.logs()
    return {
      ...environmentFacts(session.state(), sha, inputs.ttl),
      ...(pr.isFork && { fork: true }),
      ...(logs && { logsUrl: logs }),
      ...(console && { eventsUrl: console.serviceEvents(serviceName(pr.number, sha)) })
    }
  }

  /** A notice on the PR: the environment that serves meanwhile keeps its facts in the comment. */
  private async notice(notices: readonly Notice[]): Promise<void> {
    const { session, inputs, pr, decision, notifier } = this.run
    const subject = noticeSubject(pr.number, session.state(), addressingOf(inputs))
    if (subject === undefined) {
      await notifier.comment({ kind: 'notice', notices }, decision.targetSha, {})
      return
    }
    const { sha, ...live } = subject
    await notifier.comment({ kind: 'notice', notices, live }, sha, this.commentFacts(sha))
  }

  /** Apply a change to one SHA's labels; if its status label vanished meanwhile, another run tore
   * it down: undo the addition and stop. */
  private async change(sha: string, change: LabelChange): Promise<void> {
    const { session } = this.run
    const before = statusLabels(session.state(), sha)
    await session.attach(change.add)
    if (removedByAnotherRun(before, session.labels)) {
      await session.remove(change.add)
      throw new Superseded(
        `the labels of ${sha} were removed by another run (stop, close or a newer roll-out)`
      )
    }
    await session.remove(change.remove)
  }

  /**
   * Stop and close win: the PR is read once more (right before the service is created or rolled
   * forward, right before going live, and once a wake's task is healthy), and a closed PR, an
   * allowed stop trigger or a fork that moved on ends the run here (domain/checkpoint.ts). After a
   * wake, a fork's new head ends nothing: the awake commit was approved when it first deployed,
   * and the new head waits for its own approval.
   */
  private async checkpoint(
    where: string,
    after: 'decision' | 'build' | 'wake' = 'decision'
  ): Promise<void> {
    const { deps, pr, session, inputs } = this.run
    const data = await deps.github.getPullRequest(pr.number)
    session.refresh(data.labels)
    const fresh = snapshotOf(data)
    const run = { decidedHead: pr.headSha, allowedPermissions: inputs.allowedPermissions }
    let stopOrigin: StopOrigin | null | undefined
    let verdict = checkpoint(fresh, run)
    if (verdict.kind === 'needs-stop-origin') {
      stopOrigin = await this.run.stopOrigin(pr.number)
      verdict = checkpoint(fresh, run, stopOrigin)
    }
    if (after === 'wake' && verdict.kind === 'abandon') return
    if (verdict.kind === 'needs-stop-origin' || verdict.kind === 'go-on') {
      const next =
        after === 'build'
          ? afterBuild(fresh, { commit: this.run.decision.targetSha, named: this.run.namedSha })
          : ({ kind: 'deploy' } as const)
      if (next.kind === 'deploy') return
      const head = shortSha(next.head)
      core.info(`checkpoint ${where}: the PR moved on to ${head}`)
      throw new Stale(
        `the PR moved on to ${head} while ${this.sha} built: ${this.sha} is not deployed, the run of ${head} deploys it`
      )
    }
    core.info(`checkpoint ${where}: ${verdict.kind}`)
    throw new Interrupted(verdict, fresh, stopOrigin, after === 'wake' ? 'wake' : 'deploy')
  }

  /** A checkpoint ended the run: the fork's commit is left as a failed run leaves it; a closed or
   * stopped PR loses what this run made, then every environment, as the planner has it. */
  private async interrupted({
    verdict,
    fresh,
    stopOrigin,
    during
  }: Interrupted): Promise<SyncOutcome> {
    if (verdict.kind === 'abandon') {
      const why = `the fork's head moved on to ${shortSha(verdict.head)} during the deploy: ${this.sha} is not put live (a maintainer approves the new head with the start label)`
      await this.fail(why, false)
      this.inFlight.done()
      return { kind: 'superseded', why }
    }
    await this.release()
    this.inFlight.done()
    const why =
      verdict.why === 'closed'
        ? `the PR was closed during the ${during}: ${this.sha} is not put live, and every environment is torn down`
        : `${TRIGGER_STOP} was added during the ${during}: ${this.sha} is not put live, and every environment is torn down`
    core.info(why)
    const teardown = this.run.replan(fresh, stopOrigin)
    const outcome = await new SyncRun({ ...this.run, pr: fresh, decision: teardown }).execute()
    return outcome.kind === 'failed' ? outcome : { kind: 'superseded', why }
  }

  private async goLive(sha: string, removePointers: readonly string[]): Promise<void> {
    const { session, inputs, notifier, decision } = this.run
    const deployed = this.deployed
    if (deployed === undefined) throw new Error(`${sha} goes live without a deploy`)
    await this.checkpoint('before going live')
    let url: string
    let address: { ip: string; port: number } | undefined
    switch (deployed.kind) {
      case 'task':
        address = { ip: deployed.ip, port: inputs.containerPort }
        url = `http://${deployed.ip}:${inputs.containerPort}`
        break
      case 'load-balancer': {
        // The address moves in one call, to a target group that is healthy; no 🌐 label: the
        // address is the PR's, not the commit's.
        const route = await this.route()
        if (route === undefined) throw new Error(`${sha} goes live without its load balancer`)
        await route.goLive(deployed.route, deployed.targetGroupArn)
        url = deployed.url
        break
      }
    }
    await this.change(sha, goLiveChange(session.state(), sha, address, removePointers))
    // Live from here on: nothing of this run may be released any more.
    this.live = true
    this.inFlight.done()
    core.info(`${sha} is live at ${url}`)
    await notifier.comment({ kind: 'running', url }, decision.targetSha, this.commentFacts())
    await notifier.deploymentFinished('success', url)
    // The address label's definition, once the URL is out (the others were written meanwhile).
    await session.define()
  }

  private async deploy(image: string): Promise<DeployResult> {
    const { inputs, deps, session, pr, body } = this.run
    const tags = deployTagFacts(
      session.state(),
      {
        repository: deps.repository,
        pr: pr.number,
        sha: this.run.decision.targetSha,
        now: deps.now()
      },
      inputs.ttl
    )
    const route = await this.route()
    const spec = environmentSpec({
      template: deps.template,
      image,
      containerPort: inputs.containerPort,
      pr: pr.number,
      sha: this.sha,
      repository: deps.repository,
      body,
      ...(inputs.featureFlagPrefix !== undefined && { flagPrefix: inputs.featureFlagPrefix }),
      ...(route && { url: route.url }),
      tags
    })
    for (const text of spec.skippedFlags)
      core.warning(`feature flag "${text}" ignored: use true or false`)
    if (spec.flags.length > 0)
      core.info(`feature flags: ${spec.flags.map((f) => `${f.name}=${f.value}`).join(', ')}`)
    return deployEnvironment(
      {
        host: await deps.host(),
        probe: deps.probe,
        ...(route && deps.balancer && { balancer: await deps.balancer() }),
        ownership: this.ownership
      },
      {
        service: this.service,
        repository: deps.repository,
        adoptUntagged: inputs.aws.adoptUntaggedServices,
        taskDefinition: spec.taskDefinition as Record<string, unknown>,
        subnets: inputs.aws.subnets,
        securityGroups: inputs.aws.securityGroups,
        assignPublicIp: inputs.aws.assignPublicIp,
        placement: placementOf(inputs.aws.capacityProvider),
        containerPort: inputs.containerPort,
        healthPath: inputs.healthPath,
        tags: spec.tags,
        ...(route && {
          loadBalancer: {
            route,
            sha: this.sha,
            targetGroupName: targetGroupName(deps.repository, pr.number, this.sha),
            containerName: spec.containerName,
            healthIntervalSeconds: inputs.healthIntervalSeconds,
            healthTimeoutSeconds: inputs.healthTimeoutSeconds,
            deregistrationDelaySeconds: inputs.deregistrationDelaySeconds,
            signsIn: inputs.loadBalancer?.signIn !== undefined
          }
        })
      },
      deps.timing,
      {
        beforeService: () => this.checkpoint('before the service', 'build'),
        creatingService: () => this.inFlight.creatingService(),
        healthCheckStarted: () => this.clock.enter('health'),
        serviceUpdated: (previous) => this.inFlight.serviceRolled(previous),
        targetGroupCreated: (arn, name) => this.inFlight.targetGroupCreated(arn, name),
        routePrepared: (prepared) => this.inFlight.routePrepared(prepared)
      }
    )
  }

  /** A sleeping environment wakes behind the load balancer (run/wake.ts), then runs again. */
  private async wake(sha: string, service: string): Promise<void> {
    const { deps, session, pr, notifier, decision } = this.run
    const route = await this.route()
    if (route === undefined || !deps.balancer)
      throw new Error(`${sha} sleeps, but no load balancer is configured to wake it behind`)
    this.waking = true
    await wakeEnvironment(
      { host: await deps.host(), balancer: await deps.balancer(), ownership: this.ownership },
      {
        service,
        targetGroupName: targetGroupName(deps.repository, pr.number, sha),
        healthPath: this.run.inputs.healthPath
      },
      deps.timing,
      () => this.clock.enter('health')
    )
    this.waking = false
    await this.checkpoint('before waking up', 'wake')
    await this.change(sha, statusChange(session.state(), sha, 'running'))
    this.live = true
    core.info(`${sha} is awake at ${route.url}`)
    await notifier.comment(
      { kind: 'running', url: route.url },
      decision.targetSha,
      this.commentFacts()
    )
  }

  /** A commit's environment goes, as far as it is ours; its labels go in any case. */
  private async teardown(sha: string, name: string): Promise<void> {
    const { session, deps, inputs, pr } = this.run
    const service = await this.ownership.service(name)
    if (service !== undefined) {
      await (await deps.host()).deleteService(service)
      const taskDefinition = this.ownership.taskDefinitionOf(name)
      await removeCommitArtifacts(
        {
          host: deps.host,
          ...(deps.registry && { registry: deps.registry }),
          imageRepository: inputs.docker.imageRepository,
          revisions: { kind: 'template-family', family: deps.template.family }
        },
        { pr: pr.number, sha, ...(taskDefinition && { taskDefinition }) }
      )
    }
    await (await this.route())?.removeTargetGroup(sha)
    await session.remove(commitLabels(session.state(), sha))
  }

  /** Give back what this run created: its new service, or the old task definition. */
  private async release(): Promise<void> {
    const record = this.inFlight.record
    if (record === undefined) return
    try {
      const { host, balancer } = this.run.deps
      await releaseResources(record, {
        host,
        ...(balancer && { balancer }),
        ownership: this.ownership
      })
    } catch (error) {
      core.warning(
        `could not release ${this.service}: ${oneLine(error)} (the next cleanup deletes it)`
      )
    }
  }

  /** A wake that failed created nothing and changed no label: its service is back to zero tasks
   * and the commit still sleeps (run/wake.ts). The PR is told why, with what its task said. */
  private async failedWake(cause: string, diagnosis?: TaskDiagnosis): Promise<void> {
    const { notifier, decision } = this.run
    const context = {
      commit: decision.targetSha,
      cause,
      facts: this.commentFacts(),
      ...(diagnosis && { diagnosis })
    }
    try {
      await commentFailure(notifier, context, true)
    } catch (error) {
      core.warning(`could not say on the PR that the wake failed: ${oneLine(error)}`)
    }
  }

  /** After a failure, what a failed run leaves (domain/failed-run.ts), as the post step leaves
   * it for an interrupted one. Only a claimed run that did not go live holds a record. */
  private async fail(cause: string, refused: boolean, diagnosis?: TaskDiagnosis): Promise<void> {
    const record = this.inFlight.record
    if (record === undefined) {
      if (this.waking) await this.failedWake(cause, diagnosis)
      return
    }
    const { session, notifier, decision, deps } = this.run
    const outcome = failedRunOutcome(session.state(), {
      sha: record.sha,
      servedBefore: record.servedBefore,
      live: this.live,
      refused
    })
    await leaveFailedRun(
      outcome,
      {
        record,
        host: deps.host,
        ...(deps.balancer && { balancer: deps.balancer }),
        ownership: this.ownership,
        session,
        notifier,
        commit: decision.targetSha,
        cause,
        facts: this.commentFacts(),
        ...(diagnosis && { diagnosis })
      },
      (problem) => core.warning(problem)
    )
  }
}
