/**
 * A stateful emulator of the slice of Amazon ECS (JSON 1.1), Amazon EC2 and Elastic Load Balancing
 * v2 (query protocol) that Showtime uses, served on 127.0.0.1 for the REAL AWS SDK v3 clients
 * (`endpoint: emu.url`, or `AWS_ENDPOINT_URL_ECS`, `_EC2` and `_ELASTIC_LOAD_BALANCING_V2`). ECS
 * requests carry `x-amz-target: AmazonEC2ContainerServiceV20141113.<Action>`; EC2 and ELBv2 ones are
 * forms with `Action` and `Version` (2016-11-15 or 2015-12-01; the load balancers are `elb`,
 * elb-emulator.ts). Signatures are not checked.
 *
 * Time is real: state advances lazily on every request and inspection, from the timestamps recorded
 * when things happened (a deployment created at T with stabilizeMs S is COMPLETED from T+S on; a
 * service deleted at T with drainMs D is INACTIVE from T+D on).
 *
 * Behaviour mirrored from the real services (see notes next to each action):
 * - ECS errors are `{"__type": "<Type>", "message": "..."}`, HTTP 400 (500 for ServerException);
 *   EC2's `<Response><Errors><Error><Code/><Message/></Error></Errors>`; timestamps epoch seconds;
 * - CreateService on a name that is ACTIVE answers "Creation of service was not idempotent.", on a
 *   DRAINING one "Unable to Start a service that is still Draining." (InvalidParameterException);
 * - DeleteService on a DRAINING or INACTIVE service answers 200 with the service as it is;
 * - ListServices lists ACTIVE services only; DescribeServices still finds DRAINING and INACTIVE ones,
 *   until an INACTIVE service is purged (`purgeAfterMs`): then it throws ServiceNotFoundException.
 *
 * It can never be kinder than AWS: every request is checked against AWS's published models and the
 * documented rules (aws-model.ts); one that AWS would refuse is refused the same way and recorded as
 * a violation, which fails `stop()`. Given an IAM policy (`setIamPolicy`), calls outside it are
 * denied (aws-iam.ts).
 */
import type { IncomingMessage, Server } from 'node:http'
import { type IamPolicy, type Permission, deniedMessage, isAllowed } from './aws-iam.js'
import { AwsError, ec2Refusal, ecsRefusal, elbRefusal } from './aws-model.js'
import { ELB_VERSION, ElbEmulator } from './elb-emulator.js'
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

export type EmulatedServiceStatus = 'ACTIVE' | 'DRAINING' | 'INACTIVE'

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
  /** ECS: the parsed JSON body. EC2 and ELBv2: the form fields as an object. */
  body: unknown
  status: number
}

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
  containers: { name: string; image?: string }[]
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
  launchType: string
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

export interface EmulatedTaskDefinition {
  arn: string
  family: string
  revision: number
  /** The RegisterTaskDefinition request body as received. */
  body: Json
  tags: Record<string, string>
  registeredAtMs: number
}

const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.'
const PRINCIPAL_ROLE = 'showtime-ci/GitHubActions'
const ELB_NAMESPACE = `http://elasticloadbalancing.amazonaws.com/doc/${ELB_VERSION}/`
const INTERNAL_ERROR = 'An internal error has occurred. Try your request again.'
/** The status and message AWS answers a fault's type with, unless the fault says otherwise. */
const FAULT_DEFAULTS: Record<string, { status?: number; message?: string }> = {
  ThrottlingException: { message: 'Rate exceeded' },
  RequestLimitExceeded: { status: 503, message: 'Request limit exceeded.' },
  ServiceNotFoundException: { message: 'Service not found.' },
  ServiceNotActiveException: { message: 'Service was not ACTIVE.' },
  ServerException: { status: 500, message: INTERNAL_ERROR },
  InternalError: { status: 500, message: INTERNAL_ERROR },
  InternalFailure: { status: 500 },
  Unavailable: { status: 503 },
  ServiceUnavailable: { status: 503 }
}

type Json = Record<string, unknown>

const isRecord = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined)
const records = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isRecord) : [])
const strList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
/** ECS (JSON 1.1) timestamps: epoch seconds as a number, e.g. 1431444514.347. */
const epoch = (ms: number | undefined): number | undefined => (ms === undefined ? ms : ms / 1000)
const tagList = (tags: Record<string, string>): { key: string; value: string }[] =>
  Object.entries(tags).map(([key, value]) => ({ key, value }))
const tagsFrom = (v: unknown): Record<string, string> =>
  Object.fromEntries(records(v).map((t) => [String(t.key), str(t.value) ?? '']))
const dnsName = (ip: string, domain: string): string => `${ip.replace(/\./g, '-')}.${domain}`
const invalid = (message: string) => new AwsError('InvalidParameterException', message)
const serviceNotFound = () => new AwsError('ServiceNotFoundException', 'Service not found.')

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
const arnTail = (ref: string): string =>
  ref.startsWith('arn:') ? (ref.split('/').pop() ?? ref) : ref

/** Members of a request the emulator does not act on: refused as not emulated, not ignored. */
function notEmulated(action: string, body: Json, served: string[]): void {
  const unserved = Object.keys(body).find((k) => !served.includes(k.split('.')[0] as string))
  if (unserved) throw new Error(`${action} with ${unserved} is not emulated`)
}

export class AwsEmulator extends HttpEmulator<AwsRequestRecord> {
  readonly accountId = '123456789012'
  readonly region = 'us-west-2'
  /** The load balancers, their rules and target groups (Elastic Load Balancing v2). */
  readonly elb = new ElbEmulator(this)

  private behaviour: Omit<Required<AwsBehaviour>, 'purgeAfterMs'> & AwsBehaviour = {
    stabilizeMs: 0,
    drainMs: 0,
    noPublicIp: false,
    neverStable: false,
    stuckDraining: false
  }
  private readonly serviceRecs: EmulatedService[] = []
  private readonly taskDefs = new Map<string, EmulatedTaskDefinition[]>()
  private readonly faults = new FaultQueue<AwsFault>()
  private iamPolicy: IamPolicy | undefined
  private clusters: ReadonlySet<string> | undefined
  private counter = 0

  private constructor(
    server: Server,
    url: string,
    /** Public IP of every task ENI. */
    private readonly publicIp: string
  ) {
    super('AWS', server, url)
  }

  static async start(opts: AwsBehaviour & { publicIp?: string } = {}): Promise<AwsEmulator> {
    const { server, url } = await listen()
    const { publicIp = '127.0.0.1', ...behaviour } = opts
    const emu = new AwsEmulator(server, url, publicIp)
    emu.setBehaviour(behaviour)
    return emu
  }

  override async stop(): Promise<void> {
    this.elb.stop()
    await super.stop()
  }

  // -------------------------------------------------------------------------------------------
  // seeding, inspection and control

  /** Copies of every service ever created (any status), oldest first; all clusters when none is
   * given; runningCount as ECS reports it. */
  services(cluster?: string): (EmulatedService & { runningCount: number })[] {
    this.advance()
    return this.serviceRecs
      .filter((s) => cluster === undefined || s.cluster === cluster)
      .map((s) => ({ ...structuredClone(s), runningCount: this.countTasks(s, null, 'RUNNING') }))
  }

  /** Services that are ACTIVE or DRAINING: still costing money or blocking their name. */
  activeServices(cluster?: string): (EmulatedService & { runningCount: number })[] {
    return this.services(cluster).filter((s) => s.status !== 'INACTIVE')
  }

  /** Every registered revision, oldest first per family; `body` is the RegisterTaskDefinition input. */
  taskDefinitions(): EmulatedTaskDefinition[] {
    return structuredClone([...this.taskDefs.values()].flat())
  }

  /** Seeds a leftover or orphaned service (cluster superset-ci by default): an ACTIVE one with
   * desiredCount (default 1) RUNNING tasks, or a DRAINING one with a task still to stop. */
  addService(s: {
    cluster?: string
    serviceName: string
    status?: 'ACTIVE' | 'DRAINING'
    tags?: Record<string, string>
    createdAt?: Date
    desiredCount?: number
  }): void {
    this.advance()
    const cluster = s.cluster ?? 'superset-ci'
    const current = this.currentService(cluster, s.serviceName)
    if (current && current.status !== 'INACTIVE') {
      throw new Error(`emulator: service ${cluster}/${s.serviceName} already exists`)
    }
    const createdAtMs = s.createdAt?.getTime() ?? Date.now()
    const svc = this.newService(cluster, s.serviceName, createdAtMs, {
      taskDefinition: this.arn(`task-definition/${cluster}:1`),
      desiredCount: s.desiredCount ?? 1,
      tags: { ...s.tags },
      launchType: 'FARGATE',
      platformVersion: 'LATEST'
    })
    const dep = this.newDeployment(svc, createdAtMs, createdAtMs)
    dep.rolloutState = 'COMPLETED'
    const draining = s.status === 'DRAINING'
    for (let i = 0; i < (draining ? Math.max(svc.desiredCount, 1) : svc.desiredCount); i++) {
      const t = this.startTask(svc, dep, createdAtMs, createdAtMs)
      t.lastStatus = 'RUNNING'
      t.startedAtMs = createdAtMs
    }
    if (draining) this.beginDrain(svc, Date.now())
    this.serviceRecs.push(svc)
  }

  injectFault(f: AwsFault): void {
    this.faults.add(f)
  }

  /** The clusters that exist; any other answers ClusterNotFoundException. Default: any name. */
  setClusters(names: readonly string[] | undefined): void {
    this.clusters = names === undefined ? undefined : new Set(names)
  }

  /** Evaluate every call against this identity-based policy (undefined: allow everything). */
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

  /** Throws `code` (AWS's wording, after `prefix`) when the policy does not grant a permission. */
  authorize(permissions: Permission[], code: string, status = 400, prefix = ''): void {
    const policy = this.iamPolicy
    const denied = policy && permissions.find((p) => !isAllowed(policy, p))
    const principal = `arn:aws:sts::${this.accountId}:assumed-role/${PRINCIPAL_ROLE}`
    if (denied) throw new AwsError(code, prefix + deniedMessage(principal, denied), status)
  }

  /** Refuses a request AWS would refuse, recording it as a violation of the service's rules. */
  private refuse(call: string, e: AwsError | undefined): void {
    if (!e) return
    this.violations.add(call, `${e.code}: ${e.message}`)
    throw e
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  protected handle(req: IncomingMessage, raw: string): HttpReply {
    const target = str(req.headers['x-amz-target'])
    const form = Object.fromEntries(new URLSearchParams(raw))
    const service = target ? 'ecs' : form.Version === ELB_VERSION ? 'elbv2' : 'ec2'
    const action = target?.replace(ECS_TARGET_PREFIX, '') ?? form.Action ?? ''
    let body: unknown = target ? raw : form
    let reply: { status: number; body: string }
    try {
      if (target) body = parseJson(raw)
      const fault = this.faults.take((f) => f.action === action || f.action === '*')
      if (fault) {
        const { status, message = `Injected ${fault.type}` } = {
          ...FAULT_DEFAULTS[fault.type],
          ...fault
        }
        throw new AwsError(fault.type, message, status)
      }
      reply = { status: 200, body: this.answer(target, action, isRecord(body) ? body : {}, form) }
    } catch (e) {
      // Anything else (a member it does not emulate, a bug) fails the test that sent it, and is
      // answered like an AWS internal failure.
      if (!(e instanceof AwsError)) this.violations.add(`${service}:${action}`, String(e))
      const error =
        e instanceof AwsError ? e : new AwsError('InternalFailure', `emulator: ${String(e)}`, 500)
      reply = { status: error.status, body: this.error(service, error) }
    }
    this.requests.push({ service, action, body, status: reply.status })
    const contentType = target ? 'application/x-amz-json-1.1' : 'text/xml;charset=UTF-8'
    const date = new Date().toUTCString()
    return {
      ...reply,
      headers: { 'content-type': contentType, 'x-amzn-requestid': this.requestId(), date }
    }
  }

  requestId(): string {
    return uuidOf(`request:${++this.counter}:${Date.now()}`)
  }

  private answer(
    target: string | undefined,
    action: string,
    input: Json,
    form: Record<string, string>
  ): string {
    if (target !== undefined) {
      if (!target.startsWith(ECS_TARGET_PREFIX)) throw new AwsError('UnknownOperationException', '')
      this.refuse(`ecs:${action}`, ecsRefusal(action, input))
      this.authorize(this.ecsPermissions(action, input), 'AccessDeniedException')
      const cluster = str(input.cluster)
      if (cluster !== undefined && this.clusters && !this.clusters.has(arnTail(cluster)))
        throw new AwsError('ClusterNotFoundException', 'Cluster not found.')
      this.advance()
      return JSON.stringify(this.dispatchEcs(action, input))
    }
    if (form.Version === ELB_VERSION) {
      const { refusal, input: decoded } = elbRefusal(action, form)
      this.refuse(`elasticloadbalancing:${action}`, refusal)
      this.advance()
      const result = toXml(this.elb.handle(action, decoded), 'member')
      return (
        `<${action}Response xmlns="${ELB_NAMESPACE}"><${action}Result>${result}</${action}Result>` +
        `<ResponseMetadata><RequestId>${this.requestId()}</RequestId></ResponseMetadata></${action}Response>`
      )
    }
    this.advance()
    if (action !== 'DescribeNetworkInterfaces')
      throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`)
    this.refuse(`ec2:${action}`, ec2Refusal(action, form))
    const permissions = [{ action: `ec2:${action}`, resource: '*' }]
    const prefix = 'You are not authorized to perform this operation. '
    this.authorize(permissions, 'UnauthorizedOperation', 403, prefix)
    return this.describeNetworkInterfaces(form)
  }

  /** The error as each service writes it: ECS in JSON (an unknown operation without a message,
   * as Coral services answer it), EC2 and ELB in their XML. */
  private error(service: AwsRequestRecord['service'], e: AwsError): string {
    const error = `<Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message>`
    switch (service) {
      case 'ecs':
        return JSON.stringify({ __type: e.code, message: e.message || undefined })
      case 'ec2':
        return (
          `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error>${error}</Error></Errors>` +
          `<RequestID>${this.requestId()}</RequestID></Response>`
        )
      case 'elbv2':
        return (
          `<ErrorResponse xmlns="${ELB_NAMESPACE}"><Error><Type>${e.status >= 500 ? 'Receiver' : 'Sender'}</Type>` +
          `${error}</Error><RequestId>${this.requestId()}</RequestId></ErrorResponse>`
        )
    }
  }

  /** What IAM checks for an ECS call: the action on its resource, and what the input adds. */
  private ecsPermissions(action: string, input: Json): Permission[] {
    const cluster = arnTail(str(input.cluster) ?? 'default')
    const service = (ref: string) => (ref.startsWith('arn:') ? ref : this.serviceArn(cluster, ref))
    const on = (resource: string): Permission => ({
      action: `ecs:${action}`,
      resource,
      context: { 'ecs:cluster': this.arn(`cluster/${cluster}`) }
    })
    // Tags given on create need ecs:TagResource too, with the creating action as its condition.
    const tagging = (resource: string): Permission[] =>
      records(input.tags).length > 0
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
          on(ref.startsWith('arn:') ? ref : this.arn(`task/${cluster}/${ref}`))
        )
      case 'RegisterTaskDefinition': {
        const roles = strList([input.taskRoleArn, input.executionRoleArn])
        return [
          { action: 'ecs:RegisterTaskDefinition', resource: '*' },
          ...roles.map((role) => ({
            action: 'iam:PassRole',
            resource: role.startsWith('arn:')
              ? role
              : `arn:aws:iam::${this.accountId}:role/${role}`,
            context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }
          })),
          ...tagging(this.arn(`task-definition/${str(input.family)}:*`))
        ]
      }
      default:
        return [on('*')]
    }
  }

  // -------------------------------------------------------------------------------------------
  // time

  /** ECS's state catches up with the clock: tasks start and stop, deployments complete, services
   * drain, and targets are (de)registered. */
  advance(now = Date.now()): void {
    const b = this.behaviour
    for (const svc of this.serviceRecs) {
      if (svc.status === 'DRAINING' && !b.stuckDraining && now >= svc.drainUntilMs) {
        svc.status = 'INACTIVE'
        for (const t of svc.tasks) this.stopTask(t, svc.drainUntilMs)
      }
      if (svc.status !== 'ACTIVE' || b.neverStable) continue
      for (const t of svc.tasks) {
        if (t.lastStatus === 'PENDING' && t.desiredStatus === 'RUNNING' && now >= t.readyAtMs) {
          t.lastStatus = 'RUNNING'
          t.startedAtMs = t.readyAtMs
        }
      }
      const primary = svc.deployments[0]
      if (
        primary?.rolloutState === 'IN_PROGRESS' &&
        now >= primary.readyAtMs &&
        this.servingTasks(svc, primary.id) >= primary.desiredCount
      ) {
        primary.rolloutState = 'COMPLETED'
        primary.updatedAtMs = Math.max(primary.readyAtMs, primary.createdAtMs)
        for (const old of svc.deployments.slice(1)) {
          for (const t of svc.tasks.filter((t) => t.deploymentId === old.id))
            this.stopTask(t, primary.updatedAtMs, old.id)
        }
        svc.deployments = [primary]
      }
    }
    this.syncTargets()
  }

  /** RUNNING tasks of a deployment that serve: with load balancers, healthy in each of them (ECS
   * completes a deployment behind a load balancer only then). */
  private servingTasks(svc: EmulatedService, deploymentId: string): number {
    return svc.tasks.filter(
      (t) =>
        t.deploymentId === deploymentId &&
        t.lastStatus === 'RUNNING' &&
        svc.loadBalancers.every((lb) => this.elb.isHealthy(lb.targetGroupArn, t.privateIp))
    ).length
  }

  /** ECS registers a running task in its service's target groups and deregisters it once it is
   * to stop. */
  private syncTargets(): void {
    for (const svc of this.serviceRecs) {
      for (const t of svc.tasks) {
        const running = t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING'
        if (running && t.targets === 'none') {
          for (const lb of svc.loadBalancers) {
            const image = t.containers.find((c) => c.name === lb.containerName)?.image
            this.elb.register(lb.targetGroupArn, t.privateIp, lb.containerPort, image)
          }
          t.targets = 'registered'
        } else if (t.desiredStatus === 'STOPPED' && t.targets === 'registered') {
          for (const lb of svc.loadBalancers) this.elb.deregister(lb.targetGroupArn, t.privateIp)
          t.targets = 'deregistered'
        }
      }
    }
  }

  private countTasks(
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

  // -------------------------------------------------------------------------------------------
  // records

  private arn(resource: string): string {
    return `arn:aws:ecs:${this.region}:${this.accountId}:${resource}`
  }

  private serviceArn(cluster: string, name: string): string {
    return this.arn(`service/${cluster}/${name}`)
  }

  private currentService(cluster: string, name: string): EmulatedService | undefined {
    return this.serviceRecs.findLast((s) => s.cluster === cluster && s.serviceName === name)
  }

  /** A registered revision by family (the latest), family:revision or ARN. */
  private findTaskDef(ref: string): EmulatedTaskDefinition | undefined {
    const [family = '', revision] = arnTail(ref).split(':')
    const revs = this.taskDefs.get(family) ?? []
    return revision === undefined ? revs.at(-1) : revs.find((r) => String(r.revision) === revision)
  }

  private newService(
    cluster: string,
    serviceName: string,
    createdAtMs: number,
    p: Pick<EmulatedService, 'taskDefinition' | 'desiredCount' | 'tags' | 'launchType'> &
      Partial<EmulatedService>
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
      seq: ++this.counter,
      cluster,
      serviceName,
      arn: this.serviceArn(cluster, serviceName),
      status: 'ACTIVE',
      createdAtMs,
      drainUntilMs: 0,
      deployments: [],
      tasks: []
    }
  }

  /** A new PRIMARY deployment of the service's task definition, its tasks started. */
  private newDeployment(
    svc: EmulatedService,
    createdAtMs: number,
    readyAtMs: number
  ): EmulatedDeployment {
    for (const d of svc.deployments) d.status = 'ACTIVE'
    const dep: EmulatedDeployment = {
      id: `ecs-svc/${digitsOf(`deployment:${svc.arn}:${++this.counter}`, 19)}`,
      status: 'PRIMARY',
      rolloutState: 'IN_PROGRESS',
      taskDefinition: svc.taskDefinition,
      desiredCount: svc.desiredCount,
      createdAtMs,
      updatedAtMs: createdAtMs,
      readyAtMs
    }
    svc.deployments.unshift(dep)
    return dep
  }

  private startTask(
    svc: EmulatedService,
    dep: EmulatedDeployment,
    nowMs: number,
    readyAtMs: number
  ): EmulatedTask {
    const n = ++this.counter
    const id = hexOf(`task:${svc.arn}:${n}`, 32)
    const awsvpc = (svc.networkConfiguration as Json | undefined)?.awsvpcConfiguration as
      Json | undefined
    const subnets = strList(awsvpc?.subnets)
    const td = this.findTaskDef(dep.taskDefinition)
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
      arn: this.arn(`task/${svc.cluster}/${id}`),
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
        this.behaviour.noPublicIp || awsvpc?.assignPublicIp === 'DISABLED' ? null : this.publicIp,
      targets: 'none',
      tags,
      cpu: str(td?.body.cpu),
      memory: str(td?.body.memory),
      containers: containers.length ? containers : [{ name: 'app' }]
    }
    svc.tasks.push(task)
    return task
  }

  /** A task stops (its ENI is deleted with it): for its scaling-down deployment, if it names one,
   * else because its service was deleted. */
  private stopTask(t: EmulatedTask, atMs: number, deploymentId?: string): void {
    if (t.lastStatus === 'STOPPED') return
    t.desiredStatus = 'STOPPED'
    t.lastStatus = 'STOPPED'
    t.stoppingAtMs ??= atMs
    t.stoppedAtMs = atMs
    t.stoppedReason ??= deploymentId
      ? `Scaling activity initiated by (deployment ${deploymentId})`
      : 'Service deleted'
  }

  private beginDrain(svc: EmulatedService, nowMs: number): void {
    svc.status = 'DRAINING'
    svc.desiredCount = 0
    svc.drainUntilMs = nowMs + this.behaviour.drainMs
    for (const d of svc.deployments) d.desiredCount = 0
    for (const t of svc.tasks) {
      if (t.lastStatus === 'STOPPED') continue
      t.desiredStatus = 'STOPPED'
      t.stoppingAtMs = nowMs
      t.stoppedReason = 'Service deleted'
    }
  }

  /** An INACTIVE service past purgeAfterMs (drainUntilMs is when it became INACTIVE). */
  private purged(svc: EmulatedService): boolean {
    const after = this.behaviour.purgeAfterMs
    return (
      svc.status === 'INACTIVE' && after !== undefined && Date.now() >= svc.drainUntilMs + after
    )
  }

  // -------------------------------------------------------------------------------------------
  // ECS

  private dispatchEcs(action: string, body: Json): Json {
    const handler = (
      {
        RegisterTaskDefinition: this.registerTaskDefinition,
        CreateService: this.createService,
        UpdateService: this.updateService,
        DeleteService: this.deleteService,
        DescribeServices: this.describeServices,
        ListServices: this.listServices,
        ListTasks: this.listTasks,
        DescribeTasks: this.describeTasks
      } as Record<string, ((body: Json) => Json) | undefined>
    )[action]
    if (!handler) throw new AwsError('UnknownOperationException', '')
    return handler.call(this, body)
  }

  /** Cluster name from a name or ARN; ECS uses the `default` cluster when none is given. */
  private clusterOf(body: Json): string {
    return arnTail(str(body.cluster) || 'default')
  }

  private registerTaskDefinition(body: Json): Json {
    const family = str(body.family) as string
    if (records(body.containerDefinitions).length === 0)
      throw new AwsError('ClientException', 'Container list cannot be empty.')
    const revs = this.taskDefs.get(family) ?? []
    const revision = (revs.at(-1)?.revision ?? 0) + 1
    const td: EmulatedTaskDefinition = {
      arn: this.arn(`task-definition/${family}:${revision}`),
      family,
      revision,
      body: structuredClone(body),
      tags: tagsFrom(body.tags),
      registeredAtMs: Date.now()
    }
    this.taskDefs.set(family, [...revs, td])
    const fargate =
      body.networkMode === 'awsvpc' || strList(body.requiresCompatibilities).includes('FARGATE')
    const { tags: _tags, ...sent } = body
    return {
      taskDefinition: {
        ...sent,
        taskDefinitionArn: td.arn,
        revision,
        status: 'ACTIVE',
        networkMode: body.networkMode ?? 'bridge',
        compatibilities: fargate ? ['EC2', 'FARGATE'] : ['EC2'],
        requiresAttributes: [],
        registeredAt: epoch(td.registeredAtMs),
        registeredBy: `arn:aws:sts::${this.accountId}:assumed-role/${PRINCIPAL_ROLE}`
      },
      tags: tagList(td.tags)
    }
  }

  private resolveTaskDefinition(ref: string | undefined): EmulatedTaskDefinition {
    if (!ref) throw invalid('TaskDefinition must be specified.')
    const td = this.findTaskDef(ref)
    if (!td) throw new AwsError('ClientException', 'TaskDefinition not found.')
    return td
  }

  private createService(body: Json): Json {
    const cluster = this.clusterOf(body)
    const name = str(body.serviceName) as string
    const existing = this.currentService(cluster, name)?.status
    if (existing === 'ACTIVE') throw invalid('Creation of service was not idempotent.')
    if (existing === 'DRAINING') throw invalid('Unable to Start a service that is still Draining.')
    // The model says desiredCount "is required if schedulingStrategy is REPLICA or isn't specified".
    const desiredCount = num(body.desiredCount)
    if (desiredCount === undefined && body.schedulingStrategy !== 'DAEMON')
      throw invalid('desiredCount is required for a service with the REPLICA scheduling strategy.')
    if ((desiredCount ?? 0) < 0) throw invalid('Desired count must be non-negative.')
    const td = this.resolveTaskDefinition(str(body.taskDefinition))
    const launchType = str(body.launchType) ?? 'EC2'
    const call = 'ecs:CreateService'
    if (launchType === 'FARGATE' && !strList(td.body.requiresCompatibilities).includes('FARGATE'))
      this.refuse(call, invalid('Task definition does not support launch_type FARGATE.'))
    if (td.body.networkMode === 'awsvpc' && !isRecord(body.networkConfiguration)) {
      const message =
        "Network Configuration must be provided when networkMode 'awsvpc' is specified."
      this.refuse(call, invalid(message))
    }
    const now = Date.now()
    const svc = this.newService(cluster, name, now, {
      loadBalancers: this.serviceLoadBalancers(body, td),
      taskDefinition: td.arn,
      desiredCount: desiredCount ?? 0,
      tags: tagsFrom(body.tags),
      launchType,
      platformVersion:
        str(body.platformVersion) ?? (launchType === 'FARGATE' ? 'LATEST' : undefined),
      networkConfiguration: body.networkConfiguration,
      propagateTags: str(body.propagateTags) ?? 'NONE',
      enableECSManagedTags: body.enableECSManagedTags === true,
      ...(isRecord(body.deploymentConfiguration) && {
        deploymentConfiguration: body.deploymentConfiguration
      })
    })
    this.startDeployment(svc, now)
    this.serviceRecs.push(svc)
    return { service: this.serviceJson(svc, false) }
  }

  private startDeployment(svc: EmulatedService, now: number): void {
    const readyAt = now + this.behaviour.stabilizeMs
    const dep = this.newDeployment(svc, now, readyAt)
    for (let i = 0; i < svc.desiredCount; i++) this.startTask(svc, dep, now, readyAt)
  }

  /** A service's target groups, refused as ECS refuses them: unknown, not attached to a load
   * balancer, or naming a container or port the task definition does not have. */
  private serviceLoadBalancers(
    body: Json,
    td: EmulatedTaskDefinition
  ): EmulatedService['loadBalancers'] {
    return records(body.loadBalancers).map((entry) => {
      const targetGroupArn = str(entry.targetGroupArn) ?? ''
      const containerName = str(entry.containerName) ?? ''
      const containerPort = num(entry.containerPort) ?? 0
      const refuse = (message: string) => this.refuse('ecs:CreateService', invalid(message))
      const why = this.elb.unattachable(targetGroupArn)
      if (why) refuse(why)
      const container = records(td.body.containerDefinitions).find((c) => c.name === containerName)
      if (!container)
        refuse(`The container ${containerName} does not exist in the task definition.`)
      const ports = records(container?.portMappings).map((m) => num(m.containerPort))
      if (!ports.includes(containerPort))
        refuse(
          `The container ${containerName} did not have a container port ${containerPort} defined.`
        )
      return { targetGroupArn, containerName, containerPort }
    })
  }

  private lookupService(body: Json): EmulatedService {
    const ref = str(body.service)
    if (!ref) throw invalid('Service must be specified.')
    const svc = this.currentService(this.clusterOf(body), arnTail(ref))
    if (!svc) throw serviceNotFound()
    return svc
  }

  /** A new deployment of a new task definition (or forced), or the PRIMARY one scaled in place. */
  private updateService(body: Json): Json {
    notEmulated('UpdateService', body, [
      'cluster',
      'service',
      'taskDefinition',
      'desiredCount',
      'forceNewDeployment'
    ])
    const svc = this.lookupService(body)
    if (svc.status !== 'ACTIVE')
      throw new AwsError('ServiceNotActiveException', 'Service was not ACTIVE.')
    const desired = num(body.desiredCount)
    if (desired !== undefined && desired < 0) throw invalid('Desired count must be non-negative.')
    const td =
      body.taskDefinition === undefined
        ? svc.taskDefinition
        : this.resolveTaskDefinition(str(body.taskDefinition)).arn
    const newDeployment = body.forceNewDeployment === true || td !== svc.taskDefinition
    svc.desiredCount = desired ?? svc.desiredCount
    svc.taskDefinition = td
    const now = Date.now()
    const primary = svc.deployments[0]
    if (newDeployment || !primary) {
      this.startDeployment(svc, now)
    } else {
      primary.desiredCount = svc.desiredCount
      primary.updatedAtMs = now
      const live = svc.tasks.filter(
        (t) => t.deploymentId === primary.id && t.desiredStatus === 'RUNNING'
      )
      const readyAt = now + this.behaviour.stabilizeMs
      for (let i = live.length; i < svc.desiredCount; i++)
        this.startTask(svc, primary, now, readyAt)
      for (const t of live.slice(svc.desiredCount)) this.stopTask(t, now, primary.id)
    }
    this.advance(now)
    return { service: this.serviceJson(svc, false) }
  }

  private deleteService(body: Json): Json {
    const svc = this.lookupService(body)
    if (svc.status === 'ACTIVE') {
      // "The service cannot be stopped while it is scaled above 0." is the real text (moto mirrors
      // it, and the console shows it), as InvalidParameterException.
      if (svc.desiredCount > 0 && body.force !== true)
        throw invalid('The service cannot be stopped while it is scaled above 0.')
      this.beginDrain(svc, Date.now())
    }
    // DRAINING and INACTIVE services are answered as they are: DeleteService's model has no
    // ServiceNotActiveException, and AWS returns the service (aws-cli#1334, aws-sdk-js#4189).
    return { service: this.serviceJson(svc, false) }
  }

  private serviceJson(s: EmulatedService, withTags: boolean): Json {
    return {
      serviceArn: s.arn,
      serviceName: s.serviceName,
      clusterArn: this.arn(`cluster/${s.cluster}`),
      loadBalancers: s.loadBalancers,
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
        createdAt: epoch(d.createdAtMs),
        updatedAt: epoch(d.updatedAtMs),
        rolloutState: d.rolloutState,
        rolloutStateReason: `ECS deployment ${d.id} ${d.rolloutState === 'COMPLETED' ? 'completed' : 'in progress'}.`
      })),
      events: [],
      createdAt: epoch(s.createdAtMs),
      networkConfiguration: s.networkConfiguration,
      schedulingStrategy: 'REPLICA',
      deploymentController: { type: 'ECS' },
      enableECSManagedTags: s.enableECSManagedTags,
      propagateTags: s.propagateTags,
      tags: withTags ? tagList(s.tags) : undefined
    }
  }

  private describeServices(body: Json): Json {
    const cluster = this.clusterOf(body)
    const withTags = strList(body.include).includes('TAGS')
    const services: Json[] = []
    const failures: Json[] = []
    for (const ref of strList(body.services)) {
      const svc = this.currentService(cluster, arnTail(ref))
      if (svc && this.purged(svc)) throw serviceNotFound()
      if (svc) services.push(this.serviceJson(svc, withTags))
      else
        failures.push({
          arn: ref.startsWith('arn:') ? ref : this.serviceArn(cluster, ref),
          reason: 'MISSING'
        })
    }
    return { services, failures }
  }

  /** One page of `items` (maxResults, ECS's default size otherwise) after the nextToken's item. */
  private page<T extends { seq: number; arn: string }>(
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

  private listServices(body: Json): Json {
    notEmulated('ListServices', body, ['cluster', 'maxResults', 'nextToken'])
    const cluster = this.clusterOf(body)
    const active = this.serviceRecs.filter((s) => s.cluster === cluster && s.status === 'ACTIVE')
    const { arns, nextToken } = this.page(`services:${cluster}`, active, body, 10)
    return { serviceArns: arns, nextToken }
  }

  /** Every task of the cluster (all clusters when none is given), in start order. */
  private tasksOf(cluster?: string): EmulatedTask[] {
    return this.serviceRecs
      .filter((s) => cluster === undefined || s.cluster === cluster)
      .flatMap((s) => s.tasks)
      .sort((a, b) => a.seq - b.seq)
  }

  private listTasks(body: Json): Json {
    notEmulated('ListTasks', body, [
      'cluster',
      'serviceName',
      'desiredStatus',
      'maxResults',
      'nextToken'
    ])
    const cluster = this.clusterOf(body)
    const serviceName = arnTail(str(body.serviceName) ?? '')
    if (serviceName && !this.currentService(cluster, serviceName)) throw serviceNotFound()
    const desired = str(body.desiredStatus) ?? 'RUNNING'
    const tasks = this.tasksOf(cluster).filter(
      (t) =>
        (!serviceName || t.serviceName === serviceName) &&
        (desired === 'PENDING' ? t.lastStatus === 'PENDING' : t.desiredStatus === desired)
    )
    const { arns, nextToken } = this.page(`tasks:${cluster}`, tasks, body, 100)
    return { taskArns: arns, nextToken }
  }

  private taskJson(t: EmulatedTask, withTags: boolean): Json {
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
              value: dnsName(`ip-${t.privateIp}`, `${this.region}.compute.internal`)
            },
            { name: 'privateIPv4Address', value: t.privateIp }
          ]
        }
      ],
      availabilityZone: `${this.region}a`,
      clusterArn: this.arn(`cluster/${t.cluster}`),
      containers: t.containers.map((c, i) => ({
        containerArn: this.arn(`container/${t.cluster}/${t.id}/${uuidOf(`${t.id}:${i}`)}`),
        taskArn: t.arn,
        name: c.name,
        image: c.image,
        lastStatus: t.lastStatus,
        networkInterfaces: [{ attachmentId: t.attachmentId, privateIpv4Address: t.privateIp }]
      })),
      cpu: t.cpu,
      createdAt: epoch(t.createdAtMs),
      desiredStatus: t.desiredStatus,
      group: `service:${t.serviceName}`,
      lastStatus: t.lastStatus,
      launchType: 'FARGATE',
      memory: t.memory,
      platformVersion: '1.4.0',
      startedBy: t.deploymentId,
      taskArn: t.arn,
      taskDefinitionArn: t.taskDefinitionArn,
      startedAt: epoch(t.startedAtMs),
      stoppingAt: epoch(t.stoppingAtMs),
      stoppedAt: epoch(t.stoppedAtMs),
      stoppedReason: t.stoppedReason,
      stopCode: t.stoppedReason && 'ServiceSchedulerInitiated'
    }
    if (withTags) out.tags = tagList(t.tags)
    return out
  }

  private describeTasks(body: Json): Json {
    const byId = new Map(this.tasksOf(this.clusterOf(body)).map((t) => [t.id, t]))
    const withTags = strList(body.include).includes('TAGS')
    const tasks: Json[] = []
    const failures: Json[] = []
    for (const ref of strList(body.tasks)) {
      const t = byId.get(arnTail(ref))
      if (t) tasks.push(this.taskJson(t, withTags))
      else failures.push({ arn: ref, reason: 'MISSING' })
    }
    return { tasks, failures }
  }

  // -------------------------------------------------------------------------------------------
  // EC2

  private describeNetworkInterfaces(form: Record<string, string>): string {
    notEmulated('DescribeNetworkInterfaces', form, ['Action', 'Version', 'NetworkInterfaceId'])
    const live = new Map(
      this.tasksOf()
        .filter((t) => t.lastStatus !== 'STOPPED')
        .map((t) => [t.eniId, t])
    )
    const ids = Object.keys(form)
      .filter((k) => k.startsWith('NetworkInterfaceId.'))
      .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1]))
      .map((k) => form[k] ?? '')
    const missing = ids.filter((id) => !live.has(id))
    if (missing.length) {
      const many = missing.length > 1
      throw new AwsError(
        'InvalidNetworkInterfaceID.NotFound',
        `The networkInterface ID${many ? 's' : ''} '${missing.join(', ')}' ${many ? 'do' : 'does'} not exist`
      )
    }
    const tasks = ids.length ? ids.map((id) => live.get(id) as EmulatedTask) : [...live.values()]
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      `<DescribeNetworkInterfacesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` +
      `<requestId>${this.requestId()}</requestId>` +
      `<networkInterfaceSet>${tasks.map((t) => this.eniXml(t)).join('')}</networkInterfaceSet>` +
      '</DescribeNetworkInterfacesResponse>'
    )
  }

  private eniXml(t: EmulatedTask): string {
    const privateDnsName = dnsName(`ip-${t.privateIp}`, `${this.region}.compute.internal`)
    const association =
      t.publicIp === null
        ? undefined
        : {
            publicIp: t.publicIp,
            publicDnsName: dnsName(`ec2-${t.publicIp}`, `${this.region}.compute.amazonaws.com`),
            ipOwnerId: 'amazon'
          }
    const eni = {
      networkInterfaceId: t.eniId,
      subnetId: t.subnetId,
      vpcId: `vpc-${hexOf(`vpc:${t.subnetId}`, 17)}`,
      availabilityZone: `${this.region}a`,
      description: this.arn(`attachment/${t.attachmentId}`),
      ownerId: this.accountId,
      requesterManaged: true,
      status: 'in-use',
      macAddress: t.mac,
      privateIpAddress: t.privateIp,
      privateDnsName,
      groupSet: t.securityGroups.map((g) => ({ groupId: g, groupName: g })),
      attachment: {
        attachmentId: `ela-attach-${hexOf(`attach:${t.eniId}`, 17)}`,
        status: 'attached',
        attachTime: new Date(t.createdAtMs).toISOString()
      },
      association,
      privateIpAddressesSet: [
        { privateIpAddress: t.privateIp, privateDnsName, primary: true, association }
      ],
      interfaceType: 'interface'
    }
    return `<item>${toXml(eni, 'item')}</item>`
  }
}

/** An ECS request body: JSON, or SerializationException. */
function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : {}
  } catch {
    throw new AwsError('SerializationException', 'Invalid JSON body')
  }
}
