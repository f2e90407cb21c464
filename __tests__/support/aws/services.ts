// ECS services: CreateService, UpdateService, DeleteService, DescribeServices and ListServices, and
// the seeding of leftover services. As ECS does: CreateService on an ACTIVE name answers "Creation
// of service was not idempotent.", on a DRAINING one "Unable to Start a service that is still
// Draining."; DeleteService on a DRAINING or INACTIVE service answers 200 with the service as it
// is; ListServices lists ACTIVE services only; DescribeServices still finds DRAINING and INACTIVE
// ones, until an INACTIVE service is purged (`purgeAfterMs`): then it throws
// ServiceNotFoundException. A service runs on a launch type or on a capacity provider strategy,
// never both, with only providers associated with the cluster; a Fargate Spot service that Spot
// has no capacity for waits unplaced, saying so in its events (tasks.ts places it later).

import { AwsError } from '../aws-model.js'
import {
  type CapacityProviderItem,
  type EcsState,
  type EmulatedDeployment,
  type EmulatedService,
  type EmulatedTaskDefinition,
  type Json,
  arnTail,
  digitsOf,
  epoch,
  invalid,
  isRecord,
  notEmulated,
  num,
  records,
  serviceNotFound,
  str,
  strList,
  tagList,
  tagsFrom
} from './records.js'
import { nextRevision, resolveTaskDefinition } from './task-definitions.js'
import { advance, countTasks, page, placeTasks, startTask, stopTask } from './tasks.js'

/** A leftover or orphaned service, as a test seeds it. */
export interface SeededService {
  cluster?: string
  serviceName: string
  status?: 'ACTIVE' | 'DRAINING'
  tags?: Record<string, string>
  createdAt?: Date
  desiredCount?: number
  /** The family of a revision registered for it (tagged as the service is, as a deploy tags
   * both), which it runs; default: `{cluster}:1`, a revision the emulator does not hold. */
  taskDefinitionFamily?: string
}

/** A revision of the family, as a deploy registers it: one container, tagged. */
function seedRevision(
  ecs: EcsState,
  family: string,
  tags: Record<string, string>,
  atMs: number
): EmulatedTaskDefinition {
  const revision = nextRevision(ecs, family)
  const body = {
    family,
    networkMode: 'awsvpc',
    requiresCompatibilities: ['FARGATE'],
    containerDefinitions: [{ name: 'app', image: 'app:seeded' }],
    tags: tagList(tags)
  }
  const td: EmulatedTaskDefinition = {
    arn: ecs.arn(`task-definition/${family}:${revision}`),
    family,
    revision,
    body,
    tags,
    registeredAtMs: atMs
  }
  ecs.taskDefs.set(family, [...(ecs.taskDefs.get(family) ?? []), td])
  return td
}

/** Seeds an ACTIVE service with desiredCount (default 1) RUNNING tasks, or a DRAINING one with a
 * task still to stop (cluster superset-ci by default). */
export function seedService(ecs: EcsState, s: SeededService): void {
  advance(ecs)
  const cluster = s.cluster ?? 'superset-ci'
  const current = ecs.currentService(cluster, s.serviceName)
  if (current && current.status !== 'INACTIVE') {
    throw new Error(`emulator: service ${cluster}/${s.serviceName} already exists`)
  }
  const createdAtMs = s.createdAt?.getTime() ?? ecs.clock.now()
  const svc = newService(ecs, cluster, s.serviceName, createdAtMs, {
    taskDefinition:
      s.taskDefinitionFamily === undefined
        ? ecs.arn(`task-definition/${cluster}:1`)
        : seedRevision(ecs, s.taskDefinitionFamily, { ...s.tags }, createdAtMs).arn,
    desiredCount: s.desiredCount ?? 1,
    tags: { ...s.tags },
    launchType: 'FARGATE',
    platformVersion: 'LATEST'
  })
  const dep = newDeployment(ecs, svc, createdAtMs, createdAtMs)
  dep.rolloutState = 'COMPLETED'
  const draining = s.status === 'DRAINING'
  for (let i = 0; i < (draining ? Math.max(svc.desiredCount, 1) : svc.desiredCount); i++) {
    const t = startTask(ecs, svc, dep, createdAtMs, createdAtMs)
    t.lastStatus = 'RUNNING'
    t.startedAtMs = createdAtMs
  }
  if (draining) beginDrain(ecs, svc, ecs.clock.now())
  ecs.services.push(svc)
}

function newService(
  ecs: EcsState,
  cluster: string,
  serviceName: string,
  createdAtMs: number,
  p: Pick<EmulatedService, 'taskDefinition' | 'desiredCount' | 'tags'> & Partial<EmulatedService>
): EmulatedService {
  return {
    propagateTags: 'NONE',
    enableECSManagedTags: false,
    deploymentConfiguration: {
      deploymentCircuitBreaker: { enable: false, rollback: false },
      maximumPercent: 200,
      minimumHealthyPercent: 100
    },
    loadBalancers: [],
    ...p,
    seq: ecs.next(),
    cluster,
    serviceName,
    arn: ecs.serviceArn(cluster, serviceName),
    status: 'ACTIVE',
    createdAtMs,
    drainUntilMs: 0,
    deployments: [],
    tasks: [],
    events: []
  }
}

/** A new PRIMARY deployment of the service's task definition. */
function newDeployment(
  ecs: EcsState,
  svc: EmulatedService,
  createdAtMs: number,
  readyAtMs: number
): EmulatedDeployment {
  for (const d of svc.deployments) d.status = 'ACTIVE'
  const dep: EmulatedDeployment = {
    id: `ecs-svc/${digitsOf(`deployment:${svc.arn}:${ecs.next()}`, 19)}`,
    status: 'PRIMARY',
    rolloutState: 'IN_PROGRESS',
    taskDefinition: svc.taskDefinition,
    desiredCount: svc.desiredCount,
    createdAtMs,
    updatedAtMs: createdAtMs,
    readyAtMs,
    unplaced: 0
  }
  svc.deployments.unshift(dep)
  return dep
}

function startDeployment(ecs: EcsState, svc: EmulatedService, now: number): void {
  const readyAt = now + ecs.behaviour.stabilizeMs
  const dep = newDeployment(ecs, svc, now, readyAt)
  dep.unplaced = svc.desiredCount
  placeTasks(ecs, svc, dep, now)
}

/** A capacity provider strategy as ECS reads it (weight and base 0 when not given), or why ECS
 * refuses it. */
function capacityStrategy(
  ecs: EcsState,
  body: Json
): { strategy?: CapacityProviderItem[]; refusal?: string } {
  if (body.capacityProviderStrategy === undefined) return {}
  const strategy = records(body.capacityProviderStrategy).map((item) => ({
    capacityProvider: str(item.capacityProvider) ?? '',
    weight: num(item.weight) ?? 0,
    base: num(item.base) ?? 0
  }))
  const associated = ecs.behaviour.capacityProviders ?? []
  if (strategy.some((item) => !associated.includes(item.capacityProvider)))
    return {
      refusal:
        'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.'
    }
  // The two rules the ECS developer guide states (the messages are the emulator's words).
  if (strategy.length > 0 && strategy.every((item) => item.weight === 0))
    return {
      refusal:
        'The specified capacity provider strategy must contain at least one capacity provider with a weight greater than zero.'
    }
  if (strategy.filter((item) => item.base > 0).length > 1)
    return {
      refusal: 'Only one capacity provider in a capacity provider strategy can have a base defined.'
    }
  return { strategy }
}

function beginDrain(ecs: EcsState, svc: EmulatedService, nowMs: number): void {
  svc.status = 'DRAINING'
  svc.desiredCount = 0
  svc.drainUntilMs = nowMs + ecs.behaviour.drainMs
  for (const d of svc.deployments) d.desiredCount = 0
  for (const t of svc.tasks) {
    if (t.lastStatus === 'STOPPED') continue
    t.desiredStatus = 'STOPPED'
    t.stoppingAtMs = nowMs
    t.stoppedReason = 'Service deleted'
  }
}

/** An INACTIVE service past purgeAfterMs (drainUntilMs is when it became INACTIVE). */
function purged(ecs: EcsState, svc: EmulatedService): boolean {
  const after = ecs.behaviour.purgeAfterMs
  return (
    svc.status === 'INACTIVE' && after !== undefined && ecs.clock.now() >= svc.drainUntilMs + after
  )
}

export function createService(ecs: EcsState, body: Json): Json {
  const cluster = ecs.clusterOf(body)
  const name = str(body.serviceName) as string
  const existing = ecs.currentService(cluster, name)?.status
  if (existing === 'ACTIVE') throw invalid('Creation of service was not idempotent.')
  if (existing === 'DRAINING') throw invalid('Unable to Start a service that is still Draining.')
  // The model says desiredCount "is required if schedulingStrategy is REPLICA or isn't specified".
  const desiredCount = num(body.desiredCount)
  if (desiredCount === undefined && body.schedulingStrategy !== 'DAEMON')
    throw invalid('desiredCount is required for a service with the REPLICA scheduling strategy.')
  if ((desiredCount ?? 0) < 0) throw invalid('Desired count must be non-negative.')
  const td = resolveTaskDefinition(ecs, str(body.taskDefinition))
  const call = 'ecs:CreateService'
  if (body.launchType !== undefined && body.capacityProviderStrategy !== undefined)
    ecs.refuse(
      call,
      invalid(
        'Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.'
      )
    )
  const { strategy, refusal } = capacityStrategy(ecs, body)
  if (refusal) ecs.refuse(call, invalid(refusal))
  const launchType = strategy ? undefined : (str(body.launchType) ?? 'EC2')
  const onFargate =
    launchType === 'FARGATE' ||
    (strategy ?? []).some((i) => i.capacityProvider.startsWith('FARGATE'))
  if (onFargate && !strList(td.body.requiresCompatibilities).includes('FARGATE'))
    ecs.refuse(call, invalid('Task definition does not support launch_type FARGATE.'))
  if (td.body.networkMode === 'awsvpc' && !isRecord(body.networkConfiguration)) {
    const message = "Network Configuration must be provided when networkMode 'awsvpc' is specified."
    ecs.refuse(call, invalid(message))
  }
  const now = ecs.clock.now()
  const svc = newService(ecs, cluster, name, now, {
    loadBalancers: serviceLoadBalancers(ecs, body, td),
    taskDefinition: td.arn,
    desiredCount: desiredCount ?? 0,
    tags: tagsFrom(body.tags),
    ...(launchType !== undefined && { launchType }),
    ...(strategy && { capacityProviderStrategy: strategy }),
    platformVersion: str(body.platformVersion) ?? (onFargate ? 'LATEST' : undefined),
    networkConfiguration: body.networkConfiguration,
    propagateTags: str(body.propagateTags) ?? 'NONE',
    enableECSManagedTags: body.enableECSManagedTags === true,
    ...(isRecord(body.deploymentConfiguration) && {
      deploymentConfiguration: body.deploymentConfiguration
    })
  })
  startDeployment(ecs, svc, now)
  ecs.services.push(svc)
  return { service: serviceJson(ecs, svc, false) }
}

/** A service's target groups, refused as ECS refuses them: unknown, not attached to a load
 * balancer, or naming a container or port the task definition does not have. */
function serviceLoadBalancers(
  ecs: EcsState,
  body: Json,
  td: EmulatedTaskDefinition
): EmulatedService['loadBalancers'] {
  return records(body.loadBalancers).map((entry) => {
    const targetGroupArn = str(entry.targetGroupArn) ?? ''
    const containerName = str(entry.containerName) ?? ''
    const containerPort = num(entry.containerPort) ?? 0
    const refuse = (message: string) => ecs.refuse('ecs:CreateService', invalid(message))
    const why = ecs.targetGroups.unattachable(targetGroupArn)
    if (why) refuse(why)
    const container = records(td.body.containerDefinitions).find((c) => c.name === containerName)
    if (!container) refuse(`The container ${containerName} does not exist in the task definition.`)
    const ports = records(container?.portMappings).map((m) => num(m.containerPort))
    if (!ports.includes(containerPort))
      refuse(
        `The container ${containerName} did not have a container port ${containerPort} defined.`
      )
    return { targetGroupArn, containerName, containerPort }
  })
}

function lookupService(ecs: EcsState, body: Json): EmulatedService {
  const ref = str(body.service)
  if (!ref) throw invalid('Service must be specified.')
  const svc = ecs.currentService(ecs.clusterOf(body), arnTail(ref))
  if (!svc) throw serviceNotFound()
  return svc
}

/** A new deployment of a new task definition (or forced), or the PRIMARY one scaled in place. */
export function updateService(ecs: EcsState, body: Json): Json {
  notEmulated('UpdateService', body, [
    'cluster',
    'service',
    'taskDefinition',
    'desiredCount',
    'forceNewDeployment',
    'capacityProviderStrategy'
  ])
  const svc = lookupService(ecs, body)
  if (svc.status !== 'ACTIVE')
    throw new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.')
  const { strategy, refusal } = capacityStrategy(ecs, body)
  if (refusal) ecs.refuse('ecs:UpdateService', invalid(refusal))
  if (strategy && body.forceNewDeployment !== true)
    ecs.refuse(
      'ecs:UpdateService',
      invalid(
        'When switching from launch type to capacity provider strategy on an existing service, or making a change to a capacity provider strategy on a service that is already using one, you must force a new deployment.'
      )
    )
  if (strategy?.length === 0) {
    // An empty strategy takes the service back to its launch type.
    delete svc.capacityProviderStrategy
    svc.launchType = 'FARGATE'
  } else if (strategy) {
    svc.capacityProviderStrategy = strategy
    delete svc.launchType
  }
  const desired = num(body.desiredCount)
  if (desired !== undefined && desired < 0) throw invalid('Desired count must be non-negative.')
  const td =
    body.taskDefinition === undefined
      ? svc.taskDefinition
      : resolveTaskDefinition(ecs, str(body.taskDefinition)).arn
  const newDeployment = body.forceNewDeployment === true || td !== svc.taskDefinition
  svc.desiredCount = desired ?? svc.desiredCount
  svc.taskDefinition = td
  const now = ecs.clock.now()
  const primary = svc.deployments[0]
  if (newDeployment || !primary) {
    startDeployment(ecs, svc, now)
  } else {
    primary.desiredCount = svc.desiredCount
    primary.updatedAtMs = now
    const live = svc.tasks.filter(
      (t) => t.deploymentId === primary.id && t.desiredStatus === 'RUNNING'
    )
    primary.unplaced = Math.max(svc.desiredCount - live.length, 0)
    placeTasks(ecs, svc, primary, now)
    for (const t of live.slice(svc.desiredCount)) stopTask(t, now, primary.id)
  }
  advance(ecs, now)
  return { service: serviceJson(ecs, svc, false) }
}

export function deleteService(ecs: EcsState, body: Json): Json {
  const svc = lookupService(ecs, body)
  if (svc.status === 'ACTIVE') {
    // "The service cannot be stopped while it is scaled above 0." is the real text (moto mirrors
    // it, and the console shows it), as InvalidParameterException.
    if (svc.desiredCount > 0 && body.force !== true)
      throw invalid('The service cannot be stopped while it is scaled above 0.')
    beginDrain(ecs, svc, ecs.clock.now())
  }
  // DRAINING and INACTIVE services are answered as they are: DeleteService's model has no
  // ServiceNotActiveException, and AWS returns the service (aws-cli#1334, aws-sdk-js#4189).
  return { service: serviceJson(ecs, svc, false) }
}

function serviceJson(ecs: EcsState, s: EmulatedService, withTags: boolean): Json {
  return {
    serviceArn: s.arn,
    serviceName: s.serviceName,
    clusterArn: ecs.arn(`cluster/${s.cluster}`),
    loadBalancers: s.loadBalancers,
    status: s.status,
    desiredCount: s.desiredCount,
    runningCount: countTasks(s, null, 'RUNNING'),
    pendingCount: countTasks(s, null, 'PENDING'),
    launchType: s.launchType,
    capacityProviderStrategy: s.capacityProviderStrategy,
    platformVersion: s.platformVersion,
    platformFamily: s.platformVersion === undefined ? undefined : 'Linux',
    taskDefinition: s.taskDefinition,
    deploymentConfiguration: s.deploymentConfiguration,
    deployments: s.deployments.map((d) => ({
      id: d.id,
      status: d.status,
      taskDefinition: d.taskDefinition,
      desiredCount: d.desiredCount,
      pendingCount: countTasks(s, d.id, 'PENDING'),
      runningCount: countTasks(s, d.id, 'RUNNING'),
      createdAt: epoch(d.createdAtMs),
      updatedAt: epoch(d.updatedAtMs),
      rolloutState: d.rolloutState,
      rolloutStateReason: `ECS deployment ${d.id} ${d.rolloutState === 'COMPLETED' ? 'completed' : 'in progress'}.`
    })),
    events: s.events.map((e) => ({
      id: e.id,
      createdAt: epoch(e.createdAtMs),
      message: e.message
    })),
    createdAt: epoch(s.createdAtMs),
    networkConfiguration: s.networkConfiguration,
    schedulingStrategy: 'REPLICA',
    deploymentController: { type: 'ECS' },
    enableECSManagedTags: s.enableECSManagedTags,
    propagateTags: s.propagateTags,
    tags: withTags ? tagList(s.tags) : undefined
  }
}

export function describeServices(ecs: EcsState, body: Json): Json {
  const cluster = ecs.clusterOf(body)
  const withTags = strList(body.include).includes('TAGS')
  const services: Json[] = []
  const failures: Json[] = []
  for (const ref of strList(body.services)) {
    const svc = ecs.currentService(cluster, arnTail(ref))
    if (svc && purged(ecs, svc)) throw serviceNotFound()
    if (svc) services.push(serviceJson(ecs, svc, withTags))
    else
      failures.push({
        arn: ref.startsWith('arn:') ? ref : ecs.serviceArn(cluster, ref),
        reason: 'MISSING'
      })
  }
  return { services, failures }
}

export function listServices(ecs: EcsState, body: Json): Json {
  notEmulated('ListServices', body, ['cluster', 'maxResults', 'nextToken'])
  const cluster = ecs.clusterOf(body)
  const active = ecs.services.filter((s) => s.cluster === cluster && s.status === 'ACTIVE')
  const { arns, nextToken } = page(`services:${cluster}`, active, body, 10)
  return { serviceArns: arns, nextToken }
}
