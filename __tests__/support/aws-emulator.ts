/**
 * A stateful emulator of the slice of Amazon ECS (JSON 1.1) and Amazon EC2 (query protocol) that
 * Showtime uses, served on 127.0.0.1 for the REAL AWS SDK v3 clients.
 *
 * Point the clients at it with `endpoint: emu.url`, or with `AWS_ENDPOINT_URL_ECS=<url>`,
 * `AWS_ENDPOINT_URL_EC2=<url>` and `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2=<url>`. One server
 * answers all three: ECS requests carry `x-amz-target: AmazonEC2ContainerServiceV20141113.<Action>`,
 * EC2 and ELBv2 requests are form-encoded with `Action=<Action>` and `Version=2016-11-15` or
 * `Version=2015-12-01`; the load balancers are `elb` (elb-emulator.ts). Signatures are not checked.
 *
 * Time is real: state advances lazily on every request and every inspection call, from the
 * timestamps recorded when things happened (a deployment created at T with stabilizeMs S is
 * COMPLETED from T+S on; a service deleted at T with drainMs D is INACTIVE from T+D on).
 *
 * Behaviour mirrored from the real services (see notes next to each action):
 * - errors are `{"__type": "<Type>", "message": "..."}` with HTTP 400 (500 for ServerException), as
 *   ECS answers them (no `x-amzn-errortype` header);
 * - timestamps are epoch seconds as JSON numbers (the SDK's JSON 1.1 codec defaults to epoch-seconds);
 * - CreateService on a name that is ACTIVE answers "Creation of service was not idempotent.", on a
 *   name that is DRAINING "Unable to Start a service that is still Draining." (both
 *   InvalidParameterException);
 * - DeleteService has no ServiceNotActiveException in the ECS model: deleting a DRAINING or INACTIVE
 *   service answers 200 with the service as it is;
 * - ListServices lists ACTIVE services only; DescribeServices still finds DRAINING and INACTIVE ones,
 *   until an INACTIVE service is purged (`purgeAfterMs`): then it throws ServiceNotFoundException;
 * - EC2 errors are `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`.
 *
 * It can never be kinder than AWS: every request is checked against the constraints of AWS's
 * published models and the documented rules (aws-model.ts); one that AWS would refuse is refused the
 * same way and recorded as a violation, which fails `stop()`. Given an IAM policy (`setIamPolicy`),
 * calls outside it answer AccessDeniedException (aws-iam.ts).
 */
import type { IncomingMessage, Server } from 'node:http'
import { type IamPolicy, type Permission, deniedMessage, isAllowed } from './aws-iam.js'
import { ec2Refusal, ecsRefusal } from './aws-model.js'
import { AwsError, ELB_VERSION, ElbEmulator } from './elb-emulator.js'
import {
  FaultQueue,
  HttpEmulator,
  type HttpReply,
  fnv1a,
  hexOf,
  listen,
  toXml,
  xmlEscape
} from './http-emulator.js'

// ---------------------------------------------------------------------------------------------
// public types

export type EmulatedServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE'

export interface EmulatedDeployment {
  /** `ecs-svc/<19 digits>` as ECS names deployments. */
  id: string
  status: 'PRIMARY' | 'ACTIVE'
  rolloutState: 'IN_PROGRESS' | 'COMPLETED'
  taskDefinition: string
  desiredCount: number
  runningCount: number
  pendingCount: number
  createdAt: Date
  updatedAt: Date
}

export interface EmulatedTask {
  taskArn: string
  deploymentId: string
  taskDefinitionArn: string
  lastStatus: 'PENDING' | 'RUNNING' | 'STOPPED'
  desiredStatus: 'RUNNING' | 'STOPPED'
  networkInterfaceId: string
  privateIp: string
  /** Public IP of the task's ENI, or null when it has none (noPublicIp). */
  publicIp: string | null
  createdAt: Date
  startedAt?: Date
  stoppedAt?: Date
}

export interface EmulatedService {
  cluster: string
  serviceName: string
  serviceArn: string
  status: EmulatedServiceStatus
  taskDefinition: string
  desiredCount: number
  runningCount: number
  pendingCount: number
  createdAt: Date
  tags: Record<string, string>
  networkConfiguration?: unknown
  launchType?: string
  platformVersion?: string
  propagateTags?: string
  enableECSManagedTags?: boolean
  /** PRIMARY first. */
  deployments: EmulatedDeployment[]
  /** Every task the service ever started, stopped ones included. */
  tasks: EmulatedTask[]
}

export interface EmulatedTaskDefinition {
  arn: string
  family: string
  revision: number
  status: 'ACTIVE' | 'INACTIVE'
  /** The RegisterTaskDefinition request body as received. */
  body: unknown
}

export interface AwsFault {
  /** Operation name, e.g. 'CreateService' or 'DescribeNetworkInterfaces'; '*' matches any. */
  action: string
  /** Default: 500 for ServerException/InternalError, 503 for RequestLimitExceeded/Unavailable, else 400. */
  status?: number
  /** e.g. 'ThrottlingException', 'ServerException', 'ServiceNotFoundException', 'RequestLimitExceeded'. */
  type: string
  message?: string
  /** How many matching requests get this answer; default 1. */
  times?: number
}

export interface AwsRequestRecord {
  service: 'ecs' | 'ec2' | 'elbv2'
  action: string
  /** ECS: the parsed JSON body. EC2: the form fields as an object. */
  body: unknown
  status: number
}

export interface AwsEmulatorOptions {
  /** Time a new deployment (and a newly started task) takes to become stable/RUNNING; default 0. */
  stabilizeMs?: number
  /** How long a deleted service stays DRAINING; default 0. */
  drainMs?: number
  /** Public IP of every task ENI; default '127.0.0.1'. */
  publicIp?: string
}

export interface AwsBehaviour {
  stabilizeMs?: number
  drainMs?: number
  /** Tasks started from now on get an ENI without an association (no public IP). */
  noPublicIp?: boolean
  /** Tasks never reach RUNNING, so deployments stay IN_PROGRESS with runningCount 0. */
  neverStable?: boolean
  /** Deleted services stay DRAINING forever. */
  stuckDraining?: boolean
  /**
   * An INACTIVE service is purged this long after it became INACTIVE; DescribeServices then
   * throws ServiceNotFoundException for it instead of listing a MISSING failure. Default: never.
   */
  purgeAfterMs?: number
}

export interface SeedService {
  /** Default 'superset-ci'. */
  cluster?: string
  serviceName: string
  /** Default 'ACTIVE'. */
  status?: EmulatedServiceStatus
  tags?: Record<string, string>
  /** Default now. */
  createdAt?: Date
  /** Family, family:revision or ARN; need not be registered. Default `<cluster>:1`. */
  taskDefinition?: string
  /** Default 1 for ACTIVE services, 0 otherwise. */
  desiredCount?: number
}

export const DEFAULT_CLUSTER = 'superset-ci'
const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.'
const EC2_NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/'

// ---------------------------------------------------------------------------------------------
// internals

interface TaskRec {
  /** Global start order, used for ListTasks page tokens. */
  seq: number
  arn: string
  id: string
  cluster: string
  serviceName: string
  deploymentId: string
  taskDefinitionArn: string
  state: 'PENDING' | 'RUNNING' | 'STOPPED'
  desiredStatus: 'RUNNING' | 'STOPPED'
  createdAtMs: number
  readyAtMs: number
  startedAtMs?: number
  stoppingAtMs?: number
  stoppedAtMs?: number
  stoppedReason?: string
  stopCode?: string
  eniId: string
  attachmentId: string
  /** Where the task stands with its service's target groups. */
  targets: 'none' | 'registered' | 'deregistered'
  privateIp: string
  subnetId: string
  mac: string
  publicIp: string | null
  startedBy: string
  tags: Record<string, string>
  cpu?: string
  memory?: string
  containers: { name: string; image?: string }[]
}

interface DeploymentRec {
  id: string
  status: 'PRIMARY' | 'ACTIVE'
  rolloutState: 'IN_PROGRESS' | 'COMPLETED'
  taskDefinition: string
  desiredCount: number
  createdAtMs: number
  updatedAtMs: number
  readyAtMs: number
  launchType?: string
  platformVersion?: string
  networkConfiguration?: unknown
}

interface ServiceRec {
  seq: number
  cluster: string
  name: string
  arn: string
  status: EmulatedServiceStatus
  taskDefinition: string
  desiredCount: number
  createdAtMs: number
  drainUntilMs: number
  tags: Record<string, string>
  launchType?: string
  platformVersion?: string
  networkConfiguration?: unknown
  propagateTags: string
  enableECSManagedTags: boolean
  enableExecuteCommand: boolean
  deploymentConfiguration: unknown
  loadBalancers: ServiceLoadBalancer[]
  deployments: DeploymentRec[]
  tasks: TaskRec[]
}

/** What a new service gets when it is not given. */
type Defaulted = 'deploymentConfiguration' | 'loadBalancers'

interface ServiceLoadBalancer {
  targetGroupArn: string
  containerName: string
  containerPort: number
}

interface TaskDefRec {
  arn: string
  family: string
  revision: number
  status: 'ACTIVE' | 'INACTIVE'
  body: Record<string, unknown>
  tags: Record<string, string>
  registeredAtMs: number
}

interface EniRec {
  id: string
  subnetId: string
  vpcId: string
  privateIp: string
  mac: string
  publicIp: string | null
  attachmentId: string
  description: string
  securityGroups: string[]
  createdAtMs: number
}

interface Reply {
  status: number
  body: string
  contentType: string
}

const PRINCIPAL_ROLE = 'showtime-ci/GitHubActions'

type Json = Record<string, unknown>

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const num = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined
const strList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
/** ECS (JSON 1.1) timestamps: epoch seconds as a number, e.g. 1431444514.347. */
const epoch = (ms: number): number => ms / 1000
const isoTime = (ms: number): string => new Date(ms).toISOString()
const tagList = (tags: Record<string, string>): { key: string; value: string }[] =>
  Object.entries(tags).map(([key, value]) => ({ key, value }))

function uuidOf(seed: string): string {
  const h = hexOf(seed, 32)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`
}

function digitsOf(seed: string, len: number): string {
  let out = ''
  let i = 0
  while (out.length < len) out += String(fnv1a(`${seed}#${i++}`)).padStart(10, '0')
  return `9${out.slice(1, len)}`
}

/** Last path segment of an ARN, or the string itself. */
function arnTail(ref: string): string {
  if (!ref.startsWith('arn:')) return ref
  const resource = ref.split(':').slice(5).join(':')
  const parts = resource.split('/')
  return parts[parts.length - 1] ?? ref
}

/** The answer to an injected fault, with the status and message AWS gives its type by default. */
function faultError({ type, message, status }: AwsFault): AwsError {
  return new AwsError(
    type,
    message ?? defaultFaultMessage(type),
    status ?? defaultFaultStatus(type)
  )
}

function defaultFaultStatus(type: string): number {
  if (['ServerException', 'InternalError', 'InternalFailure'].includes(type)) return 500
  if (['RequestLimitExceeded', 'Unavailable', 'ServiceUnavailable'].includes(type)) return 503
  return 400
}

function defaultFaultMessage(type: string): string {
  switch (type) {
    case 'ThrottlingException':
      return 'Rate exceeded'
    case 'RequestLimitExceeded':
      return 'Request limit exceeded.'
    case 'ServiceNotFoundException':
      return 'Service not found.'
    case 'ServiceNotActiveException':
      return 'Service was not ACTIVE.'
    case 'ServerException':
    case 'InternalError':
      return 'An internal error has occurred. Try your request again.'
    default:
      return `Injected ${type}`
  }
}

const EC2_ACTIONS = new Set(['DescribeNetworkInterfaces'])

// ---------------------------------------------------------------------------------------------

export class AwsEmulator extends HttpEmulator<AwsRequestRecord> {
  readonly accountId = '123456789012'
  readonly region = 'us-west-2'
  /** The load balancers, their rules and target groups (Elastic Load Balancing v2). */
  readonly elb: ElbEmulator

  /** ListServices page size when maxResults is not sent, as ECS. */
  private readonly listPageSize = 10
  private readonly defaultPublicIp: string
  private behaviour: AwsBehaviour & Required<Omit<AwsBehaviour, 'purgeAfterMs'>>
  private readonly serviceRecs: ServiceRec[] = []
  private readonly taskDefs = new Map<string, TaskDefRec[]>()
  private readonly enis = new Map<string, EniRec>()
  private readonly faults = new FaultQueue<AwsFault>()
  private iamPolicy: IamPolicy | undefined
  private clusters: ReadonlySet<string> | undefined
  private counter = 0

  private constructor(server: Server, url: string, opts: AwsEmulatorOptions) {
    super('AWS', server, url)
    this.defaultPublicIp = opts.publicIp ?? '127.0.0.1'
    this.behaviour = {
      stabilizeMs: opts.stabilizeMs ?? 0,
      drainMs: opts.drainMs ?? 0,
      noPublicIp: false,
      neverStable: false,
      stuckDraining: false
    }
    this.elb = new ElbEmulator(
      {
        accountId: this.accountId,
        region: this.region,
        advance: () => this.advance(),
        denied: (permissions) => this.denied(permissions),
        principal: this.principal,
        requestId: () => this.requestId(),
        violation: (call, reason) => this.violations.add(call, reason)
      },
      // Health checks every 20 ms; a deregistered target drains for 50 ms.
      { healthCheckMs: 20, drainMs: 50 }
    )
  }

  override async stop(): Promise<void> {
    this.elb.stop()
    await super.stop()
  }

  static async start(opts: AwsEmulatorOptions = {}): Promise<AwsEmulator> {
    const { server, url } = await listen()
    return new AwsEmulator(server, url, opts)
  }

  // -------------------------------------------------------------------------------------------
  // seeding, inspection and control

  /** Every service ever created (any status), oldest first; all clusters when none is given. */
  services(cluster?: string): EmulatedService[] {
    this.advance()
    return this.serviceRecs
      .filter((s) => cluster === undefined || s.cluster === cluster)
      .map((s) => this.snapshot(s))
  }

  /** Services that are ACTIVE or DRAINING: still costing money or blocking their name. */
  activeServices(cluster?: string): EmulatedService[] {
    return this.services(cluster).filter((s) => s.status !== 'INACTIVE')
  }

  /** Every registered revision, oldest first per family; `body` is the RegisterTaskDefinition input. */
  taskDefinitions(): EmulatedTaskDefinition[] {
    const out: EmulatedTaskDefinition[] = []
    for (const revs of this.taskDefs.values()) {
      for (const td of revs) {
        out.push({
          arn: td.arn,
          family: td.family,
          revision: td.revision,
          status: td.status,
          body: structuredClone(td.body)
        })
      }
    }
    return out
  }

  /** Seeds a leftover or orphaned service (an ACTIVE one already has its RUNNING task). */
  addService(s: SeedService): void {
    this.advance()
    const cluster = s.cluster ?? DEFAULT_CLUSTER
    const status = s.status ?? 'ACTIVE'
    const current = this.currentService(cluster, s.serviceName)
    if (current && current.status !== 'INACTIVE') {
      throw new Error(`emulator: service ${cluster}/${s.serviceName} already exists`)
    }
    const createdAtMs = s.createdAt ? s.createdAt.getTime() : Date.now()
    const taskDefinition = this.taskDefinitionArnFor(s.taskDefinition ?? `${cluster}:1`)
    const desired = s.desiredCount ?? (status === 'ACTIVE' ? 1 : 0)
    const svc = this.newServiceRec({
      cluster,
      name: s.serviceName,
      taskDefinition,
      desiredCount: status === 'ACTIVE' ? desired : 0,
      createdAtMs,
      tags: { ...(s.tags ?? {}) },
      launchType: 'FARGATE',
      platformVersion: 'LATEST',
      networkConfiguration: undefined,
      propagateTags: 'NONE',
      enableECSManagedTags: false,
      enableExecuteCommand: false
    })
    const dep = this.newDeployment(svc, createdAtMs, createdAtMs)
    dep.rolloutState = 'COMPLETED'
    svc.deployments = [dep]
    const taskCount = status === 'ACTIVE' ? desired : Math.max(desired, 1)
    if (status !== 'INACTIVE') {
      for (let i = 0; i < taskCount; i++) {
        const t = this.startTask(svc, dep, createdAtMs, createdAtMs)
        t.state = 'RUNNING'
        t.startedAtMs = createdAtMs
      }
    }
    if (status === 'DRAINING') {
      this.beginDrain(svc, Date.now())
    } else if (status === 'INACTIVE') {
      svc.status = 'INACTIVE'
      dep.desiredCount = 0
    }
    this.serviceRecs.push(svc)
  }

  injectFault(f: AwsFault): void {
    this.faults.add(f)
  }

  /** Evaluate every call against this identity-based policy (undefined: allow everything). */
  /** The clusters that exist; any other answers ClusterNotFoundException. Default: any name. */
  setClusters(names: readonly string[] | undefined): void {
    this.clusters = names === undefined ? undefined : new Set(names)
  }

  setIamPolicy(policy: IamPolicy | undefined): void {
    this.iamPolicy = policy
  }

  setBehaviour(b: AwsBehaviour): void {
    this.advance()
    this.behaviour = {
      ...this.behaviour,
      ...Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined))
    }
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  protected handle(req: IncomingMessage, raw: string): HttpReply {
    const target = req.headers['x-amz-target']
    const contentType = String(req.headers['content-type'] ?? '')
    let reply: Reply
    try {
      if (typeof target === 'string' && target.length > 0) {
        reply = this.handleEcs(target, raw)
      } else if (contentType.startsWith('application/x-www-form-urlencoded')) {
        const form = Object.fromEntries(new URLSearchParams(raw))
        reply = form.Version === ELB_VERSION ? this.handleElb(form) : this.handleEc2(form)
      } else {
        reply = {
          status: 404,
          contentType: 'application/x-amz-json-1.1',
          body: JSON.stringify({ __type: 'UnknownOperationException' })
        }
      }
    } catch (e) {
      // A bug in the emulator: answer like an AWS internal failure rather than hang the client.
      reply = {
        status: 500,
        contentType: 'application/x-amz-json-1.1',
        body: JSON.stringify({ __type: 'InternalFailure', message: `emulator: ${String(e)}` })
      }
    }
    return {
      status: reply.status,
      headers: {
        'content-type': reply.contentType,
        'x-amzn-requestid': this.requestId(),
        date: new Date().toUTCString()
      },
      body: reply.body
    }
  }

  private requestId(): string {
    return uuidOf(`request:${++this.counter}:${Date.now()}`)
  }

  private takeFault(action: string): AwsFault | undefined {
    return this.faults.take((f) => f.action === action || f.action === '*')
  }

  /** The IAM permission a call lacks, if a policy is set and does not grant all it needs. */
  private denied(permissions: Permission[]): Permission | undefined {
    const policy = this.iamPolicy
    return policy ? permissions.find((p) => !isAllowed(policy, p)) : undefined
  }

  private get principal(): string {
    return `arn:aws:sts::${this.accountId}:assumed-role/${PRINCIPAL_ROLE}`
  }

  private handleEcs(target: string, raw: string): Reply {
    const action = target.startsWith(ECS_TARGET_PREFIX)
      ? target.slice(ECS_TARGET_PREFIX.length)
      : target
    let body: unknown = {}
    let reply: Reply
    try {
      body = raw.length ? JSON.parse(raw) : {}
    } catch {
      reply = this.ecsError(new AwsError('SerializationException', 'Invalid JSON body'))
      this.requests.push({ service: 'ecs', action, body: raw, status: reply.status })
      return reply
    }
    const fault = this.takeFault(action)
    if (fault) {
      reply = this.ecsError(faultError(fault))
    } else {
      try {
        if (!target.startsWith(ECS_TARGET_PREFIX)) {
          throw new AwsError('UnknownOperationException', '')
        }
        const input = isRecord(body) ? body : {}
        const refusal = ecsRefusal(action, input)
        if (refusal) this.refuse(`ecs:${action}`, refusal.type, refusal.message)
        const denied = this.denied(this.ecsPermissions(action, input))
        if (denied)
          throw new AwsError('AccessDeniedException', deniedMessage(this.principal, denied))
        const cluster = str(input.cluster)
        if (cluster !== undefined && this.clusters && !this.clusters.has(arnTail(cluster)))
          throw new AwsError('ClusterNotFoundException', 'Cluster not found.')
        this.advance()
        const out = this.dispatchEcs(action, input)
        reply = {
          status: 200,
          contentType: 'application/x-amz-json-1.1',
          body: JSON.stringify(out)
        }
      } catch (e) {
        if (!(e instanceof AwsError)) throw e
        reply = this.ecsError(e)
      }
    }
    this.requests.push({ service: 'ecs', action, body, status: reply.status })
    return reply
  }

  /** Refuse a request AWS would refuse, recording it as a violation of the service's rules. */
  private refuse(call: string, type: string, message: string): never {
    this.violations.add(call, `${type}: ${message}`)
    throw new AwsError(type, message)
  }

  /** What IAM checks for an ECS call: the action on its resource, and what the input adds. */
  private ecsPermissions(action: string, input: Json): Permission[] {
    const cluster = str(input.cluster) ? arnTail(str(input.cluster) as string) : 'default'
    const clusterArn = `arn:aws:ecs:${this.region}:${this.accountId}:cluster/${cluster}`
    const service = (ref: string) => (ref.startsWith('arn:') ? ref : this.serviceArn(cluster, ref))
    const on = (resource: string): Permission => ({
      action: `ecs:${action}`,
      resource,
      context: { 'ecs:cluster': clusterArn }
    })
    // Tags given on create need ecs:TagResource too, with the creating action as its condition.
    const tagging = (resource: string): Permission[] =>
      Array.isArray(input.tags) && input.tags.length > 0
        ? [{ action: 'ecs:TagResource', resource, context: { 'ecs:CreateAction': action } }]
        : []
    switch (action) {
      case 'CreateService': {
        const arn = service(str(input.serviceName) ?? '')
        return [on(arn), ...tagging(arn)]
      }
      case 'UpdateService':
      case 'DeleteService':
        return [on(service(str(input.service) ?? ''))]
      case 'DescribeServices':
        return strList(input.services).map((ref) => on(service(ref)))
      case 'DescribeTasks':
        return strList(input.tasks).map((ref) =>
          on(
            ref.startsWith('arn:')
              ? ref
              : `arn:aws:ecs:${this.region}:${this.accountId}:task/${cluster}/${ref}`
          )
        )
      case 'TagResource':
        return [on(str(input.resourceArn) ?? '*')]
      case 'RegisterTaskDefinition': {
        const family = str(input.family) ?? ''
        const roles = [input.taskRoleArn, input.executionRoleArn].filter(
          (r): r is string => typeof r === 'string'
        )
        return [
          { action: 'ecs:RegisterTaskDefinition', resource: '*' },
          ...roles.map((role) => ({
            action: 'iam:PassRole',
            resource: this.roleArn(role),
            context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }
          })),
          ...tagging(`arn:aws:ecs:${this.region}:${this.accountId}:task-definition/${family}:*`)
        ]
      }
      default:
        return [on('*')]
    }
  }

  private roleArn(role: string): string {
    return role.startsWith('arn:') ? role : `arn:aws:iam::${this.accountId}:role/${role}`
  }

  private ecsError(e: AwsError): Reply {
    // ECS sends the plain type name and a lowercase `message`; an unknown operation comes back
    // without a message, as Coral services answer it.
    const payload: Json = { __type: e.code }
    if (e.message) payload.message = e.message
    return {
      status: e.status,
      contentType: 'application/x-amz-json-1.1',
      body: JSON.stringify(payload)
    }
  }

  private handleEc2(form: Record<string, string>): Reply {
    const action = form.Action ?? ''
    let reply: Reply
    const fault = this.takeFault(action)
    if (fault) {
      reply = this.ec2Error(faultError(fault))
    } else {
      try {
        this.advance()
        if (!EC2_ACTIONS.has(action)) {
          throw new AwsError(
            'InvalidAction',
            `The action ${action} is not valid for this web service.`
          )
        }
        const refusal = ec2Refusal(action, form)
        if (refusal) {
          this.violations.add(`ec2:${action}`, `${refusal.type}: ${refusal.message}`)
          throw new AwsError(refusal.type, refusal.message)
        }
        const denied = this.denied([{ action: `ec2:${action}`, resource: '*' }])
        if (denied) {
          const message = `You are not authorized to perform this operation. ${deniedMessage(this.principal, denied)}`
          throw new AwsError('UnauthorizedOperation', message, 403)
        }
        reply = {
          status: 200,
          contentType: 'text/xml;charset=UTF-8',
          body: this.describeNetworkInterfaces(form)
        }
      } catch (e) {
        if (!(e instanceof AwsError)) throw e
        reply = this.ec2Error(e)
      }
    }
    this.requests.push({ service: 'ec2', action, body: form, status: reply.status })
    return reply
  }

  private handleElb(form: Record<string, string>): Reply {
    const action = form.Action ?? ''
    const fault = this.takeFault(action)
    const reply = fault ? this.elb.error(faultError(fault)) : this.elb.handle(form)
    this.requests.push({ service: 'elbv2', action, body: form, status: reply.status })
    return { ...reply, contentType: 'text/xml' }
  }

  private ec2Error(e: AwsError): Reply {
    const body =
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<Response><Errors><Error><Code>${xmlEscape(e.code)}</Code>` +
      `<Message>${xmlEscape(e.message)}</Message></Error></Errors>` +
      `<RequestID>${this.requestId()}</RequestID></Response>`
    return { status: e.status, contentType: 'text/xml;charset=UTF-8', body }
  }

  // -------------------------------------------------------------------------------------------
  // time

  private advance(now = Date.now()): void {
    const b = this.behaviour
    for (const svc of this.serviceRecs) {
      if (svc.status === 'INACTIVE') continue
      if (svc.status === 'DRAINING') {
        if (!b.stuckDraining && now >= svc.drainUntilMs) {
          svc.status = 'INACTIVE'
          for (const t of svc.tasks) this.stopTask(t, svc.drainUntilMs)
        }
        continue
      }
      for (const t of svc.tasks) {
        if (t.state === 'PENDING' && t.desiredStatus === 'RUNNING' && !b.neverStable) {
          if (now >= t.readyAtMs) {
            t.state = 'RUNNING'
            t.startedAtMs = t.readyAtMs
          }
        }
      }
      const primary = svc.deployments[0]
      if (
        primary &&
        primary.rolloutState === 'IN_PROGRESS' &&
        !b.neverStable &&
        now >= primary.readyAtMs &&
        this.servingTasks(svc, primary.id) >= primary.desiredCount
      ) {
        primary.rolloutState = 'COMPLETED'
        primary.updatedAtMs = Math.max(primary.readyAtMs, primary.createdAtMs)
        for (const old of svc.deployments.slice(1)) {
          for (const t of svc.tasks) {
            if (t.deploymentId === old.id) {
              this.stopTask(t, primary.updatedAtMs, {
                reason: `Scaling activity initiated by (deployment ${old.id})`,
                code: 'ServiceSchedulerInitiated'
              })
            }
          }
        }
        svc.deployments = [primary]
      }
    }
    this.syncTargets()
  }

  /** RUNNING tasks of a deployment that serve: with load balancers, healthy in each of them (ECS
   * completes a deployment behind a load balancer only then). */
  private servingTasks(svc: ServiceRec, deploymentId: string): number {
    return svc.tasks.filter(
      (t) =>
        t.deploymentId === deploymentId &&
        t.state === 'RUNNING' &&
        svc.loadBalancers.every((lb) => this.elb.isHealthy(lb.targetGroupArn, t.privateIp))
    ).length
  }

  /** ECS registers a running task in its service's target groups and deregisters it once it is
   * to stop. */
  private syncTargets(): void {
    for (const svc of this.serviceRecs) {
      for (const t of svc.tasks) {
        if (svc.loadBalancers.length === 0) continue
        const running = t.state === 'RUNNING' && t.desiredStatus === 'RUNNING'
        if (running && t.targets === 'none') {
          for (const lb of svc.loadBalancers)
            this.elb.register(
              lb.targetGroupArn,
              t.privateIp,
              lb.containerPort,
              t.containers.find((c) => c.name === lb.containerName)?.image
            )
          t.targets = 'registered'
        } else if (!running && t.targets === 'registered' && t.desiredStatus === 'STOPPED') {
          for (const lb of svc.loadBalancers) this.elb.deregister(lb.targetGroupArn, t.privateIp)
          t.targets = 'deregistered'
        }
      }
    }
  }

  private countTasks(
    svc: ServiceRec,
    deploymentId: string | null,
    state: TaskRec['state']
  ): number {
    return svc.tasks.filter(
      (t) =>
        (deploymentId === null || t.deploymentId === deploymentId) &&
        t.state === state &&
        (state !== 'PENDING' || t.desiredStatus === 'RUNNING')
    ).length
  }

  // -------------------------------------------------------------------------------------------
  // records

  private clusterArn(cluster: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:cluster/${cluster}`
  }

  private serviceArn(cluster: string, name: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:service/${cluster}/${name}`
  }

  private taskDefArn(family: string, revision: number): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:task-definition/${family}:${revision}`
  }

  /** An INACTIVE service past purgeAfterMs (drainUntilMs is when it became INACTIVE). */
  private purged(svc: ServiceRec): boolean {
    const after = this.behaviour.purgeAfterMs
    return (
      svc.status === 'INACTIVE' && after !== undefined && Date.now() >= svc.drainUntilMs + after
    )
  }

  private currentService(cluster: string, name: string): ServiceRec | undefined {
    for (let i = this.serviceRecs.length - 1; i >= 0; i--) {
      const s = this.serviceRecs[i]
      if (s && s.cluster === cluster && s.name === name) return s
    }
    return undefined
  }

  /** A seeded task definition reference as an ARN, whether or not it is registered. */
  private taskDefinitionArnFor(ref: string): string {
    if (ref.startsWith('arn:')) return ref
    const resolved = this.findTaskDef(ref)
    if (resolved) return resolved.arn
    const [family, rev] = ref.split(':')
    return this.taskDefArn(family ?? ref, rev ? Number(rev) : 1)
  }

  /** A registered revision by family (the latest), family:revision or ARN. */
  private findTaskDef(ref: string): TaskDefRec | undefined {
    const [family = '', revStr] = arnTail(ref).split(':')
    const revs = this.taskDefs.get(family) ?? []
    if (revStr === undefined) return revs[revs.length - 1]
    return revs.find((r) => String(r.revision) === revStr)
  }

  private newServiceRec(
    p: Omit<
      ServiceRec,
      'seq' | 'arn' | 'status' | 'drainUntilMs' | 'deployments' | 'tasks' | Defaulted
    > &
      Partial<Pick<ServiceRec, Defaulted>>
  ): ServiceRec {
    return {
      ...p,
      seq: ++this.counter,
      arn: this.serviceArn(p.cluster, p.name),
      status: 'ACTIVE',
      drainUntilMs: 0,
      deploymentConfiguration: p.deploymentConfiguration ?? {
        deploymentCircuitBreaker: { enable: false, rollback: false },
        maximumPercent: 200,
        minimumHealthyPercent: 100
      },
      loadBalancers: p.loadBalancers ?? [],
      deployments: [],
      tasks: []
    }
  }

  private newDeployment(svc: ServiceRec, createdAtMs: number, readyAtMs: number): DeploymentRec {
    return {
      id: `ecs-svc/${digitsOf(`deployment:${svc.arn}:${++this.counter}`, 19)}`,
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
      taskDefinition: svc.taskDefinition,
      desiredCount: svc.desiredCount,
      createdAtMs,
      updatedAtMs: createdAtMs,
      readyAtMs,
      launchType: svc.launchType,
      platformVersion: svc.platformVersion,
      networkConfiguration: svc.networkConfiguration
    }
  }

  private startTask(
    svc: ServiceRec,
    dep: DeploymentRec,
    nowMs: number,
    readyAtMs: number
  ): TaskRec {
    const n = ++this.counter
    const id = hexOf(`task:${svc.arn}:${n}`, 32)
    const eniId = `eni-${hexOf(`eni:${svc.arn}:${n}`, 17)}`
    const attachmentId = uuidOf(`attachment:${svc.arn}:${n}`)
    const privateIp = `10.0.${Math.floor(n / 250) % 250}.${(n % 250) + 4}`
    const mac = `0a:${hexOf(`mac:${n}`, 10).match(/../g)?.join(':')}`
    const awsvpc = isRecord(dep.networkConfiguration)
      ? dep.networkConfiguration.awsvpcConfiguration
      : undefined
    const subnets = isRecord(awsvpc) ? strList(awsvpc.subnets) : []
    const securityGroups = isRecord(awsvpc) ? strList(awsvpc.securityGroups) : []
    const subnetId = subnets[n % Math.max(subnets.length, 1)] ?? 'subnet-0a1b2c3d4e5f60718'
    const assign = isRecord(awsvpc) ? str(awsvpc.assignPublicIp) : undefined
    const publicIp =
      this.behaviour.noPublicIp || assign === 'DISABLED' ? null : this.defaultPublicIp
    const td = this.findTaskDef(dep.taskDefinition)
    const tdBody = td?.body ?? {}
    const containers = (
      Array.isArray(tdBody.containerDefinitions) ? tdBody.containerDefinitions : []
    )
      .filter(isRecord)
      .map((c) => ({ name: str(c.name) ?? 'app', image: str(c.image) }))
    let tags: Record<string, string> = {}
    if (svc.propagateTags === 'SERVICE') tags = { ...svc.tags }
    else if (svc.propagateTags === 'TASK_DEFINITION' && td) tags = { ...td.tags }
    if (svc.enableECSManagedTags) {
      tags['aws:ecs:serviceName'] = svc.name
      tags['aws:ecs:clusterName'] = svc.cluster
    }
    const task: TaskRec = {
      seq: n,
      arn: `arn:aws:ecs:${this.region}:${this.accountId}:task/${svc.cluster}/${id}`,
      id,
      cluster: svc.cluster,
      serviceName: svc.name,
      deploymentId: dep.id,
      taskDefinitionArn: dep.taskDefinition,
      state: 'PENDING',
      desiredStatus: 'RUNNING',
      createdAtMs: nowMs,
      readyAtMs,
      eniId,
      attachmentId,
      targets: 'none',
      privateIp,
      subnetId,
      mac,
      publicIp,
      startedBy: dep.id,
      tags,
      cpu: str(tdBody.cpu),
      memory: str(tdBody.memory),
      containers: containers.length ? containers : [{ name: 'app' }]
    }
    svc.tasks.push(task)
    this.enis.set(eniId, {
      id: eniId,
      subnetId,
      vpcId: `vpc-${hexOf(`vpc:${subnetId}`, 17)}`,
      privateIp,
      mac,
      publicIp,
      attachmentId,
      description: `arn:aws:ecs:${this.region}:${this.accountId}:attachment/${attachmentId}`,
      securityGroups,
      createdAtMs: nowMs
    })
    return task
  }

  private stopTask(t: TaskRec, atMs: number, why?: { reason: string; code: string }): void {
    if (t.state === 'STOPPED') return
    t.desiredStatus = 'STOPPED'
    t.state = 'STOPPED'
    t.stoppingAtMs ??= atMs
    t.stoppedAtMs = atMs
    t.stoppedReason ??= why?.reason ?? 'Service deleted'
    t.stopCode ??= why?.code ?? 'ServiceSchedulerInitiated'
    // A Fargate task's ENI is deleted with the task.
    this.enis.delete(t.eniId)
  }

  private beginDrain(svc: ServiceRec, nowMs: number): void {
    svc.status = 'DRAINING'
    svc.desiredCount = 0
    svc.drainUntilMs = nowMs + this.behaviour.drainMs
    for (const d of svc.deployments) d.desiredCount = 0
    for (const t of svc.tasks) {
      if (t.state === 'STOPPED') continue
      t.desiredStatus = 'STOPPED'
      t.stoppingAtMs = nowMs
      t.stoppedReason = 'Service deleted'
      t.stopCode = 'ServiceSchedulerInitiated'
    }
  }

  private snapshot(s: ServiceRec): EmulatedService {
    return {
      cluster: s.cluster,
      serviceName: s.name,
      serviceArn: s.arn,
      status: s.status,
      taskDefinition: s.taskDefinition,
      desiredCount: s.desiredCount,
      runningCount: this.countTasks(s, null, 'RUNNING'),
      pendingCount: this.countTasks(s, null, 'PENDING'),
      createdAt: new Date(s.createdAtMs),
      tags: { ...s.tags },
      networkConfiguration:
        s.networkConfiguration === undefined ? undefined : structuredClone(s.networkConfiguration),
      launchType: s.launchType,
      platformVersion: s.platformVersion,
      propagateTags: s.propagateTags,
      enableECSManagedTags: s.enableECSManagedTags,
      deployments: s.deployments.map((d) => ({
        id: d.id,
        status: d.status,
        rolloutState: d.rolloutState,
        taskDefinition: d.taskDefinition,
        desiredCount: d.desiredCount,
        runningCount: this.countTasks(s, d.id, 'RUNNING'),
        pendingCount: this.countTasks(s, d.id, 'PENDING'),
        createdAt: new Date(d.createdAtMs),
        updatedAt: new Date(d.updatedAtMs)
      })),
      tasks: s.tasks.map((t) => ({
        taskArn: t.arn,
        deploymentId: t.deploymentId,
        taskDefinitionArn: t.taskDefinitionArn,
        lastStatus: t.state,
        desiredStatus: t.desiredStatus,
        networkInterfaceId: t.eniId,
        privateIp: t.privateIp,
        publicIp: t.publicIp,
        createdAt: new Date(t.createdAtMs),
        startedAt: t.startedAtMs === undefined ? undefined : new Date(t.startedAtMs),
        stoppedAt: t.stoppedAtMs === undefined ? undefined : new Date(t.stoppedAtMs)
      }))
    }
  }

  // -------------------------------------------------------------------------------------------
  // ECS

  private dispatchEcs(action: string, body: Json): Json {
    switch (action) {
      case 'RegisterTaskDefinition':
        return this.registerTaskDefinition(body)
      case 'CreateService':
        return this.createService(body)
      case 'UpdateService':
        return this.updateService(body)
      case 'DeleteService':
        return this.deleteService(body)
      case 'DescribeServices':
        return this.describeServices(body)
      case 'ListServices':
        return this.listServices(body)
      case 'ListTasks':
        return this.listTasks(body)
      case 'DescribeTasks':
        return this.describeTasks(body)
      case 'TagResource':
        return this.tagResource(body)
      default:
        throw new AwsError('UnknownOperationException', '')
    }
  }

  /** Cluster name from a name or ARN; ECS uses the `default` cluster when none is given. */
  private clusterOf(body: Json): string {
    const ref = str(body.cluster)
    if (ref === undefined || ref === '') return 'default'
    return arnTail(ref)
  }

  private tagsFrom(v: unknown): Record<string, string> {
    const out: Record<string, string> = {}
    if (!Array.isArray(v)) return out
    for (const t of v) {
      if (isRecord(t) && typeof t.key === 'string') out[t.key] = str(t.value) ?? ''
    }
    return out
  }

  private taskDefinitionJson(td: TaskDefRec): Json {
    const b = td.body
    const requires = strList(b.requiresCompatibilities)
    const out: Json = {
      taskDefinitionArn: td.arn,
      containerDefinitions: b.containerDefinitions ?? [],
      family: td.family,
      taskRoleArn: b.taskRoleArn,
      executionRoleArn: b.executionRoleArn,
      networkMode: b.networkMode ?? 'bridge',
      revision: td.revision,
      volumes: b.volumes ?? [],
      status: td.status,
      requiresAttributes: [],
      placementConstraints: b.placementConstraints ?? [],
      compatibilities:
        b.networkMode === 'awsvpc' || requires.includes('FARGATE') ? ['EC2', 'FARGATE'] : ['EC2'],
      runtimePlatform: b.runtimePlatform,
      requiresCompatibilities: b.requiresCompatibilities,
      cpu: b.cpu,
      memory: b.memory,
      ephemeralStorage: b.ephemeralStorage,
      registeredAt: epoch(td.registeredAtMs),
      registeredBy: `arn:aws:sts::${this.accountId}:assumed-role/showtime-ci/session`
    }
    return out
  }

  private registerTaskDefinition(body: Json): Json {
    const family = str(body.family) as string
    if (!Array.isArray(body.containerDefinitions) || body.containerDefinitions.length === 0) {
      throw new AwsError('ClientException', 'Container list cannot be empty.')
    }
    const revs = this.taskDefs.get(family) ?? []
    const revision = (revs[revs.length - 1]?.revision ?? 0) + 1
    const td: TaskDefRec = {
      arn: this.taskDefArn(family, revision),
      family,
      revision,
      status: 'ACTIVE',
      body: structuredClone(body),
      tags: this.tagsFrom(body.tags),
      registeredAtMs: Date.now()
    }
    revs.push(td)
    this.taskDefs.set(family, revs)
    return { taskDefinition: this.taskDefinitionJson(td), tags: tagList(td.tags) }
  }

  private resolveTaskDefForService(ref: string | undefined): TaskDefRec {
    if (!ref) throw new AwsError('InvalidParameterException', 'TaskDefinition must be specified.')
    const td = this.findTaskDef(ref)
    if (!td) throw new AwsError('ClientException', 'TaskDefinition not found.')
    return td
  }

  private createService(body: Json): Json {
    const cluster = this.clusterOf(body)
    const name = str(body.serviceName) as string
    const existing = this.currentService(cluster, name)
    if (existing?.status === 'ACTIVE') {
      throw new AwsError('InvalidParameterException', 'Creation of service was not idempotent.')
    }
    if (existing?.status === 'DRAINING') {
      throw new AwsError(
        'InvalidParameterException',
        'Unable to Start a service that is still Draining.'
      )
    }
    // The model says desiredCount "is required if schedulingStrategy is REPLICA or isn't specified".
    if (num(body.desiredCount) === undefined && str(body.schedulingStrategy) !== 'DAEMON') {
      throw new AwsError(
        'InvalidParameterException',
        'desiredCount is required for a service with the REPLICA scheduling strategy.'
      )
    }
    const desiredCount = num(body.desiredCount) ?? 0
    if (desiredCount < 0) {
      throw new AwsError('InvalidParameterException', 'Desired count must be non-negative.')
    }
    const td = this.resolveTaskDefForService(str(body.taskDefinition))
    const launchType = str(body.launchType) ?? 'EC2'
    if (launchType === 'FARGATE' && !strList(td.body.requiresCompatibilities).includes('FARGATE')) {
      this.refuse(
        'ecs:CreateService',
        'InvalidParameterException',
        'Task definition does not support launch_type FARGATE.'
      )
    }
    if (td.body.networkMode === 'awsvpc' && !isRecord(body.networkConfiguration)) {
      this.refuse(
        'ecs:CreateService',
        'InvalidParameterException',
        "Network Configuration must be provided when networkMode 'awsvpc' is specified."
      )
    }
    const loadBalancers = this.serviceLoadBalancers(body, td)
    const now = Date.now()
    const svc = this.newServiceRec({
      cluster,
      name,
      loadBalancers,
      taskDefinition: td.arn,
      desiredCount,
      createdAtMs: now,
      tags: this.tagsFrom(body.tags),
      launchType,
      platformVersion:
        str(body.platformVersion) ?? (launchType === 'FARGATE' ? 'LATEST' : undefined),
      networkConfiguration: body.networkConfiguration,
      propagateTags: str(body.propagateTags) ?? 'NONE',
      enableECSManagedTags: body.enableECSManagedTags === true,
      enableExecuteCommand: body.enableExecuteCommand === true,
      deploymentConfiguration: body.deploymentConfiguration
    })
    const readyAt = now + this.behaviour.stabilizeMs
    const dep = this.newDeployment(svc, now, readyAt)
    svc.deployments = [dep]
    for (let i = 0; i < desiredCount; i++) this.startTask(svc, dep, now, readyAt)
    this.serviceRecs.push(svc)
    return { service: this.serviceJson(svc, false) }
  }

  /** A service's target groups, refused as ECS refuses them: unknown, not attached to a load
   * balancer, or naming a container or port the task definition does not have. */
  private serviceLoadBalancers(body: Json, td: TaskDefRec): ServiceLoadBalancer[] {
    const entries = Array.isArray(body.loadBalancers) ? body.loadBalancers.filter(isRecord) : []
    return entries.map((entry) => {
      const targetGroupArn = str(entry.targetGroupArn) ?? ''
      const containerName = str(entry.containerName) ?? ''
      const containerPort = num(entry.containerPort) ?? 0
      const why = this.elb.unattachable(targetGroupArn)
      if (why) this.refuse('ecs:CreateService', 'InvalidParameterException', why)
      const containers = (
        Array.isArray(td.body.containerDefinitions) ? td.body.containerDefinitions : []
      ).filter(isRecord)
      const container = containers.find((c) => c.name === containerName)
      if (!container)
        this.refuse(
          'ecs:CreateService',
          'InvalidParameterException',
          `The container ${containerName} does not exist in the task definition.`
        )
      const ports = (Array.isArray(container.portMappings) ? container.portMappings : [])
        .filter(isRecord)
        .map((m) => num(m.containerPort))
      if (!ports.includes(containerPort))
        this.refuse(
          'ecs:CreateService',
          'InvalidParameterException',
          `The container ${containerName} did not have a container port ${containerPort} defined.`
        )
      return { targetGroupArn, containerName, containerPort }
    })
  }

  private lookupService(body: Json, key: 'service'): ServiceRec {
    const cluster = this.clusterOf(body)
    const ref = str(body[key])
    if (!ref) throw new AwsError('InvalidParameterException', 'Service must be specified.')
    const svc = this.currentService(cluster, arnTail(ref))
    if (!svc) throw new AwsError('ServiceNotFoundException', 'Service not found.')
    return svc
  }

  private updateService(body: Json): Json {
    const svc = this.lookupService(body, 'service')
    if (svc.status !== 'ACTIVE') {
      throw new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.')
    }
    const now = Date.now()
    const desired = num(body.desiredCount)
    if (desired !== undefined && desired < 0) {
      throw new AwsError('InvalidParameterException', 'Desired count must be non-negative.')
    }
    let newTd: string | undefined
    if (body.taskDefinition !== undefined) {
      newTd = this.resolveTaskDefForService(str(body.taskDefinition)).arn
    }
    const networkChanged =
      body.networkConfiguration !== undefined &&
      JSON.stringify(body.networkConfiguration) !== JSON.stringify(svc.networkConfiguration)
    const platformChanged =
      str(body.platformVersion) !== undefined && body.platformVersion !== svc.platformVersion
    const newDeployment =
      body.forceNewDeployment === true ||
      (newTd !== undefined && newTd !== svc.taskDefinition) ||
      networkChanged ||
      platformChanged
    if (desired !== undefined) svc.desiredCount = desired
    if (newTd !== undefined) svc.taskDefinition = newTd
    if (networkChanged) svc.networkConfiguration = body.networkConfiguration
    if (platformChanged) svc.platformVersion = str(body.platformVersion)
    if (str(body.propagateTags)) svc.propagateTags = str(body.propagateTags) ?? svc.propagateTags
    if (typeof body.enableECSManagedTags === 'boolean') {
      svc.enableECSManagedTags = body.enableECSManagedTags
    }
    if (body.deploymentConfiguration !== undefined) {
      svc.deploymentConfiguration = body.deploymentConfiguration
    }

    if (newDeployment) {
      for (const d of svc.deployments) d.status = 'ACTIVE'
      const readyAt = now + this.behaviour.stabilizeMs
      const dep = this.newDeployment(svc, now, readyAt)
      svc.deployments.unshift(dep)
      for (let i = 0; i < svc.desiredCount; i++) this.startTask(svc, dep, now, readyAt)
    } else {
      const primary = svc.deployments[0]
      if (primary) {
        primary.desiredCount = svc.desiredCount
        primary.updatedAtMs = now
        const live = svc.tasks.filter(
          (t) => t.deploymentId === primary.id && t.desiredStatus === 'RUNNING'
        )
        if (live.length < svc.desiredCount) {
          const readyAt = now + this.behaviour.stabilizeMs
          for (let i = live.length; i < svc.desiredCount; i++) {
            this.startTask(svc, primary, now, readyAt)
          }
        } else {
          for (const t of live.slice(svc.desiredCount)) {
            this.stopTask(t, now, {
              reason: `Scaling activity initiated by (deployment ${primary.id})`,
              code: 'ServiceSchedulerInitiated'
            })
          }
        }
      }
    }
    this.advance(now)
    return { service: this.serviceJson(svc, false) }
  }

  private deleteService(body: Json): Json {
    const svc = this.lookupService(body, 'service')
    if (svc.status === 'ACTIVE') {
      // "The service cannot be stopped while it is scaled above 0." is the real text (moto mirrors
      // it, and the console shows it), as InvalidParameterException.
      if (svc.desiredCount > 0 && body.force !== true) {
        throw new AwsError(
          'InvalidParameterException',
          'The service cannot be stopped while it is scaled above 0.'
        )
      }
      this.beginDrain(svc, Date.now())
    }
    // DRAINING and INACTIVE services are answered as they are: DeleteService's model has no
    // ServiceNotActiveException, and AWS returns the service (aws-cli#1334, aws-sdk-js#4189).
    return { service: this.serviceJson(svc, false) }
  }

  private serviceJson(s: ServiceRec, withTags: boolean): Json {
    const out: Json = {
      serviceArn: s.arn,
      serviceName: s.name,
      clusterArn: this.clusterArn(s.cluster),
      loadBalancers: s.loadBalancers,
      serviceRegistries: [],
      status: s.status,
      desiredCount: s.desiredCount,
      runningCount: this.countTasks(s, null, 'RUNNING'),
      pendingCount: this.countTasks(s, null, 'PENDING'),
      launchType: s.launchType,
      platformVersion: s.platformVersion,
      platformFamily: s.launchType === 'FARGATE' ? 'Linux' : undefined,
      taskDefinition: s.taskDefinition,
      deploymentConfiguration: s.deploymentConfiguration,
      deployments: s.deployments.map((d) => ({
        id: d.id,
        status: d.status,
        taskDefinition: d.taskDefinition,
        desiredCount: d.desiredCount,
        pendingCount: this.countTasks(s, d.id, 'PENDING'),
        runningCount: this.countTasks(s, d.id, 'RUNNING'),
        failedTasks: 0,
        createdAt: epoch(d.createdAtMs),
        updatedAt: epoch(d.updatedAtMs),
        launchType: d.launchType,
        platformVersion: d.platformVersion,
        platformFamily: d.launchType === 'FARGATE' ? 'Linux' : undefined,
        networkConfiguration: d.networkConfiguration,
        rolloutState: d.rolloutState,
        rolloutStateReason:
          d.rolloutState === 'COMPLETED'
            ? `ECS deployment ${d.id} completed.`
            : `ECS deployment ${d.id} in progress.`
      })),
      roleArn: `arn:aws:iam::${this.accountId}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
      events: [],
      createdAt: epoch(s.createdAtMs),
      placementConstraints: [],
      placementStrategy: [],
      networkConfiguration: s.networkConfiguration,
      schedulingStrategy: 'REPLICA',
      deploymentController: { type: 'ECS' },
      createdBy: `arn:aws:iam::${this.accountId}:role/showtime-ci`,
      enableECSManagedTags: s.enableECSManagedTags,
      propagateTags: s.propagateTags,
      enableExecuteCommand: s.enableExecuteCommand
    }
    if (withTags) out.tags = tagList(s.tags)
    return out
  }

  private describeServices(body: Json): Json {
    const cluster = this.clusterOf(body)
    const refs = strList(body.services)
    const withTags = strList(body.include).includes('TAGS')
    const services: Json[] = []
    const failures: Json[] = []
    for (const ref of refs) {
      const svc = this.currentService(cluster, arnTail(ref))
      if (svc && this.purged(svc))
        throw new AwsError('ServiceNotFoundException', 'Service not found.')
      if (svc) services.push(this.serviceJson(svc, withTags))
      else
        failures.push({
          arn: ref.startsWith('arn:') ? ref : this.serviceArn(cluster, ref),
          reason: 'MISSING'
        })
    }
    return { services, failures }
  }

  private decodeToken(token: string | undefined, kind: string): number {
    if (token === undefined || token === '') return 0
    try {
      const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'))
      if (isRecord(parsed) && parsed.k === kind && typeof parsed.s === 'number') return parsed.s
    } catch {
      // fall through
    }
    throw new AwsError('InvalidParameterException', 'Invalid nextToken')
  }

  private encodeToken(kind: string, seq: number): string {
    return Buffer.from(JSON.stringify({ k: kind, s: seq, r: hexOf(`${kind}${seq}`, 8) })).toString(
      'base64url'
    )
  }

  private pageSize(body: Json, dflt: number): number {
    return num(body.maxResults) ?? dflt
  }

  private listServices(body: Json): Json {
    const cluster = this.clusterOf(body)
    const size = this.pageSize(body, this.listPageSize)
    const after = this.decodeToken(str(body.nextToken), `services:${cluster}`)
    const launchType = str(body.launchType)
    const all = this.serviceRecs.filter(
      (s) =>
        s.cluster === cluster &&
        s.status === 'ACTIVE' &&
        s.seq > after &&
        (launchType === undefined || s.launchType === launchType)
    )
    const page = all.slice(0, size)
    const out: Json = { serviceArns: page.map((s) => s.arn) }
    const last = page[page.length - 1]
    if (all.length > size && last) out.nextToken = this.encodeToken(`services:${cluster}`, last.seq)
    return out
  }

  private tasksOf(cluster: string): TaskRec[] {
    return this.serviceRecs
      .filter((s) => s.cluster === cluster)
      .flatMap((s) => s.tasks)
      .sort((a, b) => a.seq - b.seq)
  }

  private listTasks(body: Json): Json {
    const cluster = this.clusterOf(body)
    const serviceName = str(body.serviceName)
    if (serviceName !== undefined && !this.currentService(cluster, arnTail(serviceName))) {
      throw new AwsError('ServiceNotFoundException', 'Service not found.')
    }
    const desired = str(body.desiredStatus) ?? 'RUNNING'
    const family = str(body.family)
    const startedBy = str(body.startedBy)
    const size = this.pageSize(body, 100)
    const after = this.decodeToken(str(body.nextToken), `tasks:${cluster}`)
    const all = this.tasksOf(cluster).filter(
      (t) =>
        t.seq > after &&
        (serviceName === undefined || t.serviceName === arnTail(serviceName)) &&
        (desired === 'PENDING' ? t.state === 'PENDING' : t.desiredStatus === desired) &&
        (family === undefined || arnTail(t.taskDefinitionArn).split(':')[0] === family) &&
        (startedBy === undefined || t.startedBy === startedBy)
    )
    const page = all.slice(0, size)
    const out: Json = { taskArns: page.map((t) => t.arn) }
    const last = page[page.length - 1]
    if (all.length > size && last) out.nextToken = this.encodeToken(`tasks:${cluster}`, last.seq)
    return out
  }

  private taskJson(t: TaskRec, withTags: boolean): Json {
    const attachmentStatus = t.state === 'STOPPED' ? 'DELETED' : 'ATTACHED'
    const privateDns = `ip-${t.privateIp.replace(/\./g, '-')}.${this.region}.compute.internal`
    const out: Json = {
      attachments: [
        {
          id: t.attachmentId,
          type: 'ElasticNetworkInterface',
          status: attachmentStatus,
          details: [
            { name: 'subnetId', value: t.subnetId },
            { name: 'networkInterfaceId', value: t.eniId },
            { name: 'macAddress', value: t.mac },
            { name: 'privateDnsName', value: privateDns },
            { name: 'privateIPv4Address', value: t.privateIp }
          ]
        }
      ],
      attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
      availabilityZone: `${this.region}a`,
      clusterArn: this.clusterArn(t.cluster),
      connectivity: 'CONNECTED',
      connectivityAt: epoch(t.createdAtMs),
      containers: t.containers.map((c, i) => ({
        containerArn: `arn:aws:ecs:${this.region}:${this.accountId}:container/${t.cluster}/${t.id}/${uuidOf(`${t.id}:${i}`)}`,
        taskArn: t.arn,
        name: c.name,
        image: c.image,
        lastStatus: t.state,
        networkInterfaces: [{ attachmentId: t.attachmentId, privateIpv4Address: t.privateIp }],
        healthStatus: 'UNKNOWN',
        cpu: '0'
      })),
      cpu: t.cpu,
      createdAt: epoch(t.createdAtMs),
      desiredStatus: t.desiredStatus,
      enableExecuteCommand: false,
      group: `service:${t.serviceName}`,
      healthStatus: 'UNKNOWN',
      lastStatus: t.state,
      launchType: 'FARGATE',
      memory: t.memory,
      overrides: { containerOverrides: t.containers.map((c) => ({ name: c.name })) },
      platformVersion: '1.4.0',
      platformFamily: 'Linux',
      startedBy: t.startedBy,
      taskArn: t.arn,
      taskDefinitionArn: t.taskDefinitionArn,
      version: t.state === 'PENDING' ? 2 : t.state === 'RUNNING' ? 3 : 5,
      ephemeralStorage: { sizeInGiB: 20 }
    }
    if (t.startedAtMs !== undefined) {
      out.startedAt = epoch(t.startedAtMs)
      out.pullStartedAt = epoch(t.createdAtMs)
      out.pullStoppedAt = epoch(t.startedAtMs)
    }
    if (t.stoppingAtMs !== undefined) out.stoppingAt = epoch(t.stoppingAtMs)
    if (t.stoppedAtMs !== undefined) {
      out.stoppedAt = epoch(t.stoppedAtMs)
      out.executionStoppedAt = epoch(t.stoppedAtMs)
    }
    if (t.stoppedReason !== undefined) out.stoppedReason = t.stoppedReason
    if (t.stopCode !== undefined) out.stopCode = t.stopCode
    if (withTags) out.tags = tagList(t.tags)
    return out
  }

  private describeTasks(body: Json): Json {
    const cluster = this.clusterOf(body)
    const refs = strList(body.tasks)
    const withTags = strList(body.include).includes('TAGS')
    const byId = new Map<string, TaskRec>()
    for (const s of this.serviceRecs) {
      if (s.cluster !== cluster) continue
      for (const t of s.tasks) byId.set(t.id, t)
    }
    const tasks: Json[] = []
    const failures: Json[] = []
    for (const ref of refs) {
      const t = byId.get(arnTail(ref))
      if (t) tasks.push(this.taskJson(t, withTags))
      else failures.push({ arn: ref, reason: 'MISSING' })
    }
    return { tasks, failures }
  }

  /** The tag map behind a service or task-definition ARN, or undefined. */
  private taggable(arn: string): Record<string, string> | undefined {
    const prefix = `arn:aws:ecs:${this.region}:${this.accountId}:`
    if (!arn.startsWith(prefix)) return undefined
    const resource = arn.slice(prefix.length)
    if (resource.startsWith('service/')) {
      const parts = resource.split('/')
      const cluster = parts.length === 3 ? parts[1] : 'default'
      const name = parts[parts.length - 1]
      if (!cluster || !name) return undefined
      return this.currentService(cluster, name)?.tags
    }
    if (resource.startsWith('task-definition/')) {
      const td = this.findTaskDef(arn)
      return td?.tags
    }
    return undefined
  }

  private tagResource(body: Json): Json {
    const tags = this.taggable(str(body.resourceArn) ?? '')
    if (!tags)
      throw new AwsError('ResourceNotFoundException', "The specified resource wasn't found.")
    Object.assign(tags, this.tagsFrom(body.tags))
    return {}
  }

  // -------------------------------------------------------------------------------------------
  // EC2

  private describeNetworkInterfaces(form: Record<string, string>): string {
    const unserved = Object.keys(form).find((k) =>
      /^(Filter|DryRun|MaxResults|NextToken)\b/.test(k)
    )
    if (unserved) throw new Error(`DescribeNetworkInterfaces with ${unserved} is not emulated`)
    const ids = Object.keys(form)
      .filter((k) => /^NetworkInterfaceId\.\d+$/.test(k))
      .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
      .map((k) => form[k] ?? '')
    const missing = ids.filter((id) => !this.enis.has(id))
    if (missing.length) {
      throw new AwsError(
        'InvalidNetworkInterfaceID.NotFound',
        `The networkInterface ID${missing.length > 1 ? 's' : ''} '${missing.join(', ')}' ${missing.length > 1 ? 'do' : 'does'} not exist`
      )
    }
    const enis = ids.length ? ids.map((id) => this.enis.get(id) as EniRec) : [...this.enis.values()]
    const items = enis.map((e) => this.eniXml(e)).join('')
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<DescribeNetworkInterfacesResponse xmlns="${EC2_NAMESPACE}">` +
      `<requestId>${this.requestId()}</requestId>` +
      `<networkInterfaceSet>${items}</networkInterfaceSet>` +
      '</DescribeNetworkInterfacesResponse>'
    )
  }

  private eniXml(e: EniRec): string {
    const privateDnsName = `ip-${e.privateIp.replace(/\./g, '-')}.${this.region}.compute.internal`
    const association =
      e.publicIp === null
        ? undefined
        : {
            publicIp: e.publicIp,
            publicDnsName: `ec2-${e.publicIp.replace(/\./g, '-')}.${this.region}.compute.amazonaws.com`,
            ipOwnerId: 'amazon'
          }
    const eni = {
      networkInterfaceId: e.id,
      subnetId: e.subnetId,
      vpcId: e.vpcId,
      availabilityZone: `${this.region}a`,
      availabilityZoneId: 'usw2-az1',
      description: e.description,
      ownerId: this.accountId,
      requesterId: '578734482556',
      requesterManaged: true,
      status: 'in-use',
      macAddress: e.mac,
      privateIpAddress: e.privateIp,
      privateDnsName,
      sourceDestCheck: true,
      groupSet: e.securityGroups.map((g) => ({ groupId: g, groupName: g })),
      attachment: {
        attachmentId: `ela-attach-${hexOf(`attach:${e.id}`, 17)}`,
        deviceIndex: 1,
        networkCardIndex: 0,
        instanceOwnerId: '578734482556',
        status: 'attached',
        attachTime: isoTime(e.createdAtMs),
        deleteOnTermination: false
      },
      association,
      tagSet: [],
      privateIpAddressesSet: [
        { privateIpAddress: e.privateIp, privateDnsName, primary: true, association }
      ],
      ipv6AddressesSet: [],
      interfaceType: 'interface'
    }
    return `<item>${toXml(eni, 'item')}</item>`
  }
}
