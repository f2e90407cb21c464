// What a failed deploy tells the PR about its task: why it stopped and its app container's exit
// code (a crash loop), or that it still ran without answering its health check (a health timeout),
// and the last lines the container logged (CloudWatch Logs, the template's awslogs stream
// of that task), and which links still lead somewhere. The log lines come from the PR's code:
// they are cut to a few short lines and stripped of anything a terminal or a renderer would act
// on (escape sequences, control and direction characters); quoting them so that nothing renders
// or pings is the presentation's job.

import type { LogLocation } from './task-definition.js'
import type { TaskFacts } from './task-watch.js'

/** How many of the task's last log lines reach the PR, and how long each may be (characters). */
export const LOG_LINES = 20
export const LOG_LINE_CHARS = 200

export interface FailureDiagnosis {
  /** ECS's stoppedReason (or stop code) of the task. */
  readonly stopReason?: string
  /** The app container (the template's first) and its exit code, when it exited; after a health
   * timeout, the app container whose lines are shown. */
  readonly container?: string
  readonly exitCode?: number
  /** Set when the task did not stop but ran until the deadline without answering its health
   * check: its id, and the path the check asked. */
  readonly unanswered?: { readonly task: string; readonly healthPath: string }
  /** The container's last log lines, oldest first, already made safe (safeLogLines). */
  readonly logLines: readonly string[]
  /** The task's own log stream, when the template logs with awslogs. */
  readonly logStream?: TaskLogStream
}

export interface TaskLogStream {
  readonly group: string
  readonly stream: string
  readonly region?: string
}

/** `arn:aws:ecs:region:account:task/cluster/id` (or the old `task/id`) → id. */
export function taskId(taskArn: string): string {
  return taskArn.split('/').at(-1) ?? taskArn
}

/**
 * The stream awslogs writes the app container's output to: `{prefix}/{container}/{task id}`, as
 * AWS documents it. Fargate requires the prefix; without one there is no stream to name.
 */
export function taskLogStream(
  location: LogLocation | undefined,
  taskArn: string
): TaskLogStream | undefined {
  if (!location?.streamPrefix) return undefined
  return {
    group: location.group,
    stream: `${location.streamPrefix}/${location.container}/${taskId(taskArn)}`,
    ...(location.region && { region: location.region })
  }
}

/** What the stopped task says: its reason and the exit code of the app container (the one the
 * template names first, else the first that exited with an error). */
export function stoppedTask(
  task: TaskFacts,
  appContainer?: string
): Pick<FailureDiagnosis, 'stopReason' | 'container' | 'exitCode'> {
  const exited = task.containers.filter((c) => c.exitCode !== undefined)
  const container =
    exited.find((c) => c.name === appContainer) ?? exited.find((c) => c.exitCode !== 0) ?? exited[0]
  const stopReason = task.stoppedReason || task.stopCode
  return {
    ...(stopReason && { stopReason }),
    ...(container && { container: container.name, exitCode: container.exitCode })
  }
}

/** What a task tells that was still running at the health deadline: it is named, with the path
 * its health check asked and the app container whose lines are read; it has no stop reason or exit
 * code, since it did not stop. */
export function unansweredTask(
  task: TaskFacts,
  healthPath: string,
  appContainer?: string
): Pick<FailureDiagnosis, 'unanswered' | 'container'> {
  return {
    unanswered: { task: taskId(task.arn), healthPath },
    ...(appContainer && { container: appContainer })
  }
}

// ESC sequences (CSI with its parameters, or ESC and one character), then every other control,
// zero-width and bidirectional-override character. Tabs become spaces.
// eslint-disable-next-line no-control-regex -- control characters are what it removes
const ESCAPE_SEQUENCE = /\u001b(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|.)?/gu
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/gu

/** One line of the app's output as it may be shown: visible characters only, at most
 * LOG_LINE_CHARS of them (a longer one ends with `…`). */
export function safeLogLine(line: string): string {
  const visible = line.replace(ESCAPE_SEQUENCE, '').replace(/\t/g, ' ').replace(INVISIBLE, '')
  const characters = [...visible.trimEnd()]
  return characters.length > LOG_LINE_CHARS
    ? `${characters.slice(0, LOG_LINE_CHARS - 1).join('')}…`
    : characters.join('')
}

/** The last LOG_LINES non-blank lines of log messages (oldest first; a message may hold several
 * lines), each made safe. */
export function safeLogLines(messages: readonly string[]): string[] {
  return messages
    .flatMap((message) => message.split(/\r\n|\r|\n/))
    .map(safeLogLine)
    .filter((line) => line.trim() !== '')
    .slice(-LOG_LINES)
}

/** The links a failure's comment may show: the service's events only while the service exists
 * (a failed run deletes the service it created, and its events with it); the task's own stream
 * rather than the whole log group when the task is known. */
export function failureLinks<L extends { logsUrl?: string; eventsUrl?: string }>(
  links: L,
  facts: { readonly serviceRemains: boolean; readonly taskLogsUrl?: string }
): Omit<L, 'logsUrl' | 'eventsUrl'> & { logsUrl?: string; eventsUrl?: string } {
  const { logsUrl, eventsUrl, ...rest } = links
  const logs = facts.taskLogsUrl ?? logsUrl
  return {
    ...rest,
    ...(logs && { logsUrl: logs }),
    ...(facts.serviceRemains && eventsUrl && { eventsUrl })
  }
}
