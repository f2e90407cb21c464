// Stable HTTPS addresses behind the shared load balancer, run as a workflow runs them: the bundle
// against the emulators, whose load balancer registers the tasks of a service in its target group
// and health-checks them against the test app. While a roll-over runs, the PR's address is sampled
// every few milliseconds: it must never reach a target group without a healthy target.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { targetGroupName } from '../support/http-emulator.js'
import { runAction, type RunResult } from '../support/run-action.js'
import { FAST, START, STOP, World } from '../support/world.js'
import { expectSucceeded } from '../support/expectations.js'

const DOMAIN = 'preview.example.com'
const A = 'abc123f' + '1'.repeat(33)
const B = 'def456a' + '2'.repeat(33)
const C = 'c0ffee1' + '3'.repeat(33)

let world: World
let listener: string
let inputs: Record<string, string>

beforeAll(async () => {
  world = await World.start()
  inputs = world.behindLoadBalancer(DOMAIN)
  listener = inputs['load-balancer-listener-arn'] as string
})
afterAll(() => world.stop())

const host = (pr: number) => `pr-${pr}.${DOMAIN}`
const group = (pr: number, sha: string) => targetGroupName(world.github.fullName, pr, sha)
const rulesOf = (pr: number) => world.aws.elb.ruleSummaries().filter((r) => r.host === host(pr))

/** Samples what the PR's address reaches until stopped; every sample must reach a target group
 * with a healthy target once the address exists. */
function sampleAddress(pr: number) {
  const served: string[] = []
  const faults: string[] = []
  const timer = setInterval(() => {
    const route = world.aws.elb.servedBy(host(pr))
    if (route === undefined) return void served.push('(no route)')
    const names = route.targetGroups.map((g) => g.name).join('+')
    if (served.at(-1) !== names) served.push(names)
    if (route.targetGroups.length === 0) faults.push('the rule forwards to nothing')
    for (const target of route.targetGroups) {
      if (target.healthy === 0) faults.push(`${target.name}: ${target.states.join(', ')}`)
    }
  }, 2)
  return {
    stop() {
      clearInterval(timer)
      return { served, faults }
    }
  }
}

async function deployed(sha: string): Promise<number> {
  const pr = world.newPr([START], sha)
  expectSucceeded(await world.sync(pr, 'labeled', { label: START, inputs }))
  return pr
}

describe('stable HTTPS addresses behind a shared load balancer', () => {
  it('gives a first deploy the address https://pr-{n}.{domain} everywhere people look', async () => {
    const pr = world.newPr([START], A)
    const result = await world.sync(pr, 'labeled', { label: START, inputs })
    expectSucceeded(result)
    const url = `https://${host(pr)}`

    expect(result.outputs.url).toBe(url)
    expect(result.summary).toContain(url)
    expect(world.github.comments(pr).at(-1)?.body).toContain(`| URL | ${url} |`)
    const deployment = world.github.deployments().find((d) => d.task === `deploy:pr-${pr}`)
    expect(deployment?.statuses.at(-1)?.environment_url).toBe(url)
    // No 🌐 label: the address is the PR's, not the commit's.
    expect(world.labels(pr)).toEqual(
      expect.arrayContaining(['🎪 abc123f 🚦 running', '🎪 🎯 abc123f'])
    )
    expect(world.labels(pr).some((l) => l.includes('🌐'))).toBe(false)

    expect(rulesOf(pr)).toEqual([
      {
        host: host(pr),
        forward: [`${group(pr, A)}:1`],
        tags: { pr: String(pr), showtime_managed: 'true', repository: world.github.fullName }
      }
    ])
    expect(world.aws.elb.servedBy(host(pr))?.targetGroups).toEqual([
      { name: group(pr, A), healthy: 1, states: ['healthy'] }
    ])
    expect(group(pr, A)).toMatch(/^st-[0-9a-f]{6}-\d+-abc123f$/)
    expect(group(pr, A).length).toBeLessThanOrEqual(32)

    const service = world.aws
      .activeServices()
      .find((s) => s.serviceName === `pr-${pr}-abc123f-service`)
    const network = service?.networkConfiguration as {
      awsvpcConfiguration: { assignPublicIp: string }
    }
    expect(network.awsvpcConfiguration.assignPublicIp).toBe('DISABLED')
    expect(service?.tasks.every((t) => t.publicIp === null)).toBe(true)
    const definition = world.aws.taskDefinitions().at(-1)?.body as {
      containerDefinitions: { environment: { name: string; value: string }[] }[]
    }
    expect(definition.containerDefinitions[0]?.environment).toContainEqual({
      name: 'SHOWTIME_URL',
      value: url
    })
  })

  it('rolls over to a new commit without the address ever reaching an unhealthy target', async () => {
    const pr = await deployed(A)
    world.github.updatePull(pr, { headSha: B })
    const sampler = sampleAddress(pr)
    const result = await world.sync(pr, 'synchronize', { inputs })
    const { served, faults } = sampler.stop()
    expectSucceeded(result)

    expect(faults).toEqual([])
    expect(served).toEqual([group(pr, A), group(pr, B)])
    expect(result.outputs.url).toBe(`https://${host(pr)}`)
    expect(rulesOf(pr).map((r) => r.forward)).toEqual([[`${group(pr, B)}:1`]])
    expect(world.aws.elb.targetGroupNames()).not.toContain(group(pr, A))
    expect(world.activeServiceNames()).not.toContain(`pr-${pr}-abc123f-service`)
    expect(world.labels(pr).filter((l) => l.includes('abc123f'))).toEqual([])
  })

  it('leaves the address on the old commit when the new one never becomes healthy', async () => {
    const pr = await deployed(A)
    world.github.updatePull(pr, { headSha: C })
    world.app.failingCommits.add('c0ffee1')
    const sampler = sampleAddress(pr)
    let result: RunResult
    try {
      result = await world.sync(pr, 'synchronize', { inputs })
    } finally {
      world.app.failingCommits.clear()
    }
    const { served, faults } = sampler.stop()

    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toMatch(
      new RegExp(`had no healthy target in ${group(pr, C)} after \\d+ checks \\(last: unhealthy`)
    )
    expect(faults).toEqual([])
    expect(served).toEqual([group(pr, A)])
    expect(rulesOf(pr).map((r) => r.forward)).toEqual([[`${group(pr, A)}:1`]])
    expect(world.aws.elb.targetGroupNames()).not.toContain(group(pr, C))
    expect(world.activeServiceNames()).not.toContain(`pr-${pr}-c0ffee1-service`)
    expect(world.labels(pr)).toEqual(
      expect.arrayContaining(['🎪 abc123f 🚦 running', '🎪 🎯 abc123f', '🎪 c0ffee1 🚦 failed'])
    )
  })

  it('a roll-over killed while its new commit is checked: the post step puts the rule back', async () => {
    const pr = await deployed(A)
    world.github.updatePull(pr, { headSha: B })
    const sampler = sampleAddress(pr)
    // Killed on its first look at the new target group's health.
    const check = world.aws.hold((r) => r.action === 'DescribeTargetHealth')
    const killed = await world.sync(pr, 'synchronize', { inputs, killWhen: { at: check.reached } })
    check.drop()
    expect(killed.signal, killed.stdout).toBe('SIGKILL')
    expect(rulesOf(pr).map((r) => r.forward)).toEqual([[`${group(pr, A)}:1`, `${group(pr, B)}:0`]])

    expectSucceeded(await world.sync(pr, 'synchronize', { inputs, state: killed.state }))
    const { served, faults } = sampler.stop()
    expect(faults).toEqual([])
    expect(served).toEqual([group(pr, A)])
    expect(rulesOf(pr).map((r) => r.forward)).toEqual([[`${group(pr, A)}:1`]])
    expect(world.aws.elb.targetGroupNames()).not.toContain(group(pr, B))
    expect(world.activeServiceNames()).not.toContain(`pr-${pr}-def456a-service`)
  })

  it("moves a PR deployed at its task's address behind the load balancer with its next commit", async () => {
    const pr = world.newPr([START], A)
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    expect(world.labels(pr)).toContain(`🎪 abc123f 🌐 127.0.0.1:${world.app.port}`)
    world.github.updatePull(pr, { headSha: B })
    const result = await world.sync(pr, 'synchronize', { inputs })
    expectSucceeded(result)
    expect(result.outputs.url).toBe(`https://${host(pr)}`)
    expect(rulesOf(pr).map((r) => r.forward)).toEqual([[`${group(pr, B)}:1`]])
    expect(world.labels(pr).some((l) => l.includes('🌐'))).toBe(false)
    expect(world.activeServiceNames()).not.toContain(`pr-${pr}-abc123f-service`)
  })

  it('dry-run-aws simulates the load balancer without a request to AWS', async () => {
    const pr = world.newPr([START], A)
    world.aws.clearRequests()
    const result = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { ...inputs, 'dry-run-aws': 'true' }
    })
    expectSucceeded(result)
    expect(world.aws.requests).toEqual([])
    expect(result.stdout).toContain(`[dry-run-aws] would create the target group ${group(pr, A)}`)
    expect(result.stdout).toContain(`[dry-run-aws] would change the listener rule for ${host(pr)}`)
    expect(result.outputs.url).toBe(`https://${host(pr)}`)
  })

  it('takes the next free priority when another run takes the one it tried', async () => {
    world.aws.injectFault({ action: 'CreateRule', type: 'PriorityInUse', message: 'taken' })
    const pr = await deployed(A)
    expect(rulesOf(pr)).toHaveLength(1)
    expect(world.aws.requests.filter((r) => r.action === 'CreateRule').slice(-2)).toMatchObject([
      { status: 400 },
      { status: 200 }
    ])
  })

  it('stop removes the rule, the target groups and the services', async () => {
    const pr = await deployed(A)
    world.github.setLabels(pr, [...world.github.labelsOn(pr), STOP])
    expectSucceeded(await world.sync(pr, 'labeled', { label: STOP, inputs }))
    expect(rulesOf(pr)).toEqual([])
    expect(world.aws.elb.servedBy(host(pr))).toBeUndefined()
    expect(world.aws.elb.targetGroupNames()).not.toContain(group(pr, A))
    expect(world.activeServiceNames()).not.toContain(`pr-${pr}-abc123f-service`)
    expect(world.labels(pr)).toEqual([])
  })

  it("cleanup removes this repository's orphaned rules and target groups, and never others", async () => {
    const live = await deployed(A)
    const ours = { showtime_managed: 'true', repository: world.github.fullName }
    const theirs = { showtime_managed: 'true', repository: 'other/repo' }
    const elb = world.aws.elb
    const orphan = elb.addTargetGroup(group(77_001, A), ours)
    elb.addRule(listener, {
      host: host(77_001),
      priority: 49_001,
      targetGroupArns: [orphan],
      tags: { ...ours, pr: '77001' }
    })
    const foreign = elb.addTargetGroup(`st-ffffff-77002-${A.slice(0, 7)}`, theirs)
    elb.addRule(listener, {
      host: host(77_002),
      priority: 49_002,
      targetGroupArns: [foreign],
      tags: { ...theirs, pr: '77002' }
    })
    elb.addTargetGroup(group(77_003, B), ours)

    const cleanup = (extra: Record<string, string> = {}) =>
      runAction({
        github: world.github,
        awsEndpoint: world.aws.url,
        eventName: 'schedule',
        event: { schedule: '0 */6 * * *' },
        inputs: { mode: 'cleanup', ...inputs, ...extra },
        env: FAST
      })
    // A dry run reads the real load balancer and prints what it would delete.
    const dry = await cleanup({ 'dry-run-aws': 'true', 'dry-run-github': 'true' })
    expectSucceeded(dry)
    expect(dry.stdout).toContain(`[dry-run-aws] would delete the target group ${group(77_003, B)}`)
    expect(elb.targetGroupNames()).toContain(group(77_003, B))

    const result = await cleanup()
    expectSucceeded(result)
    expect(result.summary).toContain('1 orphaned listener rules deleted')
    expect(result.summary).toContain('2 orphaned target groups deleted')
    expect(rulesOf(77_001)).toEqual([])
    expect(rulesOf(77_002)).toHaveLength(1)
    expect(rulesOf(live)).toHaveLength(1)
    const names = elb.targetGroupNames()
    expect(names).toContain(group(live, A))
    expect(names).toContain(`st-ffffff-77002-${A.slice(0, 7)}`)
    expect(names).not.toContain(group(77_001, A))
    expect(names).not.toContain(group(77_003, B))
  })
})
