// What people see on the PR: one sticky comment edited in place, GitHub deployment statuses in
// order, and nothing deployed for an unauthorised labeler or an unreviewed fork commit.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunResult } from '../support/run-action.js'
import { START, STOP, World } from '../support/world.js'

const A = 'abc123f' + '1'.repeat(33)
const B = 'def456a' + '2'.repeat(33)
let world: World

beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())

function ok(result: RunResult): void {
  expect(result.commands.errors, result.stdout).toEqual([])
  expect(result.commands.warnings, result.stdout).toEqual([])
  expect(result.code, result.stdout).toBe(0)
}

const comments = (pr: number) =>
  world.github.comments(pr).filter((c) => c.body.includes('<!-- showtime:status -->'))
const deploymentsOf = (pr: number) =>
  world.github
    .deployments()
    .filter((d) => d.task === `deploy:pr-${pr}` && d.environment === 'showtime-preview')

describe('the PR during a whole lifecycle', () => {
  it('keeps exactly one comment, edited in place, and deployment statuses in order', async () => {
    const pr = world.newPr([START], A)
    world.github.addComment(pr, 'LGTM, let us try it', 'reviewer')

    ok(await world.sync(pr, 'labeled', { label: START }))
    expect(comments(pr)).toHaveLength(1)
    const first = comments(pr)[0]!
    expect(first.body).toContain('### 🎪 Showtime: [`abc123f`]')
    expect(first.body).toContain('is live')
    expect(first.body).toContain(`| URL | http://127.0.0.1:${world.app.port} |`)
    expect(first.body).toContain('| Requested by | @maintainer |')
    expect(first.body).toMatch(/\| Lifetime \| 48h: expires \d{4}-\d\d-\d\d \d\d:\d\d UTC \|/)
    expect(first.body).toContain(
      '| Run | [workflow run](https://github.com/apache/superset/actions/runs/1) |'
    )
    expect(first.body).toContain('🎪 🛑 showtime-trigger-stop')
    expect(deploymentsOf(pr).map((d) => [d.sha, d.statuses.map((s) => s.state)])).toEqual([
      [A, ['in_progress', 'success']]
    ])
    expect(deploymentsOf(pr)[0]?.statuses[1]?.environment_url).toBe(
      `http://127.0.0.1:${world.app.port}`
    )

    world.github.updatePull(pr, { headSha: B })
    ok(await world.sync(pr, 'synchronize'))
    expect(comments(pr).map((c) => c.id)).toEqual([first.id])
    expect(comments(pr)[0]?.body).toContain('[`def456a`]')
    expect(deploymentsOf(pr).map((d) => [d.sha, d.statuses.map((s) => s.state)])).toEqual([
      [A, ['in_progress', 'success', 'inactive']],
      [B, ['in_progress', 'success']]
    ])

    world.github.setLabels(pr, [...world.github.labelsOn(pr), STOP])
    ok(await world.sync(pr, 'labeled', { label: STOP }))
    expect(comments(pr).map((c) => c.id)).toEqual([first.id])
    expect(comments(pr)[0]?.body).toContain('environment stopped')
    expect(comments(pr)[0]?.body).toContain('Bring it back: add `🎪 ⚡ showtime-trigger-start`')
    expect(
      deploymentsOf(pr)
        .at(-1)
        ?.statuses.map((s) => s.state)
    ).toEqual(['in_progress', 'success', 'inactive'])
    // The reviewer's comment is untouched; no other comment was ever added.
    expect(world.github.comments(pr)).toHaveLength(2)
  })

  it('a failed build says why in the comment and fails the deployment', async () => {
    const pr = world.newPr([START], A)
    await world.setDocker({ exitCode: 2 })
    try {
      const result = await world.sync(pr, 'labeled', { label: START })
      expect(result.code).toBe(1)
    } finally {
      await world.setDocker({ exitCode: 0 })
    }
    expect(comments(pr)).toHaveLength(1)
    expect(comments(pr)[0]?.body).toContain('failed')
    expect(comments(pr)[0]?.body).toContain(
      `| Cause | docker build of apache/superset:pr-${pr}-abc123f-ci failed with exit code 2 |`
    )
    expect(comments(pr)[0]?.body).toContain('Retry: add `🎪 ⚡ showtime-trigger-start` again')
    expect(deploymentsOf(pr)[0]?.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure'])
  })
})

describe('trust', () => {
  it('an unauthorised labeler deploys nothing and is told who may', async () => {
    const pr = world.newPr([START], A)
    const builds = world.docker.calls().length
    const services = world.activeServiceNames().length
    ok(await world.sync(pr, 'labeled', { label: START, sender: 'triager' }))
    expect(world.docker.calls()).toHaveLength(builds)
    expect(world.activeServiceNames()).toHaveLength(services)
    expect(world.labels(pr)).toEqual([])
    expect(comments(pr)[0]?.body).toContain(
      '@triager may not start or stop environments: only users with the write, maintain, admin role on this repository may.'
    )
    expect(deploymentsOf(pr)).toEqual([])
  })

  it('a push to a fork deploys nothing; the environment keeps its reviewed commit', async () => {
    const pr = world.newPr([START], A, { fork: true })
    ok(await world.sync(pr, 'labeled', { label: START }))
    const builds = world.docker.calls().length
    // The comment of the fork's environment says once that new commits wait for a maintainer,
    // so that the fork's pushes need no request at all.
    const note = "New commits pushed to this PR's fork are not deployed on their own"
    expect(comments(pr)[0]?.body.split(note)).toHaveLength(2)
    world.github.updatePull(pr, { headSha: B })
    world.github.clearRequests()
    const check = await world.run('check', pr, 'synchronize', { sender: 'contributor' })
    expect(check.outputs).toMatchObject({
      build_needed: 'false',
      sync_needed: 'false',
      action_reason: 'fork_commit_needs_approval'
    })
    ok(await world.sync(pr, 'synchronize', { sender: 'contributor' }))
    expect(world.github.requests).toEqual([])
    expect(world.docker.calls()).toHaveLength(builds)
    expect(world.labels(pr)).toContain('🎪 🎯 abc123f')
    expect(comments(pr)).toHaveLength(1)
    expect(comments(pr)[0]?.body).toContain(
      "A maintainer who has reviewed the PR's newest commit deploys it by adding `🎪 ⚡ showtime-trigger-start`"
    )

    // The maintainer re-applies the start label: exactly that commit rolls out.
    world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
    ok(await world.sync(pr, 'labeled', { label: START }))
    expect(world.labels(pr)).toContain('🎪 🎯 def456a')
    expect(comments(pr)[0]?.body).toContain('[`def456a`]')
  })

  it('a token without deployments: write gives one warning, not a failed run', async () => {
    const pr = world.newPr([START], A)
    world.github.injectFault({
      method: 'POST',
      path: '/repos/apache/superset/deployments',
      status: 403,
      body: { message: 'Resource not accessible by integration' }
    })
    const result = await world.sync(pr, 'labeled', { label: START })
    expect(result.code).toBe(0)
    expect(result.commands.warnings).toHaveLength(1)
    expect(result.commands.warnings[0]).toContain('GitHub deployments are skipped')
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
  })

  it('comment and deployments can be turned off', async () => {
    const pr = world.newPr([START], A)
    ok(
      await world.sync(pr, 'labeled', {
        label: START,
        inputs: { comment: 'false', deployments: 'false' }
      })
    )
    expect(world.github.comments(pr)).toEqual([])
    expect(deploymentsOf(pr)).toEqual([])
  })
})
