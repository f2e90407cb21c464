// sync end to end: the committed bundle against the GitHub and ECS/EC2 emulators, a fake docker
// that records its argv, and a local app that answers the health check.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ANSWERED_HEALTH_CHECK, FREEZE, START, STOP, World } from '../support/world.js'
import { expectSucceeded } from '../support/expectations.js'

const A = 'abc123f' + '1'.repeat(33)
const B = 'def456a' + '2'.repeat(33)

let world: World

beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())
beforeEach(async () => {
  world.app.healthy = true
  world.aws.setBehaviour({
    stabilizeMs: 50,
    noPublicIp: false,
    neverStable: false,
    stuckDraining: false
  })
  await world.setDocker({ exitCode: 0 })
})

const at = () => `127.0.0.1:${world.app.port}`
const created = (labels: string[], sha: string) => labels.find((l) => l.startsWith(`🎪 ${sha} 📅 `))

/** Labels of a PR whose commit `sha` runs, as the first deploy leaves them. */
function runningLabels(labels: string[], sha: string, requester = 'maintainer'): string[] {
  return [
    `🎪 ${sha} 🚦 running`,
    created(labels, sha)!,
    `🎪 ${sha} 🌐 ${at()}`,
    `🎪 ${sha} 🤡 ${requester}`,
    `🎪 🎯 ${sha}`,
    '🎪 ⌛ 48h'
  ].sort()
}

async function deployFirst(sha = A): Promise<number> {
  const pr = world.newPr([START], sha)
  expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
  return pr
}

describe('sync', () => {
  it('first deploy: claim, build, deploy, health, go live', async () => {
    const pr = world.newPr([START], A, { body: 'Try FEATURE_ALERTS=true please' })
    const before = world.docker.calls().length
    world.github.clearRequests()
    const result = await world.sync(pr, 'labeled', { label: START })
    expectSucceeded(result)

    const labels = world.labels(pr)
    expect(created(labels, 'abc123f')).toMatch(/^🎪 abc123f 📅 \d{4}-\d\d-\d\dT\d\d-\d\d$/)
    expect(labels).toEqual(runningLabels(labels, 'abc123f'))

    expect(world.docker.calls().slice(before)).toEqual([
      [
        'buildx',
        'build',
        '--push',
        '--platform',
        'linux/amd64',
        '--target',
        'ci',
        '--build-arg',
        'INCLUDE_CHROMIUM=false',
        '--build-arg',
        'LOAD_EXAMPLES_DUCKDB=true',
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

    const service = world.aws
      .activeServices()
      .find((s) => s.serviceName === `pr-${pr}-abc123f-service`)
    expect(service).toMatchObject({ status: 'ACTIVE', launchType: 'FARGATE' })
    expect(service?.tags).toMatchObject({
      pr: String(pr),
      sha: A,
      repository: 'apache/superset',
      requester: 'maintainer',
      showtime_managed: 'true'
    })
    expect(Number(service?.tags['expires-at']) - Number(service?.tags.created)).toBe(48 * 3600)
    const definition = world.aws.taskDefinitions().find((t) => t.arn === service?.taskDefinition)
      ?.body as {
      containerDefinitions: { image: string; environment: { name: string; value: string }[] }[]
    }
    // The image the build pushed, by its digest: a tag can be moved to other code.
    const built = world.docker.builds().at(-1)
    expect(built?.image).toBe(`apache/superset:pr-${pr}-abc123f-ci`)
    expect(definition.containerDefinitions[0]?.image).toBe(`apache/superset@${built?.digest}`)
    expect(definition.containerDefinitions[0]?.environment).toContainEqual({
      name: 'SUPERSET_FEATURE_ALERTS',
      value: 'True'
    })

    expect(result.outputs).toMatchObject({
      status: 'running',
      url: `http://${at()}`,
      service_name: `pr-${pr}-abc123f-service`,
      image: `apache/superset:pr-${pr}-abc123f-ci`,
      action_needed: 'create_environment'
    })
    expect(world.github.definitions().get('🎪 abc123f 🚦 running')?.color.toLowerCase()).toBe(
      '28a745'
    )
    expect(
      world.github
        .definitions()
        .get('🎪 abc123f 🌐 ' + at())
        ?.color.toLowerCase()
    ).toBe('fff9c4')
    expect(result.summary).toMatch(/build/)
    expect(world.app.hits).toBeGreaterThan(0)
  })

  it('a new commit rolls over: the new SHA goes live, then the old one is torn down', async () => {
    const pr = await deployFirst()
    world.github.updatePull(pr, { headSha: B })
    const result = await world.sync(pr, 'synchronize', { sender: 'writer' })
    expectSucceeded(result)
    const labels = world.labels(pr)
    expect(labels).toEqual(runningLabels(labels, 'def456a', 'writer'))
    expect(world.activeServiceNames(pr)).toEqual([`pr-${pr}-def456a-service`])
    expect(result.outputs).toMatchObject({
      action_reason: 'auto_sync_new_commit',
      status: 'running'
    })
  })

  it('a roll-over tears the old commit down only after the new URL is on the PR', async () => {
    const pr = await deployFirst()
    world.github.updatePull(pr, { headSha: B })
    world.github.clearRequests()
    world.aws.clearRequests()
    expectSucceeded(await world.sync(pr, 'synchronize', { sender: 'writer' }))
    const requests = world.github.requests
    const live = requests.find(
      (r) =>
        r.method === 'POST' &&
        r.path === `/repos/apache/superset/issues/${pr}/labels` &&
        JSON.stringify(r.body).includes('🎪 def456a 🚦 running')
    )
    const liveAt = live && world.github.arrivalOf(live)
    expect(liveAt).toBeDefined()
    const deletion = world.aws.requests.find(
      (r) => r.action === 'DeleteService' && JSON.stringify(r.body).includes('abc123f')
    )
    expect(deletion && world.aws.arrivalOf(deletion)).toBeGreaterThan(liveAt!)
    // One label at a time (REST), or several in one GraphQL mutation.
    const oldLabels = requests.filter(
      (r) =>
        (r.method === 'DELETE' && decodeURIComponent(r.path).includes('🎪 abc123f ')) ||
        r.operation === 'ShowtimeRemoveLabels'
    )
    expect(oldLabels).not.toHaveLength(0)
    for (const r of oldLabels) expect(world.github.arrivalOf(r)).toBeGreaterThan(liveAt!)
  })

  it('a push during the build: the stale commit is not deployed, the new head’s run deploys', async () => {
    const pr = world.newPr([START], A)
    world.aws.clearRequests()
    const build = await world.docker.hold()
    const running = world.sync(pr, 'labeled', { label: START })
    await build.reached
    world.github.updatePull(pr, { headSha: B })
    await build.release()
    const stale = await running
    expectSucceeded(stale)
    expect(world.aws.requests.filter((r) => r.action === 'CreateService')).toEqual([])
    const left = world.labels(pr)
    expect(left).toContain('🎪 abc123f 🚦 failed')
    expect(left.filter((l) => /🚦 (building|deploying)$/.test(l))).toEqual([])
    expect(left.some((l) => l.startsWith('🎪 🎯 '))).toBe(false)
    expect(world.github.comments(pr).at(-1)?.body).toContain('the PR moved on to def456a')

    const newer = await world.sync(pr, 'synchronize', { sender: 'writer' })
    expectSucceeded(newer)
    expect(newer.outputs.action_reason).toBe('auto_sync_new_commit')
    const labels = world.labels(pr)
    expect(labels).toEqual(runningLabels(labels, 'def456a', 'writer'))
    expect(world.activeServiceNames(pr)).toEqual([`pr-${pr}-def456a-service`])
  })

  it('a forced rebuild rolls the running service forward in place and keeps serving', async () => {
    const pr = await deployFirst()
    const service = `pr-${pr}-abc123f-service`
    const firstTask = world.aws
      .activeServices()
      .find((s) => s.serviceName === service)?.taskDefinition
    world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
    const result = await world.sync(pr, 'labeled', { label: START })
    expectSucceeded(result)
    const after = world.aws.activeServices().find((s) => s.serviceName === service)
    expect(after?.taskDefinition).not.toBe(firstTask)
    expect(world.aws.requests.filter((r) => r.action === 'UpdateService')).not.toHaveLength(0)
    const labels = world.labels(pr)
    expect(labels).toEqual(runningLabels(labels, 'abc123f'))
    expect(result.outputs.action_reason).toBe('explicit_start_force_rebuild')
  })

  it('a frozen PR does not roll out a new commit', async () => {
    const pr = await deployFirst()
    world.github.setLabels(pr, [...world.github.labelsOn(pr), FREEZE])
    world.github.updatePull(pr, { headSha: B })
    world.github.clearRequests()
    const builds = world.docker.calls().length
    const result = await world.sync(pr, 'synchronize')
    expectSucceeded(result)
    expect(result.outputs).toMatchObject({ action_reason: 'frozen', sync_needed: 'false' })
    expect(world.github.writes()).toEqual([])
    expect(world.docker.calls()).toHaveLength(builds)
  })

  it('a build failure marks the SHA failed and leaves the running environment alone', async () => {
    const pr = await deployFirst()
    await world.setDocker({ exitCode: 3 })
    world.github.updatePull(pr, { headSha: B })
    const result = await world.sync(pr, 'synchronize')
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toBe(
      `build failed: docker build of apache/superset:pr-${pr}-def456a-ci failed with exit code 3`
    )
    const labels = world.labels(pr)
    expect(labels).toContain('🎪 def456a 🚦 failed')
    expect(labels).toContain('🎪 🎯 abc123f')
    expect(labels).toContain('🎪 abc123f 🚦 running')
    expect(world.activeServiceNames(pr)).toEqual([`pr-${pr}-abc123f-service`])
    expect(result.summary).toContain('Cause')
  })

  it('a failed build leaves a finished comment, deployment and label definitions, nothing half-written', async () => {
    const pr = world.newPr([START], A)
    await world.setDocker({ exitCode: 3 })
    const result = await world.sync(pr, 'labeled', { label: START })
    expect(result.code).toBe(1)
    const labels = world.labels(pr)
    expect(labels).toContain('🎪 abc123f 🚦 failed')
    expect(labels.filter((l) => /🚦 (building|deploying)$/.test(l))).toEqual([])
    const comments = world.github.comments(pr)
    expect(comments).toHaveLength(1)
    expect(comments[0]?.body).toContain('exit code 3')
    const deployment = world.github.deployments().find((d) => d.task === `deploy:pr-${pr}`)
    expect(deployment?.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure'])
    // The commit's labels have their definitions (static ones are cleanup's to define).
    const commitLabels = labels.filter((l) => l.includes('abc123f'))
    expect(commitLabels).toHaveLength(3)
    const grey = commitLabels.filter((l) => world.github.definitions().get(l)?.color === 'ededed')
    expect(grey).toEqual([])
  })

  it('a task that never starts releases the half-created service and marks the SHA failed', async () => {
    const pr = world.newPr([START], A)
    world.aws.setBehaviour({ neverStable: true })
    const result = await world.sync(pr, 'labeled', { label: START })
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toBe(
      `health failed: pr-${pr}-abc123f-service failed its health check 180 times (last: its task is PENDING)`
    )
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 failed')
    expect(world.labels(pr).some((l) => l.includes('🎯') || l.includes('🌐'))).toBe(false)
    expect(world.activeServiceNames(pr)).toEqual([])
  })

  it('an ECS error on create fails the SHA without leaving anything behind', async () => {
    const pr = world.newPr([START], A)
    world.aws.injectFault({
      action: 'CreateService',
      type: 'InvalidParameterException',
      message: 'subnet is gone'
    })
    const result = await world.sync(pr, 'labeled', { label: START })
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toBe('deploy failed: subnet is gone')
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 failed')
    expect(world.activeServiceNames(pr)).toEqual([])
  })

  it('a health check that never passes fails the SHA, releases its service, keeps the old one serving', async () => {
    const pr = await deployFirst()
    world.app.healthy = false
    world.github.updatePull(pr, { headSha: B })
    const result = await world.sync(pr, 'synchronize', { inputs: ANSWERED_HEALTH_CHECK })
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toMatch(/^health|^deploy/)
    expect(result.commands.errors.at(-1)).toContain(
      'failed its health check 6 times (last: HTTP 503)'
    )
    const labels = world.labels(pr)
    expect(labels).toContain('🎪 def456a 🚦 failed')
    expect(labels).toContain('🎪 🎯 abc123f')
    expect(world.activeServiceNames(pr)).toEqual([`pr-${pr}-abc123f-service`])
  })

  it('health-timeout and health-interval bound the health check: failed and released in time', async () => {
    const pr = world.newPr([START], A)
    world.app.healthy = false
    const result = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { 'health-timeout': '1h', 'health-interval': '10m' },
      // At this scale 1 h takes 7.2 s: the check ends after 6 attempts of 10 minutes, not 30.
      env: { SHOWTIME_TIME_SCALE: '0.002' }
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toMatch(
      /^health failed: .* failed its health check 6 times \(last: HTTP 503\)$/
    )
    expect(result.stdout).toContain('health 6/6:')
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 failed')
    expect(world.activeServiceNames(pr)).toEqual([])
  })

  it('builds the Dockerfile the input names, and the tasks carry their service’s tags', async () => {
    const pr = world.newPr([START], A)
    const before = world.docker.calls().length
    const result = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { dockerfile: 'docker/Dockerfile.preview' }
    })
    expectSucceeded(result)
    const [build] = world.docker.calls().slice(before)
    expect(build?.slice(build.indexOf('--file'), build.indexOf('--file') + 2)).toEqual([
      '--file',
      'docker/Dockerfile.preview'
    ])
    const service = world.aws.activeServices().find((s) => s.serviceName.startsWith(`pr-${pr}-`))
    expect(service?.tasks.length).toBeGreaterThan(0)
    for (const task of service?.tasks ?? [])
      expect(task.tags).toMatchObject({
        pr: String(pr),
        repository: world.github.fullName,
        showtime_managed: 'true',
        'aws:ecs:serviceName': service?.serviceName
      })
  })

  it('a task without a public IP fails the health check in bounded time', async () => {
    const pr = world.newPr([START], A)
    world.aws.setBehaviour({ noPublicIp: true })
    const result = await world.sync(pr, 'labeled', { label: START })
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toContain('(last: its task has no public IP)')
    expect(world.activeServiceNames(pr)).toEqual([])
  })

  it('stop tears down every environment of the PR and every 🎪 label', async () => {
    const pr = await deployFirst()
    world.aws.addService({
      serviceName: `pr-${pr}-0000000-service`,
      tags: { showtime_managed: 'true', repository: world.github.fullName }
    })
    world.github.setLabels(pr, [
      ...world.github.labelsOn(pr),
      '🎪 0000000 🚦 failed',
      FREEZE,
      'bug',
      STOP
    ])
    const result = await world.sync(pr, 'labeled', { label: STOP, sender: 'writer' })
    expectSucceeded(result)
    expect(world.labels(pr)).toEqual(['bug'])
    expect(world.activeServiceNames(pr)).toEqual([])
    expect(result.outputs).toMatchObject({
      action_needed: 'destroy_environment',
      build_needed: 'false',
      url: ''
    })
  })

  it('closing the PR while it builds wins over the build', async () => {
    const pr = world.newPr([START], A)
    // The build waits until the closing run (a second node process) has torn down.
    const build = await world.docker.hold()
    const building = world.sync(pr, 'labeled', { label: START })
    await build.reached
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 building')
    world.github.updatePull(pr, { state: 'closed' })
    const closing = await world.sync(pr, 'closed', { sender: 'contributor' })
    expectSucceeded(closing)
    await build.release()
    const built = await building
    expect(built.code, built.stdout).toBe(0)
    expect(built.stdout).toContain('were removed by another run')
    expect(world.labels(pr)).toEqual([])
    expect(world.activeServiceNames(pr)).toEqual([])
  })

  it('an unauthorised start trigger is removed and nothing is built', async () => {
    const pr = world.newPr([START], A)
    const builds = world.docker.calls().length
    const result = await world.sync(pr, 'labeled', { label: START, sender: 'triager' })
    expectSucceeded(result)
    expect(world.labels(pr)).toEqual([])
    expect(world.docker.calls()).toHaveLength(builds)
    expect(result.outputs).toMatchObject({
      action_needed: 'blocked',
      action_reason: 'unauthorised_trigger'
    })
  })

  // ECS tag values may not hold `[bot]` or `…`: World.run fails the test that sends one.
  it('a requester ECS cannot take as a tag value (a bot, a long login) still deploys', async () => {
    for (const login of ['renovate[bot]', `long-${'x'.repeat(40)}`]) {
      world.github.setPermission(login, 'write')
      const pr = world.newPr([START], A)
      expectSucceeded(await world.sync(pr, 'labeled', { label: START, sender: login }))
    }
  })

  it('a start trigger on a SHA already building is consumed without a second build', async () => {
    const pr = world.newPr([START, '🎪 abc123f 🚦 building', '🎪 abc123f 📅 2099-01-01T00-00'], A)
    const builds = world.docker.calls().length
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    expect(world.labels(pr)).toEqual(
      ['🎪 abc123f 🚦 building', '🎪 abc123f 📅 2099-01-01T00-00'].sort()
    )
    expect(world.docker.calls()).toHaveLength(builds)
  })

  it('legacy labels are rewritten in the current form', async () => {
    const pr = world.newPr(
      ['🎪 🚦 abc123f running', '🎪 🌐 abc123f 52-1-2-3', '🎪 🎯 abc123f', START],
      A
    )
    world.github.updatePull(pr, { headSha: B })
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    const labels = world.labels(pr)
    expect(labels).toEqual(runningLabels(labels, 'def456a'))
  })
})

describe('dry runs', () => {
  const combinations = [false, true].flatMap((github) =>
    [false, true].flatMap((aws) => [false, true].map((docker) => ({ github, aws, docker })))
  )

  it.each(combinations)(
    'dry-run-github=$github dry-run-aws=$aws dry-run-docker=$docker',
    async (dry) => {
      const pr = world.newPr([START], A)
      world.github.clearRequests()
      world.aws.clearRequests()
      const builds = world.docker.calls().length
      const result = await world.sync(pr, 'labeled', {
        label: START,
        inputs: {
          'dry-run-github': String(dry.github),
          'dry-run-aws': String(dry.aws),
          'dry-run-docker': String(dry.docker),
          'aws-sleep': '0.05'
        }
      })
      expectSucceeded(result)
      const ip = dry.aws ? '52.1.2.3:' + world.app.port : at()
      if (dry.github) {
        expect(world.github.writes()).toEqual([])
        expect(world.labels(pr)).toEqual([START])
        expect(result.stdout).toContain('[dry-run-github] would add "🎪 abc123f 🚦 building"')
        expect(result.stdout).toContain(
          `[dry-run-github] would add "🎪 abc123f 🚦 running", "🎪 abc123f 🌐 ${ip}", "🎪 🎯 abc123f"`
        )
      } else {
        expect(world.labels(pr)).toContain(`🎪 abc123f 🌐 ${ip}`)
        expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
      }
      expect(world.aws.requests.length === 0).toBe(dry.aws)
      expect(world.docker.calls().length - builds).toBe(dry.docker ? 0 : 1)
      // Outputs describe the result, simulated or not.
      expect(result.outputs).toMatchObject({ status: 'running', url: `http://${ip}` })
    }
  )
})

describe('set-state', () => {
  it('sets one SHA failed without wiping other labels, with the cause in the summary', async () => {
    const pr = await deployFirst()
    world.github.setLabels(pr, [...world.github.labelsOn(pr), 'bug'])
    const before = world.labels(pr)
    const result = await world.run('set-state', pr, 'labeled', {
      inputs: { state: 'failed', sha: A, 'error-message': 'OOM <killed>' }
    })
    expect(result.code).toBe(0)
    expect(result.commands.errors).toEqual(['abc123f failed: OOM <killed>'])
    expect(world.labels(pr)).toEqual(
      before.map((l) => (l === '🎪 abc123f 🚦 running' ? '🎪 abc123f 🚦 failed' : l)).sort()
    )
    expect(result.stdout).toContain('::error title=Showtime::abc123f failed: OOM <killed>')
    expect(result.summary).toContain('OOM &lt;killed&gt;')
    expect(result.outputs).toMatchObject({ status: 'failed', target_sha: A })
  })

  it('sets a new SHA running and points 🎯 at it', async () => {
    const pr = await deployFirst()
    world.github.updatePull(pr, { headSha: B })
    expectSucceeded(
      await world.run('set-state', pr, 'synchronize', { inputs: { state: 'running' } })
    )
    const labels = world.labels(pr)
    expect(labels).toContain('🎪 def456a 🚦 running')
    expect(labels).toContain('🎪 🎯 def456a')
    expect(labels).not.toContain('🎪 🎯 abc123f')
    expect(labels).toContain('🎪 abc123f 🚦 running')
  })
})

describe('an interrupted run', () => {
  it('killed mid-build: the post step marks the SHA failed', async () => {
    const pr = world.newPr([START], A)
    const build = await world.docker.hold()
    const killed = await world.sync(pr, 'labeled', {
      label: START,
      killWhen: { at: build.reached }
    })
    await build.release()
    expect(killed.signal).toBe('SIGKILL')
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 building')
    const post = await world.sync(pr, 'labeled', { label: START, state: killed.state })
    expectSucceeded(post)
    expect(post.commands.warnings.join()).toContain('did not finish')
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 failed')
    expect(world.labels(pr)).not.toContain('🎪 abc123f 🚦 building')
  })

  it('killed during the health check: the post step deletes the service it created', async () => {
    const pr = world.newPr([START], A)
    world.app.healthy = false
    const second = world.app.actionChecks + 2
    const check = world.app.hold((n) => n === second)
    const killed = await world.sync(pr, 'labeled', {
      label: START,
      killWhen: { at: check.reached }
    })
    check.drop()
    expect(killed.signal).toBe('SIGKILL')
    expect(killed.stdout).toContain('health 1/180')
    expect(world.activeServiceNames()).toContain(`pr-${pr}-abc123f-service`)
    expectSucceeded(await world.sync(pr, 'labeled', { label: START, state: killed.state }))
    expect(world.activeServiceNames()).not.toContain(`pr-${pr}-abc123f-service`)
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 failed')
  })

  it('a post step after a finished run does nothing', async () => {
    const pr = world.newPr([START], A)
    const result = await world.sync(pr, 'labeled', { label: START })
    expectSucceeded(result)
    world.github.clearRequests()
    const post = await world.sync(pr, 'labeled', { label: START, state: result.state })
    expectSucceeded(post)
    expect(world.github.requests).toEqual([])
  })
})
