// A shared AWS account, end to end: the bundle against the emulators, where another repository's
// preview, a team's service and an infrastructure repository's listener rule live beside this
// repository's environments. Each case reproduces an attack or an accident that once deleted or
// changed a resource that was not this repository's (Issue #19): every path that changes or
// deletes must leave it alone, say so in the job summary, and leave no label naming it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fnv1a } from '../support/http-emulator.js'
import { runAction } from '../support/run-action.js'
import { FAST, START, STOP, World } from '../support/world.js'
import { expectSucceeded } from '../support/expectations.js'

const DOMAIN = 'preview.example.com'
const A = 'abc123f' + '1'.repeat(33)
const B = 'def456a' + '2'.repeat(33)
/** Another commit whose first seven hex characters are A's: a fork author found it by brute
 * force (2^28 tries). */
const COLLIDING = 'abc123f' + 'e'.repeat(33)
/** The preview of repository `other-org/app-a` in the same cluster. */
const THEIRS = { showtime_managed: 'true', repository: 'other-org/app-a' }
const LEFT_ALONE = /not ours: left alone/i

let world: World
let listener: string
let balanced: Record<string, string>

beforeAll(async () => {
  world = await World.start()
  balanced = world.behindLoadBalancer(DOMAIN)
  listener = balanced['load-balancer-listener-arn'] as string
})
afterAll(() => world.stop())

const host = (pr: number) => `pr-${pr}.${DOMAIN}`
/** `st-{repository key}-{pr}-{sha}` (docs/load-balancer.md, "What happens"), worked out on its own. */
const group = (pr: number, sha: string) => {
  const key = fnv1a(world.github.fullName.toLowerCase()).toString(16).padStart(8, '0').slice(0, 6)
  return `st-${key}-${pr}-${sha.slice(0, 7)}`
}
const rulesOf = (pr: number) => world.aws.elb.ruleSummaries().filter((r) => r.host === host(pr))
const changes = () =>
  world.aws.requests.map((r) => r.action).filter((action) => /^(Update|Delete|Modify)/.test(action))
const namingCommit = (pr: number, short: string) =>
  world.labels(pr).filter((label) => label.includes(short))

/** A preview of repository other-org/app-a: its service, named as Showtime names PR `pr`'s. */
function theirPreview(pr: number, sha: string): string {
  const name = `pr-${pr}-${sha.slice(0, 7)}-service`
  world.aws.addService({ serviceName: name, tags: { ...THEIRS, pr: String(pr), sha } })
  return name
}

describe("another repository's preview in the same cluster", () => {
  it('survives a triage user who labels a PR with its commit as failed and closes the PR', async () => {
    const pr = world.newPr([], B)
    const preview = theirPreview(pr, A)
    // A's commit is public in A's labels; triage may add labels and close PRs.
    world.github.setLabels(pr, ['🎪 abc123f 🚦 failed'])
    world.github.updatePull(pr, { state: 'closed' })
    world.aws.clearRequests()
    const result = await world.sync(pr, 'closed', { sender: 'triager' })
    expectSucceeded(result)
    expect(world.activeServiceNames()).toContain(preview)
    expect(changes()).toEqual([])
    expect(world.labels(pr)).toEqual([])
    expect(result.summary).toMatch(LEFT_ALONE)
    expect(result.summary).toContain(`${preview} belongs to other-org/app-a`)
    expect(result.commands.warnings.filter((w) => w.includes(preview))).toHaveLength(1)
  })

  it('survives a fork commit that shares its 7-hex prefix: the refused deploy leaves no label naming it', async () => {
    const pr = world.newPr([START], COLLIDING, { fork: true })
    const preview = theirPreview(pr, A)
    world.aws.clearRequests()
    const deploy = await world.sync(pr, 'labeled', { label: START })
    expect(deploy.code).toBe(1)
    expect(deploy.commands.errors.at(-1)).toMatch(
      new RegExp(`${preview} belongs to other-org/app-a, not apache/superset: it is left alone$`)
    )
    expect(namingCommit(pr, 'abc123f')).toEqual([])
    expect(deploy.summary).toMatch(LEFT_ALONE)
    // Later: the author closes the PR (or a stop, or the cleanup, comes by).
    world.github.updatePull(pr, { state: 'closed' })
    expectSucceeded(await world.sync(pr, 'closed', { sender: 'contributor' }))
    expect(world.activeServiceNames()).toContain(preview)
    expect(changes()).toEqual([])
  })
})

describe('cleanup deletes only what carries both ownership tags and a Showtime name', () => {
  it("leaves a team's billing-api tagged repository=<this repository> alone (Terraform default_tags)", async () => {
    const own = await World.start()
    try {
      const team = { repository: own.github.fullName }
      own.aws.addService({ serviceName: 'billing-api', tags: team })
      own.aws.addService({ serviceName: 'pr-4242-0ddba11-service', tags: team })
      own.aws.addService({
        serviceName: 'reports-worker',
        tags: { showtime_managed: 'true', repository: own.github.fullName }
      })
      own.aws.addService({
        serviceName: 'pr-4243-0ddba11-service',
        tags: { showtime_managed: 'true', repository: own.github.fullName }
      })
      const result = await runAction({
        github: own.github,
        awsEndpoint: own.aws.url,
        eventName: 'schedule',
        event: { schedule: '0 */6 * * *' },
        inputs: { mode: 'cleanup' },
        env: FAST
      })
      expectSucceeded(result)
      // Only this repository's orphan, tagged by Showtime and named like its services, goes.
      expect(own.activeServiceNames()).toEqual([
        'billing-api',
        'pr-4242-0ddba11-service',
        'reports-worker'
      ])
      expect(result.summary).toMatch(LEFT_ALONE)
      expect(result.summary).toContain('billing-api')
    } finally {
      await own.stop()
    }
  })
})

describe('behind the shared load balancer', () => {
  it("an untagged listener rule for the PR's host is neither modified by a deploy nor deleted by a stop", async () => {
    const pr = world.newPr([START], A)
    const infrastructure = world.aws.elb.addTargetGroup('infra-previews')
    world.aws.elb.addRule(listener, {
      host: host(pr),
      priority: 49_901,
      targetGroupArns: [infrastructure]
    })
    const before = rulesOf(pr)
    const deploy = await world.sync(pr, 'labeled', { label: START, inputs: balanced })
    expect(deploy.code).toBe(1)
    expect(deploy.commands.errors.at(-1)).toMatch(
      new RegExp(`the listener rule for ${host(pr)} has no repository tag: it is left alone$`)
    )
    expect(rulesOf(pr)).toEqual(before)
    expect(namingCommit(pr, 'abc123f')).toEqual([])
    expect(world.aws.elb.targetGroupNames()).not.toContain(group(pr, A))

    // A PR served at its task's address; the rule for its host appears; a stop behind the load
    // balancer takes the PR's environment down, and leaves the rule.
    const served = world.newPr([START], B)
    expectSucceeded(await world.sync(served, 'labeled', { label: START }))
    world.aws.elb.addRule(listener, {
      host: host(served),
      priority: 49_902,
      targetGroupArns: [infrastructure]
    })
    const rule = rulesOf(served)
    world.github.setLabels(served, [...world.github.labelsOn(served), STOP])
    const stop = await world.sync(served, 'labeled', { label: STOP, inputs: balanced })
    expectSucceeded(stop)
    expect(rulesOf(served)).toEqual(rule)
    expect(world.activeServiceNames()).not.toContain(`pr-${served}-def456a-service`)
    expect(stop.summary).toMatch(LEFT_ALONE)
  })

  it.each([
    ['with other settings (CreateTargetGroup answers DuplicateTargetGroupName)', false],
    ['with the same settings (CreateTargetGroup returns it)', true]
  ])(
    'a target group of our name tagged for another repository, %s, is neither reused nor deleted',
    async (_how, sameSettings) => {
      // A target group this repository's deploys create, whose settings the other one copies.
      const model = world.newPr([START], B)
      expectSucceeded(await world.sync(model, 'labeled', { label: START, inputs: balanced }))
      const like = world.aws.elb.targetGroups().find((g) => g.name === group(model, B))?.arn
      const pr = world.newPr([START], A)
      const theirs = world.aws.elb.addTargetGroup(group(pr, A), THEIRS, {
        ...(sameSettings && like && { settingsOf: like })
      })
      const deploy = await world.sync(pr, 'labeled', { label: START, inputs: balanced })
      expect(deploy.code).toBe(1)
      expect(deploy.commands.errors.at(-1)).toMatch(
        new RegExp(
          `the target group ${group(pr, A)} belongs to other-org/app-a, not apache/superset: it is left alone$`
        )
      )
      expect(world.aws.elb.targetGroups().find((g) => g.arn === theirs)?.tags).toEqual(THEIRS)
      expect(rulesOf(pr).flatMap((r) => r.forward)).toEqual([])
      expect(world.activeServiceNames()).not.toContain(`pr-${pr}-abc123f-service`)
      expect(namingCommit(pr, 'abc123f')).toEqual([])

      // A label naming that commit (added by hand), then the PR closes: the group stays.
      world.github.setLabels(pr, ['🎪 abc123f 🚦 failed'])
      world.github.updatePull(pr, { state: 'closed' })
      const close = await world.sync(pr, 'closed', { sender: 'triager', inputs: balanced })
      expectSucceeded(close)
      expect(world.aws.elb.targetGroups().map((g) => g.arn)).toContain(theirs)
      expect(close.summary).toMatch(LEFT_ALONE)
    }
  )
})
