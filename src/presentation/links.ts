// Where people click: the PR, a commit, and, for an environment, the ECS service's events and the
// CloudWatch logs of its task (from the template's awslogs configuration).

import type { TaskLogStream } from '../domain/failure-diagnosis.js'
import type { LogLocation } from '../domain/task-definition.js'

export interface RepositoryLinks {
  pull(number: number): string
  commit(sha: string): string
}

export function repositoryLinks(serverUrl: string, repository: string): RepositoryLinks {
  return {
    pull: (number) => `${serverUrl}/${repository}/pull/${number}`,
    commit: (sha) => `${serverUrl}/${repository}/commit/${sha}`
  }
}

export interface ConsoleLinks {
  /** The service's page with its events (deployments, task starts and stops, failures). */
  serviceEvents(service: string): string
  /** The log group, filtered to the app container's streams; undefined without awslogs. */
  logs(): string | undefined
  /** One task's log stream. */
  taskLogs(stream: TaskLogStream): string
}

/** The AWS console encodes the part after `#` once more, with `$` for `%`. */
const consoleEncode = (value: string) => encodeURIComponent(value).replaceAll('%', '$25')

export function consoleLinks(
  region: string,
  cluster: string,
  logs: LogLocation | undefined
): ConsoleLinks {
  const console = (where: string) => `https://${where}.console.aws.amazon.com`
  return {
    serviceEvents: (service) =>
      `${console(region)}/ecs/v2/clusters/${encodeURIComponent(cluster)}/services/${encodeURIComponent(service)}/events?region=${region}`,
    logs: () => {
      if (!logs) return undefined
      const logRegion = logs.region ?? region
      const streams = [logs.streamPrefix, logs.container].filter(Boolean).join('/')
      return (
        `${console(logRegion)}/cloudwatch/home?region=${logRegion}#logsV2:log-groups/log-group/` +
        `${consoleEncode(logs.group)}$3FlogStreamNameFilter$3D${consoleEncode(streams)}`
      )
    },
    taskLogs: ({ group, stream, region: streamRegion }) => {
      const logRegion = streamRegion ?? region
      return (
        `${console(logRegion)}/cloudwatch/home?region=${logRegion}#logsV2:log-groups/log-group/` +
        `${consoleEncode(group)}/log-events/${consoleEncode(stream)}`
      )
    }
  }
}
