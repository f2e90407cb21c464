// CloudWatch Logs: the last lines of one task's log stream, for the comment of a failed deploy.
// One call; a stream that does not exist (the container never wrote a line) has no lines.

import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs'
import * as core from '../runner/core.js'
import { explainErrors } from './errors.js'

export interface TaskLogReader {
  /** The stream's last `limit` events, oldest first. */
  lastEvents(group: string, stream: string, limit: number): Promise<string[]>
}

export function cloudWatchLogs(region: string): TaskLogReader {
  const client = new CloudWatchLogsClient({ region, maxAttempts: 5, customUserAgent: 'showtime' })
  explainErrors(client, { service: 'logs', region })
  return {
    async lastEvents(group, stream, limit) {
      try {
        const out = await client.send(
          new GetLogEventsCommand({
            logGroupName: group,
            logStreamName: stream,
            limit,
            startFromHead: false
          })
        )
        return (out.events ?? []).flatMap((event) =>
          event.message === undefined ? [] : [event.message]
        )
      } catch (error) {
        if ((error as Error).name !== 'ResourceNotFoundException') throw error
        core.info(`${group} has no log stream ${stream}: the container logged nothing`)
        return []
      }
    }
  }
}

/** dry-run-aws: no logs are read. */
export const simulatedLogs: TaskLogReader = {
  async lastEvents(group, stream) {
    core.info(`[dry-run-aws] would read the last lines of ${group} ${stream}`)
    return []
  }
}
