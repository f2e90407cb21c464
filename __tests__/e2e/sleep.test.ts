// Sleeping when idle, run as workflows run it: the bundle against the emulators, behind the shared
// load balancer. The scheduled cleanup (sleep-after) scales a preview whose target group counted no
// request to zero tasks and marks it sleeping; one with requests stays up; the start trigger wakes
// it without a build; its TTL still expires it, never earlier; the stop trigger tears it down.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readPrLabels } from '../support/label-reader.js'
import { fnv1a } from '../support/http-emulator.js'
import { type RunResult, runAction } from '../support/run-action.js'
import { FAST, START, STOP, World } from '../support/world.js'
import { expectSucceeded } from '../support/expectations.js'

const DOMAIN = 'preview.example.com'
const HOUR = 3_600_000
const A = 'abc123f' + '1'.repeat(33)
const B = 'def456a' + '2'.repeat(33)
const C = 'c0ffee1' + '3'.repeat(33)

let world: World
let inputs: Record<string, string>

beforeAll(async () => {
  world = await World.start()
  inputs = world.behindLoadBalancer(DOMAIN)
})
afterAll(() => world.stop())

/** `st-{repository key}-{pr}-{sha}` (README, "Stable HTTPS addresses"). */
const groupName = (pr: number, sha: string) => {
  const key = fnv1a(world.github.fullName.toLowerCase()).toString(16).padStart(8, '0').slice(0, 6)
  return `st-${key}-${pr}-${sha.slice(0, 7)}`
}
const groupArn = (pr: number, sha: string) =>
  world.aws.elb.targetGroups().find((g) => g.name === groupName(pr, sha))!.arn
const service = (pr: number, sha: string) =>
  world.aws.activeServices().find((s) => s.serviceName === `pr-${pr}-${sha.slice(0, 7)}-service`)
const status = (pr: number, sha: string) =>
  readPrLabels(world.labels(pr)).statuses.get(sha.slice(0, 7))
const served = (pr: number) => world.aws.elb.servedBy(`pr-${pr}.${DOMAIN}`)?.targetGroups

async function deployed(sha: string): Promise<number> {
  const pr = world.newPr([START], sha)
  expectSucceeded(await world.sync(pr, 'labeled', { label: START, inputs }))
  return pr
}

/** Dates the environment `hoursAgo`, as if it had been deployed then. */
function age(pr: number, sha: string, hoursAgo: number): void {
  const iso = new Date(Date.now() - hoursAgo * HOUR).toISOString()
  const created = `🎪 ${sha.slice(0, 7)} 📅 `
  world.github.setLabels(pr, [
    ...world.github.labelsOn(pr).filter((l) => !l.startsWith(created)),
    `${created}${iso.slice(0, 13)}-${iso.slice(14, 16)}`
  ])
}

function cleanup(extra: Record<string, string> = { 'sleep-after': '1h' }): Promise<RunResult> {
  return runAction({
    github: world.github,
    awsEndpoint: world.aws.url,
    eventName: 'schedule',
    event: { schedule: '0 * * * *' },
    inputs: { mode: 'cleanup', ...inputs, ...extra },
    env: FAST,
    timeoutMs: 180_000
  })
}

/** A PR deployed two hours ago and idle since, which the cleanup (sleep-after: 1h) put to sleep. */
async function asleep(sha: string): Promise<number> {
  const pr = await deployed(sha)
  age(pr, sha, 2)
  expectSucceeded(await cleanup())
  expect(status(pr, sha)).toBe('sleeping')
  return pr
}

const metricCalls = () => world.aws.requests.filter((r) => r.service === 'cloudwatch')

describe('sleeping when idle, behind the load balancer', () => {
  let idle: number
  let busy: number

  it('leaves idle previews awake while sleep-after is never (the default)', async () => {
    idle = await deployed(A)
    busy = await deployed(B)
    age(idle, A, 3)
    age(busy, B, 3)
    expectSucceeded(await cleanup({}))
    expect(status(idle, A)).toBe('running')
    expect(metricCalls()).toEqual([])
  })

  it('puts a preview that served no request for sleep-after to sleep, and leaves a busy one up', async () => {
    world.aws.cloudwatch.recordRequests(groupArn(busy, B), 12, Date.now() - 10 * 60_000)
    const before = world.labels(idle)
    const result = await cleanup()
    expectSucceeded(result)

    expect(status(idle, A)).toBe('sleeping')
    // Only the status changed: 📅, 🤡, 🎯 and ⌛ are as they were.
    expect(world.labels(idle)).toEqual(
      before.map((l) => (l === '🎪 abc123f 🚦 running' ? '🎪 abc123f 🚦 sleeping' : l)).sort()
    )
    expect(service(idle, A)).toMatchObject({ desiredCount: 0, runningCount: 0 })
    // Its address stays: the rule forwards to its target group, which has no target now.
    expect(served(idle)).toEqual([{ name: groupName(idle, A), healthy: 0, states: [] }])

    expect(status(busy, B)).toBe('running')
    expect(service(busy, B)).toMatchObject({ desiredCount: 1, runningCount: 1 })

    // One call for both candidates, over the last hour, per minute.
    expect(metricCalls()).toHaveLength(1)
    const query = world.aws.cloudwatch.queries.at(-1) as {
      StartTime: number
      EndTime: number
      MetricDataQueries: unknown[]
    }
    expect(query.MetricDataQueries).toHaveLength(2)
    expect((query.EndTime - query.StartTime) * 1000).toBe(HOUR)
    expect(result.summary).toContain('asleep: no request in 1h')
    expect(result.summary).toContain('1 idle environments put to sleep')
  })

  it('wakes it with the start trigger, without a build, once its task is healthy', async () => {
    const builds = world.docker.calls().filter((argv) => argv.includes('build')).length
    const registered = world.aws.taskDefinitions().length
    world.github.setLabels(idle, [...world.github.labelsOn(idle), START])
    const result = await world.sync(idle, 'labeled', { label: START, inputs })
    expectSucceeded(result)

    expect(status(idle, A)).toBe('running')
    expect(world.labels(idle)).not.toContain(START)
    expect(service(idle, A)).toMatchObject({ desiredCount: 1, runningCount: 1 })
    expect(served(idle)).toEqual([{ name: groupName(idle, A), healthy: 1, states: ['healthy'] }])
    // No build, no new task definition: the image it ran is the image it runs.
    expect(world.docker.calls().filter((argv) => argv.includes('build'))).toHaveLength(builds)
    expect(world.aws.taskDefinitions()).toHaveLength(registered)
    expect(world.github.comments(idle).at(-1)?.body).toContain(`https://pr-${idle}.${DOMAIN}`)
  })

  it('expires a sleeping preview at its TTL, not earlier', async () => {
    expectSucceeded(await cleanup())
    expect(status(idle, A)).toBe('sleeping')

    age(idle, A, 47)
    expectSucceeded(await cleanup())
    expect(status(idle, A)).toBe('sleeping')
    expect(service(idle, A)).toBeDefined()

    age(idle, A, 49)
    expectSucceeded(await cleanup())
    // Torn down as an expired running environment is: its labels go (the PR's ⌛ stays).
    expect(world.labels(idle).filter((l) => l.startsWith('🎪'))).toEqual(['🎪 ⌛ 48h'])
    expect(world.github.comments(idle).at(-1)?.body).toContain('expired')
    expect(service(idle, A)).toBeUndefined()
    expect(served(idle)).toBeUndefined()
  })

  it('tears a sleeping preview down with the stop trigger', async () => {
    const pr = await asleep(C)

    world.github.setLabels(pr, [...world.github.labelsOn(pr), STOP])
    expectSucceeded(await world.sync(pr, 'labeled', { label: STOP, inputs }))
    expect(world.labels(pr).filter((l) => l.startsWith('🎪'))).toEqual([])
    expect(service(pr, C)).toBeUndefined()
    expect(world.aws.elb.targetGroupNames()).not.toContain(groupName(pr, C))
  })

  it('a wake whose task never turns healthy fails naming the task with its log lines, and sleeps again', async () => {
    const E = 'e1e1e1e' + '5'.repeat(33)
    const pr = await asleep(E)

    world.aws.logs.createGroup('/ecs/superset-ci')
    world.app.failingCommits.add(E.slice(0, 7))
    world.aws.setBehaviour({ taskOutput: ['Booting worker', 'OperationalError: no database'] })
    world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
    try {
      const result = await world.sync(pr, 'labeled', {
        label: START,
        inputs: { ...inputs, 'health-timeout': '1h', 'health-interval': '5m' }
      })
      expect(result.code).toBe(1)
      expect(result.commands.errors).toHaveLength(1)
      expect(result.commands.errors[0]).toMatch(
        new RegExp(
          `had no healthy target in ${groupName(pr, E)} after 12 checks \\(last: unhealthy \\(Target.ResponseCodeMismatch\\)\\)$`
        )
      )
      // The same diagnosis as a deploy's: the task named, still running, its last lines.
      const comment = world.github.comments(pr).at(-1)?.body ?? ''
      expect(comment).toMatch(/still running, it did not answer the health check at `\/health`/)
      expect(comment).toContain('OperationalError: no database')
      expect(status(pr, E)).toBe('sleeping')
      expect(service(pr, E)).toMatchObject({ desiredCount: 0 })
    } finally {
      world.app.failingCommits.clear()
      world.aws.setBehaviour({ taskOutput: false })
    }
  })

  it('a wake whose task keeps crashing fails at its second stop, not at the health timeout', async () => {
    const F = 'f00f00f' + '6'.repeat(33)
    const pr = await asleep(F)

    // Each task fails its checks and exits after 300 ms, well before the health timeout.
    world.app.failingCommits.add(F.slice(0, 7))
    world.aws.setBehaviour({ taskExit: { afterMs: 300, exitCode: 3 } })
    world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
    try {
      const result = await world.sync(pr, 'labeled', { label: START, inputs })
      expect(result.code).toBe(1)
      expect(result.commands.errors.at(-1)).toMatch(/is crash-looping: its task stopped \d+ times/)
      expect(result.stdout).not.toContain('health 180/180')
      expect(world.github.comments(pr).at(-1)?.body).toContain('exit code 3')
      expect(status(pr, F)).toBe('sleeping')
      expect(service(pr, F)).toMatchObject({ desiredCount: 0 })
    } finally {
      world.app.failingCommits.clear()
      world.aws.setBehaviour({ taskExit: false })
    }
  })

  it('an app killed at its stop timeout when put to sleep, which crashes once on waking, wakes', async () => {
    const G = '9a9a9a9' + '7'.repeat(33)
    // Its app ignores SIGTERM: the scale-in to zero kills it, and ECS reports exit code 137.
    world.aws.setBehaviour({ ignoresSigterm: true })
    try {
      const pr = await asleep(G)
      const stopped = service(pr, G)?.tasks ?? []
      expect(stopped.map((t) => [t.lastStatus, t.containers[0]?.exitCode])).toEqual([
        ['STOPPED', 137]
      ])

      // The woken task crashes once; its replacement serves. One crash is not a loop.
      world.aws.setBehaviour({ taskExit: { afterMs: 1, exitCode: 3, tasks: 1 } })
      world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
      expectSucceeded(await world.sync(pr, 'labeled', { label: START, inputs }))
      expect(status(pr, G)).toBe('running')
    } finally {
      world.aws.setBehaviour({ ignoresSigterm: false, taskExit: false })
    }
  })

  it('a close while a preview wakes wins: it is torn down, never shown running', async () => {
    const D = 'd00d1e5' + '4'.repeat(33)
    const pr = await asleep(D)

    // The wake's scale-up takes effect; its answer waits until the PR is closed.
    const scaledUp = world.aws.hold(
      (r) =>
        r.action === 'UpdateService' && (r.body as { desiredCount?: number }).desiredCount === 1,
      { phase: 'after' }
    )
    world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
    const waking = world.sync(pr, 'labeled', { label: START, inputs })
    await scaledUp.reached
    world.github.updatePull(pr, { state: 'closed' })
    scaledUp.release()
    const result = await waking
    expectSucceeded(result)

    expect(result.stdout).toContain('the PR was closed during the wake')
    expect(world.labels(pr).filter((l) => l.startsWith('🎪'))).toEqual([])
    expect(service(pr, D)).toBeUndefined()
    expect(served(pr)).toBeUndefined()
    expect(
      world.github
        .comments(pr)
        .some((c) => c.body.includes(`https://pr-${pr}.${DOMAIN}`) && c.body.includes('running'))
    ).toBe(false)
  })
})
