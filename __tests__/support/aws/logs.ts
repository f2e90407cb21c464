// CloudWatch Logs (JSON 1.1, `x-amz-target: Logs_20140328.<Action>`): the log groups and streams
// that emulated tasks write to through their awslogs configuration, and GetLogEvents. A stream is
// `{awslogs-stream-prefix}/{container}/{task id}`, as AWS documents it; the awslogs driver creates
// it (and, with awslogs-create-group, the group) when the container writes its first line.

import { AwsError } from '../aws-model.js'
import { type Json, isRecord, num, records, str } from './records.js'

export const LOGS_TARGET_PREFIX = 'Logs_20140328.'

interface LogEvent {
  timestamp: number
  message: string
  ingestionTime: number
}

/** What GetLogEvents returns at most when no limit is given (up to 1 MB, which tests never reach). */
const DEFAULT_LIMIT = 10_000

export class LogsState {
  private readonly groups = new Map<string, Map<string, LogEvent[]>>()

  constructor(
    readonly region: string,
    readonly accountId: string
  ) {}

  /** A log group that exists (ECS does not create one unless asked: a test creates it, as the
   * setup does). */
  createGroup(group: string): void {
    if (!this.groups.has(group)) this.groups.set(group, new Map())
  }

  /** The container writes `lines` to its stream at `atMs`; without its group, awslogs cannot
   * write, and nothing is stored (the task would fail to start on AWS). */
  write(group: string, stream: string, lines: readonly string[], atMs: number): void {
    const streams = this.groups.get(group)
    if (!streams) return
    const events = streams.get(stream) ?? []
    for (const message of lines) events.push({ timestamp: atMs, message, ingestionTime: atMs })
    streams.set(stream, events)
  }

  /** Every stream of a group, by name. */
  streams(group: string): string[] {
    return [...(this.groups.get(group)?.keys() ?? [])]
  }

  groupArn(group: string): string {
    return `arn:aws:logs:${this.region}:${this.accountId}:log-group:${group}`
  }

  streamArn(group: string, stream: string): string {
    return `${this.groupArn(group)}:log-stream:${stream}`
  }

  /** The group a request names, by logGroupName or logGroupIdentifier (a name or an ARN). */
  groupOf(input: Json): string {
    const name = str(input.logGroupName)
    const identifier = str(input.logGroupIdentifier)
    if ((name === undefined) === (identifier === undefined))
      throw new AwsError(
        'InvalidParameterException',
        'LogGroupName and LogGroupIdentifier are mutually exclusive parameters; specify exactly one.'
      )
    return name ?? identifierName(identifier as string)
  }

  getLogEvents(input: Json): Json {
    const streams = this.groups.get(this.groupOf(input))
    if (!streams)
      throw new AwsError('ResourceNotFoundException', 'The specified log group does not exist.')
    const events = streams.get(str(input.logStreamName) ?? '')
    if (!events)
      throw new AwsError('ResourceNotFoundException', 'The specified log stream does not exist.')
    const limit = num(input.limit) ?? DEFAULT_LIMIT
    const fromHead = input.startFromHead === true
    const notEmulated = ['startTime', 'endTime', 'nextToken', 'unmask'].find(
      (k) => input[k] !== undefined
    )
    if (notEmulated) throw new Error(`GetLogEvents with ${notEmulated} is not emulated`)
    // From the tail unless startFromHead: the last `limit` events, oldest first, as AWS pages them.
    const page = fromHead ? events.slice(0, limit) : events.slice(-limit)
    return {
      events: page.map((e) => ({ ...e })),
      nextForwardToken: `f/${String(events.length).padStart(56, '0')}/s`,
      nextBackwardToken: `b/${String(events.length - page.length).padStart(56, '0')}/s`
    }
  }
}

/** `arn:aws:logs:region:account:log-group:NAME[:*]` or a name → the name. */
function identifierName(identifier: string): string {
  if (!identifier.startsWith('arn:')) return identifier
  return identifier.split(':log-group:')[1]?.replace(/:\*$/, '') ?? identifier
}

/** The awslogs configuration of a task definition's first container, if it has one. */
export function awslogsOf(
  taskDefinition: Json | undefined
): { group: string; prefix?: string; container: string } | undefined {
  const [app] = records(taskDefinition?.containerDefinitions)
  const config = isRecord(app?.logConfiguration) ? app.logConfiguration : undefined
  const options = isRecord(config?.options) ? config.options : {}
  const group = str(options['awslogs-group'])
  const container = str(app?.name)
  if (str(config?.logDriver) !== 'awslogs' || !group || !container) return undefined
  const prefix = str(options['awslogs-stream-prefix'])
  return { group, container, ...(prefix && { prefix }) }
}
