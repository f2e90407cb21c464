// Deploys one environment and waits until it answers: register the task definition, create the
// service (or roll the existing one to the new task definition, which keeps the old task serving
// until the new one is stable), wait for stability, then health-check its public address.

import * as core from '../runner/core.js'
import { setTimeout as sleep } from 'node:timers/promises'
import { DEPLOY_TIMING } from '../config/defaults.js'
import type { EnvironmentHost } from '../aws/ecs.js'
import { TAG, ownership } from '../domain/resources.js'
import type { HealthProbe } from '../http/health-probe.js'
import { oneLine } from '../errors.js'

export interface DeployRequest {
  readonly service: string
  /** owner/repo: a service of that name tagged with another repository is never touched. */
  readonly repository: string
  readonly taskDefinition: Record<string, unknown>
  readonly subnets: readonly string[]
  readonly securityGroups: readonly string[]
  readonly tags: Readonly<Record<string, string>>
  readonly containerPort: number
  readonly healthPath: string
}

export interface DeployResult {
  readonly ip: string
  /** Set when an existing service was rolled forward: the task definition to roll back to. */
  readonly previousTaskDefinition?: string
}

export interface DeployObserver {
  /** Called once the service exists, so that a failure after it can release it. */
  serviceCreated(): void
  /** Called when an existing service was rolled to a new task definition. */
  serviceUpdated(previousTaskDefinition: string | undefined): void
  /** Called when the service is stable and its health check begins. */
  healthCheckStarted(): void
}

/** Every wait of a deploy, in seconds. */
export type Timing = { -readonly [K in keyof typeof DEPLOY_TIMING]: number } & {
  /** How long the health check may take in all, and the pause between its attempts. */
  healthTimeout: number
  healthInterval: number
}

export function scaledTiming(
  scale: number,
  health: { readonly timeoutSeconds: number; readonly intervalSeconds: number }
): Timing {
  const waits = {
    ...DEPLOY_TIMING,
    healthTimeout: health.timeoutSeconds,
    healthInterval: health.intervalSeconds
  }
  // One request's timeout is not shortened: the app takes as long to answer whatever the scale.
  return Object.fromEntries(
    Object.entries(waits).map(([key, value]) => [
      key,
      key === 'healthRequestTimeout' ? value : value * scale
    ])
  ) as Timing
}

/** The two outside systems a deploy talks to: the cluster, and the deployed app itself. */
export interface DeployTargets {
  readonly host: EnvironmentHost
  readonly probe: HealthProbe
}

export async function deployEnvironment(
  { host, probe }: DeployTargets,
  request: DeployRequest,
  timing: Timing,
  observer: DeployObserver
): Promise<DeployResult> {
  const { service } = request
  const taskDefinition = await host.registerTaskDefinition(request.taskDefinition)
  core.info(`registered ${taskDefinition}`)

  let existing = await host.describeService(service)
  if (existing.status !== 'MISSING' && ownership(existing.tags, request.repository) === 'theirs') {
    throw new Error(
      `${service} exists and belongs to ${existing.tags[TAG.repository]}, not ${request.repository}: it is left alone`
    )
  }
  if (existing.status === 'DRAINING') {
    core.info(`${service} is still draining from an earlier deletion; waiting for it to go`)
    existing = await waitUntilGone(host, service, timing)
  }
  let previousTaskDefinition: string | undefined
  if (existing.status === 'ACTIVE') {
    previousTaskDefinition = existing.taskDefinition
    core.info(
      `${service} exists: rolling it to the new task definition; the running task serves until then`
    )
    await host.updateService(service, taskDefinition)
    observer.serviceUpdated(previousTaskDefinition)
  } else {
    await host.createService({
      name: service,
      taskDefinition,
      subnets: request.subnets,
      securityGroups: request.securityGroups,
      tags: request.tags
    })
    observer.serviceCreated()
    core.info(`created ${service}`)
  }

  try {
    await host.waitUntilStable(service, {
      timeoutSeconds: timing.stableTimeout,
      minDelaySeconds: timing.stablePollMin,
      maxDelaySeconds: Math.max(timing.stablePollMin, timing.stablePollMax)
    })
  } catch (error) {
    throw new Error(
      `${service} did not become stable within ${seconds(timing.stableTimeout)}: ${oneLine(error)}`
    )
  }
  core.info(`${service} is stable`)
  observer.healthCheckStarted()

  const ip = await waitUntilHealthy(host, probe, service, taskDefinition, request, timing)
  return { ip, ...(previousTaskDefinition && { previousTaskDefinition }) }
}

async function waitUntilGone(host: EnvironmentHost, service: string, timing: Timing) {
  const deadline = Date.now() + timing.drainTimeout * 1000
  for (;;) {
    await sleep(timing.drainPoll * 1000)
    const info = await host.describeService(service)
    if (info.status !== 'DRAINING') return info
    if (Date.now() >= deadline) {
      throw new Error(
        `${service} was still draining after ${seconds(timing.drainTimeout)}; try again later`
      )
    }
  }
}

/**
 * One attempt every health-interval, on a fixed schedule from the start, as many as fit in
 * health-timeout; a request waits at most 10 s and never past the next attempt, so a preview that
 * never answers has failed when the timeout is spent.
 */
async function waitUntilHealthy(
  host: EnvironmentHost,
  probe: HealthProbe,
  service: string,
  taskDefinition: string,
  request: DeployRequest,
  timing: Timing
): Promise<string> {
  const interval = timing.healthInterval * 1000
  const attempts = Math.max(1, Math.floor(timing.healthTimeout / timing.healthInterval))
  const requestTimeout = Math.min(timing.healthRequestTimeout * 1000, interval)
  const start = Date.now()
  let last = 'no public IP yet'
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const wait = start + (attempt - 1) * interval - Date.now()
    if (wait > 0) await sleep(wait)
    const ip = await host.publicIp(service, taskDefinition)
    if (!ip) {
      last = 'its task has no public IP'
      core.info(`health ${attempt}/${attempts}: ${last}`)
      continue
    }
    const url = `http://${ip}:${request.containerPort}${request.healthPath}`
    last = await probe(url, requestTimeout)
    core.info(`health ${attempt}/${attempts}: ${url} → ${last}`)
    if (last === 'HTTP 200') return ip
  }
  throw new Error(`${service} failed its health check ${attempts} times (last: ${last})`)
}

function seconds(value: number): string {
  return `${Math.round(value * 10) / 10} s`
}
