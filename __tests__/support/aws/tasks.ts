// Tasks: started by deployments, RUNNING once their deployment's stabilizeMs has passed (writing
// behaviour taskOutput to their awslogs stream then), stopped
// with their ENI when scaled down or when their service drains, or crashed (behaviour taskExit:
// stopped with their exit code and replaced by the scheduler); ListTasks and DescribeTasks; and
// `advance`, which brings ECS's state up to the clock (tasks start and stop, deployments complete,
// services drain, targets are (de)registered in their target groups).

import {
  type EcsState,
  type EmulatedDeployment,
  type EmulatedService,
  type EmulatedTask,
  type Json,
  arnTail,
  dnsName,
  epoch,
  isRecord,
  invalid,
  notEmulated,
  records,
  serviceNotFound,
  str,
  strList,
  num,
  tagList,
  uuidOf
} from './records.js'
import { hexOf } from '../http-emulator.js'
import { awslogsOf } from './logs.js'

export function startTask(
  ecs: EcsState,
  svc: EmulatedService,
  dep: EmulatedDeployment,
  nowMs: number,
  readyAtMs: number
): EmulatedTask {
  const n = ecs.next()
  const id = hexOf(`task:${svc.arn}:${n}`, 32)
  const awsvpc = (svc.networkConfiguration as Json | undefined)?.awsvpcConfiguration as
    Json | undefined
  const subnets = strList(awsvpc?.subnets)
  const td = ecs.findTaskDef(dep.taskDefinition)
  const containers = records(td?.body.containerDefinitions).map((c) => ({
    name: str(c.name) ?? 'app',
    image: str(c.image)
  }))
  const tags = {
    ...(svc.propagateTags === 'SERVICE' && svc.tags),
    ...(svc.propagateTags === 'TASK_DEFINITION' && td?.tags),
    ...(svc.enableECSManagedTags && {
      'aws:ecs:serviceName': svc.serviceName,
      'aws:ecs:clusterName': svc.cluster
    })
  }
  const task: EmulatedTask = {
    seq: n,
    arn: ecs.arn(`task/${svc.cluster}/${id}`),
    id,
    cluster: svc.cluster,
    serviceName: svc.serviceName,
    deploymentId: dep.id,
    taskDefinitionArn: dep.taskDefinition,
    lastStatus: 'PENDING',
    desiredStatus: 'RUNNING',
    createdAtMs: nowMs,
    readyAtMs,
    eniId: `eni-${hexOf(`eni:${svc.arn}:${n}`, 17)}`,
    attachmentId: uuidOf(`attachment:${svc.arn}:${n}`),
    subnetId: subnets[n % Math.max(subnets.length, 1)] ?? 'subnet-0a1b2c3d4e5f60718',
    securityGroups: strList(awsvpc?.securityGroups),
    privateIp: `10.0.${Math.floor(n / 250) % 250}.${(n % 250) + 4}`,
    mac: `0a:${hexOf(`mac:${n}`, 10).match(/../g)?.join(':')}`,
    publicIp:
      ecs.behaviour.noPublicIp || awsvpc?.assignPublicIp === 'DISABLED' ? null : ecs.publicIp,
    targets: 'none',
    tags,
    cpu: str(td?.body.cpu),
    memory: str(td?.body.memory),
    containers: containers.length ? containers : [{ name: 'app' }]
  }
  // The first provider the strategy weighs (Showtime's strategies have one).
  const provider = svc.capacityProviderStrategy?.find((item) => item.weight > 0)?.capacityProvider
  if (provider !== undefined) task.capacityProviderName = provider
  const crash = ecs.behaviour.taskExit
  if (crash && crash.tasks !== 0) {
    task.exit = { ...crash, atMs: readyAtMs + Math.max(1, crash.afterMs) }
    if (crash.tasks !== undefined) ecs.behaviour.taskExit = { ...crash, tasks: crash.tasks - 1 }
  }
  if (ecs.behaviour.taskOutput) task.output = [...ecs.behaviour.taskOutput]
  if (ecs.behaviour.ignoresSigterm) task.ignoresSigterm = true
  svc.tasks.push(task)
  return task
}

/** Starts the deployment's unplaced tasks, unless Fargate Spot has no capacity for them: then ECS
 * says so in the service's events (once until it can place them), and tries again later. */
export function placeTasks(
  ecs: EcsState,
  svc: EmulatedService,
  dep: EmulatedDeployment,
  now: number
): void {
  if (dep.unplaced === 0) return
  if (onSpotOnly(svc) && !ecs.behaviour.spotCapacity) {
    // Once per deployment: ECS does not repeat the event at every retry.
    if (!dep.shortageReported) {
      const message = `(service ${svc.serviceName}) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`
      svc.events.unshift({
        id: uuidOf(`event:${svc.arn}:${ecs.next()}`),
        createdAtMs: now,
        message
      })
      svc.events.length = Math.min(svc.events.length, 100)
      dep.shortageReported = true
    }
    return
  }
  const readyAt = Math.max(now + ecs.behaviour.stabilizeMs, dep.readyAtMs)
  dep.readyAtMs = readyAt
  for (; dep.unplaced > 0; dep.unplaced--) startTask(ecs, svc, dep, now, readyAt)
}

/** The service's tasks can only go to Fargate Spot: the only provider its strategy weighs. */
function onSpotOnly(svc: EmulatedService): boolean {
  const weighted = (svc.capacityProviderStrategy ?? []).filter((item) => item.weight > 0)
  return weighted.length > 0 && weighted.every((item) => item.capacityProvider === 'FARGATE_SPOT')
}

/** A task stops (its ENI is deleted with it): for its scaling-down deployment, if it names one,
 * else because its service was deleted. */
export function stopTask(t: EmulatedTask, atMs: number, deploymentId?: string): void {
  if (t.lastStatus === 'STOPPED') return
  // Its app, sent SIGTERM, did not exit: killed at the stop timeout (a crash has its exit already).
  if (t.ignoresSigterm && t.lastStatus === 'RUNNING')
    t.containers = t.containers.map((c, i) =>
      i === 0 && c.exitCode === undefined ? { ...c, exitCode: 137 } : c
    )
  t.desiredStatus = 'STOPPED'
  t.lastStatus = 'STOPPED'
  t.stoppingAtMs ??= atMs
  t.stoppedAtMs = atMs
  t.stoppedReason ??= deploymentId
    ? `Scaling activity initiated by (deployment ${deploymentId})`
    : 'Service deleted'
}

/** Its essential container exits: the task stops, and the scheduler starts its replacement. */
function crashTask(ecs: EcsState, svc: EmulatedService, t: EmulatedTask, atMs: number): void {
  const exit = t.exit
  if (!exit) return
  t.stopCode = 'EssentialContainerExited'
  t.stoppedReason = 'Essential container in task exited'
  t.containers = t.containers.map((c, i) =>
    i === 0 ? { ...c, exitCode: exit.exitCode, ...(exit.reason && { reason: exit.reason }) } : c
  )
  if (exit.output) writeLog(ecs, t, exit.output, atMs)
  stopTask(t, atMs)
  const deployment = svc.deployments.find((d) => d.id === t.deploymentId)
  if (deployment && deployment.desiredCount > 0)
    startTask(ecs, svc, deployment, atMs, atMs + ecs.behaviour.stabilizeMs)
}

/** Lines the task's app container writes to its awslogs stream, `{prefix}/{container}/{task id}`. */
function writeLog(ecs: EcsState, t: EmulatedTask, lines: readonly string[], atMs: number): void {
  const awslogs = awslogsOf(ecs.findTaskDef(t.taskDefinitionArn)?.body)
  if (awslogs?.prefix)
    ecs.logs.write(awslogs.group, `${awslogs.prefix}/${awslogs.container}/${t.id}`, lines, atMs)
}

export function countTasks(
  svc: EmulatedService,
  deploymentId: string | null,
  state: EmulatedTask['lastStatus']
): number {
  return svc.tasks.filter(
    (t) =>
      (deploymentId === null || t.deploymentId === deploymentId) &&
      t.lastStatus === state &&
      (state !== 'PENDING' || t.desiredStatus === 'RUNNING')
  ).length
}

/** Every task of the cluster (all clusters when none is given), in start order. */
export function tasksOf(ecs: EcsState, cluster?: string): EmulatedTask[] {
  return ecs.services
    .filter((s) => cluster === undefined || s.cluster === cluster)
    .flatMap((s) => s.tasks)
    .sort((a, b) => a.seq - b.seq)
}

/** ECS's state catches up with the clock: tasks start and stop, deployments complete, services
 * drain, and targets are (de)registered. */
export function advance(ecs: EcsState, now = ecs.clock.now()): void {
  const b = ecs.behaviour
  for (const svc of ecs.services) {
    if (svc.status === 'DRAINING' && !b.stuckDraining && now >= svc.drainUntilMs) {
      svc.status = 'INACTIVE'
      for (const t of svc.tasks) stopTask(t, svc.drainUntilMs)
    }
    if (svc.status !== 'ACTIVE' || b.neverStable) continue
    // ECS keeps trying to place what it could not (a Fargate Spot task without capacity).
    const pending = svc.deployments[0]
    if (pending && pending.unplaced > 0) placeTasks(ecs, svc, pending, now)
    // A crashed task's replacement may have started, and crashed, by now too.
    for (let changed = true; changed;) {
      changed = false
      for (const t of [...svc.tasks]) {
        if (t.lastStatus === 'PENDING' && t.desiredStatus === 'RUNNING' && now >= t.readyAtMs) {
          t.lastStatus = 'RUNNING'
          t.startedAtMs = t.readyAtMs
          if (t.output) writeLog(ecs, t, t.output, t.readyAtMs)
        }
        if (t.exit && t.lastStatus === 'RUNNING' && now >= t.exit.atMs) {
          crashTask(ecs, svc, t, t.exit.atMs)
          changed = true
        }
      }
    }
    const primary = svc.deployments[0]
    if (
      primary?.rolloutState === 'IN_PROGRESS' &&
      now >= primary.readyAtMs &&
      servingTasks(ecs, svc, primary.id) >= primary.desiredCount
    ) {
      primary.rolloutState = 'COMPLETED'
      primary.updatedAtMs = Math.max(primary.readyAtMs, primary.createdAtMs)
      for (const old of svc.deployments.slice(1)) {
        for (const t of svc.tasks.filter((t) => t.deploymentId === old.id))
          stopTask(t, primary.updatedAtMs, old.id)
      }
      svc.deployments = [primary]
    }
  }
  syncTargets(ecs)
}

/** RUNNING tasks of a deployment that serve: with load balancers, healthy in each of them (ECS
 * completes a deployment behind a load balancer only then). */
function servingTasks(ecs: EcsState, svc: EmulatedService, deploymentId: string): number {
  return svc.tasks.filter(
    (t) =>
      t.deploymentId === deploymentId &&
      t.lastStatus === 'RUNNING' &&
      svc.loadBalancers.every((lb) => ecs.targetGroups.isHealthy(lb.targetGroupArn, t.privateIp))
  ).length
}

/** ECS registers a running task in its service's target groups and deregisters it once it is
 * to stop. */
function syncTargets(ecs: EcsState): void {
  for (const svc of ecs.services) {
    for (const t of svc.tasks) {
      const running = t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING'
      if (running && t.targets === 'none') {
        for (const lb of svc.loadBalancers) {
          const image = t.containers.find((c) => c.name === lb.containerName)?.image
          ecs.targetGroups.register(lb.targetGroupArn, t.privateIp, lb.containerPort, image)
        }
        t.targets = 'registered'
      } else if (t.desiredStatus === 'STOPPED' && t.targets === 'registered') {
        for (const lb of svc.loadBalancers)
          ecs.targetGroups.deregister(lb.targetGroupArn, t.privateIp)
        t.targets = 'deregistered'
      }
    }
  }
}

/** One page of `items` (maxResults, ECS's default size otherwise) after the nextToken's item. */
export function page<T extends { seq: number; arn: string }>(
  kind: string,
  items: T[],
  body: Json,
  size: number
): { arns: string[]; nextToken?: string } {
  let after = 0
  const token = str(body.nextToken)
  if (token) {
    const parsed: unknown = (() => {
      try {
        return JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
      } catch {
        return undefined
      }
    })()
    if (!isRecord(parsed) || parsed.k !== kind || typeof parsed.s !== 'number')
      throw invalid('Invalid nextToken')
    after = parsed.s
  }
  size = num(body.maxResults) ?? size
  const all = items.filter((i) => i.seq > after)
  const last = all[size - 1]
  const next = { k: kind, s: last?.seq, r: hexOf(`${kind}${last?.seq}`, 8) }
  return {
    arns: all.slice(0, size).map((i) => i.arn),
    ...(all.length > size && {
      nextToken: Buffer.from(JSON.stringify(next)).toString('base64url')
    })
  }
}

export function listTasks(ecs: EcsState, body: Json): Json {
  notEmulated('ListTasks', body, [
    'cluster',
    'serviceName',
    'desiredStatus',
    'maxResults',
    'nextToken'
  ])
  const cluster = ecs.clusterOf(body)
  const serviceName = arnTail(str(body.serviceName) ?? '')
  if (serviceName && !ecs.currentService(cluster, serviceName)) throw serviceNotFound()
  const desired = str(body.desiredStatus) ?? 'RUNNING'
  const tasks = tasksOf(ecs, cluster).filter(
    (t) =>
      (!serviceName || t.serviceName === serviceName) &&
      (desired === 'PENDING' ? t.lastStatus === 'PENDING' : t.desiredStatus === desired)
  )
  const { arns, nextToken } = page(`tasks:${cluster}`, tasks, body, 100)
  return { taskArns: arns, nextToken }
}

function taskJson(ecs: EcsState, t: EmulatedTask, withTags: boolean): Json {
  const out: Json = {
    attachments: [
      {
        id: t.attachmentId,
        type: 'ElasticNetworkInterface',
        status: t.lastStatus === 'STOPPED' ? 'DELETED' : 'ATTACHED',
        details: [
          { name: 'subnetId', value: t.subnetId },
          { name: 'networkInterfaceId', value: t.eniId },
          { name: 'macAddress', value: t.mac },
          {
            name: 'privateDnsName',
            value: dnsName(`ip-${t.privateIp}`, `${ecs.region}.compute.internal`)
          },
          { name: 'privateIPv4Address', value: t.privateIp }
        ]
      }
    ],
    availabilityZone: `${ecs.region}a`,
    clusterArn: ecs.arn(`cluster/${t.cluster}`),
    containers: t.containers.map((c, i) => ({
      containerArn: ecs.arn(`container/${t.cluster}/${t.id}/${uuidOf(`${t.id}:${i}`)}`),
      taskArn: t.arn,
      name: c.name,
      image: c.image,
      lastStatus: t.lastStatus,
      ...(c.exitCode !== undefined && { exitCode: c.exitCode }),
      ...(c.reason && { reason: c.reason }),
      networkInterfaces: [{ attachmentId: t.attachmentId, privateIpv4Address: t.privateIp }]
    })),
    cpu: t.cpu,
    createdAt: epoch(t.createdAtMs),
    desiredStatus: t.desiredStatus,
    group: `service:${t.serviceName}`,
    lastStatus: t.lastStatus,
    launchType: 'FARGATE',
    capacityProviderName: t.capacityProviderName,
    memory: t.memory,
    platformVersion: '1.4.0',
    startedBy: t.deploymentId,
    taskArn: t.arn,
    taskDefinitionArn: t.taskDefinitionArn,
    startedAt: epoch(t.startedAtMs),
    stoppingAt: epoch(t.stoppingAtMs),
    stoppedAt: epoch(t.stoppedAtMs),
    stoppedReason: t.stoppedReason,
    stopCode: t.stopCode ?? (t.stoppedReason && 'ServiceSchedulerInitiated')
  }
  if (withTags) out.tags = tagList(t.tags)
  return out
}

export function describeTasks(ecs: EcsState, body: Json): Json {
  const byId = new Map(tasksOf(ecs, ecs.clusterOf(body)).map((t) => [t.id, t]))
  const withTags = strList(body.include).includes('TAGS')
  const tasks: Json[] = []
  const failures: Json[] = []
  for (const ref of strList(body.tasks)) {
    const t = byId.get(arnTail(ref))
    if (t) tasks.push(taskJson(ecs, t, withTags))
    else failures.push({ arn: ref, reason: 'MISSING' })
  }
  return { tasks, failures }
}
