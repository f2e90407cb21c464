// What a deploy's tasks say while it waits for readiness: a crash loop fails at the second stop
// with an error (its reason and exit code), other stops never count, a running task of the
// deploy's task definition is the one checked, and behind the load balancer only its own target.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  CRASH_LOOP_STOPS,
  type TaskFacts,
  failedStop,
  taskTargetHealth,
  watchTasks
} from '../../src/domain/task-watch.js'

const TD = 'arn:aws:ecs:us-west-2:123456789012:task-definition/showtime-pr-7:4'
const OLD_TD = 'arn:aws:ecs:us-west-2:123456789012:task-definition/showtime-pr-7:3'

let n = 0
function task(over: Partial<TaskFacts> = {}): TaskFacts {
  n++
  return {
    arn: `arn:aws:ecs:us-west-2:123456789012:task/superset-ci/${n}`,
    taskDefinition: TD,
    lastStatus: 'RUNNING',
    desiredStatus: 'RUNNING',
    privateIp: `10.0.0.${n % 250}`,
    containers: [{ name: 'app' }],
    ...over
  }
}

function crashed(exitCode = 1, over: Partial<TaskFacts> = {}): TaskFacts {
  return task({
    lastStatus: 'STOPPED',
    desiredStatus: 'STOPPED',
    stopCode: 'EssentialContainerExited',
    stoppedReason: 'Essential container in task exited',
    containers: [{ name: 'app', exitCode }],
    ...over
  })
}

describe('a stop with an error', () => {
  it.each<[string, Partial<TaskFacts>, string | undefined]>([
    [
      'an essential container exited 1',
      {
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        containers: [{ name: 'app', exitCode: 1 }]
      },
      'Essential container in task exited (container app exit code 1)'
    ],
    [
      'killed for its memory',
      {
        stopCode: 'EssentialContainerExited',
        stoppedReason: 'Essential container in task exited',
        containers: [{ name: 'app', exitCode: 137, reason: 'OutOfMemoryError: Container killed' }]
      },
      'Essential container in task exited (container app exit code 137: OutOfMemoryError: Container killed)'
    ],
    [
      'an image that cannot be pulled',
      {
        stopCode: 'TaskFailedToStart',
        stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)',
        containers: [{ name: 'app' }]
      },
      'CannotPullContainerError: pull image manifest has been retried 5 time(s)'
    ],
    [
      'a container that could not start, named with its reason',
      {
        stopCode: 'TaskFailedToStart',
        stoppedReason: 'Task failed to start',
        containers: [{ name: 'app', reason: 'CannotStartContainerError: exec format error' }]
      },
      'Task failed to start (container app: CannotStartContainerError: exec format error)'
    ],
    [
      'two containers exited, without a reason from ECS',
      {
        containers: [
          { name: 'app', exitCode: 1 },
          { name: 'worker', exitCode: 2 }
        ]
      },
      'stopped (container app exit code 1; container worker exit code 2)'
    ],
    [
      'an essential container that exited 0 (a server must not exit)',
      {
        stopCode: 'EssentialContainerExited',
        containers: [{ name: 'app', exitCode: 0 }]
      },
      'EssentialContainerExited'
    ],
    [
      // Containers told to stop exit as they take the signal: the stop code says why it stopped.
      'a sidecar exited 2 while the task was scaled in',
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)',
        containers: [
          { name: 'app', exitCode: 0 },
          { name: 'proxy', exitCode: 2 }
        ]
      },
      undefined
    ],
    [
      'scaled to zero (a preview put to sleep), its app killed at the stop timeout',
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)',
        containers: [{ name: 'app', exitCode: 137 }]
      },
      undefined
    ],
    [
      'a Spot interruption that killed the app',
      {
        stopCode: 'SpotInterruption',
        stoppedReason: 'Your Spot Task was interrupted.',
        containers: [{ name: 'app', exitCode: 143 }]
      },
      undefined
    ],
    [
      'stopped by a user, its app killed',
      {
        stopCode: 'UserInitiated',
        stoppedReason: 'Task stopped by user',
        containers: [{ name: 'app', exitCode: 137 }]
      },
      undefined
    ],
    [
      'a host termination notice, the app killed',
      {
        stopCode: 'TerminationNotice',
        stoppedReason: 'Host EC2 is being terminated',
        containers: [{ name: 'app', exitCode: 137 }]
      },
      undefined
    ],
    [
      'replaced for failing its ELB health checks, exiting 0 on SIGTERM',
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Task failed ELB health checks in (target-group arn:aws:tg/st-1)',
        containers: [{ name: 'app', exitCode: 0 }]
      },
      'Task failed ELB health checks in (target-group arn:aws:tg/st-1)'
    ],
    [
      'replaced for failing its container health checks, killed',
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Task failed container health checks',
        containers: [{ name: 'app', exitCode: 137 }]
      },
      'Task failed container health checks (container app exit code 137)'
    ],
    [
      'no stop code, every container exiting 0',
      { stoppedReason: 'stopped', containers: [{ name: 'app', exitCode: 0 }] },
      undefined
    ],
    [
      'a stop code ECS may add later, no exit code',
      { stopCode: 'SomethingNew', stoppedReason: 'stopped', containers: [{ name: 'app' }] },
      undefined
    ],
    [
      'no stop code, the app exited 1',
      { stoppedReason: 'stopped', containers: [{ name: 'app', exitCode: 1 }] },
      'stopped (container app exit code 1)'
    ],
    [
      'scaled in, every container exiting 0',
      {
        stopCode: 'ServiceSchedulerInitiated',
        stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)',
        containers: [{ name: 'app', exitCode: 0 }]
      },
      undefined
    ],
    [
      'a Spot interruption',
      {
        stopCode: 'SpotInterruption',
        stoppedReason: 'Your Spot Task was interrupted.',
        containers: [{ name: 'app' }]
      },
      undefined
    ],
    [
      'stopped by a user',
      { stopCode: 'UserInitiated', stoppedReason: 'Task stopped by user' },
      undefined
    ]
  ])('%s → %j', (_what, over, why) => {
    expect(failedStop(task({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', ...over }))).toBe(why)
  })

  it('a task still running or stopping has not stopped', () => {
    expect(failedStop(task({ containers: [{ name: 'app', exitCode: 1 }] }))).toBeUndefined()
    expect(
      failedStop(
        task({
          lastStatus: 'DEACTIVATING',
          desiredStatus: 'STOPPED',
          stopCode: 'TaskFailedToStart'
        })
      )
    ).toBeUndefined()
  })
})

describe('where a deploy stands', () => {
  it.each<[string, TaskFacts[], ReturnType<typeof watchTasks>['kind'], string?]>([
    ['no task yet', [], 'starting', 'no task started yet'],
    ['its task is pending', [task({ lastStatus: 'PENDING' })], 'starting', 'its task is PENDING'],
    [
      'only the old task definition runs (a forced rebuild)',
      [task({ taskDefinition: OLD_TD })],
      'starting',
      'no task started yet'
    ],
    ['its task runs', [task()], 'running'],
    [
      'one crash, the replacement provisioning',
      [crashed(1), task({ lastStatus: 'PROVISIONING' })],
      'starting',
      'its task is PROVISIONING, STOPPED; stopped once: Essential container in task exited (container app exit code 1)'
    ],
    ['one crash, the replacement running', [crashed(1), task()], 'running'],
    [
      'one crash described twice (it stopped between the RUNNING and STOPPED lists) is one stop',
      [...Array(2).fill(crashed(1)), task()],
      'running'
    ],
    [
      'two crashes',
      [crashed(1), crashed(3)],
      'crash-loop',
      'Essential container in task exited (container app exit code 3)'
    ],
    [
      'three crashes, listed out of order: the last to stop is reported',
      [
        crashed(7, { stoppedAt: 3000 }),
        crashed(5, { stoppedAt: 1000 }),
        crashed(6, { stoppedAt: 2000 })
      ],
      'crash-loop',
      'Essential container in task exited (container app exit code 7)'
    ],
    [
      'three crashes, the last to stop listed in the middle',
      [
        crashed(5, { stoppedAt: 1000 }),
        crashed(7, { stoppedAt: 3000 }),
        crashed(6, { stoppedAt: 2000 })
      ],
      'crash-loop',
      'Essential container in task exited (container app exit code 7)'
    ],
    [
      'its task runs but is being stopped',
      [task({ desiredStatus: 'STOPPED' })],
      'starting',
      'its task is RUNNING'
    ],
    [
      'two crashes even with a replacement running',
      [crashed(1), crashed(1), task()],
      'crash-loop',
      'Essential container in task exited (container app exit code 1)'
    ],
    [
      "the old task definition's crashes do not count",
      [crashed(1, { taskDefinition: OLD_TD }), crashed(1, { taskDefinition: OLD_TD }), task()],
      'running'
    ],
    [
      // A woken preview's service holds the task it ran before its sleep, of the same definition.
      'the task stopped at the sleep (killed at the stop timeout) and one crash are not a loop',
      [
        task({
          lastStatus: 'STOPPED',
          desiredStatus: 'STOPPED',
          stopCode: 'ServiceSchedulerInitiated',
          stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/1)',
          containers: [{ name: 'app', exitCode: 137 }],
          stoppedAt: 1000
        }),
        crashed(3, { stoppedAt: 2000 }),
        task({ lastStatus: 'PENDING' })
      ],
      'starting',
      'its task is PENDING, STOPPED; stopped once: Essential container in task exited (container app exit code 3)'
    ],
    [
      'stops without an error do not count',
      [
        task({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'SpotInterruption' }),
        task({ lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stopCode: 'UserInitiated' }),
        task({ lastStatus: 'PENDING' })
      ],
      'starting',
      'its task is PENDING, STOPPED'
    ]
  ])('%s → %s', (_what, tasks, kind, detail) => {
    const watch = watchTasks(tasks, TD)
    expect(watch.kind).toBe(kind)
    if (watch.kind === 'starting') expect(watch.summary).toBe(detail)
    if (watch.kind === 'crash-loop') {
      expect(watch.last).toBe(detail)
      // The task reported is the one that stopped last: its logs are read.
      expect(failedStop(watch.task)).toBe(detail)
      expect(watch.stops).toBe(tasks.filter((t) => failedStop(t) !== undefined).length)
    }
    if (watch.kind === 'running') {
      expect(watch.task.taskDefinition).toBe(TD)
      expect(watch.task.lastStatus).toBe('RUNNING')
    }
  })

  it('fails exactly from the second stop with an error, whatever else the service holds', () => {
    const shares = new Branches('fails exactly from the second stop with an error', {
      // Measured 14.7 %, 24 % and 61.6 % of 1,000 runs.
      'crash-loop': 0.1,
      running: 0.18,
      starting: 0.5
    })
    const anyTask = fc.record({
      // Mostly the deploy's own tasks, and mostly stopped ones: the crash loop is the rare case.
      own: fc.constantFrom(true, true, true, false),
      status: fc.constantFrom(
        'PROVISIONING',
        'PENDING',
        'RUNNING',
        'STOPPED',
        'STOPPED',
        'STOPPED'
      ),
      // Most stops with an error, the others asked for (with any exit code).
      stopCode: fc.constantFrom(
        'EssentialContainerExited',
        'EssentialContainerExited',
        'EssentialContainerExited',
        'EssentialContainerExited',
        'EssentialContainerExited',
        'TaskFailedToStart',
        'ServiceSchedulerInitiated',
        'SpotInterruption',
        'UserInitiated',
        'TerminationNotice'
      ),
      exitCode: fc.option(fc.integer({ min: 0, max: 255 }), { nil: undefined })
    })
    fc.assert(
      fc.property(fc.array(anyTask, { maxLength: 6 }), (specs) => {
        shares.run()
        const tasks = specs.map((s) =>
          task({
            taskDefinition: s.own ? TD : OLD_TD,
            lastStatus: s.status,
            desiredStatus: s.status === 'STOPPED' ? 'STOPPED' : 'RUNNING',
            ...(s.status === 'STOPPED' && { stopCode: s.stopCode }),
            containers: [{ name: 'app', ...(s.exitCode !== undefined && { exitCode: s.exitCode }) }]
          })
        )
        // A stop the scheduler, a person or the capacity asked for is no error, whatever the
        // exit code its containers took the signal with.
        const errors = specs.filter(
          (s) =>
            s.own &&
            s.status === 'STOPPED' &&
            (s.stopCode === 'EssentialContainerExited' || s.stopCode === 'TaskFailedToStart')
        ).length
        const watch = watchTasks(tasks, TD)
        shares.hit(watch.kind)
        expect(watch.kind === 'crash-loop').toBe(errors >= CRASH_LOOP_STOPS)
        if (watch.kind === 'running')
          expect(specs.some((s) => s.own && s.status === 'RUNNING')).toBe(true)
        if (watch.kind === 'starting')
          expect(specs.some((s) => s.own && s.status === 'RUNNING')).toBe(false)
      }),
      { numRuns: 1000 }
    )
    shares.check()
  })
})

describe("the task's own target", () => {
  it.each<[string, Parameters<typeof taskTargetHealth>[0], boolean, string]>([
    ['not registered yet', [], false, 'its task is not registered yet'],
    [
      "only the old task's target is healthy (a forced rebuild)",
      [{ id: '10.0.0.9:8080', state: 'healthy' }],
      false,
      'its task is not registered yet'
    ],
    [
      'registering',
      [
        { id: '10.0.0.9:8080', state: 'healthy' },
        { id: '10.0.0.4:8080', state: 'initial', reason: 'Elb.RegistrationInProgress' }
      ],
      false,
      'initial (Elb.RegistrationInProgress)'
    ],
    [
      'healthy',
      [
        { id: '10.0.0.9:8080', state: 'draining' },
        { id: '10.0.0.4:8080', state: 'healthy' }
      ],
      true,
      'healthy'
    ],
    [
      'unhealthy',
      [{ id: '10.0.0.4:8080', state: 'unhealthy', reason: 'Target.ResponseCodeMismatch' }],
      false,
      'unhealthy (Target.ResponseCodeMismatch)'
    ],
    [
      'an address that only starts like it',
      [{ id: '10.0.0.40:8080', state: 'healthy' }],
      false,
      'its task is not registered yet'
    ]
  ])('%s', (_what, targets, healthy, state) => {
    expect(taskTargetHealth(targets, { privateIp: '10.0.0.4' })).toEqual({ healthy, state })
  })

  it('a task without a private address has no target', () => {
    expect(taskTargetHealth([{ id: '10.0.0.4:8080', state: 'healthy' }], {})).toEqual({
      healthy: false,
      state: 'its task is not registered yet'
    })
  })
})
