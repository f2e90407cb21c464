// Amazon CloudWatch, the one call Showtime makes: GetMetricData of the `AWS/ApplicationELB`
// `RequestCount` metric per target group (sleep-after). The client of @aws-sdk/client-cloudwatch
// 3.1178 speaks JSON 1.0 (`x-amz-target: GraniteServiceVersion20100801.GetMetricData`,
// `content-type: application/x-amz-json-1.0`, timestamps as epoch seconds) with the query
// protocol's error codes (`x-amzn-query-mode: true`).
//
// Requests are checked against the shapes the SDK itself carries (its schemas: members and
// required members of GetMetricDataInput, MetricDataQuery, MetricStat, Metric and Dimension) and
// against what the CloudWatch API reference says that the schemas do not: at most 500 queries, an
// Id that starts with a lower-case letter, at most 30 dimensions, EndTime after StartTime, a
// Period of 60 s or a multiple of it for a metric older than three hours. The load balancer's
// dimensions must be the final portions of real ARNs: `app/{name}/{id}` and
// `targetgroup/{name}/{id}`, and a target group of that load balancer's account.
//
// Request counts are what a test records (`recordRequests`): per target group, at a time. As
// CloudWatch does, a period with no request has no datapoint.

import {
  Dimension$,
  GetMetricDataInput$,
  Metric$,
  MetricDataQuery$,
  MetricStat$
} from '@aws-sdk/client-cloudwatch'
import type { Clock } from '../clock.js'
import { AwsError } from '../aws-model.js'
import { type Json, isRecord } from './records.js'

export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801.'

/** A static structure schema of the SDK: [3, namespace, name, traits, members, targets, required]. */
type StructureSchema = readonly [
  number,
  string,
  string,
  number,
  readonly string[],
  unknown,
  number?
]

/** The members of a structure, and those of them it requires (the first `required`). */
export function schemaMembers(schema: unknown): { members: string[]; required: string[] } {
  const [, , , , members, , required = 0] = schema as StructureSchema
  return { members: [...members], required: members.slice(0, required) }
}

export const SCHEMAS = {
  GetMetricDataInput: schemaMembers(GetMetricDataInput$),
  MetricDataQuery: schemaMembers(MetricDataQuery$),
  MetricStat: schemaMembers(MetricStat$),
  Metric: schemaMembers(Metric$),
  Dimension: schemaMembers(Dimension$)
}

/** The CloudWatch API reference's limits that the SDK's schemas leave out. */
export const CLOUDWATCH_RULES = {
  maxQueries: 500,
  queryId: /^[a-z][a-zA-Z0-9_]*$/,
  maxIdLength: 255,
  maxDimensions: 30,
  /** Data older than three hours is kept at one-minute resolution at best. */
  periodStep: 60,
  loadBalancerDimension: /^app\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/,
  targetGroupDimension: /^targetgroup\/[A-Za-z0-9-]{1,32}\/[0-9a-f]{16}$/
} as const

interface Recorded {
  readonly targetGroup: string
  readonly at: number
  readonly count: number
}

export class CloudWatchEmulator {
  private readonly recorded: Recorded[] = []
  /** Every GetMetricData input received, as sent. */
  readonly queries: Json[] = []

  constructor(private readonly clock: Clock) {}

  /** `count` requests the load balancer sent to the target group (its ARN) at `at` (now). */
  recordRequests(targetGroupArn: string, count: number, at = this.clock.now()): void {
    this.recorded.push({ targetGroup: dimensionOf(targetGroupArn), at, count })
  }

  handle(action: string, input: Json): Json {
    if (action !== 'GetMetricData')
      throw new AwsError('InvalidAction', `The action ${action} is not valid for this web service.`)
    this.queries.push(structuredClone(input))
    const request = checked(input)
    return {
      MetricDataResults: request.queries.map((q) => this.result(q, request)),
      Messages: []
    }
  }

  private result(query: Query, request: Request): Json {
    const buckets = new Map<number, number>()
    const matches = this.recorded.filter(
      (r) => query.targetGroup === r.targetGroup && r.at >= request.start && r.at < request.end
    )
    for (const r of matches) {
      const bucket =
        request.start +
        Math.floor((r.at - request.start) / (query.period * 1000)) * query.period * 1000
      buckets.set(bucket, (buckets.get(bucket) ?? 0) + r.count)
    }
    const points = [...buckets].sort(([a], [b]) =>
      request.scanBy === 'TimestampAscending' ? a - b : b - a
    )
    return {
      Id: query.id,
      Label: 'RequestCount',
      Timestamps: points.map(([at]) => at / 1000),
      Values: points.map(([, value]) => value),
      StatusCode: 'Complete'
    }
  }
}

/** The dimension value of a target group: the final portion of its ARN. */
function dimensionOf(targetGroupArn: string): string {
  return targetGroupArn.slice(targetGroupArn.indexOf(':targetgroup/') + 1)
}

interface Query {
  readonly id: string
  readonly targetGroup: string
  readonly period: number
}

interface Request {
  readonly start: number
  readonly end: number
  readonly scanBy: string
  readonly queries: readonly Query[]
}

/** Errors by their model shapes (`__type`); the query protocol's codes go in x-amzn-query-error. */
export const QUERY_ERROR_CODES: Record<string, string> = {
  InvalidParameterValueException: 'InvalidParameterValue',
  MissingRequiredParameterException: 'MissingParameter'
}
const invalid = (message: string) => new AwsError('InvalidParameterValueException', message)
const missing = (member: string) =>
  new AwsError('MissingRequiredParameterException', `The parameter ${member} is required.`)

/** The members a structure may and must hold, as the SDK's schema says; members Showtime has no
 * use for (math expressions, account ids, label options) are refused as not emulated. */
function shape(name: keyof typeof SCHEMAS, value: unknown, notEmulated: string[] = []): Json {
  if (!isRecord(value)) throw invalid(`${name} must be a structure`)
  const { members, required } = SCHEMAS[name]
  for (const key of Object.keys(value)) {
    if (!members.includes(key))
      throw new AwsError('SerializationException', `${name} has no ${key}`)
    if (notEmulated.includes(key)) throw new Error(`${name}.${key} is not emulated`)
  }
  for (const key of required) if (value[key] === undefined) throw missing(`${name}.${key}`)
  return value
}

function checked(input: Json): Request {
  shape('GetMetricDataInput', input, ['NextToken', 'MaxDatapoints', 'LabelOptions'])
  const start = Number(input.StartTime) * 1000
  const end = Number(input.EndTime) * 1000
  if (!Number.isFinite(start) || !Number.isFinite(end))
    throw invalid('StartTime and EndTime must be timestamps.')
  if (end <= start)
    throw invalid('The parameter StartTime must be less than the parameter EndTime.')
  const scanBy = input.ScanBy === undefined ? 'TimestampDescending' : String(input.ScanBy)
  if (!['TimestampDescending', 'TimestampAscending'].includes(scanBy))
    throw invalid(`ScanBy ${scanBy} is not one of TimestampDescending, TimestampAscending.`)
  const list = input.MetricDataQueries
  if (!Array.isArray(list) || list.length === 0) throw missing('MetricDataQueries')
  if (list.length > CLOUDWATCH_RULES.maxQueries)
    throw invalid(`The collection MetricDataQueries must not have a size greater than 500.`)
  const ids = new Set<string>()
  const queries = list.map((item): Query => {
    const query = shape('MetricDataQuery', item, ['Expression', 'AccountId', 'Label'])
    const id = String(query.Id)
    if (!CLOUDWATCH_RULES.queryId.test(id) || id.length > CLOUDWATCH_RULES.maxIdLength)
      throw invalid(`The value ${id} for parameter MetricDataQueries.member.Id is not valid.`)
    if (ids.has(id))
      throw invalid(`The values for parameter id in MetricDataQueries are not unique.`)
    ids.add(id)
    if (query.MetricStat === undefined) throw missing('MetricDataQuery.MetricStat')
    const stat = shape('MetricStat', query.MetricStat, ['Unit'])
    const metric = shape('Metric', stat.Metric)
    const period = Number(stat.Period)
    if (!Number.isInteger(period) || period < 1 || period % CLOUDWATCH_RULES.periodStep !== 0)
      throw invalid(`The parameter Period must be a multiple of 60 for a metric of this age.`)
    if (metric.Namespace !== 'AWS/ApplicationELB' || metric.MetricName !== 'RequestCount')
      throw new Error(
        `only AWS/ApplicationELB RequestCount is emulated, not ${String(metric.Namespace)} ${String(metric.MetricName)}`
      )
    if (stat.Stat !== 'Sum') throw new Error(`only the Sum of RequestCount is emulated`)
    const dimensions = Array.isArray(metric.Dimensions) ? metric.Dimensions : []
    if (dimensions.length > CLOUDWATCH_RULES.maxDimensions)
      throw invalid('The collection Dimensions must not have a size greater than 30.')
    const values = new Map(
      dimensions.map((d) => {
        const dimension = shape('Dimension', d)
        return [String(dimension.Name), String(dimension.Value)] as const
      })
    )
    const targetGroup = values.get('TargetGroup') ?? ''
    const loadBalancer = values.get('LoadBalancer') ?? ''
    // Not an error at AWS: a metric of other dimensions simply has no data. A request with them is
    // Showtime's mistake all the same, so the test that sent it fails.
    if (
      values.size !== 2 ||
      !CLOUDWATCH_RULES.targetGroupDimension.test(targetGroup) ||
      !CLOUDWATCH_RULES.loadBalancerDimension.test(loadBalancer)
    )
      throw new Error(
        `dimensions ${JSON.stringify([...values])} name no target group behind a load balancer`
      )
    return { id, targetGroup, period }
  })
  return { start, end, scanBy, queries }
}
