// Exact approvals, and stop and close always win, end to end: each case is an attack a hostile fork
// could try on the committed bundle, run against the emulators, and shown to fail. A maintainer
// approves one full commit; a fork can neither swap it for another with the same 7-character
// prefix, nor keep its preview up past a close or a stop, nor drain the request budget by pushing.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import pLimit from 'p-limit'
import { dispatchEvent } from '../../__fixtures__/events.js'
import { readPrLabels } from '../support/label-reader.js'
import { type RunResult, runAction } from '../support/run-action.js'
import { FAST, START, STOP, World } from '../support/world.js'
import { expectSucceeded } from '../support/expectations.js'

/** The reviewed commit, and a fork commit forged to share its first 7 hex characters. */
const REVIEWED = 'abc123f' + '1'.repeat(33)
const FORGED = 'abc123f' + 'e'.repeat(33)
const LATER = 'def456a' + '2'.repeat(33)
const FORK_NOTE = "New commits pushed to this PR's fork are not deployed on their own"

let world: World

beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())
beforeEach(async () => {
  world.app.healthy = true
  world.github.setRateLimitRemaining(1000)
  world.github.setRateLimitRemaining(1000, 'graphql')
  await world.setDocker({ exitCode: 0 })
})

const services = (pr: number) => world.activeServiceNames(pr)
const showtimeLabels = (pr: number) => world.labels(pr).filter((l) => l.startsWith('🎪'))
const createsOf = (pr: number) =>
  world.aws.requests.filter(
    (r) => r.action === 'CreateService' && JSON.stringify(r.body).includes(`pr-${pr}-`)
  )

/** Runs the bundle for a workflow_dispatch, as a maintainer starts one from the Actions tab. */
function dispatch(inputs: Record<string, string>, mode = 'sync'): Promise<RunResult> {
  return runAction({
    github: world.github,
    awsEndpoint: world.aws.url,
    pathPrepend: [world.docker.dir],
    eventName: 'workflow_dispatch',
    event: dispatchEvent(inputs),
    inputs: { mode, 'container-port': String(world.app.port) },
    env: FAST
  })
}

async function deployFork(sha = REVIEWED): Promise<number> {
  const pr = world.newPr([START], sha, { fork: true })
  expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
  expect(services(pr)).toEqual([`pr-${pr}-${sha.slice(0, 7)}-service`])
  return pr
}

describe('a maintainer approves one full commit: a 7-character prefix carries nothing', () => {
  it('a dispatch of the reviewed full SHA deploys it, never the forged head sharing its prefix', async () => {
    // The fork's environment runs an older commit; the maintainer reviewed REVIEWED, then the
    // fork pushed FORGED, which shares its first 7 characters.
    const pr = await deployFork(LATER)
    world.github.updatePull(pr, { headSha: FORGED })
    const result = await dispatch({ pr_number: String(pr), sha: REVIEWED })
    expectSucceeded(result)
    expect(result.outputs.action_reason).toBe('auto_sync_new_commit')
    const [service] = world.aws
      .activeServices()
      .filter((s) => s.serviceName === `pr-${pr}-abc123f-service`)
    expect(service?.tags.sha).toBe(REVIEWED)
    // The service runs the image this build pushed, by its digest, not a tag the PR could move.
    const definition = world.aws.taskDefinitions().find((t) => t.arn === service?.taskDefinition)
      ?.body as { containerDefinitions: { image: string }[] }
    expect(definition.containerDefinitions[0]?.image).toBe(
      `apache/superset@${world.docker.builds().at(-1)?.digest}`
    )
  })

  it('a dispatch of the short SHA is refused in one line, before any request', async () => {
    const pr = world.newPr([], FORGED, { fork: true })
    world.github.clearRequests()
    const builds = world.docker.calls().length
    const result = await dispatch({ pr_number: String(pr), sha: 'abc123f' })
    expect(result.code).toBe(1)
    expect(result.commands.errors).toEqual([
      'Input "sha (workflow_dispatch)" must be a full commit SHA of 40 hex characters; got "abc123f".'
    ])
    expect(world.github.requests).toEqual([])
    expect(world.docker.calls()).toHaveLength(builds)
    expect(services(pr)).toEqual([])
  })

  it('the forged commit pushed over a reviewed environment is not called running, nor deployed', async () => {
    const pr = await deployFork(REVIEWED)
    world.github.updatePull(pr, { headSha: FORGED })
    const builds = world.docker.calls().length
    const check = await world.run('check', pr, 'synchronize', { sender: 'contributor' })
    expectSucceeded(check)
    expect(check.outputs.action_reason).toBe('short_sha_collision')
    expect(check.outputs).toMatchObject({ build_needed: 'false', sync_needed: 'false' })
    expect(check.stdout).toContain(`the service of abc123f runs ${REVIEWED}`)
    expect(world.docker.calls()).toHaveLength(builds)
  })

  it('an environment seeded with the forged commit is not "already running" for the reviewed one', async () => {
    // The cluster holds an environment whose short SHA is the reviewed commit's, but whose service
    // records the forged commit: the labels alone would call the reviewed commit running.
    const pr = world.newPr([], REVIEWED, { fork: true })
    world.github.setLabels(pr, [
      '🎪 abc123f 🚦 running',
      '🎪 abc123f 📅 2026-12-01T10-00',
      '🎪 🎯 abc123f',
      '🎪 ⌛ 48h'
    ])
    world.aws.addService({
      serviceName: `pr-${pr}-abc123f-service`,
      tags: {
        showtime_managed: 'true',
        repository: 'apache/superset',
        pr: String(pr),
        sha: FORGED
      }
    })
    const builds = world.docker.calls().length
    const result = await dispatch({ pr_number: String(pr), sha: REVIEWED }, 'check')
    expectSucceeded(result)
    expect(result.outputs.action_reason).toBe('short_sha_collision')
    expect(result.outputs.action_reason).not.toBe('already_running')
    expect(result.stdout).toContain(`the service of abc123f runs ${FORGED}`)
    expect(world.docker.calls()).toHaveLength(builds)
  })
})

describe('stop and close win at every point of a deploy', () => {
  /** Each point pauses the deploy of a start trigger's run: while it waits, the PR is closed or a
   * maintainer adds the stop trigger (whose own run has not come), then the deploy goes on. */
  const points = {
    'before the service is created (the build)': async () => {
      const build = await world.docker.hold()
      return { reached: build.reached, release: () => build.release() }
    },
    'while the service starts its task': () => {
      const stable = world.aws.hold(
        (r) =>
          r.action === 'ListTasks' && world.aws.requests.some((c) => c.action === 'CreateService')
      )
      return Promise.resolve({ reached: stable.reached, release: () => stable.release() })
    },
    'right before going live (the passing health check)': () => {
      const first = world.app.actionChecks + 1
      const check = world.app.hold((n) => n === first)
      return Promise.resolve({ reached: check.reached, release: () => check.release() })
    }
  } as const
  const interruptions = {
    closed: (pr: number) => world.github.updatePull(pr, { state: 'closed' }),
    stopped: (pr: number) => world.github.addLabel(pr, STOP, 'maintainer')
  } as const
  const cases = Object.keys(points).flatMap((point) =>
    Object.keys(interruptions).map((how) => [how, point] as const)
  )

  it.each(cases)('%s %s: nothing goes live, what the run made is torn down', async (how, point) => {
    const pr = world.newPr([START], REVIEWED)
    world.aws.clearRequests()
    world.github.clearRequests()
    const pause = await points[point as keyof typeof points]()
    const running = world.sync(pr, 'labeled', { label: START })
    await pause.reached
    interruptions[how as keyof typeof interruptions](pr)
    await pause.release()
    const result = await running
    expectSucceeded(result)
    expect(result.stdout).toContain('abc123f is not put live')
    expect(result.outputs.status).not.toBe('running')
    expect(showtimeLabels(pr)).toEqual([])
    expect(services(pr)).toEqual([])
    const created = createsOf(pr).length
    expect(created).toBe(point.startsWith('before the service') ? 0 : 1)
    // No moment of the run showed the commit running (the repository's label definitions, which
    // a run writes ahead while it builds, put nothing on the PR).
    const definition = /^\/repos\/[^/]+\/[^/]+\/labels(\/|$)/
    const everRunning = world.github
      .writes()
      .some(
        (r) => !definition.test(r.path) && String(JSON.stringify(r.body)).includes('🚦 running')
      )
    expect(everRunning).toBe(false)
  })
})

describe('a stop cannot be lost to pushes', () => {
  it("a stop whose own run was replaced is honoured by the fork's next push run", async () => {
    const pr = await deployFork()
    // The maintainer adds the stop trigger; the fork's push replaces its run in the concurrency
    // group, so its own run never comes.
    world.github.addLabel(pr, STOP, 'maintainer')
    world.github.updatePull(pr, { headSha: LATER })
    const check = await world.run('check', pr, 'synchronize', { sender: 'contributor' })
    expectSucceeded(check)
    expect(check.outputs).toMatchObject({
      action_reason: 'stop_trigger_from_timeline',
      sync_needed: 'true',
      build_needed: 'false'
    })
    const result = await world.sync(pr, 'synchronize', { sender: 'contributor' })
    expectSucceeded(result)
    expect(result.stdout).toContain(`${STOP} was added by maintainer, who has the maintain role`)
    expect(services(pr)).toEqual([])
    expect(showtimeLabels(pr)).toEqual([])
  })

  it('but not a stop trigger the timeline shows a triage user added', async () => {
    const pr = await deployFork()
    world.github.addLabel(pr, STOP, 'triager')
    world.github.updatePull(pr, { headSha: LATER })
    const result = await world.sync(pr, 'synchronize', { sender: 'contributor' })
    expectSucceeded(result)
    expect(services(pr)).toEqual([`pr-${pr}-abc123f-service`])
    expect(world.labels(pr)).toContain(STOP)
  })

  it('a start just added beside a stop: the stop wins, nothing is built', async () => {
    const pr = await deployFork()
    world.github.addLabel(pr, STOP, 'maintainer')
    world.github.addLabel(pr, START, 'maintainer')
    const builds = world.docker.calls().length
    const result = await world.sync(pr, 'labeled', { label: START })
    expectSucceeded(result)
    expect(result.outputs).toMatchObject({
      action_needed: 'destroy_environment',
      build_needed: 'false'
    })
    expect(world.docker.calls()).toHaveLength(builds)
    expect(services(pr)).toEqual([])
    expect(showtimeLabels(pr)).toEqual([])
  })

  it('a start beside a stop nobody can vouch for builds nothing either: the stop decides', async () => {
    const pr = await deployFork()
    world.github.setLabels(pr, [...world.github.labelsOn(pr), STOP, START])
    const builds = world.docker.calls().length
    const result = await world.sync(pr, 'labeled', { label: START })
    expectSucceeded(result)
    expect(result.outputs).toMatchObject({
      action_reason: 'stop_trigger_pending',
      build_needed: 'false'
    })
    expect(world.docker.calls()).toHaveLength(builds)
    expect(services(pr)).toEqual([`pr-${pr}-abc123f-service`])
    // The stop's own run then decides, and takes the start with it.
    expectSucceeded(await world.sync(pr, 'labeled', { label: STOP }))
    expect(services(pr)).toEqual([])
    expect(showtimeLabels(pr)).toEqual([])
  })
})

describe('events that change nothing cost nothing', () => {
  it('100 fork pushes on PRs without 🎪 labels cost 0 GitHub requests', async () => {
    const prs = [[], ['bug'], ['bug', 'size/L'], []].map((labels) =>
      world.newPr(labels, REVIEWED, { fork: true })
    )
    world.github.clearRequests()
    world.aws.clearRequests()
    const limit = pLimit(4)
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, push) =>
        limit(() => {
          const pr = prs[push % prs.length] ?? 0
          const head = push.toString(16).padStart(7, '0') + 'f'.repeat(33)
          world.github.updatePull(pr, { headSha: head })
          return world.run('check', pr, 'synchronize', {
            sender: 'contributor',
            eventHeadSha: head
          })
        })
      )
    )
    for (const result of results) {
      expectSucceeded(result)
      expect(result.outputs).toMatchObject({ build_needed: 'false', sync_needed: 'false' })
    }
    expect(world.github.requests).toEqual([])
    expect(world.aws.requests).toEqual([])
  }, 120_000) // 100 starts of the bundle: about 24 s on a loaded machine, more on a busier one

  it("a fork's pushes on a PR with a preview cost at most 1 request, and the note is written once", async () => {
    const pr = await deployFork()
    const comments = () => world.github.comments(pr).map((c) => c.body)
    expect(comments()).toHaveLength(1)
    expect(comments()[0]?.split(FORK_NOTE)).toHaveLength(2)
    const builds = world.docker.calls().length
    for (const head of [LATER, LATER, FORGED.replace('abc123f', '0c0ffee')]) {
      world.github.updatePull(pr, { headSha: head })
      world.github.clearRequests()
      const check = await world.run('check', pr, 'synchronize', { sender: 'contributor' })
      expectSucceeded(check)
      expect(check.outputs).toMatchObject({
        action_reason: 'fork_commit_needs_approval',
        sync_needed: 'false'
      })
      expect(world.github.requests.length).toBeLessThanOrEqual(1)
    }
    expect(world.docker.calls()).toHaveLength(builds)
    expect(comments()).toHaveLength(1)
    expect(comments()[0]?.split(FORK_NOTE)).toHaveLength(2)
    expect(readPrLabels(world.labels(pr)).activeSha).toBe('abc123f')
  })
})

describe('what a fork cannot change, a same-repository PR still does', () => {
  it('a push to a same-repository PR rolls out; under the freeze it is held', async () => {
    const pr = world.newPr([START], REVIEWED)
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    world.github.updatePull(pr, { headSha: LATER })
    expectSucceeded(await world.sync(pr, 'synchronize', { sender: 'writer' }))
    expect(services(pr)).toEqual([`pr-${pr}-def456a-service`])
    world.github.setLabels(pr, [...world.github.labelsOn(pr), '🎪 🧊 showtime-freeze'])
    world.github.updatePull(pr, { headSha: FORGED })
    const frozen = await world.sync(pr, 'synchronize', { sender: 'writer' })
    expectSucceeded(frozen)
    expect(frozen.outputs.action_reason).toBe('frozen')
    expect(services(pr)).toEqual([`pr-${pr}-def456a-service`])
  })
})
