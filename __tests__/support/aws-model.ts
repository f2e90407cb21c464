// What AWS allows in the ECS, EC2 and ELBv2 requests Showtime sends, as data: the published
// models' constraints (aws-model.json, its `source` says which model) checked generically, and the
// rules AWS documents but the models cannot say (ECS_RULES and ELB_RULES below). A request off
// either is refused the way AWS refuses it, with the reason.

import { isIP } from 'node:net'
import model from './aws-model.json' with { type: 'json' }

type Json = Record<string, unknown>

interface Shape {
  type: string
  min?: number
  max?: number
  pattern?: string
  enum?: string[]
  required?: string[]
  members?: Record<string, string | { shape: string; queryName: string }>
  member?: string
  key?: string
  value?: string
}

interface ServiceModel {
  operations: Record<string, string>
  shapes: Record<string, Shape>
}

/** An AWS error answer: its code (ECS's `__type`), message and HTTP status. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400
  ) {
    super(message)
  }
}

type Refusal = AwsError | undefined

const ecsModel = model.ecs as unknown as ServiceModel
const ec2Model = model.ec2 as unknown as ServiceModel
const elbModel = model.elbv2 as unknown as ServiceModel
const logsModel = model.logs as unknown as ServiceModel
const ecrModel = model.ecr as unknown as ServiceModel

/** Tag keys no caller may use, in any case (ECS and Elastic Load Balancing). */
const RESERVED_TAG_PREFIX = 'aws:'

/** Fargate's task sizes: memory (MiB) allowed for each cpu (units), from the ECS developer guide. */
const GiB = 1024
const steps = (from: number, to: number, step: number): number[] =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => (from + i * step) * GiB)

/** Rules the ECS documentation states that the model cannot express. */
const ECS_RULES = {
  /** Service, cluster and task-definition family names (clusters also as ARNs). */
  namePattern: /^[a-zA-Z0-9_-]{1,255}$/,
  namedMembers: ['serviceName', 'family', 'cluster'],
  /** At most this many items in one call. */
  listLimits: { DescribeServices: ['services', 10], DescribeTasks: ['tasks', 100] } as Record<
    string,
    [string, number]
  >,
  /** maxResults bounds of the list calls. */
  pageSizes: { ListServices: [1, 100], ListTasks: [1, 100] } as Record<string, [number, number]>,
  fargateSizes: {
    256: [512, 1024, 2048],
    512: steps(1, 4, 1),
    1024: steps(2, 8, 1),
    2048: steps(4, 16, 1),
    4096: steps(8, 30, 1),
    8192: steps(16, 60, 4),
    16384: steps(32, 120, 8)
  } as Record<string, number[]>,
  /** Log drivers that need the task execution role on Fargate. */
  executionRoleLogDrivers: ['awslogs', 'splunk', 'awsfirelens']
}

// ---------------------------------------------------------------------------------------------
// the model's constraints, with the messages AWS's front end writes for them

/** The JSON type each model type arrives as (timestamps and blobs are not checked). */
const JSON_TYPES: Record<string, string> = {
  structure: 'object',
  map: 'object',
  list: 'list',
  string: 'string',
  boolean: 'boolean',
  integer: 'number',
  long: 'number',
  double: 'number',
  float: 'number'
}

function valueText(v: unknown): string {
  return v === undefined || v === null
    ? 'null'
    : `'${typeof v === 'string' ? v : JSON.stringify(v)}'`
}

/** What the model's shape `name` finds wrong with `v` at `at`, added to `out` in AWS's words. */
function problems(
  shapes: Record<string, Shape>,
  name: string,
  v: unknown,
  at: string,
  out: string[]
): void {
  const shape = shapes[name] as Shape
  const json = Array.isArray(v) ? 'list' : typeof v
  const fail = (constraint: string) =>
    out.push(
      `Value ${valueText(v)} at '${at}' failed to satisfy constraint: Member must ${constraint}`
    )
  const path = (member: string) => `${at}${at ? '.' : ''}${member}`
  if (JSON_TYPES[shape.type] !== undefined && JSON_TYPES[shape.type] !== json)
    return void fail(`be a ${shape.type}`)
  if (shape.enum && !shape.enum.includes(v as string))
    fail(`satisfy enum value set: [${shape.enum.join(', ')}]`)
  if (['list', 'string', 'integer', 'long'].includes(shape.type)) {
    // Lists and strings (in code points) by their length, numbers by their value.
    const sized = json === 'list' || json === 'string'
    const n = sized ? [...(v as string | unknown[])].length : (v as number)
    const what = sized ? 'length' : 'value'
    if (shape.max !== undefined && n > shape.max)
      fail(`have ${what} less than or equal to ${shape.max}`)
    if (shape.min !== undefined && n < shape.min)
      fail(`have ${what} greater than or equal to ${shape.min}`)
  }
  if (shape.pattern && !new RegExp(`^${shape.pattern}$`, 'u').test(v as string))
    fail(`satisfy regular expression pattern: ^${shape.pattern}$`)
  const obj = (v ?? {}) as Json
  for (const member of shape.required ?? [])
    if (obj[member] === undefined || obj[member] === null)
      out.push(
        `Value null at '${path(member)}' failed to satisfy constraint: Member must not be null`
      )
  if (shape.type === 'structure')
    for (const [member, value] of Object.entries(obj)) {
      const target = shape.members?.[member]
      if (target === undefined || value === undefined || value === null) continue
      const memberShape = typeof target === 'string' ? target : target.shape
      problems(shapes, memberShape, value, path(member), out)
    }
  if (shape.type === 'list')
    (v as unknown[]).forEach((item, i) =>
      problems(shapes, shape.member as string, item, `${at}.${i + 1}.member`, out)
    )
  if (shape.type === 'map')
    for (const [k, item] of Object.entries(obj)) {
      problems(shapes, shape.key as string, k, `${at}.${k}.key`, out)
      problems(shapes, shape.value as string, item, `${at}.${k}.value`, out)
    }
}

/** The model's problems with `input` to `operation` as one `type` error, as AWS's front end
 * reports them. */
function modelRefusal(
  service: ServiceModel,
  operation: string,
  input: Json,
  type: string
): Refusal {
  const found: string[] = []
  problems(service.shapes, service.operations[operation] as string, input, '', found)
  const count = `${found.length} validation error${found.length > 1 ? 's' : ''} detected`
  return found.length > 0 ? new AwsError(type, `${count}: ${found.join('; ')}`) : undefined
}

/** Why CloudWatch Logs would refuse `input` to `operation` (its model). */
export function logsRefusal(operation: string, input: Json): Refusal {
  if (!logsModel.operations[operation])
    return new AwsError('UnknownOperationException', `${operation} is not emulated`)
  return modelRefusal(logsModel, operation, input, 'InvalidParameterException')
}

/** Why ECR would refuse `input` to `operation` (its model). */
export function ecrRefusal(operation: string, input: Json): Refusal {
  if (!ecrModel.operations[operation])
    return new AwsError('UnknownOperationException', `${operation} is not emulated`)
  return modelRefusal(ecrModel, operation, input, 'InvalidParameterException')
}

/** Why ECS would refuse `input` to `operation`, or undefined when the models and rules allow it. */
export function ecsRefusal(operation: string, input: Json): Refusal {
  if (!ecsModel.operations[operation]) return undefined
  return (
    modelRefusal(ecsModel, operation, input, 'ClientException') ?? ecsRuleRefusal(operation, input)
  )
}

function ecsRuleRefusal(operation: string, input: Json): Refusal {
  const invalid = (message: string) => new AwsError('InvalidParameterException', message)
  for (const member of ECS_RULES.namedMembers) {
    const value = input[member]
    const name = typeof value === 'string' ? value.replace(/^arn:.*\//, '') : undefined
    if (name !== undefined && !ECS_RULES.namePattern.test(name)) {
      return invalid(
        `${member} can have up to 255 letters (uppercase and lowercase), numbers, hyphens and underscores, but was ${name}`
      )
    }
  }
  const reserved = reservedTag((input.tags ?? []) as { key?: string }[], 'key')
  if (reserved) return invalid(`Tag keys with the prefix 'aws:' are reserved: ${reserved}`)
  const limit = ECS_RULES.listLimits[operation]
  if (limit && ((input[limit[0]] ?? []) as unknown[]).length > limit[1])
    return invalid(`${limit[0]} can have at most ${limit[1]} items.`)
  const bounds = ECS_RULES.pageSizes[operation]
  const max = input.maxResults
  if (bounds && typeof max === 'number' && (max < bounds[0] || max > bounds[1]))
    return invalid(`maxResults must be between ${bounds[0]} and ${bounds[1]}, inclusive.`)
  if (operation === 'RegisterTaskDefinition') return fargateRefusal(input)
  return undefined
}

/** The first tag key with AWS's reserved prefix (`aws:`, in any case). */
function reservedTag<K extends string>(
  tags: Partial<Record<K, string>>[],
  key: K
): string | undefined {
  return tags.map((t) => t[key]).find((k) => k?.toLowerCase().startsWith(RESERVED_TAG_PREFIX))
}

/** Task size in CPU units or MiB, from "512", "0.5 vCPU" or "2 GB". */
function units(value: unknown, unit: RegExp): number | undefined {
  if (typeof value !== 'string') return undefined
  const m = new RegExp(`^(\\d+(?:\\.\\d+)?)\\s*(${unit.source})?$`, 'i').exec(value.trim())
  return m ? Number(m[1]) * (m[2] ? 1024 : 1) : undefined
}

function fargateRefusal(input: Json): Refusal {
  if (!((input.requiresCompatibilities ?? []) as string[]).includes('FARGATE')) return undefined
  const client = (message: string) => new AwsError('ClientException', message)
  if (input.networkMode !== 'awsvpc') return client("Fargate only supports network mode 'awsvpc'.")
  for (const field of ['cpu', 'memory'])
    if (input[field] === undefined)
      return client(`Fargate requires that '${field}' be defined at the task level.`)
  const cpu = units(input.cpu, /vcpu/)
  const memory = units(input.memory, /gb/)
  if (cpu === undefined || memory === undefined || !ECS_RULES.fargateSizes[cpu]?.includes(memory)) {
    return client(
      `No Fargate configuration exists for given values: ${String(input.cpu)} CPU, ${String(input.memory)} memory. See the Amazon ECS documentation for the valid values.`
    )
  }
  const drivers = ((input.containerDefinitions ?? []) as Json[]).map(
    (c) => (c.logConfiguration as Json | undefined)?.logDriver
  )
  const needsRole = drivers.find((d) => ECS_RULES.executionRoleLogDrivers.includes(String(d)))
  if (needsRole && !input.executionRoleArn)
    return client(
      `Fargate requires task definition to have execution role ARN to support log driver ${needsRole}.`
    )
  return undefined
}

/** Why EC2 would refuse these form fields (query protocol) to `operation`, if it would. */
export function ec2Refusal(operation: string, form: Record<string, string>): Refusal {
  const shape = ec2Model.shapes[ec2Model.operations[operation] as string] as Shape
  const byQueryName = new Map(
    Object.entries(shape.members ?? {}).map(([member, t]) =>
      typeof t === 'string' ? [member, t] : [t.queryName, t.shape]
    )
  )
  for (const [key, value] of Object.entries(form)) {
    if (key === 'Action' || key === 'Version') continue
    const target = byQueryName.get(key.split('.')[0] as string)
    if (!target) return new AwsError('InvalidParameter', `The parameter ${key} is not recognized`)
    const s = ec2Model.shapes[target] as Shape
    if (
      s.type === 'integer' &&
      (!/^-?\d+$/.test(value) ||
        (s.min !== undefined && +value < s.min) ||
        (s.max !== undefined && +value > s.max))
    )
      return new AwsError(
        'InvalidParameterValue',
        `Value (${value}) for parameter ${key} is invalid.`
      )
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Elastic Load Balancing v2 (query protocol)

/** Rules the Elastic Load Balancing documentation states that its model cannot express. */
export const ELB_RULES = {
  /** "up to 32 alphanumeric characters or hyphens, and must not begin or end with a hyphen" (and
   * must not begin with "internal-"). */
  targetGroupName: /^(?!internal-)[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])?$/,
  /** DescribeTags: "You can specify up to 20 resources in a single call." */
  describeTagsLimit: 20,
  /** Per rule: at most 5 condition values in all, and a host-header value of at most 128
   * characters; an HTTP header name of at most 40. */
  conditionValues: 5,
  hostHeaderLength: 128,
  httpHeaderNameLength: 40,
  /** A forward action: at most 5 target groups, each weighted 0 to 999. */
  forwardTargetGroups: 5,
  weights: [0, 999] as [number, number],
  /** Quota: rules per Application Load Balancer, its listeners' default rules not counted. */
  rulesPerLoadBalancer: 100,
  /** Quota: target groups per Application Load Balancer (AWS does not raise it). */
  targetGroupsPerLoadBalancer: 100
}

/** An IPv4 or IPv6 CIDR block (`source-ip` condition values). */
function isCidr(value: string): boolean {
  const [address = '', prefix, ...rest] = value.split('/')
  const version = isIP(address)
  if (version === 0 || rest.length > 0 || !/^\d{1,3}$/.test(prefix ?? '')) return false
  return Number(prefix) <= (version === 4 ? 32 : 128)
}

/** A query-protocol form (`Tags.member.1.Key=...`) read into the request's structure by the model
 * (lists as arrays, numbers and booleans as such; a map of strings from its
 * `entry.N.key`/`entry.N.value` pairs), and the keys the model does not have. */
function decodeQuery(
  root: string,
  form: Record<string, string>
): { input: Json; unknown: string[] } {
  const input: Json = {}
  const unknown: string[] = []
  /** Each map's entries by the path to the map: entry number → its key and value. */
  const maps = new Map<string, Map<number, { key?: string; value?: string }>>()
  const place = (path: (string | number)[], value: unknown) => {
    let holder = input as Record<string | number, unknown>
    path.slice(0, -1).forEach((slot, i) => {
      holder = (holder[slot] ??= typeof path[i + 1] === 'number' ? [] : {}) as typeof holder
    })
    holder[path.at(-1) as string | number] = value
  }
  for (const [key, raw] of Object.entries(form)) {
    if (key === 'Action' || key === 'Version') continue
    const parts = key.split('.')
    const path: (string | number)[] = []
    let shape: Shape | undefined = elbModel.shapes[root]
    let entry: { n: number; half: 'key' | 'value' } | undefined
    for (let i = 0; i < parts.length && shape; i++) {
      const part = parts[i] as string
      const member = shape.type === 'structure' ? shape.members?.[part] : undefined
      if (member !== undefined) {
        path.push(part)
        shape = elbModel.shapes[typeof member === 'string' ? member : member.shape]
      } else if (shape.type === 'list' && part === 'member' && /^\d+$/.test(parts[i + 1] ?? '')) {
        path.push(Number(parts[++i]) - 1)
        shape = elbModel.shapes[shape.member as string]
      } else if (
        shape.type === 'map' &&
        part === 'entry' &&
        /^\d+$/.test(parts[i + 1] ?? '') &&
        (parts[i + 2] === 'key' || parts[i + 2] === 'value') &&
        i + 3 === parts.length
      ) {
        entry = { n: Number(parts[i + 1]), half: parts[i + 2] as 'key' | 'value' }
        i += 2
      } else shape = undefined
    }
    if (!shape) {
      unknown.push(key)
      continue
    }
    if (entry) {
      const at = JSON.stringify(path)
      const entries = maps.get(at) ?? new Map<number, { key?: string; value?: string }>()
      maps.set(at, entries)
      entries.set(entry.n, { ...entries.get(entry.n), [entry.half]: raw })
      continue
    }
    const number = shape.type === 'integer' || shape.type === 'long'
    place(path, number ? Number(raw) : shape.type === 'boolean' ? raw === 'true' : raw)
  }
  for (const [at, entries] of maps)
    place(
      JSON.parse(at) as (string | number)[],
      Object.fromEntries([...entries.values()].map((e) => [e.key ?? '', e.value ?? '']))
    )
  return { input, unknown }
}

/** The form read by the model, and why Elastic Load Balancing would refuse it, if it would. */
export function elbRefusal(
  operation: string,
  form: Record<string, string>
): { refusal: Refusal; input: Json } {
  const root = elbModel.operations[operation]
  if (!root) return { refusal: undefined, input: {} }
  const { input, unknown } = decodeQuery(root, form)
  const refusal =
    unknown.length > 0
      ? new AwsError('ValidationError', `Unknown parameter: ${unknown[0]}`)
      : (modelRefusal(elbModel, operation, input, 'ValidationError') ??
        elbRuleRefusal(operation, input))
  return { refusal, input }
}

function elbRuleRefusal(operation: string, input: Json): Refusal {
  const invalid = (message: string) => new AwsError('ValidationError', message)
  const reserved = reservedTag((input.Tags ?? []) as { Key?: string }[], 'Key')
  if (reserved) return invalid(`Tag keys starting with 'aws:' are reserved: ${reserved}`)
  if (
    operation === 'DescribeTags' &&
    (input.ResourceArns as unknown[]).length > ELB_RULES.describeTagsLimit
  )
    return invalid(`You can specify up to ${ELB_RULES.describeTagsLimit} resources`)
  if (operation === 'CreateTargetGroup') {
    const name = String(input.Name)
    if (!ELB_RULES.targetGroupName.test(name))
      return invalid(
        `Target group name '${name}' can have a maximum of 32 characters, can contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen`
      )
    // A target group's health-check timeout must be shorter than its interval.
    const interval = (input.HealthCheckIntervalSeconds as number | undefined) ?? 30
    const timeout = input.HealthCheckTimeoutSeconds as number | undefined
    if (timeout !== undefined && timeout >= interval)
      return new AwsError(
        'InvalidConfigurationRequest',
        'Health check timeout must be smaller than the interval'
      )
    if (input.TargetType === 'ip' && input.VpcId === undefined)
      return invalid('A VPC ID must be specified for target groups of type ip')
  }
  let values = 0
  const fields = new Set<unknown>()
  for (const condition of (input.Conditions ?? []) as Json[]) {
    const host = ((condition.HostHeaderConfig as Json | undefined)?.Values ?? []) as string[]
    const header = condition.HttpHeaderConfig as Json | undefined
    const sources = ((condition.SourceIpConfig as Json | undefined)?.Values ?? []) as string[]
    values += host.length + ((header?.Values ?? []) as string[]).length + sources.length
    values += ((condition.Values ?? []) as string[]).length
    // At most one of each of host-header, path-pattern, http-request-method and source-ip.
    if (condition.Field !== 'http-header' && condition.Field !== 'query-string') {
      if (fields.has(condition.Field))
        return invalid(`A rule can have only one '${String(condition.Field)}' condition`)
      fields.add(condition.Field)
    }
    if (condition.Field === 'source-ip' && sources.length === 0)
      return invalid('A source-ip condition needs at least one value')
    const notCidr = sources.find((v) => !isCidr(v))
    if (notCidr !== undefined) return invalid(`The value '${notCidr}' is not a valid CIDR block`)
    if (host.some((v) => v.length > ELB_RULES.hostHeaderLength))
      return invalid(`A host header value can be at most ${ELB_RULES.hostHeaderLength} characters`)
    const name = header?.HttpHeaderName
    if (header && (typeof name !== 'string' || name.length > ELB_RULES.httpHeaderNameLength))
      return invalid(
        `An HTTP header name can be at most ${ELB_RULES.httpHeaderNameLength} characters`
      )
  }
  if (values > ELB_RULES.conditionValues) {
    const message = `A rule can have at most ${ELB_RULES.conditionValues} condition values`
    return new AwsError('TooManyConditionValues', message)
  }
  const actionRefusal = actionsRefusal((input.Actions ?? []) as Json[])
  if (actionRefusal) return actionRefusal
  for (const action of (input.Actions ?? []) as Json[]) {
    const groups = ((action.ForwardConfig as Json | undefined)?.TargetGroups ?? []) as Json[]
    if (groups.length > ELB_RULES.forwardTargetGroups) {
      const message = `A forward action can have at most ${ELB_RULES.forwardTargetGroups} target groups`
      return new AwsError('TooManyTargetGroups', message)
    }
    const [low, high] = ELB_RULES.weights
    if (groups.some((g) => typeof g.Weight === 'number' && (g.Weight < low || g.Weight > high)))
      return invalid(`Target group weights must be between ${low} and ${high}`)
  }
  return undefined
}

/** The action types that end a rule (exactly one, the last), and the sign-in types with the
 * configuration member each needs. */
const ROUTING_ACTIONS = ['forward', 'redirect', 'fixed-response']
const AUTHENTICATE_CONFIGS: Record<string, string> = {
  'authenticate-oidc': 'AuthenticateOidcConfig',
  'authenticate-cognito': 'AuthenticateCognitoConfig'
}
/** Each action type's configuration member. */
const ACTION_CONFIGS: Record<string, string> = {
  ...AUTHENTICATE_CONFIGS,
  forward: 'ForwardConfig',
  redirect: 'RedirectConfig',
  'fixed-response': 'FixedResponseConfig',
  'jwt-validation': 'JwtValidationConfig'
}

/**
 * Why ELB would refuse a rule's actions, as its API reference states it: "Each rule must include
 * exactly one of the following routing actions: forward, fixed-response, or redirect, and it must
 * be the last action to be performed"; a rule for an HTTPS listener may also include one user
 * authentication action; Order "is required for rules with multiple actions", and the action with
 * the lowest order runs first; each config is "Specify only when Type is" its type. ELB answers
 * these with InvalidLoadBalancerAction (its error for an action that is not valid; the wording of
 * the messages is the emulator's). Whether the listener is HTTPS is checked by the ELB emulator,
 * which knows the listener.
 */
function actionsRefusal(actions: Json[]): Refusal {
  if (actions.length === 0) return undefined
  const refuse = (message: string) => new AwsError('InvalidLoadBalancerAction', message)
  for (const action of actions) {
    const type = String(action.Type)
    const stray = Object.values(ACTION_CONFIGS).find(
      (c) => c !== ACTION_CONFIGS[type] && action[c] !== undefined
    )
    if (stray) return refuse(`${stray} can be specified only for its action type, not ${type}`)
    const config = AUTHENTICATE_CONFIGS[type]
    if (config && action[config] === undefined) return refuse(`An ${type} action needs ${config}`)
    const oidc = action.AuthenticateOidcConfig as Json | undefined
    if (oidc?.UseExistingClientSecret === true && oidc.ClientSecret !== undefined)
      return refuse(
        'You cannot both specify a client secret and set UseExistingClientSecret to true'
      )
  }
  if (actions.length > 1 && actions.some((a) => a.Order === undefined))
    return refuse('An order must be specified for each action of a rule with multiple actions')
  const orders = actions.map((a) => a.Order as number | undefined)
  if (new Set(orders).size !== orders.length) return refuse('Each action must have a unique order')
  const byOrder = [...actions].sort((a, b) => Number(a.Order ?? 0) - Number(b.Order ?? 0))
  const routing = actions.filter((a) => ROUTING_ACTIONS.includes(String(a.Type)))
  if (routing.length !== 1 || !ROUTING_ACTIONS.includes(String(byOrder.at(-1)?.Type)))
    return refuse(
      'A rule must have exactly one forward, redirect or fixed-response action, and it must be the last'
    )
  if (actions.filter((a) => AUTHENTICATE_CONFIGS[String(a.Type)] !== undefined).length > 1)
    return refuse('A rule can have at most one authenticate action')
  return undefined
}
