// Deploys one environment and waits until it answers: register the task definition, create the
// service (or roll the existing one to the new task definition, which keeps the old task serving
// until the new one is healthy), then poll its new task and health on the health schedule: the
// new task answering its health path at its public address is the readiness ECS's stability
// would only come after, and a task that keeps crashing fails the deploy at its second stop.
// Behind the shared load balancer, the commit's target group is created (with ELB's fastest
// health checks and a short deregistration delay) and attached through the PR's rule first
// (serving nothing yet), the service registers its task there, and the health check is the health
// of the new task's target in that group.

import * as core from '../runner/core.js'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Timing } from '../config/defaults.js'
import type { EnvironmentHost, ServiceLoadBalancer } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import { ON_DEMAND, type Placement, spotShortage, usesSpot } from '../domain/capacity.js'
import {
  type DeployTarget,
  type SettledService,
  deployChoice,
  listenerRefusal,
  ownsTargetGroup
} from '../domain/deploy-choice.js'
import { answersHealthy, healthSchedule, waitBeforeAttempt } from '../domain/health-schedule.js'
import { healthCheckInterval } from '../domain/load-balancer.js'
import { type TaskFacts, taskTargetHealth, watchTasks } from '../domain/task-watch.js'
import type { HealthProbe } from '../http/health-probe.js'
import type { OwnershipCheck } from './ownership.js'
import type { PreparedRoute, PreviewRoute } from './routing.js'

export type { Timing } from '../config/defaults.js'

/** A deploy that failed because of its task: a crash loop (the task that stopped last, for its
 * stop reason, exit code and logs), or a health timeout (the task that was still running without
 * answering its health check, for its logs). */
export class TaskFailure extends Error {
  constructor(
    message: string,
    readonly task: TaskFacts,
    /** Set on a health timeout: the task still ran; the path its health check asked. */
    readonly unanswered?: { readonly healthPath: string }
  ) {
    super(message)
  }
}

export interface DeployRequest extends DeployTarget {
  readonly taskDefinition: Record<string, unknown>
  readonly subnets: readonly string[]
  readonly securityGroups: readonly string[]
  readonly assignPublicIp: boolean
  readonly tags: Readonly<Record<string, string>>
  /** On-demand Fargate, or Fargate Spot (moved to on-demand when Spot has no capacity). */
  readonly placement: Placement
  readonly containerPort: number
  readonly healthPath: string
  /** Behind the shared load balancer. */
  readonly loadBalancer?: LoadBalancedDeploy
}

export interface LoadBalancedDeploy {
  readonly route: PreviewRoute
  readonly sha: string
  readonly targetGroupName: string
  /** The container the target group sends requests to (the template's first). */
  readonly containerName: string
  /** The health-interval input, unscaled: ELB's own health checks run at that pace. */
  readonly healthIntervalSeconds: number
  /** How long ECS leaves a new task's failing health checks alone: the health-timeout input. */
  readonly healthTimeoutSeconds: number
  /** How long the target group drains a deregistered target: the deregistration-delay input. */
  readonly deregistrationDelaySeconds: number
  /** The rule signs users in first (load-balancer-authentication): ELB does so on HTTPS only. */
  readonly signsIn: boolean
}

export type DeployResult = {
  /** Set when an existing service was rolled forward: the task definition to roll back to. */
  readonly previousTaskDefinition?: string
} & (
  | { readonly kind: 'task'; readonly ip: string }
  | {
      readonly kind: 'load-balancer'
      /** The PR's address. */
      readonly url: string
      readonly targetGroupArn: string
      readonly route: PreparedRoute
    }
)

export interface DeployObserver {
  /** Called right before the service is created or rolled forward; a throw ends the deploy. */
  beforeService(): Promise<void>
  /** Called right before the service is created, so that a failure (or a kill) from then on
   * releases it: a kill after CreateService took effect but before its answer came would
   * otherwise leave a service nobody knows; releasing one never created finds nothing. */
  creatingService(): void
  /** Called when an existing service was rolled to a new task definition. */
  serviceUpdated(previousTaskDefinition: string | undefined): void
  /** Called when the service was created or rolled and its readiness check begins. */
  healthCheckStarted(): void
  /** Called when the run created the commit's target group (released with the service). */
  targetGroupCreated(arn: string, name: string): void
  /** Called once the PR's rule was changed for the commit (restored if the deploy fails). */
  routePrepared(route: PreparedRoute): void
}

/** The outside systems a deploy talks to: the cluster, the deployed app itself, and the shared
 * load balancer when there is one. */
export interface DeployTargets {
  readonly host: EnvironmentHost
  readonly probe: HealthProbe
  readonly balancer?: LoadBalancerHost
  /** Whose the service and the target group of the commit's name are: another owner's stop the
   * deploy (NotOurs) and are left alone. */
  readonly ownership: OwnershipCheck
}

export async function deployEnvironment(
  { host, probe, balancer, ownership }: DeployTargets,
  request: DeployRequest,
  timing: Timing,
  observer: DeployObserver
): Promise<DeployResult> {
  const { service } = request
  const taskDefinition = await host.registerTaskDefinition(request.taskDefinition)
  core.info(`registered ${taskDefinition}`)

  let choice = deployChoice(await host.describeService(service), request)
  if (choice.kind === 'wait-for-drain') {
    core.info(`${service} is still draining from an earlier deletion; waiting for it to go`)
    choice = deployChoice(await waitUntilGone(host, service, timing), request)
  }
  if (choice.kind === 'refuse') throw ownership.refusal(choice.why)
  const balanced = request.loadBalancer &&
    balancer && { settings: request.loadBalancer, balancer, ownership }
  const attached =
    balanced && (await attachTargetGroup(balanced, request, ownsTargetGroup(choice), observer))
  await observer.beforeService()
  let previousTaskDefinition: string | undefined
  // ECS's clock and the runner's may differ by a little: events from just before count too.
  const deployedAt = Date.now() - CLOCK_SKEW_MS
  if (choice.kind === 'update') {
    previousTaskDefinition = choice.previousTaskDefinition
    core.info(
      `${service} exists: rolling it to the new task definition; the running task serves until then`
    )
    await host.updateService(choice.service, taskDefinition, request.placement)
    observer.serviceUpdated(previousTaskDefinition)
  } else {
    observer.creatingService()
    await host.createService({
      name: service,
      taskDefinition,
      subnets: request.subnets,
      securityGroups: request.securityGroups,
      assignPublicIp: request.assignPublicIp,
      tags: request.tags,
      placement: request.placement,
      ...(attached && { loadBalancer: attached.service })
    })
    core.info(`created ${service}`)
  }

  observer.healthCheckStarted()

  const watch: TaskWatch = {
    host,
    service,
    taskDefinition,
    whileStarting: usesSpot(request.placement)
      ? spotFallback({ host, ownership }, service, taskDefinition, deployedAt)
      : async () => undefined
  }
  const previous = previousTaskDefinition ? { previousTaskDefinition } : {}
  if (balanced && attached) {
    const { targetGroupArn } = attached.service
    await waitUntilTargetHealthy(
      watch,
      balanced.balancer,
      {
        arn: targetGroupArn,
        name: balanced.settings.targetGroupName,
        healthPath: request.healthPath
      },
      timing
    )
    return {
      kind: 'load-balancer',
      url: balanced.settings.route.url,
      targetGroupArn,
      route: attached.route,
      ...previous
    }
  }
  const ip = await waitUntilHealthy(watch, probe, request, timing)
  return { kind: 'task', ip, ...previous }
}

/** The new task of a deploy, polled on the health schedule. */
export interface TaskWatch {
  readonly host: EnvironmentHost
  readonly service: string
  readonly taskDefinition: string
  /** Runs at each poll that finds the task still starting. */
  readonly whileStarting: () => Promise<void>
}

/**
 * On Fargate Spot, while the task is still starting: when the service's events say Spot has no
 * capacity for it (ECS would retry until it has), the service moves to on-demand Fargate, once,
 * and the polls go on for what is left of the health timeout.
 */
function spotFallback(
  { host, ownership }: { host: EnvironmentHost; ownership: OwnershipCheck },
  service: string,
  taskDefinition: string,
  since: number
): () => Promise<void> {
  let moved = false
  return async () => {
    if (moved) return
    const event = spotShortage(await host.serviceEvents(service), since)
    if (!event) return
    moved = true
    core.warning(
      `Fargate Spot has no capacity for ${service} ("${event.message}"): moving it to on-demand Fargate`
    )
    // Its tags are read again, as before any change; with its task definition, since IAM's
    // ecs:task-definition condition needs it in the request.
    const owned = await ownership.service(service)
    if (owned === undefined)
      throw new Error(`${service} is no longer an active service of this repository`)
    await host.updateService(owned, taskDefinition, ON_DEMAND)
  }
}

/** How far ECS's clock may be ahead of the runner's when events are compared with a deploy's
 * start. */
const CLOCK_SKEW_MS = 5_000

interface Balanced {
  readonly balancer: LoadBalancerHost
  readonly settings: LoadBalancedDeploy
  readonly ownership: OwnershipCheck
}

/**
 * The commit's target group (created, or the existing one of a forced rebuild: used only when it
 * is this repository's), attached to the load balancer through the PR's rule without serving
 * anything yet: ECS refuses a service whose target group no load balancer uses.
 */
async function attachTargetGroup(
  { balancer, settings, ownership }: Balanced,
  request: DeployRequest,
  ownsGroup: boolean,
  observer: DeployObserver
): Promise<{ service: ServiceLoadBalancer; route: PreparedRoute }> {
  const listener = await balancer.describeListener()
  const refusal = listenerRefusal(listener.protocol, settings.signsIn)
  if (refusal !== undefined) throw new Error(refusal)
  const name = settings.targetGroupName
  await settings.route.ensureRoom(listener.loadBalancerArn, name)
  const targetGroupArn = await balancer.createTargetGroup({
    name,
    vpcId: listener.vpcId,
    port: request.containerPort,
    healthPath: request.healthPath,
    healthIntervalSeconds: healthCheckInterval(settings.healthIntervalSeconds),
    tags: request.tags
  })
  // ELB returns a group of that name that exists: it is used only when it is ours.
  const verdict = await ownership.read({ kind: 'target-group', name, id: targetGroupArn })
  if (verdict === undefined) throw new Error(`the target group ${name} vanished once created`)
  const group = ownership.required(verdict)
  if (ownsGroup) observer.targetGroupCreated(targetGroupArn, name)
  await balancer.setDeregistrationDelay(group, settings.deregistrationDelaySeconds)
  const route = await settings.route.prepare(settings.sha, group)
  observer.routePrepared(route)
  return {
    route,
    service: {
      targetGroupArn,
      containerName: settings.containerName,
      containerPort: request.containerPort,
      healthCheckGracePeriodSeconds: Math.round(settings.healthTimeoutSeconds)
    }
  }
}

async function waitUntilGone(
  host: EnvironmentHost,
  service: string,
  timing: Timing
): Promise<SettledService> {
  const deadline = Date.now() + timing.drainTimeout * 1000
  for (;;) {
    await sleep(timing.drainPoll * 1000)
    const info = await host.describeService(service)
    if (info.status !== 'DRAINING') return { ...info, status: info.status }
    if (Date.now() >= deadline) {
      throw new Error(
        `${service} was still draining after ${seconds(timing.drainTimeout)}; try again later`
      )
    }
  }
}

/** Runs `check` on the health schedule (domain/health-schedule.ts); it answers what it saw, and a
 * value once the environment is healthy. */
export async function onHealthSchedule<T>(
  timing: Timing,
  check: (attempt: number, attempts: number) => Promise<{ value?: T; last: string }>
): Promise<{ value: T } | { attempts: number; last: string }> {
  const { attempts, intervalMs } = healthSchedule(timing)
  const start = Date.now()
  let last = ''
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const wait = waitBeforeAttempt(attempt, Date.now() - start, intervalMs)
    if (wait > 0) await sleep(wait)
    const seen = await check(attempt, attempts)
    last = seen.last
    if (seen.value !== undefined) return { value: seen.value }
  }
  return { attempts, last }
}

/** One poll of the service's tasks: fails the deploy on a crash loop; hands the running task of
 * the deploy's task definition, if any, to `check`. */
export async function pollTask<T>(
  { host, service, taskDefinition, whileStarting }: TaskWatch,
  check: (task: TaskFacts) => Promise<{ value?: T; last: string }>
): Promise<{ value?: T; last: string }> {
  const watch = watchTasks(await host.serviceTasks(service), taskDefinition)
  switch (watch.kind) {
    case 'crash-loop':
      throw new TaskFailure(
        `${service} is crash-looping: its task stopped ${watch.stops} times (last: ${watch.last})`,
        watch.task
      )
    case 'starting':
      await whileStarting()
      return { last: watch.summary }
    case 'running':
      return check(watch.task)
  }
}

async function waitUntilHealthy(
  watch: TaskWatch,
  probe: HealthProbe,
  request: DeployRequest,
  timing: Timing
): Promise<string> {
  const { host, service } = watch
  const { requestTimeoutMs } = healthSchedule(timing)
  const addresses = new Map<string, string>()
  let lastRunning: TaskFacts | undefined
  const outcome = await onHealthSchedule(timing, async (attempt, attempts) => {
    const seen = await pollTask(watch, async (task) => {
      lastRunning = task
      const eni = task.networkInterfaceId
      const ip =
        addresses.get(task.arn) ?? (eni === undefined ? undefined : await host.publicIpOf(eni))
      if (!ip) return { last: 'its task has no public IP' }
      addresses.set(task.arn, ip)
      const url = `http://${ip}:${request.containerPort}${request.healthPath}`
      const answer = await probe(url, requestTimeoutMs)
      const last = `${url} → ${answer}`
      return answersHealthy(answer) ? { value: ip, last } : { last }
    })
    core.info(`health ${attempt}/${attempts}: ${seen.last}`)
    return seen
  })
  if ('value' in outcome) return outcome.value
  throw healthTimeout(
    `${service} failed its health check ${outcome.attempts} times (last: ${lastAnswer(outcome.last)})`,
    lastRunning,
    request.healthPath
  )
}

/** A health timeout names the task that ran last without answering, when one ran. */
function healthTimeout(message: string, task: TaskFacts | undefined, healthPath: string): Error {
  return task === undefined ? new Error(message) : new TaskFailure(message, task, { healthPath })
}

/** The answer of a probe (`url → HTTP 503`), or what kept it from being sent. */
function lastAnswer(last: string): string {
  return last.split(' → ').at(-1) ?? last
}

/** Behind the load balancer, its own health checks decide: the new task's target in the commit's
 * group must be healthy before the PR's address may move to it (a deploy), or before the PR is
 * marked running again (a wake). */
export async function waitUntilTargetHealthy(
  watch: TaskWatch,
  balancer: LoadBalancerHost,
  target: { readonly arn: string; readonly name: string; readonly healthPath: string },
  timing: Timing
): Promise<void> {
  const { service } = watch
  const { arn: targetGroupArn, name } = target
  const { intervalMs } = healthSchedule(timing)
  const pollMs = timing.targetHealthPoll * 1000
  let lastRunning: TaskFacts | undefined
  const outcome = await onHealthSchedule(timing, async (attempt, attempts) => {
    const seen = await pollTask(watch, async (task) => {
      lastRunning = task
      // Its task runs: only its target's health is read, more often, until the next attempt.
      const due = Date.now() + intervalMs
      for (;;) {
        const health = taskTargetHealth(await balancer.targetHealth(targetGroupArn), task)
        if (health.healthy) return { value: true, last: health.state }
        if (Date.now() + pollMs >= due) return { last: health.state }
        await sleep(pollMs)
      }
    })
    core.info(`health ${attempt}/${attempts}: ${name} → ${seen.last}`)
    return seen
  })
  if ('value' in outcome) return
  throw healthTimeout(
    `${service} had no healthy target in ${name} after ${outcome.attempts} checks (last: ${outcome.last})`,
    lastRunning,
    target.healthPath
  )
}

function seconds(value: number): string {
  return `${Math.round(value * 10) / 10} s`
}
