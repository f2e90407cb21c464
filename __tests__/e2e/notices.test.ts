// What people see when something is not routine, end to end: the comment keeps the live facts under
// a notice, recipes fit the state, the post step tells the PR, logs are one click away, the job
// summary starts with its title and escapes what it shows, and the cost cap is a decision.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { START, World } from '../support/world.js'
import { expectSucceeded } from '../support/expectations.js'

const A = 'abc123f' + '7'.repeat(33)
const B = 'def456a' + '8'.repeat(33)
let world: World

beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())
beforeEach(async () => {
  world.app.healthy = true
  await world.setDocker({ exitCode: 0 })
})

const comment = (pr: number) =>
  world.github.comments(pr).find((c) => c.body.includes('<!-- showtime:status -->'))?.body ?? ''
const deploymentsOf = (pr: number) =>
  world.github.deployments().filter((d) => d.task === `deploy:pr-${pr}`)
const LOGS =
  'https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#logsV2:log-groups/log-group/$252Fecs$252Fsuperset-ci$3FlogStreamNameFilter$3Decs$252Fsuperset-ci'

describe('the comment', () => {
  it('keeps the address and the stop recipe of a live environment under a refused trigger', async () => {
    const pr = world.newPr([START], A)
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
    expectSucceeded(await world.sync(pr, 'labeled', { label: START, sender: 'triager' }))
    const body = comment(pr)
    expect(body).toContain('is live')
    expect(body).toContain(`| URL | http://127.0.0.1:${world.app.port} |`)
    expect(body).toContain('Stop it: add `🎪 🛑 showtime-trigger-stop`')
    expect(body).toContain('@triager may not start or stop environments')
  })

  it('offers no rebuild while the commit builds', async () => {
    const pr = world.newPr([START], A)
    const build = await world.docker.hold()
    const building = world.sync(pr, 'labeled', { label: START })
    await build.reached
    expect(comment(pr)).toContain('building')
    expect(comment(pr)).toContain('Stop it: add `🎪 🛑 showtime-trigger-stop`')
    expect(comment(pr)).not.toContain('Rebuild')
    await build.release()
    expectSucceeded(await building)
  })

  it("links the task logs and the service events; once failed, its task's stream and not the service it deleted", async () => {
    const pr = world.newPr([START], A)
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    const events = `https://us-west-2.console.aws.amazon.com/ecs/v2/clusters/superset-ci/services/pr-${pr}-abc123f-service/events?region=us-west-2`
    expect(comment(pr)).toContain(`| Logs | [task logs](${LOGS}) · [service events](${events}) |`)
    world.app.healthy = false
    world.github.updatePull(pr, { headSha: B })
    const failed = await world.sync(pr, 'synchronize')
    expect(failed.code).toBe(1)
    expect(comment(pr)).toContain('failed')
    // Its task ran without answering: the link leads to that task's own stream.
    expect(comment(pr)).toMatch(
      /\[task logs\]\([^)]*#logsV2:log-groups\/log-group\/\$252Fecs\$252Fsuperset-ci\/log-events\/ecs\$252Fsuperset-ci\$252F[0-9a-f]{32}\)/
    )
    // The failed run deleted the service it had created, and its events with it.
    expect(comment(pr)).not.toContain(`/services/pr-${pr}-def456a-service`)
  })

  it('says when the post step released an interrupted run, and ends its deployment', async () => {
    const pr = world.newPr([START], A)
    const build = await world.docker.hold()
    const killed = await world.sync(pr, 'labeled', {
      label: START,
      killWhen: { at: build.reached }
    })
    await build.release()
    expect(killed.signal).toBe('SIGKILL')
    expect(comment(pr)).toContain('building')
    expectSucceeded(await world.sync(pr, 'labeled', { label: START, state: killed.state }))
    expect(comment(pr)).toContain('the run was cancelled or stopped before it finished')
    // The deployment is written while the image builds: the kill at the build's start may come
    // before it, or after it whether or not the run recorded its id; a deployment is never left
    // in progress.
    for (const d of deploymentsOf(pr)) expect(d.statuses.at(-1)?.state).toBe('failure')
  })

  it('ends a deployment the interrupted run created but had not recorded yet', async () => {
    const pr = world.newPr([START], A)
    // Held before it takes effect: the deployment exists, and the run never learns its id.
    const status = world.github.hold(
      (r) => r.method === 'POST' && /\/deployments\/\d+\/statuses$/.test(r.path)
    )
    const killed = await world.sync(pr, 'labeled', {
      label: START,
      killWhen: { at: status.reached }
    })
    await status.release()
    expect(killed.signal).toBe('SIGKILL')
    expect(JSON.stringify(killed.state)).not.toContain('deploymentId')
    expect(deploymentsOf(pr)).toHaveLength(1)
    expectSucceeded(await world.sync(pr, 'labeled', { label: START, state: killed.state }))
    // The held status lands once released, before or after the post step's read: either way the
    // deployment ends failed.
    expect(deploymentsOf(pr).map((d) => d.statuses.at(-1)?.state)).toEqual(['failure'])
  })
})

describe('the job summary', () => {
  it('starts with its title, links the PR, the commit and the address, and escapes a cause', async () => {
    const pr = world.newPr([START], A)
    world.aws.injectFault({
      action: 'CreateService',
      type: 'InvalidParameterException',
      message: '<h1>subnet</h1> is gone'
    })
    const result = await world.sync(pr, 'labeled', { label: START })
    expect(result.code).toBe(1)
    expect(result.summary).toMatch(
      new RegExp(
        `^<h2>🎪 Showtime sync: <a href="https://github.com/apache/superset/pull/${pr}">PR #${pr}</a></h2>`
      )
    )
    expect(result.summary).toContain('<b>Deploy failed.</b>')
    expect(result.summary).toContain('Cause: &lt;h1&gt;subnet&lt;/h1&gt; is gone')
    expect(result.summary).not.toContain('<h1>')
    expect(result.summary).toContain(`<a href="https://github.com/apache/superset/commit/${A}">`)

    const live = world.newPr([START], A)
    const deployed = await world.sync(live, 'labeled', { label: START })
    expectSucceeded(deployed)
    const url = `http://127.0.0.1:${world.app.port}`
    expect(deployed.summary).toContain(`<b>abc123f is live at ${url}.</b>`)
    expect(deployed.summary).toContain(`<a href="${url}">${url}</a>`)
    expect(deployed.summary).toContain('>logs</a>')
  })
})

describe('the time per phase', () => {
  it('lists each phase once: the labels a stop removes after its teardowns count as teardown', async () => {
    const pr = world.newPr([START], A)
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    world.github.setLabels(pr, [...world.github.labelsOn(pr), '🎪 🛑 showtime-trigger-stop'])
    const stop = await world.sync(pr, 'labeled', { label: '🎪 🛑 showtime-trigger-stop' })
    expectSucceeded(stop)
    const phases = [...stop.summary.matchAll(/<tr><td>([a-z]+)<\/td><td>\d+\.\d<\/td><\/tr>/g)].map(
      (m) => m[1]
    )
    expect(phases).toEqual(['claim', 'teardown'])
  })
})

describe('the cost cap is a decision, not a failure', () => {
  it('check says build_needed=false, sync exits 0 and the comment names the PRs that hold them', async () => {
    const holders = [world.newPr([START], A), world.newPr([START], B)]
    for (const pr of holders) expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    const pr = world.newPr([START], A)
    const capped = { inputs: { 'max-environments': String(world.activeServiceNames().length) } }
    const check = await world.run('check', pr, 'labeled', { label: START, ...capped })
    expectSucceeded(check)
    expect(check.outputs).toMatchObject({
      build_needed: 'false',
      sync_needed: 'true',
      action_needed: 'blocked',
      action_reason: 'over_cap'
    })
    const builds = world.docker.calls().length
    const sync = await world.sync(pr, 'labeled', { label: START, ...capped })
    expectSucceeded(sync)
    expect(sync.stdout).toMatch(/^::notice::Nothing was deployed: \d+ environments run already/m)
    expect(world.docker.calls()).toHaveLength(builds)
    expect(world.labels(pr)).toEqual([])
    for (const holder of holders) expect(comment(pr)).toContain(`#${holder} (`)
    expect(comment(pr)).toContain('Stop one (add `🎪 🛑 showtime-trigger-stop` on its PR)')
  })
})
