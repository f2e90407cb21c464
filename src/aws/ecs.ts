// ECS and EC2 for one cluster: the only place their clients are made. Thin: each method is one
// API call (or one SDK waiter), decides nothing beyond reading the answer, and logs what it
// changed. EC2 answers one question, a task's public address, which only the health check of a
// task with a public IP asks: its SDK is imported at that first question, in a chunk of its own.

import {
  CreateServiceCommand,
  DeleteServiceCommand,
  DeregisterTaskDefinitionCommand,
  DescribeServicesCommand,
  DescribeTasksCommand,
  ECSClient,
  ListTasksCommand,
  type RegisterTaskDefinitionCommandInput,
  RegisterTaskDefinitionCommand,
  type Service,
  UpdateServiceCommand,
  type Task,
  paginateListServices
} from '@aws-sdk/client-ecs'
import type {
  DescribeNetworkInterfacesCommand,
  EC2Client,
  EC2ClientConfig
} from '@aws-sdk/client-ec2'
import * as core from '../runner/core.js'
import pLimit from 'p-limit'
import type { Owned } from '../domain/ownership.js'
import type { Placement, ServiceEvent } from '../domain/capacity.js'
import type { TaskFacts } from '../domain/task-watch.js'
import { explainErrors } from './errors.js'

export type ServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE' | 'MISSING'

export interface ServiceSpec {
  readonly name: string
  readonly taskDefinition: string
  readonly subnets: readonly string[]
  readonly securityGroups: readonly string[]
  readonly assignPublicIp: boolean
  readonly tags: Readonly<Record<string, string>>
  /** On-demand Fargate (a launch type) or a capacity provider strategy. */
  readonly placement: Placement
  /** The target group its tasks register in, behind the shared load balancer. */
  readonly loadBalancer?: ServiceLoadBalancer
}

export interface ServiceLoadBalancer {
  readonly targetGroupArn: string
  readonly containerName: string
  readonly containerPort: number
  /** How long ECS leaves a new task's failing load-balancer health checks alone. */
  readonly healthCheckGracePeriodSeconds: number
}

export interface ServiceInfo {
  readonly status: ServiceStatus
  readonly taskDefinition?: string
  readonly tags: Readonly<Record<string, string>>
}

export interface ListedService {
  readonly name: string
  readonly createdAt?: number
  readonly tags: Readonly<Record<string, string>>
}

export interface EnvironmentHost {
  /** Every ACTIVE service of the cluster with its creation time and tags (all pages). */
  listServices(): Promise<ListedService[]>
  registerTaskDefinition(definition: Record<string, unknown>): Promise<string>
  describeService(name: string): Promise<ServiceInfo>
  /** Several services at once (10 a call), by name; a name ECS does not know is MISSING. */
  describeServices(names: readonly string[]): Promise<Map<string, ServiceInfo>>
  createService(spec: ServiceSpec): Promise<void>
  /** Rolls a service of this repository (domain/ownership.ts) to another task definition; with a
   * capacity provider strategy, on it. */
  updateService(
    service: Owned<'service'>,
    taskDefinition: string,
    placement?: Placement
  ): Promise<void>
  /** Sets how many tasks a service of this repository runs (0: it sleeps; 1: it wakes), without
   * a new deployment; names its task definition, which IAM's ecs:task-definition condition reads. */
  scaleService(
    service: Owned<'service'>,
    taskDefinition: string,
    desiredCount: number
  ): Promise<void>
  /** The service's recent events (ECS keeps the last 100), newest first. */
  serviceEvents(name: string): Promise<ServiceEvent[]>
  /** Deletes a service of this repository; `absent` when it was gone (ServiceNotFound). */
  deleteService(service: Owned<'service'>): Promise<'deleted' | 'absent'>
  /** Deregisters a task-definition revision of this repository's environment. */
  deregisterTaskDefinition(arn: string): Promise<void>
  /** The service's tasks, running and recently stopped (ECS keeps stopped ones about an hour). */
  serviceTasks(name: string): Promise<TaskFacts[]>
  /** The public IP of a task's network interface, if it has one. */
  publicIpOf(networkInterfaceId: string): Promise<string | undefined>
}

const GONE = new Set(['ServiceNotFoundException', 'ServiceNotActiveException'])
const DESCRIBE_CONCURRENCY = 4

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = []
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size))
  return chunks
}

/** The request members of a placement, as the SDK types them. */
function strategyOf(placement: Placement): {
  launchType?: 'FARGATE'
  capacityProviderStrategy?: { capacityProvider: string; weight: number }[]
} {
  return 'launchType' in placement
    ? { launchType: placement.launchType }
    : { capacityProviderStrategy: placement.capacityProviderStrategy.map((item) => ({ ...item })) }
}

function tagsOf(tags: readonly { key?: string; value?: string }[] | undefined) {
  return Object.fromEntries((tags ?? []).map((t) => [t.key ?? '', t.value ?? '']))
}

/** A task as DescribeTasks describes it. */
function taskFacts(task: Task): TaskFacts {
  const details = task.attachments?.flatMap((a) => a.details ?? []) ?? []
  const detail = (name: string) => details.find((d) => d.name === name)?.value
  const privateIp = detail('privateIPv4Address')
  const networkInterfaceId = detail('networkInterfaceId')
  return {
    arn: task.taskArn ?? '',
    taskDefinition: task.taskDefinitionArn ?? '',
    lastStatus: task.lastStatus ?? '',
    desiredStatus: task.desiredStatus ?? '',
    ...(privateIp && { privateIp }),
    ...(networkInterfaceId && { networkInterfaceId }),
    ...(task.stopCode && { stopCode: task.stopCode }),
    ...(task.stoppedReason && { stoppedReason: task.stoppedReason }),
    ...(task.stoppedAt && { stoppedAt: task.stoppedAt.getTime() }),
    containers: (task.containers ?? []).map((c) => ({
      name: c.name ?? '',
      ...(c.exitCode !== undefined && { exitCode: c.exitCode }),
      ...(c.reason && { reason: c.reason })
    }))
  }
}

/** A service as DescribeServices describes it: its status, task definition and tags. */
function infoOf(service: Service | undefined): ServiceInfo {
  const status = service?.status
  if (status === 'ACTIVE' || status === 'DRAINING' || status === 'INACTIVE') {
    return {
      status,
      ...(service?.taskDefinition && { taskDefinition: service.taskDefinition }),
      tags: tagsOf(service?.tags)
    }
  }
  return { status: 'MISSING', tags: {} }
}

interface Ec2 {
  readonly client: EC2Client
  readonly DescribeNetworkInterfacesCommand: typeof DescribeNetworkInterfacesCommand
}

async function ec2Client(
  config: EC2ClientConfig,
  facts: Parameters<typeof explainErrors>[1]
): Promise<Ec2> {
  const sdk = await import('@aws-sdk/client-ec2')
  const client = new sdk.EC2Client(config)
  explainErrors(client, facts)
  return { client, DescribeNetworkInterfacesCommand: sdk.DescribeNetworkInterfacesCommand }
}

export function ecsHost(region: string, cluster: string): EnvironmentHost {
  const common = { region, maxAttempts: 5, customUserAgent: 'showtime' }
  const ecs = new ECSClient(common)
  explainErrors(ecs, { service: 'ecs', cluster, region })
  let ec2: Promise<Ec2> | undefined
  const loadEc2 = () => (ec2 ??= ec2Client(common, { service: 'ec2', cluster, region }))

  return {
    async listServices() {
      const arns: string[] = []
      for await (const page of paginateListServices({ client: ecs, pageSize: 100 }, { cluster })) {
        arns.push(...(page.serviceArns ?? []))
      }
      // DescribeServices takes at most 10 services a call; a few calls run at once.
      const limit = pLimit(DESCRIBE_CONCURRENCY)
      const described = await Promise.all(
        chunk(arns, 10).map((services) =>
          limit(async () => {
            const out = await ecs.send(
              new DescribeServicesCommand({ cluster, services, include: ['TAGS'] })
            )
            return out.services ?? []
          })
        )
      )
      return described.flat().flatMap((s) =>
        s.serviceName && s.status === 'ACTIVE'
          ? [
              {
                name: s.serviceName,
                ...(s.createdAt && { createdAt: s.createdAt.getTime() }),
                tags: tagsOf(s.tags)
              }
            ]
          : []
      )
    },

    async registerTaskDefinition(definition) {
      const out = await ecs.send(
        new RegisterTaskDefinitionCommand(
          definition as unknown as RegisterTaskDefinitionCommandInput
        )
      )
      const arn = out.taskDefinition?.taskDefinitionArn
      if (!arn) throw new Error('RegisterTaskDefinition returned no task definition ARN')
      return arn
    },

    async describeService(name) {
      let out
      try {
        out = await ecs.send(
          new DescribeServicesCommand({ cluster, services: [name], include: ['TAGS'] })
        )
      } catch (error) {
        // A deleted service can be purged: ECS then names it not found instead of MISSING.
        if ((error as Error).name === 'ServiceNotFoundException')
          return { status: 'MISSING', tags: {} }
        throw error
      }
      return infoOf(out.services?.find((s) => s.serviceName === name))
    },

    async describeServices(names) {
      const limit = pLimit(DESCRIBE_CONCURRENCY)
      const described = await Promise.all(
        chunk([...new Set(names)], 10).map((services) =>
          limit(async () => {
            try {
              const out = await ecs.send(
                new DescribeServicesCommand({ cluster, services, include: ['TAGS'] })
              )
              return services.map((name) => [
                name,
                infoOf(out.services?.find((s) => s.serviceName === name))
              ])
            } catch (error) {
              // One purged service fails the whole call: each is described on its own then.
              if ((error as Error).name !== 'ServiceNotFoundException') throw error
              return Promise.all(
                services.map(async (name) => [name, await this.describeService(name)])
              )
            }
          })
        )
      )
      return new Map(described.flat() as [string, ServiceInfo][])
    },

    async createService(spec) {
      await ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: spec.name,
          taskDefinition: spec.taskDefinition,
          ...strategyOf(spec.placement),
          platformVersion: 'LATEST',
          desiredCount: 1,
          networkConfiguration: {
            awsvpcConfiguration: {
              subnets: [...spec.subnets],
              securityGroups: [...spec.securityGroups],
              assignPublicIp: spec.assignPublicIp ? 'ENABLED' : 'DISABLED'
            }
          },
          ...(spec.loadBalancer && {
            loadBalancers: [
              {
                targetGroupArn: spec.loadBalancer.targetGroupArn,
                containerName: spec.loadBalancer.containerName,
                containerPort: spec.loadBalancer.containerPort
              }
            ],
            healthCheckGracePeriodSeconds: spec.loadBalancer.healthCheckGracePeriodSeconds
          }),
          tags: Object.entries(spec.tags).map(([key, value]) => ({ key, value })),
          // The tasks carry the service's tags (its PR among them) for cost allocation, and ECS's
          // own cluster and service tags beside them.
          propagateTags: 'SERVICE',
          enableECSManagedTags: true
        })
      )
    },

    async updateService({ id: name }, taskDefinition, placement) {
      await ecs.send(
        new UpdateServiceCommand({
          cluster,
          service: name,
          taskDefinition,
          ...(placement && 'capacityProviderStrategy' in placement && strategyOf(placement)),
          forceNewDeployment: true
        })
      )
    },

    async scaleService({ id: name }, taskDefinition, desiredCount) {
      await ecs.send(
        new UpdateServiceCommand({ cluster, service: name, taskDefinition, desiredCount })
      )
      core.info(`scaled ${name} to ${desiredCount} tasks`)
    },

    async serviceEvents(name) {
      const out = await ecs.send(new DescribeServicesCommand({ cluster, services: [name] }))
      const service = out.services?.find((s) => s.serviceName === name)
      return (service?.events ?? []).map((e) => ({
        createdAt: e.createdAt?.getTime() ?? 0,
        message: e.message ?? ''
      }))
    },

    async deleteService({ id: name }) {
      try {
        await ecs.send(new DeleteServiceCommand({ cluster, service: name, force: true }))
        core.info(`deleted ${name}`)
        return 'deleted'
      } catch (error) {
        if (!GONE.has((error as Error).name)) throw error
        core.info(`${name} was already gone`)
        return 'absent'
      }
    },

    async deregisterTaskDefinition(arn) {
      await ecs.send(new DeregisterTaskDefinitionCommand({ taskDefinition: arn }))
      core.info(`deregistered ${arn}`)
    },

    async serviceTasks(name) {
      const listed = await Promise.all(
        (['RUNNING', 'STOPPED'] as const).map((desiredStatus) =>
          ecs.send(new ListTasksCommand({ cluster, serviceName: name, desiredStatus }))
        )
      )
      // A task that stops between the two lists is in both: it is described once.
      const arns = [...new Set(listed.flatMap((out) => out.taskArns ?? []))]
      // DescribeTasks takes at most 100 tasks a call.
      const described = await Promise.all(
        chunk(arns, 100).map((tasks) => ecs.send(new DescribeTasksCommand({ cluster, tasks })))
      )
      return described.flatMap((out) => out.tasks ?? []).map(taskFacts)
    },

    async publicIpOf(networkInterfaceId) {
      const { client, DescribeNetworkInterfacesCommand } = await loadEc2()
      try {
        const interfaces = await client.send(
          new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [networkInterfaceId] })
        )
        return interfaces.NetworkInterfaces?.[0]?.Association?.PublicIp
      } catch (error) {
        // The task stopped since it was described: its interface went with it.
        if ((error as Error).name === 'InvalidNetworkInterfaceID.NotFound') return undefined
        throw error
      }
    }
  }
}
