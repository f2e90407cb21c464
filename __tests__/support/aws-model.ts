// What AWS allows in the ECS, EC2 and ELBv2 requests Showtime sends, as data: the published
// models' constraints (aws-model.json, its `source` says which model) checked generically, and the
// rules AWS documents but the models cannot say (ECS_RULES and ELB_RULES below). A request off
// either is refused the way AWS refuses it, with the reason.

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

export interface Refusal {
  type: string
  message: string
}

const ecsModel = model.ecs as unknown as ServiceModel
const ec2Model = model.ec2 as unknown as ServiceModel
const elbModel = model.elbv2 as unknown as ServiceModel

/** Fargate's task sizes: memory (MiB) allowed for each cpu (units), from the ECS developer guide. */
const GiB = 1024
const steps = (from: number, to: number, step: number): number[] =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => (from + i * step) * GiB)

/** Rules the ECS documentation states that the model cannot express. */
export const ECS_RULES = {
  /** Service, cluster and task-definition family names (clusters also as ARNs). */
  namePattern: /^[a-zA-Z0-9_-]{1,255}$/,
  namedMembers: ['serviceName', 'family', 'cluster'],
  reservedTagPrefix: 'aws:',
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

function problems(
  shapes: Record<string, Shape>,
  name: string,
  v: unknown,
  at: string,
  out: string[]
): void {
  const shape = shapes[name] as Shape
  const json = Array.isArray(v) ? 'list' : typeof v
  if (JSON_TYPES[shape.type] !== undefined && JSON_TYPES[shape.type] !== json) {
    out.push(
      `Value ${valueText(v)} at '${at}' failed to satisfy constraint: Member must be a ${shape.type}`
    )
    return
  }
  const fail = (constraint: string) =>
    out.push(
      `Value ${valueText(v)} at '${at}' failed to satisfy constraint: Member must ${constraint}`
    )
  switch (shape.type) {
    case 'structure': {
      const obj = (v ?? {}) as Json
      for (const member of shape.required ?? []) {
        if (obj[member] === undefined || obj[member] === null)
          out.push(
            `Value null at '${at}${at ? '.' : ''}${member}' failed to satisfy constraint: Member must not be null`
          )
      }
      for (const [member, value] of Object.entries(obj)) {
        const target = shape.members?.[member]
        if (target === undefined || value === undefined || value === null) continue
        problems(
          shapes,
          typeof target === 'string' ? target : target.shape,
          value,
          `${at}${at ? '.' : ''}${member}`,
          out
        )
      }
      return
    }
    case 'list': {
      const list = v as unknown[]
      if (shape.max !== undefined && list.length > shape.max)
        fail(`have length less than or equal to ${shape.max}`)
      if (shape.min !== undefined && list.length < shape.min)
        fail(`have length greater than or equal to ${shape.min}`)
      list.forEach((item, i) =>
        problems(shapes, shape.member as string, item, `${at}.${i + 1}.member`, out)
      )
      return
    }
    case 'map':
      for (const [k, item] of Object.entries(v as Json)) {
        problems(shapes, shape.key as string, k, `${at}.${k}.key`, out)
        problems(shapes, shape.value as string, item, `${at}.${k}.value`, out)
      }
      return
    case 'string': {
      const s = v as string
      const length = [...s].length
      if (shape.enum && !shape.enum.includes(s))
        fail(`satisfy enum value set: [${shape.enum.join(', ')}]`)
      if (shape.max !== undefined && length > shape.max)
        fail(`have length less than or equal to ${shape.max}`)
      if (shape.min !== undefined && length < shape.min)
        fail(`have length greater than or equal to ${shape.min}`)
      if (shape.pattern && !new RegExp(`^${shape.pattern}$`, 'u').test(s))
        fail(`satisfy regular expression pattern: ^${shape.pattern}$`)
      return
    }
    case 'integer':
    case 'long':
      if (shape.max !== undefined && (v as number) > shape.max)
        fail(`have value less than or equal to ${shape.max}`)
      if (shape.min !== undefined && (v as number) < shape.min)
        fail(`have value greater than or equal to ${shape.min}`)
      return
  }
}

/** Why ECS would refuse `input` to `operation`, or undefined when the models and rules allow it. */
export function ecsRefusal(operation: string, input: Json): Refusal | undefined {
  const root = ecsModel.operations[operation]
  if (!root) return undefined
  const found: string[] = []
  problems(ecsModel.shapes, root, input, '', found)
  if (found.length > 0) {
    const count = `${found.length} validation error${found.length > 1 ? 's' : ''} detected`
    return { type: 'ClientException', message: `${count}: ${found.join('; ')}` }
  }
  return ecsRuleRefusal(operation, input)
}

function ecsRuleRefusal(operation: string, input: Json): Refusal | undefined {
  const invalid = (message: string): Refusal => ({ type: 'InvalidParameterException', message })
  for (const member of ECS_RULES.namedMembers) {
    const value = input[member]
    const name = typeof value === 'string' ? value.replace(/^arn:.*\//, '') : undefined
    if (name !== undefined && !ECS_RULES.namePattern.test(name)) {
      return invalid(
        `${member} can have up to 255 letters (uppercase and lowercase), numbers, hyphens and underscores, but was ${name}`
      )
    }
  }
  const reserved = ((input.tags ?? []) as { key?: string }[]).find((t) =>
    t.key?.toLowerCase().startsWith(ECS_RULES.reservedTagPrefix)
  )
  if (reserved)
    return invalid(
      `Tag keys with the prefix '${ECS_RULES.reservedTagPrefix}' are reserved: ${reserved.key}`
    )
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

/** Task size in CPU units or MiB, from "512", "0.5 vCPU" or "2 GB". */
function units(value: unknown, unit: RegExp): number | undefined {
  if (typeof value !== 'string') return undefined
  const m = new RegExp(`^(\\d+(?:\\.\\d+)?)\\s*(${unit.source})?$`, 'i').exec(value.trim())
  return m ? Number(m[1]) * (m[2] ? 1024 : 1) : undefined
}

function fargateRefusal(input: Json): Refusal | undefined {
  if (!((input.requiresCompatibilities ?? []) as string[]).includes('FARGATE')) return undefined
  const client = (message: string): Refusal => ({ type: 'ClientException', message })
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
export function ec2Refusal(operation: string, form: Record<string, string>): Refusal | undefined {
  const root = ec2Model.operations[operation]
  if (!root) return undefined
  const shape = ec2Model.shapes[root] as Shape
  const byQueryName = new Map(
    Object.entries(shape.members ?? {}).map(([member, t]) =>
      typeof t === 'string' ? [member, t] : [t.queryName, t.shape]
    )
  )
  for (const [key, value] of Object.entries(form)) {
    if (key === 'Action' || key === 'Version') continue
    const target = byQueryName.get(key.split('.')[0] as string)
    if (!target)
      return { type: 'InvalidParameter', message: `The parameter ${key} is not recognized` }
    const s = ec2Model.shapes[target] as Shape
    if (
      s.type === 'integer' &&
      (!/^-?\d+$/.test(value) ||
        (s.min !== undefined && +value < s.min) ||
        (s.max !== undefined && +value > s.max))
    )
      return {
        type: 'InvalidParameterValue',
        message: `Value (${value}) for parameter ${key} is invalid.`
      }
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
  reservedTagPrefix: 'aws:'
}

/** A query-protocol form (`Tags.member.1.Key=...`) read into the request's structure by the model:
 * lists as arrays, numbers and booleans as such. Unknown members are returned by name. */
export function decodeQuery(
  operation: string,
  form: Record<string, string>
): { input: Json; unknown: string[] } {
  const root = elbModel.operations[operation] as string
  const input: Json = {}
  const unknown: string[] = []
  for (const [key, raw] of Object.entries(form)) {
    if (key === 'Action' || key === 'Version') continue
    const parts = key.split('.')
    let shape = elbModel.shapes[root] as Shape
    let holder: Json | unknown[] = input
    let slot: string | number = ''
    let ok = true
    for (let i = 0; i < parts.length && ok; i++) {
      const part = parts[i] as string
      if (shape.type === 'structure') {
        const target = shape.members?.[part]
        if (target === undefined) {
          ok = false
          break
        }
        slot = part
        shape = elbModel.shapes[typeof target === 'string' ? target : target.shape] as Shape
      } else if (shape.type === 'list' && part === 'member' && /^\d+$/.test(parts[i + 1] ?? '')) {
        slot = Number(parts[++i]) - 1
        shape = elbModel.shapes[shape.member as string] as Shape
      } else {
        ok = false
        break
      }
      const last = i === parts.length - 1
      if (last) break
      const container = (holder as Record<string | number, unknown>)[slot]
      const next = container ?? (shape.type === 'list' ? [] : {})
      ;(holder as Record<string | number, unknown>)[slot] = next
      holder = next as Json | unknown[]
    }
    if (!ok) {
      unknown.push(key)
      continue
    }
    const value =
      shape.type === 'integer' || shape.type === 'long'
        ? Number(raw)
        : shape.type === 'boolean'
          ? raw === 'true'
          : raw
    ;(holder as Record<string | number, unknown>)[slot] = value
  }
  return { input, unknown }
}

/** Why Elastic Load Balancing would refuse `input` to `operation`, or undefined. */
export function elbRefusal(
  operation: string,
  form: Record<string, string>
): { refusal?: Refusal; input: Json } {
  const root = elbModel.operations[operation]
  if (!root) return { input: {} }
  const { input, unknown } = decodeQuery(operation, form)
  const validation = (message: string): { refusal: Refusal; input: Json } => ({
    refusal: { type: 'ValidationError', message },
    input
  })
  if (unknown.length > 0) return validation(`Unknown parameter: ${unknown[0]}`)
  const found: string[] = []
  problems(elbModel.shapes, root, input, '', found)
  if (found.length > 0) {
    const count = `${found.length} validation error${found.length > 1 ? 's' : ''} detected`
    return validation(`${count}: ${found.join('; ')}`)
  }
  const rule = elbRuleRefusal(operation, input)
  return rule ? { refusal: rule, input } : { input }
}

function elbRuleRefusal(operation: string, input: Json): Refusal | undefined {
  const invalid = (message: string): Refusal => ({ type: 'ValidationError', message })
  const config = (message: string): Refusal => ({
    type: 'InvalidConfigurationRequest',
    message
  })
  const tags = (input.Tags ?? []) as { Key?: string }[]
  const reserved = tags.find((t) => t.Key?.toLowerCase().startsWith(ELB_RULES.reservedTagPrefix))
  if (reserved) return invalid(`Tag keys starting with 'aws:' are reserved: ${reserved.Key}`)
  switch (operation) {
    case 'CreateTargetGroup': {
      const name = String(input.Name)
      if (!ELB_RULES.targetGroupName.test(name))
        return invalid(
          `Target group name '${name}' can have a maximum of 32 characters, can contain only alphanumeric characters or hyphens, and must not begin or end with a hyphen`
        )
      // A target group's health-check timeout must be shorter than its interval.
      const interval = (input.HealthCheckIntervalSeconds as number | undefined) ?? 30
      const timeout = input.HealthCheckTimeoutSeconds as number | undefined
      if (timeout !== undefined && timeout >= interval)
        return config('Health check timeout must be smaller than the interval')
      if (input.TargetType === 'ip' && input.VpcId === undefined)
        return invalid('A VPC ID must be specified for target groups of type ip')
      return undefined
    }
    case 'DescribeTags':
      return ((input.ResourceArns ?? []) as unknown[]).length > ELB_RULES.describeTagsLimit
        ? invalid(`You can specify up to ${ELB_RULES.describeTagsLimit} resources`)
        : undefined
    case 'CreateRule':
    case 'ModifyRule':
      return ruleRefusal(input)
    default:
      return undefined
  }
}

function ruleRefusal(input: Json): Refusal | undefined {
  const invalid = (message: string): Refusal => ({ type: 'ValidationError', message })
  const conditions = (input.Conditions ?? []) as Json[]
  let values = 0
  for (const condition of conditions) {
    const host = condition.HostHeaderConfig as Json | undefined
    const header = condition.HttpHeaderConfig as Json | undefined
    const own = [
      ...((host?.Values ?? []) as string[]),
      ...((header?.Values ?? []) as string[]),
      ...((condition.Values ?? []) as string[])
    ]
    values += own.length
    if (
      host &&
      ((host.Values ?? []) as string[]).some((v) => v.length > ELB_RULES.hostHeaderLength)
    )
      return invalid(`A host header value can be at most ${ELB_RULES.hostHeaderLength} characters`)
    const name = header?.HttpHeaderName
    if (header && (typeof name !== 'string' || name.length > ELB_RULES.httpHeaderNameLength))
      return invalid(
        `An HTTP header name can be at most ${ELB_RULES.httpHeaderNameLength} characters`
      )
  }
  if (values > ELB_RULES.conditionValues)
    return {
      type: 'TooManyConditionValues',
      message: `A rule can have at most ${ELB_RULES.conditionValues} condition values`
    }
  for (const action of (input.Actions ?? []) as Json[]) {
    const groups = ((action.ForwardConfig as Json | undefined)?.TargetGroups ?? []) as Json[]
    if (groups.length > ELB_RULES.forwardTargetGroups)
      return {
        type: 'TooManyTargetGroups',
        message: `A forward action can have at most ${ELB_RULES.forwardTargetGroups} target groups`
      }
    const [low, high] = ELB_RULES.weights
    const weight = groups.find(
      (g) => g.Weight !== undefined && ((g.Weight as number) < low || (g.Weight as number) > high)
    )
    if (weight) return invalid(`Target group weights must be between ${low} and ${high}`)
  }
  return undefined
}
