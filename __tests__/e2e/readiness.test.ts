// Readiness, run as a workflow runs it: the bundle against the emulators. The new task and its
// health are polled every health-interval (5 s by default, scaled by SHOWTIME_TIME_SCALE) within
// health-timeout, without waiting for ECS's stability first; a task that crashes fails the deploy
// at its second stop with its reason and exit code; behind the load balancer the commit's target
// group gets ELB's fastest health checks and the deregistration-delay input.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunResult } from '../support/run-action.js'
import { START, World } from '../support/world.js'
import { expectSucceeded } from '../support/expectations.js'

const A = 'abc123f' + '1'.repeat(33)

let world: World

beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())
beforeEach(() => {
  world.app.healthy = true
  world.aws.setBehaviour({ stabilizeMs: 50, taskExit: false })
})

/** The `health N/M` lines of a run's log, as [N, M]. */
function healthAttempts(result: RunResult): [number, number][] {
  return [...result.stdout.matchAll(/^health (\d+)\/(\d+): /gm)].map((m) => [
    Number(m[1]),
    Number(m[2])
  ])
}

describe('readiness at the task address', () => {
  it('polls the new task and its health every 5 s within the 15 minutes, and stops at the first 200', async () => {
    const pr = world.newPr([START], A)
    world.app.healthy = false
    const third = world.app.actionChecks + 3
    const check = world.app.hold((n) => n === third)
    world.aws.clearRequests()
    const run = world.sync(pr, 'labeled', { label: START })
    await check.reached
    world.app.healthy = true
    check.release()
    const result = await run
    expectSucceeded(result)

    // 15 minutes of 5 s attempts: 180; the third check answered 200 and ended the wait.
    const attempts = healthAttempts(result)
    expect(attempts.every(([, of]) => of === 180)).toBe(true)
    expect(attempts.at(-1)).toEqual([attempts.length, 180])
    expect(result.stdout).toMatch(
      /^health \d+\/180: http:\/\/127\.0\.0\.1:\d+\/health → HTTP 200$/m
    )
    expect(world.app.actionChecks).toBe(third)

    // No wait for ECS's stability: after CreateService, ECS is asked only about the tasks.
    const ecs = world.aws.requests.filter((r) => r.service === 'ecs').map((r) => r.action)
    const afterCreate = ecs.slice(ecs.indexOf('CreateService') + 1)
    expect(afterCreate.length).toBeGreaterThan(0)
    expect(new Set(afterCreate)).toEqual(new Set(['ListTasks', 'DescribeTasks']))
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
  })

  it('a crash-looping container fails the deploy at its second stop, with its reason and exit code', async () => {
    const pr = world.newPr([START], A)
    // Each task runs 300 ms without answering, then its container exits 3; the action polls every
    // 10 ms (5 s scaled), so it sees the second stop at the first poll after it, on an idle machine.
    world.app.healthy = false
    world.aws.setBehaviour({
      taskExit: { afterMs: 300, exitCode: 3, reason: 'ModuleNotFoundError: superset_config' }
    })
    const result = await world.sync(pr, 'labeled', { label: START })
    expect(result.code).toBe(1)
    const failure = new RegExp(
      `^health failed: pr-${pr}-abc123f-service is crash-looping: its task stopped (\\d+) times ` +
        `\\(last: Essential container in task exited \\(container superset-ci exit code 3: ModuleNotFoundError: superset_config\\)\\)$`
    ).exec(result.commands.errors.at(-1) ?? '')
    expect(failure, result.commands.errors.at(-1)).not.toBeNull()
    // At the first poll that saw a second stop: a loaded machine may have let ECS crash it again.
    expect(Number(failure?.[1])).toBeGreaterThanOrEqual(2)
    // Long before health-timeout: the run did not wait out its 180 attempts.
    expect(healthAttempts(result).length).toBeLessThan(180)
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 failed')
    expect(world.activeServiceNames(pr)).toEqual([])
  })

  it('one crash is not a loop: its replacement answers, and the deploy goes on', async () => {
    const pr = world.newPr([START], A)
    // The service's first task crashes once it runs; the replacement ECS starts stays up.
    world.aws.setBehaviour({ taskExit: { afterMs: 1, exitCode: 1, tasks: 1 } })
    const run = await world.sync(pr, 'labeled', { label: START })
    world.aws.setBehaviour({ taskExit: false })
    expectSucceeded(run)
    const service = world.aws.services().find((s) => s.serviceName === `pr-${pr}-abc123f-service`)
    expect(service?.tasks.map((t) => [t.lastStatus, t.stopCode ?? null])).toEqual([
      ['STOPPED', 'EssentialContainerExited'],
      ['RUNNING', null]
    ])
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
  })
})

describe('behind the load balancer', () => {
  it("creates the commit's target group with ELB's fastest health check and the deregistration delay", async () => {
    const listener = world.aws.elb.addLoadBalancer({ name: 'readiness-previews' })
    const inputs = {
      'load-balancer-listener-arn': listener,
      'preview-domain': 'preview.example.com',
      'assign-public-ip': 'false',
      'deregistration-delay': '10s'
    }
    const pr = world.newPr([START], A)
    const result = await world.sync(pr, 'labeled', { label: START, inputs })
    expectSucceeded(result)
    const name = world.aws.elb.targetGroupNames().find((n) => n.endsWith(`-${pr}-abc123f`))
    const config = world.aws.elb.targetGroupConfig(name!)
    expect(config?.settings).toMatchObject({
      HealthCheckIntervalSeconds: 5,
      HealthCheckTimeoutSeconds: 4,
      HealthyThresholdCount: 2,
      UnhealthyThresholdCount: 2
    })
    expect(config?.attributes['deregistration_delay.timeout_seconds']).toBe('10')
    expect(result.stdout).toContain(`the target group ${name} drains deregistered targets for 10 s`)
    // The new task's own target decided, on the same 5 s schedule.
    expect(result.stdout).toMatch(new RegExp(`^health \\d+/180: ${name} → healthy$`, 'm'))
  })
})
