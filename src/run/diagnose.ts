// What a deploy that failed because of its task tells about it: the task's stop reason and exit
// code (a crash loop) or that it ran without answering its health check (a health timeout), and
// its last log lines from CloudWatch Logs (the template's awslogs stream of that task),
// with the console link to that stream. The lines are the PR's code's output: in the job log they
// are fenced with stop-commands, so that none is taken for a workflow command. Reading the logs
// may fail: the failure is reported all the same, without them.

import { randomBytes } from 'node:crypto'
import type { TaskLogReader } from '../aws/logs.js'
import {
  type FailureDiagnosis,
  LOG_LINES,
  safeLogLines,
  stoppedTask,
  taskLogStream,
  unansweredTask
} from '../domain/failure-diagnosis.js'
import type { LogLocation } from '../domain/task-definition.js'
import { oneLine } from '../errors.js'
import type { ConsoleLinks } from '../presentation/links.js'
import * as core from '../runner/core.js'
import { TaskFailure } from './deploy.js'

export interface DiagnosisSystems {
  /** CloudWatch Logs in the region of the template's awslogs configuration. */
  readonly logs?: (region?: string) => Promise<TaskLogReader>
  readonly logLocation?: LogLocation
  readonly console?: ConsoleLinks
}

export interface TaskDiagnosis {
  readonly diagnosis: FailureDiagnosis
  /** The console's page of the task's log stream. */
  readonly logsUrl?: string
}

/** The diagnosis of a failure that names its task; undefined for any other failure. */
export async function diagnoseFailure(
  error: unknown,
  systems: DiagnosisSystems
): Promise<TaskDiagnosis | undefined> {
  if (!(error instanceof TaskFailure)) return undefined
  const { logLocation, console } = systems
  const stream = taskLogStream(logLocation, error.task.arn)
  let logLines: string[] = []
  if (stream && systems.logs) {
    try {
      const reader = await systems.logs(stream.region)
      logLines = safeLogLines(await reader.lastEvents(stream.group, stream.stream, LOG_LINES))
    } catch (failure) {
      core.warning(`could not read the task's log ${stream.stream}: ${oneLine(failure)}`)
    }
  }
  if (logLines.length > 0) printFenced(`last log lines of ${stream?.stream}`, logLines)
  const diagnosis: FailureDiagnosis = {
    ...(error.unanswered
      ? unansweredTask(error.task, error.unanswered.healthPath, logLocation?.container)
      : stoppedTask(error.task, logLocation?.container)),
    logLines,
    ...(stream && { logStream: stream })
  }
  const logsUrl = stream && console?.taskLogs(stream)
  return { diagnosis, ...(logsUrl && { logsUrl }) }
}

/** Lines from the PR's code in the job log: no line of them may be taken for a workflow command
 * until the token, which they cannot know, ends the fence. */
function printFenced(title: string, lines: readonly string[]): void {
  const token = randomBytes(16).toString('hex')
  core.startGroup(title)
  core.issueCommand('stop-commands', {}, token)
  try {
    for (const line of lines) core.info(line)
  } finally {
    core.issueCommand(token)
    core.endGroup()
  }
}
