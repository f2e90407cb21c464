// Deploys one environment and waits until it answers: register the task definition, create the
// service (or roll the existing one to the new task definition, which keeps the old task serving
// until the new one is stable), wait for stability, then health-check its public address. Behind
// the shared load balancer, the commit's target group is created and attached through the PR's
// rule first (serving nothing yet), the service registers its task there, and the health check is
// the target's health in that group.

import * as core from '../runner/core.js'
import { setTimeout as sleep } from 'node:timers/promises'
import type { Timing } from '../config/defaults.js'
import type { EnvironmentHost, ServiceLoadBalancer, WaitOptions } from '../aws/ecs.js'
import type { LoadBalancerHost } from '../aws/load-balancer.js'
import {
  ON_DEMAND,
  type Placement,
  type ServiceEvent,
  spotShortage,
  usesSpot
} from '../domain/capacity.js'
import {
  type DeployTarget,
  type SettledService,
  deployChoice,
  listenerRefusal,
  ownsTargetGroup
} from '../domain/deploy-choice.js'
import { answersHealthy, healthSchedule, waitBeforeAttempt } from '../domain/health-schedule.js'
import { healthCheckInterval, targetGroupHealth } from '../domain/load-balancer.js'
import type { HealthProbe } from '../http/health-probe.js'
import { oneLine } from '../errors.js'
import type { OwnershipCheck } from './ownership.js'
import type { PreparedRoute, PreviewRoute } from './routing.js'

export type { Timing } from '../config/defaults.js'

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
  /** Called once the service exists, so that a failure after it can release it. */
  serviceCreated(): void
  /** Called when an existing service was rolled to a new task definition. */
  serviceUpdated(previousTaskDefinition: string | undefined): void
  /** Called when the service is stable and its health check begins. */
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
    observer.serviceCreated()
    core.info(`created ${service}`)
  }

  try {
    const wait = {
      timeoutSeconds: timing.stableTimeout,
      minDelaySeconds: timing.stablePollMin,
      maxDelaySeconds: Math.max(timing.stablePollMin, timing.stablePollMax)
    }
    if (usesSpot(request.placement))
      await waitUntilStableOnSpot(
        { host, ownership },
        { service, taskDefinition },
        wait,
        deployedAt,
        timing
      )
    else await host.waitUntilStable(service, wait)
  } catch (error) {
    throw new Error(
      `${service} did not become stable within ${seconds(timing.stableTimeout)}: ${oneLine(error)}`
    )
  }
  core.info(`${service} is stable`)
  observer.healthCheckStarted()

  const previous = previousTaskDefinition ? { previousTaskDefinition } : {}
  if (balanced && attached) {
    const { targetGroupArn } = attached.service
    await waitUntilTargetHealthy(balanced, targetGroupArn, service, timing)
    return {
      kind: 'load-balancer',
      url: balanced.settings.route.url,
      targetGroupArn,
      route: attached.route,
      ...previous
    }
  }
  const ip = await waitUntilHealthy(host, probe, service, taskDefinition, request, timing)
  return { kind: 'task', ip, ...previous }
}

/** How far ECS's clock may be ahead of the runner's when events are compared with a deploy's
 * start. */
const CLOCK_SKEW_MS = 5_000

/**
 * Waits for stability while watching the service's events: when Fargate Spot has no capacity for
 * its task (ECS would retry until it has), the service moves to on-demand Fargate, and the wait
 * goes on for what is left of its time.
 */
async function waitUntilStableOnSpot(
  { host, ownership }: { host: EnvironmentHost; ownership: OwnershipCheck },
  { service, taskDefinition }: { service: string; taskDefinition: string },
  wait: WaitOptions,
  since: number,
  timing: Timing
): Promise<void> {
  const started = Date.now()
  const watching = new AbortController()
  const stable = host
    .waitUntilStable(service, { ...wait, abortSignal: watching.signal })
    .then(() => undefined)
  const shortage = watchForShortage(host, service, since, timing.stablePollMin, watching.signal)
  try {
    const event = await Promise.race([stable, shortage])
    if (event === undefined) return
    watching.abort()
    await stable.catch(() => undefined)
    core.warning(
      `Fargate Spot has no capacity for ${service} ("${event.message}"): moving it to on-demand Fargate`
    )
    // Its tags are read again, as before any change; with its task definition, since IAM's
    // ecs:task-definition condition needs it in the request.
    const owned = await ownership.service(service)
    if (owned === undefined)
      throw new Error(`${service} is no longer an active service of this repository`)
    await host.updateService(owned, taskDefinition, ON_DEMAND)
    const left = Math.max(wait.timeoutSeconds - (Date.now() - started) / 1000, wait.minDelaySeconds)
    await host.waitUntilStable(service, { ...wait, timeoutSeconds: left })
  } finally {
    watching.abort()
  }
}

/** Resolves with the first event that says Spot could not place the service's task; never
 * resolves once `signal` is aborted. */
async function watchForShortage(
  host: EnvironmentHost,
  service: string,
  since: number,
  pollSeconds: number,
  signal: AbortSignal
): Promise<ServiceEvent | undefined> {
  while (!signal.aborted) {
    const event = spotShortage(await host.serviceEvents(service), since)
    if (event) return event
    await sleep(pollSeconds * 1000, undefined, { signal }).catch(() => undefined)
  }
  return new Promise<never>(() => undefined)
}

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
  const refusal = listenerRefusal(listener.protocol)
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
async function onHealthSchedule<T>(
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

async function waitUntilHealthy(
  host: EnvironmentHost,
  probe: HealthProbe,
  service: string,
  taskDefinition: string,
  request: DeployRequest,
  timing: Timing
): Promise<string> {
  const { requestTimeoutMs } = healthSchedule(timing)
  const outcome = await onHealthSchedule(timing, async (attempt, attempts) => {
    const ip = await host.publicIp(service, taskDefinition)
    if (!ip) {
      const last = 'its task has no public IP'
      core.info(`health ${attempt}/${attempts}: ${last}`)
      return { last }
    }
    const url = `http://${ip}:${request.containerPort}${request.healthPath}`
    const last = await probe(url, requestTimeoutMs)
    core.info(`health ${attempt}/${attempts}: ${url} → ${last}`)
    return answersHealthy(last) ? { value: ip, last } : { last }
  })
  if ('value' in outcome) return outcome.value
  throw new Error(
    `${service} failed its health check ${outcome.attempts} times (last: ${outcome.last})`
  )
}

/** Behind the load balancer, its own health checks decide: a target of the commit's group must
 * be healthy before the PR's address may move to it. */
async function waitUntilTargetHealthy(
  { balancer, settings }: Balanced,
  targetGroupArn: string,
  service: string,
  timing: Timing
): Promise<void> {
  const name = settings.targetGroupName
  const outcome = await onHealthSchedule(timing, async (attempt, attempts) => {
    const health = targetGroupHealth(await balancer.targetHealth(targetGroupArn))
    core.info(`health ${attempt}/${attempts}: ${name} → ${health.summary}`)
    return health.healthy ? { value: true, last: health.summary } : { last: health.summary }
  })
  if ('value' in outcome) return
  throw new Error(
    `${service} had no healthy target in ${name} after ${outcome.attempts} checks (last: ${outcome.last})`
  )
}

function seconds(value: number): string {
  return `${Math.round(value * 10) / 10} s`
}
