// Drill: ECS and EC2 misbehave under a sync of the committed bundle. Throttling and server errors
// are retried by the SDK (the run succeeds); a service that is already gone counts as deleted;
// a name blocked by a service that never stops draining, a task without a public IP, a health
// check that never passes and a deployment that never stabilises each end the run, with the SHA
// failed and whatever the run created released.

import { describe, expect, it as base } from 'vitest'
import type { AwsFault } from '../support/aws-emulator.js'
import { type RunResult, runAction } from '../support/run-action.js'
import { ANSWERED_HEALTH_CHECK, FAST, START, STOP, World } from '../support/world.js'
import {
  convergedProblems,
  describeRun,
  failureLines,
  goneProblems,
  prServices,
  restingProblems,
  seconds,
  serviceOf,
  unreadable
} from './drill-support.js'

const A = 'abc123f' + '5'.repeat(33)
const B = 'def456a' + '6'.repeat(33)

/** Each case in a world of its own (so that the cases run side by side, and cleanup sees one PR). */
const it = base.extend<{ world: World }>({
  // eslint-disable-next-line no-empty-pattern
  world: async ({}, use) => {
    const world = await World.start()
    await use(world)
    await world.stop()
  }
})

async function timedSync(
  world: World,
  pr: number,
  action: string,
  options: Parameters<World['sync']>[2] = {}
) {
  const started = Date.now()
  const result = await world.sync(pr, action, options)
  return { result, ms: Date.now() - started }
}

function expectOk(result: RunResult): void {
  expect(result.code, describeRun(result)).toBe(0)
  expect(result.commands.errors, describeRun(result)).toEqual([])
}

/** Failed with one readable `::error::` line. */
function expectFailed(result: RunResult, cause: RegExp): void {
  expect(result.code, describeRun(result)).toBe(1)
  expect(failureLines(result.stdout), describeRun(result)).toHaveLength(1)
  const message = result.commands.errors.at(-1) ?? ''
  expect(unreadable(message), message).toBeUndefined()
  expect(message, message).toMatch(cause)
}

/** The emulator did answer `action` with an error (the fault was not left unused). */
function answered(world: World, action: string): boolean {
  return world.aws.requests.some((r) => r.action === action && r.status >= 400)
}

function cleanup(world: World): Promise<RunResult> {
  return runAction({
    github: world.github,
    awsEndpoint: world.aws.url,
    eventName: 'schedule',
    event: { schedule: '0 */6 * * *' },
    inputs: { mode: 'cleanup' },
    env: FAST,
    timeoutMs: 60_000
  })
}

describe.concurrent('throttling and server errors are retried: the run succeeds', () => {
  const firstDeployFaults: AwsFault[] = [
    { action: 'RegisterTaskDefinition', type: 'ThrottlingException', times: 2 },
    { action: 'DescribeServices', type: 'ThrottlingException', times: 3 },
    { action: 'CreateService', type: 'ThrottlingException', times: 1 },
    { action: 'ListTasks', type: 'ThrottlingException', times: 2 },
    { action: 'DescribeTasks', type: 'ThrottlingException', times: 1 },
    { action: 'DescribeNetworkInterfaces', type: 'RequestLimitExceeded', times: 2 },
    { action: 'CreateService', type: 'ServerException', times: 1 }
  ]

  it.for(firstDeployFaults)(
    'first deploy with $type on $action ×$times',
    async (fault, { world }) => {
      const pr = world.newPr([START], A)
      world.aws.clearRequests()
      world.aws.injectFault(fault)
      const { result, ms } = await timedSync(world, pr, 'labeled', { label: START })
      expectOk(result)
      expect(answered(world, fault.action)).toBe(true)
      expect(convergedProblems(world, pr, 'abc123f')).toEqual([])
      console.log(`${fault.type} on ${fault.action} ×${fault.times ?? 1}: ok in ${seconds(ms)}`)
    }
  )

  it('a roll-over with DeleteService throttled twice tears the old commit down', async ({
    world
  }) => {
    const pr = world.newPr([START], A)
    expectOk((await timedSync(world, pr, 'labeled', { label: START })).result)
    world.github.updatePull(pr, { headSha: B })
    world.aws.clearRequests()
    world.aws.injectFault({ action: 'DeleteService', type: 'ThrottlingException', times: 2 })
    const { result } = await timedSync(world, pr, 'synchronize', { sender: 'writer' })
    expectOk(result)
    expect(answered(world, 'DeleteService')).toBe(true)
    expect(convergedProblems(world, pr, 'def456a')).toEqual([])
  })

  it('a forced rebuild with UpdateService throttled rolls the service forward', async ({
    world
  }) => {
    const pr = world.newPr([START], A)
    expectOk((await timedSync(world, pr, 'labeled', { label: START })).result)
    world.github.setLabels(pr, [...world.labels(pr), START])
    world.aws.clearRequests()
    world.aws.injectFault({ action: 'UpdateService', type: 'ThrottlingException', times: 2 })
    const { result } = await timedSync(world, pr, 'labeled', { label: START })
    expectOk(result)
    expect(answered(world, 'UpdateService')).toBe(true)
    expect(convergedProblems(world, pr, 'abc123f')).toEqual([])
  })
})

describe.concurrent('a service that is already gone', () => {
  it('ServiceNotFoundException on delete during a stop counts as deleted', async ({ world }) => {
    const pr = world.newPr([START], A)
    expectOk((await timedSync(world, pr, 'labeled', { label: START })).result)
    world.github.setLabels(pr, [...world.labels(pr), STOP])
    world.aws.injectFault({ action: 'DeleteService', type: 'ServiceNotFoundException' })
    const { result } = await timedSync(world, pr, 'labeled', { label: STOP })
    expectOk(result)
    expect(result.stdout).toContain(`${serviceOf(pr, 'abc123f')} was already gone`)
    expect(world.labels(pr)).toEqual([])
    // The emulator answered "not found" for a service it still has: cleanup deletes it as an
    // orphan, as it would a service left behind by anything else.
    expect(prServices(world, pr)).toEqual([serviceOf(pr, 'abc123f')])
    expectOk(await cleanup(world))
    expect(goneProblems(world, pr)).toEqual([])
  })
})

describe.concurrent('failures end the run, failed, with what the run created released', () => {
  it('a same-named service that stays DRAINING', async ({ world }) => {
    const pr = world.newPr([START], A)
    world.aws.setBehaviour({ stuckDraining: true })
    world.aws.addService({ serviceName: serviceOf(pr, 'abc123f'), status: 'DRAINING' })
    world.aws.clearRequests()
    const { result, ms } = await timedSync(world, pr, 'labeled', { label: START })
    expectFailed(result, /^deploy failed: .*still draining after .*; try again later$/)
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 failed')
    expect(world.aws.requests.filter((r) => r.action === 'CreateService')).toEqual([])
    // Only the leftover is there, still draining: nothing of the run's own.
    expect(world.aws.activeServices().filter((s) => s.serviceName.startsWith(`pr-${pr}-`))).toEqual(
      [expect.objectContaining({ serviceName: serviceOf(pr, 'abc123f'), status: 'DRAINING' })]
    )
    console.log(`stuck DRAINING: failed in ${seconds(ms)}: ${result.commands.errors.at(-1)}`)

    // Once it has drained, the start trigger again deploys.
    world.aws.setBehaviour({ stuckDraining: false })
    world.github.setLabels(pr, [...world.labels(pr), START])
    expectOk((await timedSync(world, pr, 'labeled', { label: START })).result)
    expect(convergedProblems(world, pr, 'abc123f')).toEqual([])
  })

  const failures: {
    name: string
    arrange: (world: World) => void
    cause: RegExp
    inputs?: Record<string, string>
  }[] = [
    {
      name: 'a task without a public IP',
      arrange: (world) => world.aws.setBehaviour({ noPublicIp: true }),
      cause:
        /^health failed: .*failed its health check 180 times \(last: its task has no public IP\)$/
    },
    {
      name: 'a health check that never passes',
      arrange: (world) => (world.app.healthy = false),
      cause: /^health failed: .*failed its health check 6 times \(last: HTTP 503\)$/,
      inputs: ANSWERED_HEALTH_CHECK
    },
    {
      name: 'a task that never starts',
      arrange: (world) => world.aws.setBehaviour({ neverStable: true }),
      cause: /^health failed: .*failed its health check 180 times \(last: its task is PENDING\)$/
    }
  ]

  it.for(failures)('$name: first deploy', async ({ arrange, cause, inputs }, { world }) => {
    const pr = world.newPr([START], A)
    arrange(world)
    const { result, ms } = await timedSync(world, pr, 'labeled', { label: START, inputs })
    expectFailed(result, cause)
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 failed')
    expect(world.labels(pr).filter((l) => l.includes('🎯') || l.includes('🌐'))).toEqual([])
    expect(prServices(world, pr)).toEqual([])
    expect(restingProblems(world, pr)).toEqual([])
    console.log(`first deploy, ${cause.source}: failed in ${seconds(ms)}`)
  })

  it.for(failures)(
    '$name: roll-over keeps the old commit serving',
    async ({ arrange, cause, inputs }, { world }) => {
      const pr = world.newPr([START], A)
      expectOk((await timedSync(world, pr, 'labeled', { label: START })).result)
      world.github.updatePull(pr, { headSha: B })
      arrange(world)
      const { result } = await timedSync(world, pr, 'synchronize', { sender: 'writer', inputs })
      expectFailed(result, cause)
      const labels = world.labels(pr)
      expect(labels).toContain('🎪 def456a 🚦 failed')
      expect(labels).toContain('🎪 abc123f 🚦 running')
      expect(labels).toContain('🎪 🎯 abc123f')
      expect(prServices(world, pr)).toEqual([serviceOf(pr, 'abc123f')])
      expect(restingProblems(world, pr)).toEqual([])
    }
  )

  it('a forced rebuild whose health check never passes rolls back and keeps running', async ({
    world
  }) => {
    const pr = world.newPr([START], A)
    expectOk((await timedSync(world, pr, 'labeled', { label: START })).result)
    const before = world.aws
      .activeServices()
      .find((s) => s.serviceName === serviceOf(pr, 'abc123f'))
    world.github.setLabels(pr, [...world.labels(pr), START])
    world.app.healthy = false
    const { result } = await timedSync(world, pr, 'labeled', {
      label: START,
      inputs: ANSWERED_HEALTH_CHECK
    })
    expectFailed(result, /^health failed: .*\(last: HTTP 503\)$/)
    const after = world.aws.activeServices().find((s) => s.serviceName === serviceOf(pr, 'abc123f'))
    expect(after?.taskDefinition).toBe(before?.taskDefinition)
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
    expect(world.labels(pr)).toContain('🎪 🎯 abc123f')
    expect(restingProblems(world, pr)).toEqual([])
  })

  // A failed run that cannot delete its service leaves it to the next cleanup, which releases
  // the services of failed environments (their labels stay, to say they failed).
  it('a service the failed run could not delete is deleted by the next cleanup', async ({
    world
  }) => {
    const pr = world.newPr([START], A)
    world.app.healthy = false
    world.aws.injectFault({ action: 'DeleteService', type: 'ServerException', times: 5 })
    const { result } = await timedSync(world, pr, 'labeled', { label: START })
    expectFailed(result, /^health failed: /)
    expect(result.commands.warnings.join('\n')).toMatch(
      /could not release .* \(the next cleanup deletes it\)/
    )
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 failed')
    expect(prServices(world, pr)).toEqual([serviceOf(pr, 'abc123f')])
    world.app.healthy = true
    expectOk(await cleanup(world))
    expect(prServices(world, pr)).toEqual([])
  })
})
