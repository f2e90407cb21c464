// Trust on real infrastructure, end to end: each case reproduces a finding from trying the bundle as
// an attacker (a hostile fork) and as an adopter (a shared AWS account, a shared request budget)
// would, against the emulators.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { dispatchEvent, pullRequestEvent } from '../../__fixtures__/events.js'
import { SUPERSET_INPUTS } from '../../__fixtures__/superset.js'
import { runAction } from '../support/run-action.js'
import { FAST, START, STOP, World } from '../support/world.js'
import { expectSucceeded } from '../support/expectations.js'

const A = 'abc123f' + '1'.repeat(33)
const B = 'def456a' + '2'.repeat(33)
const C = '0c0ffee' + '3'.repeat(33)
const BLOCKED = '🎪 🔒 showtime-blocked'
// The ECS model's TagValue constraint.
const AWS_TAG_VALUE = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u

let world: World

beforeAll(async () => {
  world = await World.start()
  world.github.setPermission('dependabot[bot]', 'write')
})
afterAll(() => world.stop())
beforeEach(async () => {
  world.app.healthy = true
  world.github.setRateLimitRemaining(1000)
  world.github.setRateLimitRemaining(1000, 'graphql')
  await world.setDocker({ exitCode: 0 })
})

const services = (pr: number) => world.activeServiceNames(pr)

async function deployFork(): Promise<number> {
  const pr = world.newPr([START], A, { fork: true })
  expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
  return pr
}

describe('a fork is hostile: approval is bound to a commit', () => {
  it('a start label left on a fork PR is not deployed by a later label event', async () => {
    const pr = await deployFork()
    // The maintainer's start label for B: its run was replaced before it ran.
    world.github.updatePull(pr, { headSha: B })
    world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
    // The author pushes C; then someone adds an unrelated label.
    world.github.updatePull(pr, { headSha: C })
    const builds = world.docker.calls().length
    const result = await world.sync(pr, 'labeled', { label: 'bug', sender: 'maintainer' })
    expectSucceeded(result)
    expect(world.docker.calls()).toHaveLength(builds)
    expect(services(pr)).toEqual([`pr-${pr}-abc123f-service`])
    expect(world.labels(pr)).toContain(START)
    const comment = world.github.comments(pr).at(-1)?.body ?? ''
    expect(comment).toContain('no run acted on it')
    expect(comment).toContain('`abc123f`') // the live environment keeps its facts
  })

  it('nor by removing the block: the unblock of a fork PR deploys nothing', async () => {
    const pr = await deployFork()
    world.github.updatePull(pr, { headSha: C })
    world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
    const builds = world.docker.calls().length
    const result = await world.sync(pr, 'unlabeled', { label: BLOCKED })
    expectSucceeded(result)
    expect(world.docker.calls()).toHaveLength(builds)
    expect(result.outputs.action_reason).toBe('fork_commit_needs_approval')
    expect(world.labels(pr)).toContain(START)
  })

  it('a start label approves the commit its event carried, even when the fork moved on', async () => {
    const pr = world.newPr([START], A, { fork: true })
    const event = world.github.pull(pr).headSha
    world.github.updatePull(pr, { headSha: C }) // pushed after the label, before the run
    const result = await world.sync(pr, 'labeled', {
      label: START,
      eventHeadSha: event
    })
    expectSucceeded(result)
    expect(result.outputs.target_sha).toBe(A)
    expect(services(pr)).toEqual([`pr-${pr}-abc123f-service`])
  })

  it("a fork author's push leaves a maintainer's pending stop label alone", async () => {
    const pr = await deployFork()
    world.github.setLabels(pr, [...world.github.labelsOn(pr), STOP])
    world.github.updatePull(pr, { headSha: C })
    const result = await world.sync(pr, 'synchronize', { sender: 'contributor' })
    expectSucceeded(result)
    expect(world.labels(pr)).toContain(STOP)
    expect(world.github.comments(pr).at(-1)?.body).toContain('no run acted on it')
  })

  it('a dispatch on a fork PR deploys only a commit it names', async () => {
    const pr = await deployFork()
    world.github.updatePull(pr, { headSha: C })
    const builds = world.docker.calls().length
    const dispatch = (inputs: Record<string, string>) =>
      runAction({
        github: world.github,
        awsEndpoint: world.aws.url,
        pathPrepend: [world.docker.dir],
        eventName: 'workflow_dispatch',
        event: dispatchEvent(inputs),
        inputs: { mode: 'sync', 'container-port': String(world.app.port) },
        env: FAST
      })
    const unnamed = await dispatch({ pr_number: String(pr) })
    expectSucceeded(unnamed)
    expect(unnamed.outputs.action_reason).toBe('fork_dispatch_needs_sha')
    expect(world.docker.calls()).toHaveLength(builds)
    const named = await dispatch({ pr_number: String(pr), sha: C })
    expectSucceeded(named)
    expect(services(pr)).toEqual([`pr-${pr}-0c0ffee-service`])
  })

  it('a trigger that cannot act is removed by its own run, which says why', async () => {
    const pr = world.newPr([BLOCKED, START], A)
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    expect(world.labels(pr)).toEqual([BLOCKED])
    expect(world.github.comments(pr).at(-1)?.body).toContain('showtime-blocked')
    const frozen = await deployFork()
    world.github.setLabels(frozen, [
      ...world.github.labelsOn(frozen),
      '🎪 🧊 showtime-freeze',
      START
    ])
    expectSucceeded(await world.sync(frozen, 'labeled', { label: START }))
    expect(world.labels(frozen)).not.toContain(START)
    expect(world.github.comments(frozen).at(-1)?.body).toContain('this PR is frozen')
  })
})

describe('a PR cannot change what deploys it', () => {
  let workspace: string
  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'showtime-workspace-'))
    await mkdir(join(workspace, 'pr', '.github'), { recursive: true })
    await writeFile(
      join(workspace, 'pr', '.github', 'task-definition.json'),
      JSON.stringify({ family: 'evil', taskRoleArn: 'arn:aws:iam::1:role/admin' })
    )
  })
  afterAll(() => rm(workspace, { recursive: true, force: true }))

  it("refuses a template inside the PR's checkout, in check, before any request", async () => {
    const pr = world.newPr([START], A, { fork: true })
    world.github.clearRequests()
    const result = await world.run('check', pr, 'labeled', {
      label: START,
      cwd: workspace,
      inputs: { 'docker-context': 'pr', 'task-definition': 'pr/.github/task-definition.json' }
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors).toEqual([
      'Input "task-definition" (pr/.github/task-definition.json) lies inside docker-context (pr), the PR\'s checkout, and a PR must not choose what deploys it: check the PR out into a subfolder (docker-context: pr) and read the template from the base branch.'
    ])
    expect(world.github.requests).toEqual([])
  })

  it.each([
    ['missing', undefined, /must name a readable JSON file; base\/td\.json: ENOENT/],
    ['not JSON', '{"family":', /must name a readable JSON file; base\/td\.json: .*JSON/],
    [
      'not for Fargate',
      JSON.stringify({ family: 'app', containerDefinitions: [{ name: 'app' }] }),
      /is not usable: Fargate needs "networkMode": "awsvpc"/
    ]
  ])('a %s template fails check before anything is built', async (_what, text, message) => {
    const base = join(workspace, 'base')
    await rm(base, { recursive: true, force: true })
    await mkdir(base, { recursive: true })
    if (text !== undefined) await writeFile(join(base, 'td.json'), text)
    const pr = world.newPr([START], A)
    world.github.clearRequests()
    const result = await world.run('check', pr, 'labeled', {
      label: START,
      cwd: workspace,
      inputs: { 'docker-context': 'pr', 'task-definition': 'base/td.json' }
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors).toHaveLength(1)
    expect(result.commands.errors[0]).toMatch(message)
    expect(result.outputs.build_needed).toBeUndefined()
    expect(world.github.requests).toEqual([])
  })
})

describe('bad settings fail before anything is written', () => {
  it.each(['ecs-cluster', 'subnets', 'security-groups', 'image-repository'])(
    'an empty %s (an unset repository variable) is one line naming it, before any request',
    async (name) => {
      const pr = world.newPr([START], A)
      world.github.clearRequests()
      for (const mode of ['check', 'sync']) {
        const result = await world.run(mode, pr, 'labeled', {
          label: START,
          inputs: { [name]: '' }
        })
        expect(result.code).toBe(1)
        expect(result.commands.errors).toEqual([
          expect.stringMatching(new RegExp(`^Input "${name}" is required by mode ${mode}`))
        ])
      }
      expect(world.github.requests).toEqual([])
      expect(world.labels(pr)).toEqual([START])
    }
  )

  it("builds only the stage and arguments the workflow names: none of Superset's", async () => {
    const pr = world.newPr([START], A)
    const before = world.docker.calls().length
    expectSucceeded(
      await world.sync(pr, 'labeled', {
        label: START,
        workflowInputs: { ...SUPERSET_INPUTS, 'docker-target': '', 'build-args': '' }
      })
    )
    expect(world.docker.calls().slice(before)).toEqual([
      [
        'buildx',
        'build',
        '--push',
        '--platform',
        'linux/amd64',
        '--cache-from',
        `type=gha,scope=showtime-cache-pr-${pr}`,
        '--cache-from',
        'type=gha,scope=showtime-cache',
        '--cache-to',
        `type=gha,scope=showtime-cache-pr-${pr},mode=max,ignore-error=true`,
        '--metadata-file',
        expect.stringMatching(/metadata\.json$/),
        '-t',
        `apache/superset:pr-${pr}-abc123f-ci`,
        '.'
      ]
    ])
  })
})

describe('every string sent to AWS is valid for AWS', () => {
  it("a bot's push deploys: its login becomes a valid tag value", async () => {
    const pr = world.newPr([START], A)
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    world.github.updatePull(pr, { headSha: B })
    expectSucceeded(await world.sync(pr, 'synchronize', { sender: 'dependabot[bot]' }))
    const service = world.aws
      .activeServices()
      .find((s) => s.serviceName.startsWith(`pr-${pr}-def456a`))
    expect(service?.tags.requester).toBe('dependabot_bot_')
    expect(world.labels(pr)).toContain('🎪 def456a 🤡 dependabot[bot]')
    const definition = world.aws.taskDefinitions().find((t) => t.arn === service?.taskDefinition)
    const tags = (definition?.body as { tags?: { key: string; value: string }[] }).tags ?? []
    for (const tag of [...Object.values(service?.tags ?? {}), ...tags.map((t) => t.value)])
      expect(tag).toMatch(AWS_TAG_VALUE)
    expect(tags).toContainEqual({ key: 'repository', value: 'apache/superset' })
    expect(tags).toContainEqual({ key: 'showtime_managed', value: 'true' })
  })
})

describe('the account is shared: only what is ours', () => {
  it("does not touch a service of the same name that another repository's tag claims", async () => {
    const pr = world.newPr([START], A)
    world.aws.addService({
      serviceName: `pr-${pr}-abc123f-service`,
      tags: { showtime_managed: 'true', repository: 'someone-else/other-app' }
    })
    world.aws.clearRequests()
    const result = await world.sync(pr, 'labeled', { label: START })
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toMatch(
      /belongs to someone-else\/other-app, not apache\/superset: it is left alone$/
    )
    expect(world.aws.requests.map((r) => r.action)).not.toContain('DeleteService')
    expect(world.activeServiceNames()).toContain(`pr-${pr}-abc123f-service`)
  })
})

describe('the budget is shared: no run exhausts it, none waits for the reset', () => {
  // 20, and one read of the PR at each of the two checkpoints (before the service, before going live).
  it('a first deploy costs at most 22 GitHub requests, and its check at most 2', async () => {
    const pr = world.newPr([START], A)
    world.github.clearRequests()
    expectSucceeded(await world.run('check', pr, 'labeled', { label: START }))
    expect(world.github.requests.length).toBeLessThanOrEqual(2)
    world.github.clearRequests()
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    expect(world.github.requests.length).toBeLessThanOrEqual(22)
  })

  it('a sync with too few requests left stops before it claims, with a clear line', async () => {
    const pr = world.newPr([START], A)
    world.github.setRateLimitRemaining(30)
    const result = await world.sync(pr, 'labeled', { label: START })
    expect(result.code).toBe(1)
    expect(result.commands.errors).toEqual([
      expect.stringMatching(
        /^This sync needs up to 50 GitHub requests with room left for other runs, and this token has 2\d of 1000 requests left until \d\d:\d\d UTC: nothing was changed; re-run this job after the reset$/
      )
    ])
    expect(world.labels(pr)).toEqual([START])
  })

  it('a run that meets the exhausted limit stops at once instead of waiting an hour', async () => {
    const pr = world.newPr([START], A)
    world.github.setRateLimitRemaining(0)
    world.github.clearRequests()
    const result = await runAction({
      github: world.github,
      eventName: 'pull_request_target',
      event: pullRequestEvent('labeled', { number: pr, headSha: A, label: START }),
      inputs: { mode: 'check' },
      env: FAST
    })
    // One request, refused (the emulator records it as one a real run would meet), and no retry.
    expect(world.github.requests.map((r) => r.status)).toEqual([403])
    expect(world.github.violations.take()).toHaveLength(1)
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toMatch(
      /^GitHub's rate limit for this token is used up \(0 of 1000 requests left until \d\d:\d\d UTC\): the run stops instead of waiting for the reset; re-run it after the reset$/
    )
  })
})

describe('no lost trigger on an ambiguous claim', () => {
  it('a DELETE that GitHub applied but answered 502 still deploys', async () => {
    const pr = world.newPr([START], A)
    world.github.injectFault({
      method: 'DELETE',
      path: new RegExp(`/issues/${pr}/labels/`),
      status: 502,
      applied: true
    })
    const result = await world.sync(pr, 'labeled', { label: START })
    expectSucceeded(result)
    expect(result.stdout).toContain('the claim of 🎪 ⚡ showtime-trigger-start was ambiguous')
    expect(services(pr)).toEqual([`pr-${pr}-abc123f-service`])
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
  })

  it('but backs off when another run already builds the commit', async () => {
    const pr = world.newPr([START], A)
    world.github.injectFault({
      method: 'DELETE',
      path: new RegExp(`/issues/${pr}/labels/`),
      status: 502,
      applied: true,
      // Another run's claim lands meanwhile: its building labels are on the PR.
      onAnswer: () =>
        world.github.setLabels(pr, ['🎪 abc123f 🚦 building', '🎪 abc123f 📅 2099-01-01T00-00'])
    })
    const builds = world.docker.calls().length
    const result = await world.sync(pr, 'labeled', { label: START })
    expectSucceeded(result)
    expect(result.outputs.sync_needed).toBe('false')
    expect(world.docker.calls()).toHaveLength(builds)
    expect(world.labels(pr)).toEqual(['🎪 abc123f 📅 2099-01-01T00-00', '🎪 abc123f 🚦 building'])
  })
})

describe("the sticky comment is the token's own", () => {
  it('a comment that copies the marker is not edited: Showtime writes its own', async () => {
    const pr = world.newPr([START], A, { fork: true })
    const forged = world.github.addComment(
      pr,
      '<!-- showtime:status -->\n### 🎪 Showtime: [totally legit](https://evil.example)',
      'contributor'
    )
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    const comments = world.github.comments(pr)
    expect(comments.find((c) => c.id === forged)?.body).toContain('totally legit')
    const own = comments.filter((c) => c.user === world.github.actor)
    expect(own).toHaveLength(1)
    expect(own[0]?.body).toContain('is live')
    // The next run finds its own comment again, not the forged one.
    world.github.setLabels(pr, [...world.github.labelsOn(pr), STOP])
    expectSucceeded(await world.sync(pr, 'labeled', { label: STOP }))
    expect(world.github.comments(pr).find((c) => c.id === forged)?.body).toContain('totally legit')
    expect(world.github.comments(pr).filter((c) => c.user === world.github.actor)).toHaveLength(1)
    expect(own[0] && world.github.comments(pr).find((c) => c.id === own[0]!.id)?.body).toContain(
      'environment stopped'
    )
  })
})

describe('deployments', () => {
  const ofPr = (pr: number) =>
    world.github.deployments().filter((d) => d.task === `deploy:pr-${pr}`)
  const latest = (d: { statuses: { state: string }[] }) => d.statuses.at(-1)?.state

  it('a teardown makes every still-active deployment of the PR inactive, not only the newest', async () => {
    const pr = world.newPr([START], A)
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    // An older run left a successful deployment of another commit that nothing deactivated.
    const api = `${world.github.apiUrl}/repos/${world.github.fullName}`
    const headers = { authorization: 'token ghs_test_token', 'content-type': 'application/json' }
    const created = (await (
      await fetch(`${api}/deployments`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          ref: C,
          task: `deploy:pr-${pr}`,
          environment: 'showtime-preview',
          auto_merge: false,
          required_contexts: []
        })
      })
    ).json()) as { id: number }
    await fetch(`${api}/deployments/${created.id}/statuses`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ state: 'success', auto_inactive: false })
    })
    expect(ofPr(pr).map(latest)).toEqual(['success', 'success'])
    world.github.setLabels(pr, [...world.github.labelsOn(pr), STOP])
    expectSucceeded(await world.sync(pr, 'labeled', { label: STOP }))
    expect(ofPr(pr).map(latest)).toEqual(['inactive', 'inactive'])
  })

  it("one PR's deploy never hides another's View deployment: they share one environment", async () => {
    const first = world.newPr([START], A)
    const second = world.newPr([START], B)
    expectSucceeded(await world.sync(first, 'labeled', { label: START }))
    expectSucceeded(await world.sync(second, 'labeled', { label: START }))
    for (const pr of [first, second]) {
      expect(ofPr(pr).map((d) => [d.environment, latest(d)])).toEqual([
        ['showtime-preview', 'success']
      ])
    }
    // A roll-over of the first PR replaces only its own deployment.
    world.github.updatePull(first, { headSha: C })
    expectSucceeded(await world.sync(first, 'synchronize'))
    expect(ofPr(first).map(latest)).toEqual(['inactive', 'success'])
    expect(ofPr(second).map(latest)).toEqual(['success'])
  })

  it('a {pr} in deployment-environment keeps an environment per PR', async () => {
    const pr = world.newPr([START], A)
    expectSucceeded(
      await world.sync(pr, 'labeled', {
        label: START,
        inputs: { 'deployment-environment': 'preview-{pr}' }
      })
    )
    expect(ofPr(pr).map((d) => d.environment)).toEqual([`preview-${pr}`])
  })
})
