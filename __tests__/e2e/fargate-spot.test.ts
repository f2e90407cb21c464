// Fargate Spot end to end: capacity-provider FARGATE_SPOT creates the service on the Spot capacity
// provider (never beside a launch type); when Spot has no capacity, ECS says so in the service's
// events and keeps waiting, and the deploy moves the service to on-demand Fargate and goes live.
// The default stays the FARGATE launch type. The documented IAM policy allows all of it.

import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { readmePolicy } from '../support/iam-lifecycle.js'
import { pullRequestEvent } from '../../__fixtures__/events.js'
import { REPO_ROOT, runAction } from '../support/run-action.js'
import { FAST, START, World } from '../support/world.js'
import { expectSucceeded } from '../support/expectations.js'

const A = 'abc123f' + '1'.repeat(33)
const B = 'def456a' + '2'.repeat(33)
const SPOT = { 'capacity-provider': 'FARGATE_SPOT' }

let world: World
beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())
beforeEach(() =>
  world.aws.setBehaviour({ spotCapacity: true, capacityProviders: ['FARGATE', 'FARGATE_SPOT'] })
)

/** The ECS requests of one action the last run sent, their bodies. */
const ecsCalls = (action: string) =>
  world.aws.requests
    .filter((r) => r.service === 'ecs' && r.action === action)
    .map((r) => r.body as Record<string, unknown>)

const service = (pr: number, sha = 'abc123f') =>
  world.aws.activeServices().find((s) => s.serviceName === `pr-${pr}-${sha}-service`)

describe('capacity-provider', () => {
  it('FARGATE (the default) keeps the launch type, with no strategy', async () => {
    const pr = world.newPr([START], A)
    world.aws.clearRequests()
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    const [create] = ecsCalls('CreateService')
    expect(create).toMatchObject({ launchType: 'FARGATE' })
    expect(create).not.toHaveProperty('capacityProviderStrategy')
  })

  it('FARGATE_SPOT runs the task on Fargate Spot and goes live', async () => {
    const pr = world.newPr([START], A)
    world.aws.clearRequests()
    const result = await world.sync(pr, 'labeled', { label: START, inputs: SPOT })
    expectSucceeded(result)
    const [create] = ecsCalls('CreateService')
    expect(create).toMatchObject({
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }]
    })
    expect(create).not.toHaveProperty('launchType')
    expect(ecsCalls('UpdateService')).toEqual([])
    expect(service(pr)?.capacityProviderStrategy).toEqual([
      { capacityProvider: 'FARGATE_SPOT', weight: 1, base: 0 }
    ])
    expect(service(pr)?.tasks.map((t) => t.capacityProviderName)).toEqual(['FARGATE_SPOT'])
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
    expect(result.commands.warnings).toEqual([])
  }, 60_000)

  it('without Spot capacity, moves the service to on-demand Fargate and goes live', async () => {
    world.aws.setBehaviour({ spotCapacity: false })
    const pr = world.newPr([START], A)
    world.aws.clearRequests()
    const result = await world.sync(pr, 'labeled', { label: START, inputs: SPOT })
    expectSucceeded(result)
    // With the task definition it runs, which IAM's ecs:task-definition condition reads.
    const [registered] = ecsCalls('RegisterTaskDefinition')
    expect(ecsCalls('UpdateService')).toEqual([
      {
        cluster: 'superset-ci',
        service: `pr-${pr}-abc123f-service`,
        taskDefinition: expect.stringMatching(
          new RegExp(`:task-definition/${String(registered?.family)}:\\d+$`)
        ),
        capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }],
        forceNewDeployment: true
      }
    ])
    expect(result.commands.warnings).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Fargate Spot has no capacity for pr-${pr}-abc123f-service \\("\\(service pr-${pr}-abc123f-service\\) was unable to place a task\\. Reason: Capacity is unavailable at this time\\..*"\\): moving it to on-demand Fargate$`
        )
      )
    ])
    const running = service(pr)
    expect(running?.capacityProviderStrategy?.[0]?.capacityProvider).toBe('FARGATE')
    expect(
      running?.tasks.filter((t) => t.lastStatus === 'RUNNING').map((t) => t.capacityProviderName)
    ).toEqual(['FARGATE'])
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
    expect(result.outputs.url).toBe(`http://127.0.0.1:${world.app.port}`)
  }, 60_000)

  it('a forced rebuild asks for Spot again, and falls back again when Spot is still short', async () => {
    world.aws.setBehaviour({ spotCapacity: false })
    const pr = world.newPr([START], A)
    expectSucceeded(await world.sync(pr, 'labeled', { label: START, inputs: SPOT }))
    world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
    world.aws.clearRequests()
    expectSucceeded(await world.sync(pr, 'labeled', { label: START, inputs: SPOT }))
    const updates = ecsCalls('UpdateService')
    expect(updates[0]).toMatchObject({
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 1 }],
      forceNewDeployment: true
    })
    expect(updates[1]).toMatchObject({
      capacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1 }]
    })
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
  }, 60_000)

  it('a cluster without the FARGATE_SPOT capacity provider fails the deploy with AWS’s line', async () => {
    world.aws.setBehaviour({ capacityProviders: ['FARGATE'] })
    const pr = world.newPr([START], A)
    // Run as World.run does, without its check that AWS refused nothing: this run means to meet
    // the refusal.
    const result = await runAction({
      github: world.github,
      awsEndpoint: world.aws.url,
      pathPrepend: [world.docker.dir],
      eventName: 'pull_request_target',
      event: pullRequestEvent('labeled', { number: pr, headSha: A, label: START }),
      inputs: { mode: 'sync', 'container-port': String(world.app.port), ...SPOT },
      env: FAST
    })
    expect(world.aws.violations.take()).toHaveLength(1)
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toContain(
      'The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster.'
    )
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 failed')
  }, 60_000)
})

describe('under the documented IAM policy', () => {
  it('a Spot deploy and its fall-back to on-demand are allowed, and a roll-over tears it down', async () => {
    world.aws.setIamPolicy(
      await readmePolicy({
        account: world.aws.accountId,
        region: world.aws.region,
        cluster: 'superset-ci',
        repository: world.github.fullName
      })
    )
    world.aws.authorizations.length = 0
    // The generic template, whose execution role is the one the policy lets Showtime pass.
    const inputs = {
      ...SPOT,
      'task-definition': join(REPO_ROOT, 'examples', 'task-definition.json')
    }
    try {
      world.aws.setBehaviour({ spotCapacity: false })
      const pr = world.newPr([START], A)
      expectSucceeded(await world.sync(pr, 'labeled', { label: START, inputs }))
      world.aws.setBehaviour({ spotCapacity: true })
      world.github.updatePull(pr, { headSha: B })
      expectSucceeded(await world.sync(pr, 'synchronize', { sender: 'writer', inputs }))
      expect(service(pr, 'def456a')?.tasks.map((t) => t.capacityProviderName)).toEqual([
        'FARGATE_SPOT'
      ])
      expect(service(pr)).toBeUndefined()
      const denied = world.aws.authorizations.filter((a) => a.decision !== 'Allowed')
      expect(denied).toEqual([])
      expect(world.aws.authorizations.map((a) => a.action)).toContain('ecs:UpdateService')
    } finally {
      world.aws.setIamPolicy(undefined)
    }
  }, 120_000)
})
