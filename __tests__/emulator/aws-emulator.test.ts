import {
  DeleteServiceCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  DescribeTasksCommand,
  ECSClient,
  ListServicesCommand,
  ListTasksCommand,
  RegisterTaskDefinitionCommand,
  CreateServiceCommand,
  ServiceNotFoundException,
  UpdateServiceCommand,
  paginateListServices,
  waitForServicesStable,
  waitUntilServicesStable
} from '@aws-sdk/client-ecs'
import type { CreateServiceCommandInput, Service } from '@aws-sdk/client-ecs'
import { DescribeNetworkInterfacesCommand, EC2Client } from '@aws-sdk/client-ec2'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AwsEmulator } from '../support/aws-emulator.js'
import { ManualClock } from '../support/clock.js'
import { rejection } from '../support/http-emulator.js'

const cluster = 'superset-ci'
const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }
const ARN_PREFIX = 'arn:aws:ecs:us-west-2:123456789012'

let emu: AwsEmulator
/** The emulator's time: tests advance it instead of waiting. */
let clock: ManualClock
let ecs: ECSClient
let ec2: EC2Client

function clients(e: AwsEmulator): void {
  ecs = new ECSClient({ region: 'us-west-2', endpoint: e.url, credentials, maxAttempts: 3 })
  ec2 = new EC2Client({ region: 'us-west-2', endpoint: e.url, credentials, maxAttempts: 3 })
}

async function start(opts: Parameters<typeof AwsEmulator.start>[0] = {}): Promise<void> {
  ecs.destroy()
  ec2.destroy()
  await emu.stop()
  clock = new ManualClock()
  emu = await AwsEmulator.start({ clock, ...opts })
  clients(emu)
}

const failure = (call: Promise<unknown>) =>
  rejection<Error & { $metadata?: { httpStatusCode?: number; attempts?: number } }>(call)

/** `<name>: <message>` of the call's error, answered with HTTP 400. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const err = await failure(call)
  expect(err.$metadata?.httpStatusCode).toBe(400)
  return `${err.name}: ${err.message}`
}

async function registerTaskDef(family = cluster): Promise<string> {
  const out = await ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '1024',
      memory: '2048',
      executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
      containerDefinitions: [
        {
          name: 'superset-ci',
          image: 'apache/superset:abc1234-ci',
          essential: true,
          portMappings: [{ containerPort: 8080, hostPort: 8080, protocol: 'tcp' }],
          environment: [{ name: 'SUPERSET_LOAD_EXAMPLES', value: 'yes' }]
        }
      ],
      tags: [{ key: 'pr', value: '1' }]
    })
  )
  return out.taskDefinition?.taskDefinitionArn ?? ''
}

function createInput(serviceName: string, taskDefinition: string): CreateServiceCommandInput {
  return {
    cluster,
    serviceName,
    taskDefinition,
    desiredCount: 1,
    launchType: 'FARGATE',
    platformVersion: 'LATEST',
    networkConfiguration: {
      awsvpcConfiguration: {
        subnets: ['subnet-0aaa1111bbbb2222c'],
        securityGroups: ['sg-0123456789abcdef0'],
        assignPublicIp: 'ENABLED'
      }
    },
    tags: [
      { key: 'pr', value: '1' },
      { key: 'sha', value: 'abc1234' }
    ],
    propagateTags: 'SERVICE',
    enableECSManagedTags: true
  }
}

async function describeOne(name: string, include?: 'TAGS'): Promise<Service> {
  const out = await ecs.send(
    new DescribeServicesCommand({
      cluster,
      services: [name],
      include: include ? [include] : undefined
    })
  )
  const svc = out.services?.[0]
  if (!svc) throw new Error(`no service ${name}: ${JSON.stringify(out.failures)}`)
  return svc
}

/** ENI id of each task of the service, via ListTasks + DescribeTasks as production code does. */
async function taskEnis(
  serviceName: string
): Promise<{ taskArn: string; lastStatus?: string; eni: string }[]> {
  const listed = await ecs.send(new ListTasksCommand({ cluster, serviceName }))
  if (!listed.taskArns?.length) return []
  const described = await ecs.send(new DescribeTasksCommand({ cluster, tasks: listed.taskArns }))
  return (described.tasks ?? []).map((t) => ({
    taskArn: t.taskArn ?? '',
    lastStatus: t.lastStatus,
    eni:
      t.attachments
        ?.find((a) => a.type === 'ElasticNetworkInterface')
        ?.details?.find((d) => d.name === 'networkInterfaceId')?.value ?? ''
  }))
}

const waiter = () => ({ client: ecs, maxWaitTime: 5, minDelay: 1, maxDelay: 1 })

beforeEach(async () => {
  clock = new ManualClock()
  emu = await AwsEmulator.start({ clock })
  clients(emu)
})

afterEach(async () => {
  ecs.destroy()
  ec2.destroy()
  await emu.stop()
})

describe('task definitions', () => {
  it('registers revisions per family, keeping what was sent and its tags', async () => {
    const first = await registerTaskDef()
    const second = await registerTaskDef()
    expect(first).toBe(`${ARN_PREFIX}:task-definition/superset-ci:1`)
    expect(second).toBe(`${ARN_PREFIX}:task-definition/superset-ci:2`)
    const [, latest] = emu.taskDefinitions()
    expect(latest).toMatchObject({ revision: 2 })
    expect(latest?.body).toMatchObject({ tags: [{ key: 'pr', value: '1' }] })
  })
})

describe('create and stabilise', () => {
  it('is IN_PROGRESS with runningCount 0 until stabilizeMs, then the waiter sees it stable', async () => {
    await start({ stabilizeMs: 300 })
    const td = await registerTaskDef()
    const created = await ecs.send(
      new CreateServiceCommand(createInput('pr-1-abc1234-service', td))
    )
    expect(created.service?.serviceArn).toBe(
      `${ARN_PREFIX}:service/superset-ci/pr-1-abc1234-service`
    )
    expect(created.service?.clusterArn).toBe(`${ARN_PREFIX}:cluster/superset-ci`)
    expect(created.service?.createdAt).toBeInstanceOf(Date)

    const early = await describeOne('pr-1-abc1234-service')
    expect(early.status).toBe('ACTIVE')
    expect(early.runningCount).toBe(0)
    expect(early.desiredCount).toBe(1)
    expect(early.deployments).toHaveLength(1)
    expect(early.deployments?.[0]).toMatchObject({
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
      taskDefinition: td,
      runningCount: 0,
      pendingCount: 1
    })
    expect(early.deployments?.[0]?.id).toMatch(/^ecs-svc\/\d{19}$/)
    expect(early.events).toEqual([])

    clock.advance(299)
    expect((await describeOne('pr-1-abc1234-service')).runningCount).toBe(0)
    clock.advance(1)
    const result = await waitUntilServicesStable(waiter(), {
      cluster,
      services: ['pr-1-abc1234-service']
    })
    expect(result.state).toBe('SUCCESS')

    const stable = await describeOne('pr-1-abc1234-service')
    expect(stable.runningCount).toBe(1)
    expect(stable.pendingCount).toBe(0)
    expect(stable.deployments?.[0]?.rolloutState).toBe('COMPLETED')
    expect(stable.launchType).toBe('FARGATE')
    expect(stable.networkConfiguration?.awsvpcConfiguration?.assignPublicIp).toBe('ENABLED')

    const [snap] = emu.activeServices(cluster)
    expect(snap).toMatchObject({
      serviceName: 'pr-1-abc1234-service',
      status: 'ACTIVE',
      runningCount: 1,
      tags: { pr: '1', sha: 'abc1234' },
      launchType: 'FARGATE'
    })
    const describeCalls = emu.requests.filter((r) => r.action === 'DescribeServices')
    expect(describeCalls.length).toBeGreaterThanOrEqual(2)
    expect(emu.requests.find((r) => r.action === 'CreateService')).toMatchObject({
      service: 'ecs',
      status: 200,
      body: { serviceName: 'pr-1-abc1234-service', desiredCount: 1, launchType: 'FARGATE' }
    })
  })

  it('never-stable deployments stay IN_PROGRESS with no task running', async () => {
    emu.setBehaviour({ neverStable: true })
    const td = await registerTaskDef()
    await ecs.send(new CreateServiceCommand(createInput('pr-2-def5678-service', td)))
    clock.advance(3_600_000)
    const svc = await describeOne('pr-2-def5678-service')
    expect(svc.runningCount).toBe(0)
    expect(svc.deployments?.[0]?.rolloutState).toBe('IN_PROGRESS')
  })

  it('allows the name of a DRAINING service again once it is INACTIVE', async () => {
    const td = await registerTaskDef()
    emu.setBehaviour({ stuckDraining: true })
    emu.addService({ serviceName: 'pr-3-draining-service', status: 'DRAINING' })
    emu.setBehaviour({ stuckDraining: false })
    await ecs.send(new CreateServiceCommand(createInput('pr-3-draining-service', td)))
    const records = emu.services(cluster).filter((s) => s.serviceName === 'pr-3-draining-service')
    expect(records.map((s) => s.status)).toEqual(['INACTIVE', 'ACTIVE'])
  })
})

describe('delete', () => {
  it('force-deletes to DRAINING, then INACTIVE after drainMs; its task and ENI go away', async () => {
    await start({ drainMs: 300 })
    emu.addService({ serviceName: 'pr-5-service' })
    const [before] = await taskEnis('pr-5-service')
    expect(before?.eni).toMatch(/^eni-[0-9a-f]{17}$/)

    expect(
      await refusal(ecs.send(new DeleteServiceCommand({ cluster, service: 'pr-5-service' })))
    ).toBe('InvalidParameterException: The service cannot be stopped while it is scaled above 0.')

    const deleted = await ecs.send(
      new DeleteServiceCommand({ cluster, service: 'pr-5-service', force: true })
    )
    expect(deleted.service?.status).toBe('DRAINING')
    expect(deleted.service?.desiredCount).toBe(0)
    expect((await describeOne('pr-5-service')).status).toBe('DRAINING')
    expect(emu.activeServices(cluster)).toHaveLength(1)
    expect(await taskEnis('pr-5-service')).toEqual([])

    const waited = await waitForServicesStable(waiter(), { cluster, services: ['pr-5-service'] })
    expect(waited.state).toBe('FAILURE')

    clock.advance(299)
    expect((await describeOne('pr-5-service')).status).toBe('DRAINING')
    clock.advance(1)
    expect((await describeOne('pr-5-service')).status).toBe('INACTIVE')
    expect(emu.activeServices(cluster)).toEqual([])
    const eni = new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [before?.eni ?? ''] })
    expect(await refusal(ec2.send(eni))).toMatch(/^InvalidNetworkInterfaceID.NotFound: /)

    // DeleteService on an INACTIVE service answers with the service, as ECS does.
    const again = await ecs.send(
      new DeleteServiceCommand({ cluster, service: 'pr-5-service', force: true })
    )
    expect(again.service?.status).toBe('INACTIVE')
    const update = new UpdateServiceCommand({ cluster, service: 'pr-5-service', desiredCount: 1 })
    expect(await refusal(ecs.send(update))).toBe(
      'ServiceNotActiveException: Service was not ACTIVE.'
    )
  })
})

describe('scaling', () => {
  it('scales the PRIMARY deployment in place, and a service at 0 deletes without force', async () => {
    await start({ drainMs: 60_000 })
    emu.addService({ serviceName: 'pr-15-service' })
    const scaled = await ecs.send(
      new UpdateServiceCommand({ cluster, service: 'pr-15-service', desiredCount: 0 })
    )
    expect(scaled.service?.deployments).toHaveLength(1)
    expect(scaled.service?.runningCount).toBe(0)
    expect(await taskEnis('pr-15-service')).toEqual([])
    const waited = await waitUntilServicesStable(waiter(), { cluster, services: ['pr-15-service'] })
    expect(waited.state).toBe('SUCCESS')

    const deleted = await ecs.send(new DeleteServiceCommand({ cluster, service: 'pr-15-service' }))
    expect(deleted.service?.status).toBe('DRAINING')
    const again = await ecs.send(new DeleteServiceCommand({ cluster, service: 'pr-15-service' }))
    expect(again.service?.status).toBe('DRAINING')
  })
})

describe('describe and list', () => {
  it('reports unknown services as MISSING failures, which fail the waiter', async () => {
    emu.addService({ serviceName: 'pr-6-service' })
    const out = await ecs.send(
      new DescribeServicesCommand({ cluster, services: ['pr-6-service', 'pr-404-service'] })
    )
    expect(out.services?.map((s) => s.serviceName)).toEqual(['pr-6-service'])
    expect(out.failures).toEqual([
      { arn: `${ARN_PREFIX}:service/superset-ci/pr-404-service`, reason: 'MISSING' }
    ])
    const waited = await waitForServicesStable(waiter(), { cluster, services: ['pr-404-service'] })
    expect(waited.state).toBe('FAILURE')
  })

  it('paginates 25 ACTIVE services in pages of 10 and leaves DRAINING ones out', async () => {
    for (let i = 1; i <= 25; i++) emu.addService({ serviceName: `pr-${i}-service` })
    emu.setBehaviour({ stuckDraining: true })
    emu.addService({ serviceName: 'pr-99-draining-service', status: 'DRAINING' })
    emu.addService({ cluster: 'other', serviceName: 'pr-1-service' })
    emu.clearRequests()

    const arns: string[] = []
    for await (const page of paginateListServices({ client: ecs }, { cluster })) {
      arns.push(...(page.serviceArns ?? []))
    }
    expect(arns).toHaveLength(25)
    expect(new Set(arns).size).toBe(25)
    expect(arns).not.toContain(`${ARN_PREFIX}:service/superset-ci/pr-99-draining-service`)
    expect(emu.requests.map((r) => r.action)).toEqual([
      'ListServices',
      'ListServices',
      'ListServices'
    ])

    const big = await ecs.send(new ListServicesCommand({ cluster, maxResults: 100 }))
    expect(big.serviceArns).toHaveLength(25)
    expect(big.nextToken).toBeUndefined()
    expect(emu.activeServices(cluster)).toHaveLength(26)
    expect(emu.services()).toHaveLength(27)
  })
})

describe('tasks and network interfaces', () => {
  it('gives the task ENI public IP through ListTasks, DescribeTasks and DescribeNetworkInterfaces', async () => {
    const td = await registerTaskDef()
    await ecs.send(new CreateServiceCommand(createInput('pr-7-service', td)))
    const listed = await ecs.send(new ListTasksCommand({ cluster, serviceName: 'pr-7-service' }))
    expect(listed.taskArns).toHaveLength(1)
    expect(listed.taskArns?.[0]).toMatch(
      /^arn:aws:ecs:us-west-2:123456789012:task\/superset-ci\/[0-9a-f]{32}$/
    )

    const described = await ecs.send(
      new DescribeTasksCommand({
        cluster,
        tasks: [...(listed.taskArns ?? []), `${ARN_PREFIX}:task/superset-ci/${'0'.repeat(32)}`],
        include: ['TAGS']
      })
    )
    const task = described.tasks?.[0]
    expect(task).toMatchObject({
      lastStatus: 'RUNNING',
      desiredStatus: 'RUNNING',
      taskDefinitionArn: td,
      group: 'service:pr-7-service',
      launchType: 'FARGATE'
    })
    expect(task?.startedBy).toMatch(/^ecs-svc\/\d{19}$/)
    expect(task?.tags).toEqual(
      expect.arrayContaining([
        { key: 'pr', value: '1' },
        { key: 'aws:ecs:serviceName', value: 'pr-7-service' }
      ])
    )
    expect(described.failures).toEqual([
      { arn: `${ARN_PREFIX}:task/superset-ci/${'0'.repeat(32)}`, reason: 'MISSING' }
    ])
    const attachment = task?.attachments?.[0]
    expect(attachment?.type).toBe('ElasticNetworkInterface')
    expect(attachment?.status).toBe('ATTACHED')
    const detail = (name: string): string | undefined =>
      attachment?.details?.find((d) => d.name === name)?.value
    expect(detail('subnetId')).toBe('subnet-0aaa1111bbbb2222c')
    const eni = detail('networkInterfaceId') ?? ''
    const privateIp = detail('privateIPv4Address')

    const nis = await ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eni] }))
    const ni = nis.NetworkInterfaces?.[0]
    expect(ni?.NetworkInterfaceId).toBe(eni)
    expect(ni?.Status).toBe('in-use')
    expect(ni?.PrivateIpAddress).toBe(privateIp)
    expect(ni?.Association?.PublicIp).toBe('127.0.0.1')
    expect(ni?.Groups?.[0]?.GroupId).toBe('sg-0123456789abcdef0')
    expect(ni?.Attachment?.AttachTime).toBeInstanceOf(Date)
    expect(emu.requests.at(-1)).toMatchObject({
      service: 'ec2',
      action: 'DescribeNetworkInterfaces',
      status: 200,
      body: {
        Action: 'DescribeNetworkInterfaces',
        Version: '2016-11-15',
        'NetworkInterfaceId.1': eni
      }
    })
  })

  it('omits the association when tasks get no public IP', async () => {
    await start({ publicIp: '127.0.0.2' })
    emu.setBehaviour({ noPublicIp: true })
    emu.addService({ serviceName: 'pr-8-service' })
    const [t] = await taskEnis('pr-8-service')
    const nis = await ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [t?.eni ?? ''] })
    )
    expect(nis.NetworkInterfaces?.[0]?.NetworkInterfaceId).toBe(t?.eni)
    expect(nis.NetworkInterfaces?.[0]?.Association).toBeUndefined()
    expect(emu.services()[0]?.tasks[0]?.publicIp).toBeNull()

    emu.setBehaviour({ noPublicIp: false })
    emu.addService({ serviceName: 'pr-9-service' })
    const [u] = await taskEnis('pr-9-service')
    const withIp = await ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [u?.eni ?? ''] })
    )
    expect(withIp.NetworkInterfaces?.[0]?.Association?.PublicIp).toBe('127.0.0.2')
  })

  it('crashes tasks with an exit code and reason as DescribeTasks reports them, and replaces them', async () => {
    await start({ stabilizeMs: 100 })
    emu.setBehaviour({ taskExit: { afterMs: 50, exitCode: 3, reason: 'OutOfMemoryError' } })
    const td = await registerTaskDef()
    await ecs.send(new CreateServiceCommand(createInput('pr-10-service', td)))
    // Started at 0, RUNNING at 100, crashed at 150; its replacement RUNNING at 250, crashed at 300.
    clock.advance(260)
    const stopped = await ecs.send(
      new ListTasksCommand({ cluster, serviceName: 'pr-10-service', desiredStatus: 'STOPPED' })
    )
    const running = await ecs.send(new ListTasksCommand({ cluster, serviceName: 'pr-10-service' }))
    expect(stopped.taskArns).toHaveLength(1)
    expect(running.taskArns).toHaveLength(1)
    const described = await ecs.send(
      new DescribeTasksCommand({
        cluster,
        tasks: [...(stopped.taskArns ?? []), ...(running.taskArns ?? [])]
      })
    )
    const [crashed, replacement] = described.tasks ?? []
    expect(crashed).toMatchObject({
      lastStatus: 'STOPPED',
      desiredStatus: 'STOPPED',
      stopCode: 'EssentialContainerExited',
      stoppedReason: 'Essential container in task exited',
      taskDefinitionArn: td
    })
    expect(crashed?.containers?.[0]).toMatchObject({
      name: 'superset-ci',
      lastStatus: 'STOPPED',
      exitCode: 3,
      reason: 'OutOfMemoryError'
    })
    expect(crashed?.stoppedAt?.getTime()).toBe(clock.now() - 260 + 150)
    expect(replacement).toMatchObject({ lastStatus: 'RUNNING', taskDefinitionArn: td })
    expect(replacement?.containers?.[0]?.exitCode).toBeUndefined()

    // Crashes go on while behaviour says so: at 360 the third task (started at 300) still
    // crashes, at 450; the fourth, started once it is cleared, stays up.
    clock.advance(100)
    emu.setBehaviour({ taskExit: false })
    clock.advance(1000)
    const after = emu.services()[0]?.tasks.map((t) => [t.lastStatus, t.stopCode ?? null])
    expect(after).toEqual([
      ['STOPPED', 'EssentialContainerExited'],
      ['STOPPED', 'EssentialContainerExited'],
      ['STOPPED', 'EssentialContainerExited'],
      ['RUNNING', null]
    ])
  })

  it('UpdateService starts a new task with a new ENI while the old one serves until stable', async () => {
    await start({ stabilizeMs: 300 })
    const td1 = await registerTaskDef()
    await ecs.send(new CreateServiceCommand(createInput('pr-10-service', td1)))
    clock.advance(300)
    await waitUntilServicesStable(waiter(), { cluster, services: ['pr-10-service'] })
    const [oldTask] = await taskEnis('pr-10-service')
    expect(oldTask?.lastStatus).toBe('RUNNING')

    const td2 = await registerTaskDef()
    const updated = await ecs.send(
      new UpdateServiceCommand({
        cluster,
        service: 'pr-10-service',
        taskDefinition: td2,
        forceNewDeployment: true
      })
    )
    expect(updated.service?.taskDefinition).toBe(td2)
    expect(updated.service?.deployments?.map((d) => [d.status, d.taskDefinition])).toEqual([
      ['PRIMARY', td2],
      ['ACTIVE', td1]
    ])

    const during = await taskEnis('pr-10-service')
    expect(during).toHaveLength(2)
    const oldDuring = during.find((t) => t.taskArn === oldTask?.taskArn)
    const fresh = during.find((t) => t.taskArn !== oldTask?.taskArn)
    expect(oldDuring?.lastStatus).toBe('RUNNING')
    expect(fresh?.lastStatus).toBe('PENDING')
    expect(fresh?.eni).not.toBe(oldTask?.eni)
    const mid = await describeOne('pr-10-service')
    expect(mid.runningCount).toBe(1)
    expect(mid.deployments).toHaveLength(2)

    clock.advance(300)
    await waitUntilServicesStable(waiter(), { cluster, services: ['pr-10-service'] })
    const after = await taskEnis('pr-10-service')
    expect(after.map((t) => [t.taskArn, t.lastStatus])).toEqual([[fresh?.taskArn, 'RUNNING']])
    const oldNow = await ecs.send(
      new DescribeTasksCommand({ cluster, tasks: [oldTask?.taskArn ?? ''] })
    )
    expect(oldNow.tasks?.[0]?.lastStatus).toBe('STOPPED')
    expect(oldNow.tasks?.[0]?.stoppedAt).toBeInstanceOf(Date)
    const nis = await ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [fresh?.eni ?? ''] })
    )
    expect(nis.NetworkInterfaces?.[0]?.Association?.PublicIp).toBe('127.0.0.1')
  })
})

describe('refusals', () => {
  it('refuses CreateService off the model, the rules and the services there are', async () => {
    const td = await registerTaskDef()
    emu.setBehaviour({ stuckDraining: true })
    emu.addService({ serviceName: 'pr-3-active-service' })
    emu.addService({ serviceName: 'pr-3-draining-service', status: 'DRAINING' })
    const invalid = 'InvalidParameterException: '
    const cases: [Partial<CreateServiceCommandInput>, string, boolean?][] = [
      [{ serviceName: 'pr-3-active-service' }, `${invalid}Creation of service was not idempotent.`],
      [
        { serviceName: 'pr-3-draining-service' },
        `${invalid}Unable to Start a service that is still Draining.`
      ],
      [{ taskDefinition: 'superset-ci:9' }, 'ClientException: TaskDefinition not found.'],
      [{ desiredCount: undefined }, `${invalid}desiredCount is required`],
      [
        { tags: [{ key: 'requester', value: 'dependabot[bot]' }] },
        "ClientException: 1 validation error detected: Value 'dependabot[bot]' at 'tags.1.member.value' failed to satisfy constraint: " +
          'Member must satisfy regular expression pattern: ^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$',
        true
      ],
      [
        { tags: [{ key: 'aws:owner', value: 'x' }] },
        `${invalid}Tag keys with the prefix 'aws:'`,
        true
      ],
      [
        { tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })) },
        "at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
        true
      ],
      [
        { networkConfiguration: undefined },
        `${invalid}Network Configuration must be provided when networkMode 'awsvpc' is specified.`,
        true
      ],
      [{ serviceName: 'pr 2' }, `${invalid}serviceName can have up to 255 letters`, true]
    ]
    for (const [extra, error, violation] of cases) {
      const input = { ...createInput('pr-1', td), ...extra }
      expect(await refusal(ecs.send(new CreateServiceCommand(input)))).toContain(error)
      expect(emu.violations.take()).toHaveLength(violation ? 1 : 0)
    }
    expect(emu.activeServices()).toHaveLength(2)
  })

  it('holds Fargate task definitions to awsvpc, task-level sizes and valid cpu/memory pairs', async () => {
    const base = {
      family: 'f',
      requiresCompatibilities: ['FARGATE' as const],
      containerDefinitions: [{ name: 'a', image: 'i' }]
    }
    const awslogs = [{ name: 'a', image: 'i', logConfiguration: { logDriver: 'awslogs' } }]
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ networkMode: 'bridge', cpu: '256', memory: '512' }, /only supports network mode 'awsvpc'/],
      [{ networkMode: 'awsvpc', memory: '512' }, /requires that 'cpu' be defined/],
      [
        { networkMode: 'awsvpc', cpu: '256', memory: '4096' },
        /No Fargate configuration exists for given values: 256 CPU, 4096 memory/
      ],
      [{ networkMode: 'awsvpc', cpu: '8192', memory: '18432' }, /No Fargate configuration/],
      [
        { networkMode: 'mesh', cpu: '256', memory: '512' },
        /Member must satisfy enum value set: \[bridge, host, awsvpc, none\]/
      ],
      [
        { networkMode: 'awsvpc', cpu: '1 vCPU', memory: '3 GB', containerDefinitions: awslogs },
        /execution role ARN to support log driver awslogs/
      ]
    ]
    for (const [extra, message] of cases) {
      const input = { ...base, ...extra } as never
      expect(await refusal(ecs.send(new RegisterTaskDefinitionCommand(input)))).toMatch(message)
    }
    expect(emu.violations.take()).toHaveLength(cases.length)
    const large = { ...base, networkMode: 'awsvpc' as const, cpu: '8192', memory: '20480' }
    await ecs.send(new RegisterTaskDefinitionCommand(large))
  })

  it('refuses unknown services and ENIs, too many services, and operations Showtime never calls', async () => {
    const notFound = 'ServiceNotFoundException: Service not found.'
    const service = { cluster, service: 'pr-404-service' }
    const updated = new UpdateServiceCommand({ ...service, desiredCount: 0 })
    expect(await refusal(ecs.send(updated))).toBe(notFound)
    expect(await refusal(ecs.send(new DeleteServiceCommand(service)))).toBe(notFound)
    const tasks = new ListTasksCommand({ cluster, serviceName: 'pr-404-service' })
    expect(await refusal(ecs.send(tasks))).toBe(notFound)
    const eni = new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: ['eni-000000000dead'] })
    expect(await refusal(ec2.send(eni))).toBe(
      "InvalidNetworkInterfaceID.NotFound: The networkInterface ID 'eni-000000000dead' does not exist"
    )
    const services = Array.from({ length: 11 }, (_, i) => `s${i}`)
    expect(await refusal(ecs.send(new DescribeServicesCommand({ cluster, services })))).toBe(
      'InvalidParameterException: services can have at most 10 items.'
    )
    expect(emu.violations.take()).toHaveLength(1)
    const definition = new DescribeTaskDefinitionCommand({ taskDefinition: 'f:1' })
    expect(await refusal(ecs.send(definition))).toMatch(/^UnknownOperationException/)
  })
})

describe('capacity providers and Fargate Spot', () => {
  const spot = [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]
  const onSpot = (name: string, td: string): CreateServiceCommandInput => {
    const { launchType: _, ...rest } = createInput(name, td)
    return { ...rest, capacityProviderStrategy: spot }
  }

  it('refuses a launch type beside a strategy, providers the cluster lacks, and weights all 0', async () => {
    const td = await registerTaskDef()
    const invalid = 'InvalidParameterException: '
    const cases: [CreateServiceCommandInput, string][] = [
      [
        { ...createInput('pr-1', td), capacityProviderStrategy: spot },
        `${invalid}Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.`
      ],
      [
        { ...onSpot('pr-1', td), capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT' }] },
        `${invalid}The specified capacity provider strategy must contain at least one capacity provider with a weight greater than zero.`
      ]
    ]
    for (const [input, error] of cases) {
      expect(await refusal(ecs.send(new CreateServiceCommand(input)))).toBe(error)
      expect(emu.violations.take()).toHaveLength(1)
    }
    emu.setBehaviour({ capacityProviders: ['FARGATE'] })
    expect(await refusal(ecs.send(new CreateServiceCommand(onSpot('pr-1', td))))).toBe(
      `${invalid}The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.`
    )
    expect(emu.violations.take()).toHaveLength(1)
    expect(emu.activeServices()).toHaveLength(0)
  })

  it('runs a Spot service on Fargate Spot: its strategy and no launch type, its task on FARGATE_SPOT', async () => {
    const td = await registerTaskDef()
    await ecs.send(new CreateServiceCommand(onSpot('pr-1', td)))
    const svc = await describeOne('pr-1')
    expect(svc.launchType).toBeUndefined()
    expect(svc.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }
    ])
    const [task] = await taskEnis('pr-1')
    const described = await ecs.send(new DescribeTasksCommand({ cluster, tasks: [task!.taskArn] }))
    expect(described.tasks?.[0]).toMatchObject({
      launchType: 'FARGATE',
      capacityProviderName: 'FARGATE_SPOT'
    })
  })

  it('without Spot capacity: no task, an event saying why, and the task once capacity is back', async () => {
    const td = await registerTaskDef()
    emu.setBehaviour({ spotCapacity: false, stabilizeMs: 1000 })
    await ecs.send(new CreateServiceCommand(onSpot('pr-1', td)))
    clock.advance(5_000)
    const waiting = await describeOne('pr-1')
    expect(waiting).toMatchObject({ runningCount: 0, pendingCount: 0 })
    expect(waiting.events?.map((e) => e.message)).toEqual([
      '(service pr-1) was unable to place a task. Reason: Capacity is unavailable at this time. Please try again later or in a different availability zone. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.'
    ])
    expect(waiting.deployments?.[0]?.rolloutState).toBe('IN_PROGRESS')
    // ECS places the task at its next try, which then takes stabilizeMs to run.
    emu.setBehaviour({ spotCapacity: true })
    expect(await describeOne('pr-1')).toMatchObject({ runningCount: 0, pendingCount: 1 })
    clock.advance(1_000)
    expect(await describeOne('pr-1')).toMatchObject({ runningCount: 1 })
  })

  it('moves a service to another strategy only with a forced new deployment, whose task runs', async () => {
    const td = await registerTaskDef()
    emu.setBehaviour({ spotCapacity: false })
    await ecs.send(new CreateServiceCommand(onSpot('pr-1', td)))
    const onDemand = [{ capacityProvider: 'FARGATE', weight: 1 }]
    expect(
      await refusal(
        ecs.send(
          new UpdateServiceCommand({ cluster, service: 'pr-1', capacityProviderStrategy: onDemand })
        )
      )
    ).toBe(
      'InvalidParameterException: When switching from launch type to capacity provider strategy on an existing service, or making a change to a capacity provider strategy on a service that is already using one, you must force a new deployment.'
    )
    expect(emu.violations.take()).toHaveLength(1)
    await ecs.send(
      new UpdateServiceCommand({
        cluster,
        service: 'pr-1',
        capacityProviderStrategy: onDemand,
        forceNewDeployment: true
      })
    )
    await waitUntilServicesStable(waiter(), { cluster, services: ['pr-1'] })
    const svc = await describeOne('pr-1')
    expect(svc.capacityProviderStrategy?.[0]?.capacityProvider).toBe('FARGATE')
    expect(svc).toMatchObject({ runningCount: 1, deployments: [{ status: 'PRIMARY' }] })
  })
})

describe('errors and faults', () => {
  it('answers an unknown operation with UnknownOperationException', async () => {
    const res = await fetch(emu.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AmazonEC2ContainerServiceV20141113.LaunchRockets'
      },
      body: '{}'
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(await res.json()).toEqual({ __type: 'UnknownOperationException' })
  })

  it('fails the test that sends a member it does not emulate, naming it, instead of ignoring it', async () => {
    const tasks = new ListTasksCommand({ cluster, family: 'superset-ci', maxResults: 10 })
    expect((await failure(ecs.send(tasks))).$metadata?.httpStatusCode).toBe(500)
    const found = emu.violations.take().map((v) => `${v.request}: ${v.reason}`)
    expect(new Set(found)).toEqual(
      new Set(['ecs:ListTasks: Error: ListTasks with family is not emulated'])
    )
  })

  it('lets the SDK retry an injected ThrottlingException and 5xx, and surfaces exhausted ones', async () => {
    emu.addService({ serviceName: 'pr-11-service' })
    emu.injectFault({ action: 'ListServices', type: 'ThrottlingException' })
    const listed = await ecs.send(new ListServicesCommand({ cluster }))
    expect(listed.serviceArns).toHaveLength(1)
    expect(listed.$metadata.attempts).toBe(2)
    expect(emu.requests.filter((r) => r.action === 'ListServices').map((r) => r.status)).toEqual([
      400, 200
    ])

    emu.injectFault({ action: 'DescribeServices', type: 'ServerException' })
    const described = await ecs.send(
      new DescribeServicesCommand({ cluster, services: ['pr-11-service'] })
    )
    expect(described.services).toHaveLength(1)
    expect(
      emu.requests.filter((r) => r.action === 'DescribeServices').map((r) => r.status)
    ).toEqual([500, 200])

    // '*' throttles whatever call comes next, as ECS may throttle any of them.
    emu.injectFault({ action: '*', type: 'ThrottlingException', times: 3 })
    const exhausted = await failure(ecs.send(new ListServicesCommand({ cluster })))
    expect(exhausted.name).toBe('ThrottlingException')
    expect(exhausted.message).toBe('Rate exceeded')
    expect(exhausted.$metadata?.attempts).toBe(3)

    emu.injectFault({ action: 'DescribeNetworkInterfaces', type: 'RequestLimitExceeded' })
    const retried = await ec2.send(new DescribeNetworkInterfacesCommand({}))
    expect(retried.$metadata.attempts).toBe(2)
    const once = new EC2Client({
      region: 'us-west-2',
      endpoint: emu.url,
      credentials,
      maxAttempts: 1
    })
    emu.injectFault({ action: 'DescribeNetworkInterfaces', type: 'RequestLimitExceeded' })
    const ec2Err = await failure(once.send(new DescribeNetworkInterfacesCommand({})))
    once.destroy()
    expect(ec2Err.name).toBe('RequestLimitExceeded')
    expect(ec2Err.message).toBe('Request limit exceeded.')
    expect(ec2Err.$metadata?.httpStatusCode).toBe(503)
    expect(emu.requests.filter((r) => r.service === 'ec2').map((r) => r.status)).toEqual([
      503, 200, 503
    ])

    emu.injectFault({ action: 'CreateService', type: 'ServiceNotFoundException', message: 'nope' })
    const injected = refusal(ecs.send(new CreateServiceCommand(createInput('x', 'y'))))
    expect(await injected).toBe('ServiceNotFoundException: nope')
  })
})

describe('tags', () => {
  it('answers service tags with include TAGS only, created and seeded ones alike', async () => {
    const td = await registerTaskDef()
    await ecs.send(new CreateServiceCommand(createInput('pr-12-service', td)))
    expect((await describeOne('pr-12-service')).tags).toBeUndefined()
    expect((await describeOne('pr-12-service', 'TAGS')).tags).toEqual([
      { key: 'pr', value: '1' },
      { key: 'sha', value: 'abc1234' }
    ])
    emu.addService({ serviceName: 'pr-13-service', tags: { pr: '13', created: 'seeded' } })
    expect((await describeOne('pr-13-service', 'TAGS')).tags).toEqual([
      { key: 'pr', value: '13' },
      { key: 'created', value: 'seeded' }
    ])
  })
})

describe('faults real services have', () => {
  it('purges INACTIVE services: DescribeServices then throws ServiceNotFoundException', async () => {
    await start({ drainMs: 0 })
    emu.setBehaviour({ purgeAfterMs: 50 })
    const td = await registerTaskDef()
    await ecs.send(new CreateServiceCommand(createInput('pr-3-service', td)))
    await ecs.send(new DeleteServiceCommand({ cluster, service: 'pr-3-service', force: true }))
    expect((await describeOne('pr-3-service')).status).toBe('INACTIVE')
    clock.advance(50)
    const err = await failure(
      ecs.send(new DescribeServicesCommand({ cluster, services: ['pr-3-service'] }))
    )
    expect(err).toBeInstanceOf(ServiceNotFoundException)
  })
})

describe('IAM', () => {
  const principal = 'arn:aws:sts::123456789012:assumed-role/showtime-ci/GitHubActions'

  it('denies calls outside the policy with the action and resource named, as AWS does', async () => {
    emu.setIamPolicy({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: ['ecs:Describe*', 'ecs:List*', 'ecs:RegisterTaskDefinition'],
          Resource: '*'
        },
        {
          Effect: 'Allow',
          Action: 'iam:PassRole',
          Resource: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole'
        }
      ]
    })
    await ecs.send(new ListServicesCommand({ cluster }))
    const tagged = await failure(registerTaskDef())
    expect(tagged.name).toBe('AccessDeniedException')
    expect(tagged.message).toBe(
      `User: ${principal} is not authorized to perform: ecs:TagResource on resource: ${ARN_PREFIX}:task-definition/superset-ci:1 because no identity-based policy allows the ecs:TagResource action`
    )
    const { taskDefinition } = await ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'f',
        executionRoleArn: 'ecsTaskExecutionRole',
        containerDefinitions: [{ name: 'a', image: 'i' }]
      })
    )
    const passRole = await failure(
      ecs.send(
        new RegisterTaskDefinitionCommand({
          family: 'f',
          taskRoleArn: 'app',
          containerDefinitions: [{ name: 'a', image: 'i' }]
        })
      )
    )
    expect(passRole.message).toMatch(
      /perform: iam:PassRole on resource: arn:aws:iam::123456789012:role\/app /
    )
    const create = await failure(
      ecs.send(
        new CreateServiceCommand({
          cluster,
          serviceName: 's',
          taskDefinition: taskDefinition?.taskDefinitionArn,
          desiredCount: 0
        })
      )
    )
    expect(create.message).toMatch(
      /perform: ecs:CreateService on resource: arn:aws:ecs:us-west-2:123456789012:service\/superset-ci\/s /
    )
    const eni = await failure(ec2.send(new DescribeNetworkInterfacesCommand({})))
    expect([eni.name, eni.$metadata?.httpStatusCode]).toEqual(['UnauthorizedOperation', 403])
    expect(eni.message).toMatch(/perform: ec2:DescribeNetworkInterfaces/)
  })

  it('lets an explicit Deny win over an Allow', async () => {
    emu.setIamPolicy({
      Statement: [
        { Effect: 'Allow', Action: 'ecs:*', Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'ecs:DeleteService',
          Resource: `${ARN_PREFIX}:service/superset-ci/pr-*`
        }
      ]
    })
    emu.addService({ serviceName: 'pr-9-service', desiredCount: 0 })
    const err = await refusal(
      ecs.send(new DeleteServiceCommand({ cluster, service: 'pr-9-service' }))
    )
    expect(err).toMatch(/^AccessDeniedException: /)
    await ecs.send(new DescribeServicesCommand({ cluster, services: ['pr-9-service'] }))
  })
})
