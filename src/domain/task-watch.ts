// What the tasks of a deploy say while it waits for readiness: a task of its task definition runs
// (its health is checked next), none runs yet, or they crash in a loop (the deploy fails at the
// second stop with an error, instead of waiting out health-timeout). Behind the load balancer, the
// target that counts is the one of the deploy's running task: a forced rebuild's old task is
// healthy in the same target group until it drains.

import type { TargetHealth } from './load-balancer.js'

/** A task of the service as ECS describes it (DescribeTasks). */
export interface TaskFacts {
  readonly arn: string
  readonly taskDefinition: string
  /** PROVISIONING, PENDING, ACTIVATING, RUNNING, ..., STOPPED. */
  readonly lastStatus: string
  readonly desiredStatus: string
  readonly privateIp?: string
  readonly networkInterfaceId?: string
  /** TaskFailedToStart, EssentialContainerExited, UserInitiated, ServiceSchedulerInitiated, ... */
  readonly stopCode?: string
  readonly stoppedReason?: string
  /** When it stopped (epoch ms). */
  readonly stoppedAt?: number
  readonly containers: readonly ContainerFacts[]
}

export interface ContainerFacts {
  readonly name: string
  readonly exitCode?: number
  readonly reason?: string
}

/** Stops after which a deploy whose tasks keep failing is given up. */
export const CRASH_LOOP_STOPS = 2

const ERROR_STOP_CODES = new Set<string | undefined>([
  'TaskFailedToStart',
  'EssentialContainerExited'
])

/** Stops that the scheduler, a person or the capacity asked for (a scale-in, such as a preview put
 * to sleep; a StopTask; a Spot interruption). Containers told to stop exit as they take the
 * signal: 137 when one ignores SIGTERM and is killed at the stop timeout. That says nothing of
 * the app, so their exit codes do not make the stop a failure. */
const REQUESTED_STOP_CODES = new Set<string | undefined>([
  'ServiceSchedulerInitiated',
  'UserInitiated',
  'SpotInterruption',
  'TerminationNotice'
])

/** The scheduler's replacement of a task that failed its load balancer's or its container's
 * health checks: a requested stop that is a failure all the same. */
const FAILED_HEALTH_CHECKS = /failed (?:ELB|container) health checks/i

export type TaskWatch =
  /** A task of the deploy runs: check its health. */
  | { readonly kind: 'running'; readonly task: TaskFacts }
  /** None runs yet; `summary` says what there is, for the log. */
  | { readonly kind: 'starting'; readonly summary: string }
  /** Its tasks stopped with an error CRASH_LOOP_STOPS times: fail with the last one's reason. */
  | {
      readonly kind: 'crash-loop'
      readonly stops: number
      readonly last: string
      /** The task that stopped last, for its logs. */
      readonly task: TaskFacts
    }

/** Why a stopped task stopped with an error (its reason and the exit codes of its containers),
 * or undefined when it stopped for another cause (a scale-in, a deletion, a Spot interruption),
 * whatever its containers' exit codes. */
export function failedStop(task: TaskFacts): string | undefined {
  if (task.lastStatus !== 'STOPPED') return undefined
  const unhealthy = FAILED_HEALTH_CHECKS.test(task.stoppedReason ?? '')
  if (REQUESTED_STOP_CODES.has(task.stopCode) && !unhealthy) return undefined
  const exited = task.containers.filter((c) => c.exitCode !== undefined && c.exitCode !== 0)
  if (exited.length === 0 && !ERROR_STOP_CODES.has(task.stopCode) && !unhealthy) return undefined
  const containers = task.containers
    .filter((c) => (c.exitCode !== undefined && c.exitCode !== 0) || c.reason)
    .map((c) =>
      [
        `container ${c.name}`,
        c.exitCode === undefined ? '' : ` exit code ${c.exitCode}`,
        c.reason ? `: ${c.reason}` : ''
      ].join('')
    )
  const reason = task.stoppedReason || task.stopCode || 'stopped'
  return containers.length > 0 ? `${reason} (${containers.join('; ')})` : reason
}

/** Where the deploy of `taskDefinition` stands, from every task of its service. */
export function watchTasks(tasks: readonly TaskFacts[], taskDefinition: string): TaskWatch {
  // One task, however often it is described: a task listed twice did not stop twice.
  const own = [...new Map(tasks.map((t) => [t.arn, t])).values()].filter(
    (t) => t.taskDefinition === taskDefinition
  )
  // In the order they stopped: the last one's reason is the one reported.
  const stopped = [...own]
    .sort((a, b) => (a.stoppedAt ?? 0) - (b.stoppedAt ?? 0))
    .flatMap((task) => {
      const why = failedStop(task)
      return why === undefined ? [] : [{ task, why }]
    })
  const failures = stopped.map((s) => s.why)
  const last = stopped.at(-1)
  if (last && stopped.length >= CRASH_LOOP_STOPS)
    return { kind: 'crash-loop', stops: stopped.length, last: last.why, task: last.task }
  const running = own.find((t) => t.lastStatus === 'RUNNING' && t.desiredStatus === 'RUNNING')
  if (running) return { kind: 'running', task: running }
  if (own.length === 0) return { kind: 'starting', summary: 'no task started yet' }
  const statuses = [...new Set(own.map((t) => t.lastStatus))].sort().join(', ')
  const once = failures.length > 0 ? `; stopped once: ${failures[0]}` : ''
  return { kind: 'starting', summary: `its task is ${statuses}${once}` }
}

/** The task's own target in the target group (ELB names ip targets by the task's private IP):
 * healthy or not, and what the group holds, for the log. */
export function taskTargetHealth(
  targets: readonly TargetHealth[],
  task: Pick<TaskFacts, 'privateIp'>
): { readonly healthy: boolean; readonly state: string } {
  const own = targets.find((t) => t.id.split(':')[0] === task.privateIp)
  if (own === undefined) return { healthy: false, state: 'its task is not registered yet' }
  return {
    healthy: own.state === 'healthy',
    state: own.reason ? `${own.state} (${own.reason})` : own.state
  }
}
