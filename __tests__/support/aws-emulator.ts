/**
 * A stateful emulator of the slice of Amazon ECS (JSON 1.1), Amazon EC2 and Elastic Load Balancing
 * v2 (query protocol) that Showtime uses, served on 127.0.0.1 for the REAL AWS SDK v3 clients
 * (`endpoint: emu.url`, or `AWS_ENDPOINT_URL_ECS`, `_EC2` and `_ELASTIC_LOAD_BALANCING_V2`). ECS
 * requests carry `x-amz-target: AmazonEC2ContainerServiceV20141113.<Action>`; EC2 and ELBv2 ones are
 * forms with `Action` and `Version` (2016-11-15 or 2015-12-01). Signatures are not checked.
 *
 * This file is the request path: protocols, injected faults, the published models' checks and the
 * IAM policy. Each resource is served by a module of its own in aws/: services, tasks, task
 * definitions, network interfaces, and the load balancers (`elb`).
 *
 * Time comes from a clock (real time by default; a test's ManualClock moves only when the test
 * advances it): state advances lazily on every request and inspection, from the timestamps recorded
 * when things happened (a deployment created at T with stabilizeMs S is COMPLETED from T+S on; a
 * service deleted at T with drainMs D is INACTIVE from T+D on).
 *
 * ECS errors are `{"__type": "<Type>", "message": "..."}`, HTTP 400 (500 for ServerException);
 * EC2's `<Response><Errors><Error><Code/><Message/></Error></Errors>`; timestamps epoch seconds.
 * It can never be kinder than AWS: every request is checked against AWS's published models and the
 * documented rules (aws-model.ts); one that AWS would refuse is refused the same way and recorded as
 * a violation, which fails `stop()`. Given an IAM policy (`setIamPolicy`), every authorization a
 * call needs (its action on its resource, with the request's and the resource's tags) is decided by
 * an IAM simulator and recorded (`authorizations`); a denied one fails the call as AWS does
 * (aws-iam.ts).
 */
import type { IncomingMessage, Server } from 'node:http'
import {
  type Authorization,
  type IamPolicy,
  type Permission,
  decide,
  deniedMessage,
  requestTagKeys,
  resourceTagKeys
} from './aws-iam.js'
import {
  AwsError,
  ec2Refusal,
  ecrRefusal,
  ecsRefusal,
  elbRefusal,
  logsRefusal
} from './aws-model.js'
import {
  CLOUDWATCH_TARGET_PREFIX,
  CloudWatchEmulator,
  QUERY_ERROR_CODES
} from './aws/cloudwatch.js'
import { ECR_TARGET_PREFIX, EcrState } from './aws/ecr.js'
import { ELB_VERSION, ElbEmulator } from './aws/elb.js'
import { LOGS_TARGET_PREFIX, type LogsState } from './aws/logs.js'
import { describeNetworkInterfaces } from './aws/network-interfaces.js'
import {
  type AwsBehaviour,
  EcsState,
  type EmulatedService,
  type EmulatedTaskDefinition,
  type Json,
  arnTail,
  isRecord,
  records,
  str,
  strList,
  tagsFrom,
  uuidOf
} from './aws/records.js'
import {
  type SeededService,
  createService,
  deleteService,
  describeServices,
  listServices,
  seedService,
  updateService
} from './aws/services.js'
import {
  PRINCIPAL_ROLE,
  deregisterTaskDefinition,
  nextRevision,
  registerTaskDefinition
} from './aws/task-definitions.js'
import { advance, countTasks, describeTasks, listTasks, tasksOf } from './aws/tasks.js'
import { type Clock, realClock } from './clock.js'
import {
  FaultQueue,
  HttpEmulator,
  type HttpReply,
  listen,
  toXml,
  xmlEscape
} from './http-emulator.js'

export type {
  AwsBehaviour,
  EmulatedDeployment,
  EmulatedService,
  EmulatedServiceStatus,
  EmulatedTask,
  EmulatedTaskDefinition
} from './aws/records.js'

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
  service: 'ecs' | 'ec2' | 'elbv2' | 'cloudwatch' | 'logs' | 'ecr'
  action: string
  /** ECS: the parsed JSON body. EC2 and ELBv2: the form fields as an object. */
  body: unknown
  status: number
}

const ECS_TARGET_PREFIX = 'AmazonEC2ContainerServiceV20141113.'
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

/** The ECS operations, each served by the module of its resource. */
const ECS_OPERATIONS: Record<string, (ecs: EcsState, body: Json) => Json> = {
  RegisterTaskDefinition: registerTaskDefinition,
  DeregisterTaskDefinition: deregisterTaskDefinition,
  CreateService: createService,
  UpdateService: updateService,
  DeleteService: deleteService,
  DescribeServices: describeServices,
  ListServices: listServices,
  ListTasks: listTasks,
  DescribeTasks: describeTasks
}

/** An ECS request body: JSON, or SerializationException. */
function parseJson(raw: string): unknown {
  try {
    return raw ? JSON.parse(raw) : {}
  } catch {
    throw new AwsError('SerializationException', 'Invalid JSON body')
  }
}

export class AwsEmulator extends HttpEmulator<AwsRequestRecord> {
  /** The load balancers, their rules and target groups (Elastic Load Balancing v2). */
  readonly elb: ElbEmulator
  /** The load balancer's request counts per target group (CloudWatch GetMetricData). */
  readonly cloudwatch: CloudWatchEmulator
  /** Amazon ECR: repositories and their tagged images. */
  readonly ecr: EcrState
  private readonly ecs: EcsState
  private readonly faults = new FaultQueue<AwsFault>()
  private iamPolicy: IamPolicy | undefined
  private requests_ = 0
  private lastErrorCode = ''
  /** Every authorization decided under the policy, in order. */
  readonly authorizations: Authorization[] = []

  private constructor(server: Server, url: string, publicIp: string, clock: Clock) {
    super('AWS', server, url)
    const refuse = (call: string, e: AwsError | undefined) => this.refuse(call, e)
    this.elb = new ElbEmulator(this, clock)
    this.cloudwatch = new CloudWatchEmulator(clock)
    this.ecs = new EcsState(clock, publicIp, this.elb, refuse)
    this.ecr = new EcrState(this.ecs.region, this.ecs.accountId)
  }

  /** `publicIp`: the public address of every task's ENI; `clock`: default real time. */
  static async start(
    opts: AwsBehaviour & { publicIp?: string; clock?: Clock } = {}
  ): Promise<AwsEmulator> {
    const { server, url } = await listen()
    const { publicIp = '127.0.0.1', clock = realClock, ...behaviour } = opts
    const emu = new AwsEmulator(server, url, publicIp, clock)
    emu.setBehaviour(behaviour)
    return emu
  }

  /** CloudWatch Logs: the groups and the streams tasks write to. */
  get logs(): LogsState {
    return this.ecs.logs
  }

  get accountId(): string {
    return this.ecs.accountId
  }

  get region(): string {
    return this.ecs.region
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
    return this.ecs.services
      .filter((s) => cluster === undefined || s.cluster === cluster)
      .map((s) => ({ ...structuredClone(s), runningCount: countTasks(s, null, 'RUNNING') }))
  }

  /** Services that are ACTIVE or DRAINING: still costing money or blocking their name. */
  activeServices(cluster?: string): (EmulatedService & { runningCount: number })[] {
    return this.services(cluster).filter((s) => s.status !== 'INACTIVE')
  }

  /** Every registered revision, oldest first per family; `body` is the RegisterTaskDefinition input. */
  taskDefinitions(): EmulatedTaskDefinition[] {
    return structuredClone([...this.ecs.taskDefs.values()].flat())
  }

  /** Seeds a leftover or orphaned service (cluster superset-ci by default): an ACTIVE one with
   * desiredCount (default 1) RUNNING tasks, or a DRAINING one with a task still to stop. */
  addService(s: SeededService): void {
    seedService(this.ecs, s)
  }

  /**
   * When the app of a task has booted, given it takes `bootMs` once its task runs: the task of
   * that image, else the newest task (the one a deploy waits for); undefined while it does not run.
   */
  appReadyAt(bootMs: number, image?: string): number | undefined {
    this.advance()
    const tasks = tasksOf(this.ecs)
    const task = image
      ? tasks.findLast((t) => t.containers.some((c) => c.image === image))
      : tasks.at(-1)
    if (task?.lastStatus !== 'RUNNING' || task.startedAtMs === undefined) return undefined
    return task.startedAtMs + bootMs
  }

  injectFault(f: AwsFault): void {
    this.faults.add(f)
  }

  /** The clusters that exist; any other answers ClusterNotFoundException. Default: any name. */
  setClusters(names: readonly string[] | undefined): void {
    this.ecs.clusters = names === undefined ? undefined : new Set(names)
  }

  /** Evaluate every call against this identity-based policy (undefined: allow everything). */
  setIamPolicy(policy: IamPolicy | undefined): void {
    this.iamPolicy = policy
  }

  setBehaviour(b: AwsBehaviour): void {
    this.advance()
    this.ecs.behaviour = {
      ...this.ecs.behaviour,
      ...Object.fromEntries(Object.entries(b).filter(([, v]) => v !== undefined))
    }
  }

  /** ECS's state catches up with the clock: tasks start and stop, deployments complete, services
   * drain, and targets are (de)registered. */
  advance(): void {
    advance(this.ecs)
  }

  /** Throws `code` (AWS's wording, after `prefix`) at the first permission the policy denies. */
  async authorize(permissions: Permission[], code: string, status = 400, prefix = '') {
    const policy = this.iamPolicy
    if (!policy) return
    const principal = `arn:aws:sts::${this.accountId}:assumed-role/${PRINCIPAL_ROLE}`
    for (const permission of permissions) {
      const decided = { ...permission, decision: await decide(policy, permission, principal) }
      this.authorizations.push(decided)
      if (decided.decision !== 'Allowed')
        throw new AwsError(code, prefix + deniedMessage(principal, decided), status)
    }
  }

  /** Refuses a request AWS would refuse, recording it as a violation of the service's rules. */
  private refuse(call: string, e: AwsError | undefined): void {
    if (!e) return
    this.violations.add(call, `${e.code}: ${e.message}`)
    throw e
  }

  // -------------------------------------------------------------------------------------------
  // HTTP

  protected parse(req: IncomingMessage, raw: string): AwsRequestRecord {
    const target = str(req.headers['x-amz-target'])
    const form = Object.fromEntries(new URLSearchParams(raw))
    const service = target
      ? target.startsWith(CLOUDWATCH_TARGET_PREFIX)
        ? 'cloudwatch'
        : target.startsWith(LOGS_TARGET_PREFIX)
          ? 'logs'
          : target.startsWith(ECR_TARGET_PREFIX)
            ? 'ecr'
            : 'ecs'
      : form.Version === ELB_VERSION
        ? 'elbv2'
        : 'ec2'
    const action = target?.split('.').at(-1) ?? form.Action ?? ''
    let body: unknown = form
    if (target) {
      try {
        body = parseJson(raw)
      } catch {
        body = raw
      }
    }
    return { service, action, body, status: 0 }
  }

  protected async handle(
    req: IncomingMessage,
    raw: string,
    entry: AwsRequestRecord
  ): Promise<HttpReply> {
    const target = str(req.headers['x-amz-target'])
    const form = Object.fromEntries(new URLSearchParams(raw))
    const { service, action, body } = entry
    let reply: { status: number; body: string }
    try {
      if (target) parseJson(raw)
      const fault = this.faults.take((f) => f.action === action || f.action === '*')
      if (fault) {
        const { status, message = `Injected ${fault.type}` } = {
          ...FAULT_DEFAULTS[fault.type],
          ...fault
        }
        throw new AwsError(fault.type, message, status)
      }
      const answer = await this.answer(target, action, isRecord(body) ? body : {}, form)
      reply = { status: 200, body: answer }
    } catch (e) {
      // Anything else (a member it does not emulate, a bug) fails the test that sent it, and is
      // answered like an AWS internal failure.
      if (!(e instanceof AwsError)) this.violations.add(`${service}:${action}`, String(e))
      const error =
        e instanceof AwsError ? e : new AwsError('InternalFailure', `emulator: ${String(e)}`, 500)
      reply = { status: error.status, body: this.error(service, error) }
    }
    entry.status = reply.status
    this.requests.push(entry)
    const contentType =
      service === 'cloudwatch'
        ? 'application/x-amz-json-1.0'
        : target
          ? 'application/x-amz-json-1.1'
          : 'text/xml;charset=UTF-8'
    const date = new Date().toUTCString()
    return {
      ...reply,
      headers: {
        'content-type': contentType,
        'x-amzn-requestid': this.requestId(),
        date,
        ...(service === 'cloudwatch' &&
          reply.status !== 200 && {
            'x-amzn-query-error': `${QUERY_ERROR_CODES[this.lastErrorCode] ?? this.lastErrorCode};Sender`
          })
      }
    }
  }

  requestId(): string {
    return uuidOf(`request:${++this.requests_}`)
  }

  private async answer(
    target: string | undefined,
    action: string,
    input: Json,
    form: Record<string, string>
  ): Promise<string> {
    if (target?.startsWith(CLOUDWATCH_TARGET_PREFIX)) {
      // IAM: cloudwatch:GetMetricData has no resource-level permissions (its resource is `*`) and
      // no condition keys beyond the global ones (Service Authorization Reference).
      await this.authorize([{ action: `cloudwatch:${action}`, resource: '*' }], 'AccessDenied', 403)
      return JSON.stringify(this.cloudwatch.handle(action, input))
    }
    if (target?.startsWith(LOGS_TARGET_PREFIX)) {
      this.refuse(`logs:${action}`, logsRefusal(action, input))
      const group = this.ecs.logs.groupOf(input)
      const stream = str(input.logStreamName) ?? ''
      const resource = this.ecs.logs.streamArn(group, stream)
      await this.authorize([{ action: `logs:${action}`, resource }], 'AccessDeniedException')
      this.advance()
      return JSON.stringify(this.ecs.logs.getLogEvents(input))
    }
    if (target?.startsWith(ECR_TARGET_PREFIX)) {
      this.refuse(`ecr:${action}`, ecrRefusal(action, input))
      const resource = this.ecr.repositoryArn(str(input.repositoryName) ?? '')
      await this.authorize([{ action: `ecr:${action}`, resource }], 'AccessDeniedException')
      return JSON.stringify(this.ecr.batchDeleteImage(input))
    }
    if (target !== undefined) {
      if (!target.startsWith(ECS_TARGET_PREFIX)) throw new AwsError('UnknownOperationException', '')
      this.refuse(`ecs:${action}`, ecsRefusal(action, input))
      await this.authorize(this.ecsPermissions(action, input), 'AccessDeniedException')
      const cluster = str(input.cluster)
      const { clusters } = this.ecs
      if (cluster !== undefined && clusters && !clusters.has(arnTail(cluster)))
        throw new AwsError('ClusterNotFoundException', 'Cluster not found.')
      this.advance()
      const operation = ECS_OPERATIONS[action]
      if (!operation) throw new AwsError('UnknownOperationException', '')
      return JSON.stringify(operation(this.ecs, input))
    }
    if (form.Version === ELB_VERSION) {
      const { refusal, input: decoded } = elbRefusal(action, form)
      this.refuse(`elasticloadbalancing:${action}`, refusal)
      this.advance()
      const result = toXml(await this.elb.handle(action, decoded), 'member')
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
    await this.authorize(permissions, 'UnauthorizedOperation', 403, prefix)
    return describeNetworkInterfaces(this.ecs, form, this.requestId())
  }

  /** The error as each service writes it: ECS in JSON (an unknown operation without a message,
   * as Coral services answer it), EC2 and ELB in their XML. */
  private error(service: AwsRequestRecord['service'], e: AwsError): string {
    const error = `<Code>${xmlEscape(e.code)}</Code><Message>${xmlEscape(e.message)}</Message>`
    this.lastErrorCode = e.code
    switch (service) {
      case 'cloudwatch':
      case 'ecs':
      case 'logs':
      case 'ecr':
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

  /** What IAM checks for an ECS call: the action on its resource with the resource's tags, and what
   * the input adds (the tags it gives, the task definition it runs, the roles it passes). */
  private ecsPermissions(action: string, input: Json): Permission[] {
    const cluster = arnTail(str(input.cluster) ?? 'default')
    const service = (ref: string) =>
      ref.startsWith('arn:') ? ref : this.ecs.serviceArn(cluster, ref)
    const serviceTags = (ref: string) => this.ecs.currentService(cluster, arnTail(ref))?.tags
    const on = (resource: string, context: Permission['context'] = {}): Permission => ({
      action: `ecs:${action}`,
      resource,
      context: { 'ecs:cluster': this.ecs.arn(`cluster/${cluster}`), ...context }
    })
    const given = requestTagKeys(tagsFrom(input.tags))
    // Tags given on create need ecs:TagResource too, with the creating action as its condition.
    const tagging = (resource: string): Permission[] =>
      records(input.tags).length > 0
        ? [
            {
              action: 'ecs:TagResource',
              resource,
              context: { 'ecs:CreateAction': action, ...given }
            }
          ]
        : []
    const ref = str(input.taskDefinition)
    const runs = ref && {
      'ecs:task-definition': ref.startsWith('arn:')
        ? ref
        : (this.ecs.findTaskDef(ref)?.arn ?? this.ecs.arn(`task-definition/${ref}`))
    }
    switch (action) {
      case 'CreateService': {
        const arn = service(str(input.serviceName) ?? '')
        return [on(arn, { ...given, ...runs }), ...tagging(arn)]
      }
      case 'UpdateService':
      case 'DeleteService': {
        const name = str(input.service) ?? ''
        return [on(service(name), { ...resourceTagKeys(serviceTags(name)), ...runs })]
      }
      case 'DescribeServices':
        return strList(input.services).map((name) =>
          on(service(name), resourceTagKeys(serviceTags(name)))
        )
      case 'DescribeTasks':
        return strList(input.tasks).map((task) =>
          on(task.startsWith('arn:') ? task : this.ecs.arn(`task/${cluster}/${task}`))
        )
      case 'RegisterTaskDefinition': {
        // The revision this call registers.
        const family = str(input.family) ?? ''
        const arn = this.ecs.arn(`task-definition/${family}:${nextRevision(this.ecs, family)}`)
        const roles = strList([input.taskRoleArn, input.executionRoleArn])
        return [
          { action: 'ecs:RegisterTaskDefinition', resource: arn, context: given },
          ...roles.map((role) => ({
            action: 'iam:PassRole',
            resource: role.startsWith('arn:')
              ? role
              : `arn:aws:iam::${this.accountId}:role/${role}`,
            context: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' }
          })),
          ...tagging(arn)
        ]
      }
      case 'DeregisterTaskDefinition':
        // IAM knows no resource for it: only `*`, with no ECS condition key.
        return [{ action: 'ecs:DeregisterTaskDefinition', resource: '*' }]
      case 'TagResource': {
        const arn = str(input.resourceArn) ?? ''
        const [owner = '', name = ''] = arn.split(':service/')[1]?.split('/') ?? []
        const tags = this.ecs.currentService(owner, name)?.tags
        return [
          {
            action: 'ecs:TagResource',
            resource: arn,
            context: { ...given, ...resourceTagKeys(tags) }
          }
        ]
      }
      default:
        return [on('*')]
    }
  }
}
