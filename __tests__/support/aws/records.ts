// The ECS state the AWS emulator's resource modules share: services with their deployments and
// tasks, task definitions, what the emulated AWS does over time (`AwsBehaviour`), the clock it
// reads, and the value helpers of its JSON protocol.

import { AwsError } from '../aws-model.js'
import type { Clock } from '../clock.js'
import { fnv1a, hexOf } from '../http-emulator.js'
import { LogsState } from './logs.js'

export type EmulatedServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE'

export interface AwsBehaviour {
  /** Time a new deployment (and a newly started task) takes to become stable/RUNNING; default 0. */
  stabilizeMs?: number
  /** How long a deleted service stays DRAINING; default 0. */
  drainMs?: number
  /** Tasks started from now on get an ENI without an association (no public IP). */
  noPublicIp?: boolean
  /** Tasks never reach RUNNING, so deployments stay IN_PROGRESS with runningCount 0. */
  neverStable?: boolean
  /** Deleted services stay DRAINING forever. */
  stuckDraining?: boolean
  /** An INACTIVE service is purged this long after it became INACTIVE; default never. */
  purgeAfterMs?: number
  /** Fargate Spot has capacity (default true). Without it, ECS cannot place a Spot task: it says
   * so in the service's events and places the task once there is capacity again. */
  spotCapacity?: boolean
  /** The capacity providers associated with every cluster (default FARGATE and FARGATE_SPOT, as a
   * cluster the console creates for Fargate has them). */
  capacityProviders?: readonly string[]
  /** Tasks started from now on crash: `afterMs` after they run, their essential container exits
   * with `exitCode` (and the container's `reason`, when given), the task stops with ECS's stop
   * code EssentialContainerExited, and its service starts another, as ECS does. false: none. */
  taskExit?: TaskExit | false
  /** What the app container of every task started from now on writes to its awslogs stream once
   * it runs (a task that runs without answering its health check still logs). false: nothing. */
  taskOutput?: readonly string[] | false
  /** The app of every task started from now on ignores SIGTERM: when such a task is stopped (a
   * scale-in, its service deleted or replaced), ECS kills it at the stop timeout and reports its
   * essential container's exit code 137, with the stop code ServiceSchedulerInitiated. */
  ignoresSigterm?: boolean
}

export interface TaskExit {
  afterMs: number
  exitCode: number
  reason?: string
  /** What the container wrote before it exited: its awslogs stream gets these lines. */
  output?: readonly string[]
  /** Only this many of the tasks started from now on crash (default: every one). */
  tasks?: number
}

export interface EmulatedTask {
  /** Global start order, used for ListTasks page tokens. */
  seq: number
  arn: string
  id: string
  cluster: string
  serviceName: string
  deploymentId: string
  taskDefinitionArn: string
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED'
  desiredStatus: 'RUNNING' | 'STOPPED'
  createdAtMs: number
  readyAtMs: number
  startedAtMs?: number
  stoppingAtMs?: number
  stoppedAtMs?: number
  stoppedReason?: string
  /** ECS's TaskStopCode, when not the scheduler's (ServiceSchedulerInitiated). */
  stopCode?: string
  /** When it crashes (behaviour `taskExit`), and how. */
  exit?: TaskExit & { atMs: number }
  /** What it writes once it runs (behaviour `taskOutput`). */
  output?: readonly string[]
  /** Killed at the stop timeout when stopped (behaviour `ignoresSigterm`). */
  ignoresSigterm?: boolean
  /** The task's ENI, which exists until the task stops. */
  eniId: string
  attachmentId: string
  subnetId: string
  securityGroups: string[]
  privateIp: string
  mac: string
  /** Public IP of the task's ENI, or null when it has none (noPublicIp). */
  publicIp: string | null
  /** Where the task stands with its service's target groups. */
  targets: 'none' | 'registered' | 'deregistered'
  tags: Record<string, string>
  cpu?: string
  memory?: string
  /** The capacity provider that runs it, when its service has a capacity provider strategy. */
  capacityProviderName?: string
  containers: { name: string; image?: string; exitCode?: number; reason?: string }[]
}

export interface EmulatedDeployment {
  /** `ecs-svc/<19 digits>` as ECS names deployments. */
  id: string
  status: 'PRIMARY' | 'ACTIVE'
  rolloutState: 'IN_PROGRESS' | 'COMPLETED'
  taskDefinition: string
  desiredCount: number
  createdAtMs: number
  updatedAtMs: number
  readyAtMs: number
  /** Tasks ECS could not place yet (no Spot capacity); it places them once it can. */
  unplaced: number
  /** ECS said in the service's events that it could not place them. */
  shortageReported?: boolean
}

export interface EmulatedService {
  seq: number
  cluster: string
  serviceName: string
  arn: string
  status: EmulatedServiceStatus
  taskDefinition: string
  desiredCount: number
  createdAtMs: number
  /** When it becomes (or became) INACTIVE once deleted. */
  drainUntilMs: number
  tags: Record<string, string>
  /** Undefined when the service has a capacity provider strategy (ECS takes one or the other). */
  launchType?: string
  capacityProviderStrategy?: CapacityProviderItem[]
  /** The service's events, newest first (ECS keeps the last 100). */
  events: { id: string; createdAtMs: number; message: string }[]
  platformVersion?: string
  networkConfiguration?: unknown
  propagateTags: string
  enableECSManagedTags: boolean
  deploymentConfiguration: unknown
  loadBalancers: { targetGroupArn: string; containerName: string; containerPort: number }[]
  /** PRIMARY first. */
  deployments: EmulatedDeployment[]
  /** Every task the service ever started, stopped ones included. */
  tasks: EmulatedTask[]
}

export interface CapacityProviderItem {
  capacityProvider: string
  weight: number
  base: number
}

export interface EmulatedTaskDefinition {
  arn: string
  family: string
  revision: number
  /** The RegisterTaskDefinition request body as received. */
  body: Json
  tags: Record<string, string>
  registeredAtMs: number
  /** Set once deregistered: the revision is INACTIVE from then on. */
  deregisteredAtMs?: number
}

export type Json = Record<string, unknown>

export const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
export const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)
export const records = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : [])
export const strList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
/** ECS (JSON 1.1) timestamps: epoch seconds as a number, e.g. 1431444514.347. */
export const epoch = (ms: number | undefined): number | undefined =>
  ms === undefined ? ms : ms / 1000
export const tagList = (tags: Record<string, string>): { key: string; value: string }[] =>
  Object.entries(tags).map(([key, value]) => ({ key, value }))
export const tagsFrom = (v: unknown): Record<string, string> =>
  Object.fromEntries(records(v).map((t) => [String(t.key), str(t.value) ?? '']))
export const dnsName = (ip: string, domain: string): string => `${ip.replace(/\./g, '-')}.${domain}`
export const invalid = (message: string) => new AwsError('InvalidParameterException', message)
export const serviceNotFound = () => new AwsError('ServiceNotFoundException', 'Service not found.')

export function uuidOf(seed: string): string {
  const h = hexOf(seed, 32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export function digitsOf(seed: string, len: number): string {
  let out = ''
  let i = 0
  while (out.length < len) out += String(fnv1a(`${seed}#${i++}`)).padStart(10, '0')
  return `9${out.slice(1, len)}`
}

/** Last path segment of an ARN, or the string itself. */
export const arnTail = (ref: string): string =>
  ref.startsWith('arn:') ? (ref.split('/').pop() ?? ref) : ref

/** Members of a request the emulator does not act on: refused as not emulated, not ignored. */
export function notEmulated(action: string, body: Json, served: string[]): void {
  const unserved = Object.keys(body).find((k) => !served.includes(k.split('.')[0] as string))
  if (unserved) throw new Error(`${action} with ${unserved} is not emulated`)
}

/** What the ELB side does for ECS: answers whether a target group can take a service, and holds
 * the targets of running tasks. */
export interface TargetGroups {
  unattachable(targetGroupArn: string): string | undefined
  isHealthy(targetGroupArn: string, id: string): boolean
  register(targetGroupArn: string, id: string, port: number, image?: string): void
  deregister(targetGroupArn: string, id: string): void
}

export const DEFAULT_BEHAVIOUR: Omit<Required<AwsBehaviour>, 'purgeAfterMs'> & AwsBehaviour = {
  stabilizeMs: 0,
  drainMs: 0,
  noPublicIp: false,
  neverStable: false,
  stuckDraining: false,
  spotCapacity: true,
  capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
  taskExit: false,
  taskOutput: false,
  ignoresSigterm: false
}

export class EcsState {
  readonly accountId = '123456789012'
  readonly region = 'us-west-2'
  readonly services: EmulatedService[] = []
  readonly taskDefs = new Map<string, EmulatedTaskDefinition[]>()
  /** CloudWatch Logs, where tasks with an awslogs configuration write. */
  readonly logs = new LogsState(this.region, this.accountId)
  behaviour = { ...DEFAULT_BEHAVIOUR }
  /** The clusters that exist; any other answers ClusterNotFoundException. Default: any name. */
  clusters: ReadonlySet<string> | undefined
  private counter = 0

  constructor(
    readonly clock: Clock,
    /** Public IP of every task ENI. */
    readonly publicIp: string,
    readonly targetGroups: TargetGroups,
    /** Refuses a request AWS would refuse, recording it as a violation of the service's rules. */
    readonly refuse: (call: string, e: AwsError | undefined) => void
  ) {}

  /** The next number of the emulator's one sequence (records, ids, page tokens). */
  next(): number {
    return ++this.counter
  }

  arn(resource: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:${resource}`
  }

  serviceArn(cluster: string, name: string): string {
    return this.arn(`service/${cluster}/${name}`)
  }

  currentService(cluster: string, name: string): EmulatedService | undefined {
    return this.services.findLast((s) => s.cluster === cluster && s.serviceName === name)
  }

  /** A registered revision by family (the latest), family:revision or ARN. */
  findTaskDef(ref: string): EmulatedTaskDefinition | undefined {
    const [family = '', revision] = arnTail(ref).split(':')
    const revs = this.taskDefs.get(family) ?? []
    return revision === undefined ? revs.at(-1) : revs.find((r) => String(r.revision) === revision)
  }

  /** Cluster name from a name or ARN; ECS uses the `default` cluster when none is given. */
  clusterOf(body: Json): string {
    return arnTail(str(body.cluster) || 'default')
  }
}
