import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubEmulator, secondaryRateLimitFault } from '../support/github-emulator.js'
import { rejection } from '../support/http-emulator.js'

type Octokit = ReturnType<typeof getOctokit>

const owner = 'apache'
const repo = 'superset'
const sha = (c: string): string => c.repeat(40).slice(0, 40)

/** The client the action builds, with throttling off so tests do not wait on its write spacing. */
function fastClient(emu: GitHubEmulator): Octokit {
  return getOctokit(
    'ghs_test_token',
    { baseUrl: emu.apiUrl, throttle: { enabled: false } },
    retry,
    throttling
  )
}

async function statusOf(p: Promise<unknown>) {
  const err = await rejection<{ status: number; response?: { data: unknown }; message: string }>(p)
  return { status: err.status, data: err.response?.data, message: err.message }
}

/** The status a request fails with. */
const failedWith = async (p: Promise<unknown>): Promise<number> => (await statusOf(p)).status

let emu: GitHubEmulator
let octokit: Octokit

beforeEach(async () => {
  emu = await GitHubEmulator.start()
  octokit = fastClient(emu)
  emu.addPull({
    number: 42,
    headSha: sha('a'),
    headRef: 'feature-x',
    author: 'alice',
    title: 'Add X'
  })
})

afterEach(async () => {
  await emu.stop()
})

describe('labels on issues', () => {
  it('adds labels, auto-creates grey definitions, and returns all labels on the issue', async () => {
    emu.defineLabel('bug', 'd73a4a', 'Something is broken')
    const first = await octokit.rest.issues.addLabels({
      owner,
      repo,
      issue_number: 42,
      labels: ['BUG']
    })
    expect(first.status).toBe(200)
    expect(first.data.map((l) => l.name)).toEqual(['bug'])

    const res = await octokit.rest.issues.addLabels({
      owner,
      repo,
      issue_number: 42,
      labels: ['new one', 'bug']
    })
    expect(res.data.map((l) => l.name)).toEqual(['bug', 'new one'])
    const created = res.data[1]
    expect(created).toMatchObject({
      name: 'new one',
      color: 'ededed',
      default: false,
      description: null
    })
    expect(Object.keys(created ?? {})).toEqual([
      'id',
      'node_id',
      'url',
      'name',
      'color',
      'default',
      'description'
    ])
    expect(emu.definitions().get('new one')).toEqual({ color: 'ededed', description: null })
    expect(emu.definitions().get('bug')).toEqual({
      color: 'd73a4a',
      description: 'Something is broken'
    })
    expect(emu.labelsOn(42)).toEqual(['bug', 'new one'])
  })

  it('removes a label and answers 404 "Label does not exist" when it is not on the issue', async () => {
    emu.setLabels(42, ['a', 'b'])
    const res = await octokit.rest.issues.removeLabel({ owner, repo, issue_number: 42, name: 'a' })
    expect(res.status).toBe(200)
    expect(res.data.map((l) => l.name)).toEqual(['b'])

    const err = await statusOf(
      octokit.rest.issues.removeLabel({ owner, repo, issue_number: 42, name: 'a' })
    )
    expect(err.status).toBe(404)
    expect(err.data).toEqual({
      message: 'Label does not exist',
      documentation_url: 'https://docs.github.com/rest/issues/labels#remove-a-label-from-an-issue',
      status: '404'
    })
    // Never defined at all: same answer.
    expect(
      await failedWith(
        octokit.rest.issues.removeLabel({ owner, repo, issue_number: 42, name: 'zzz' })
      )
    ).toBe(404)
    // Unknown issue: plain Not Found.
    const noIssue = await statusOf(
      octokit.rest.issues.removeLabel({ owner, repo, issue_number: 999, name: 'b' })
    )
    expect(noIssue.status).toBe(404)
    expect((noIssue.data as { message: string }).message).toBe('Not Found')
  })

  it('round-trips emoji and spaces through percent-encoded paths', async () => {
    const names = [
      '🎪 abc123f 🚦 building',
      '🎪 ⚡ showtime-trigger-start',
      '🎪 🎯 abc123f',
      '🎪 a/b %20 ?#'
    ]
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: 42, labels: names })
    expect(emu.labelsOn(42)).toEqual(names)

    const listed = await octokit.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: 42 })
    expect(listed.data.map((l) => l.name)).toEqual(names)

    for (const name of names) {
      const got = await octokit.rest.issues.getLabel({ owner, repo, name })
      expect(got.data.name).toBe(name)
    }
    const removed = await octokit.rest.issues.removeLabel({
      owner,
      repo,
      issue_number: 42,
      name: names[0] ?? ''
    })
    expect(removed.data.map((l) => l.name)).toEqual(names.slice(1))
    const slash = await octokit.rest.issues.removeLabel({
      owner,
      repo,
      issue_number: 42,
      name: names[3] ?? ''
    })
    expect(slash.data.map((l) => l.name)).toEqual(names.slice(1, 3))

    const deletes = emu.writes().filter((r) => r.method === 'DELETE')
    expect(deletes.map((r) => r.path)).toEqual([
      '/repos/apache/superset/issues/42/labels/🎪 abc123f 🚦 building',
      '/repos/apache/superset/issues/42/labels/🎪 a/b %20 ?#'
    ])
  })

  it('enforces the 50 code point limit with GitHub validation errors', async () => {
    const fifty = '🎪'.repeat(50) // 50 code points, 100 UTF-16 units
    const ok = await octokit.rest.issues.addLabels({
      owner,
      repo,
      issue_number: 42,
      labels: [fifty]
    })
    expect(ok.data.map((l) => l.name)).toEqual([fifty])

    const long = 'x'.repeat(51)
    const err = await statusOf(
      octokit.rest.issues.addLabels({ owner, repo, issue_number: 42, labels: [long] })
    )
    expect(err.status).toBe(422)
    expect(err.data).toMatchObject({
      message: 'Validation Failed',
      errors: [{ value: long, resource: 'Label', field: 'name', code: 'invalid' }],
      documentation_url: 'https://docs.github.com/rest/issues/labels#add-labels-to-an-issue',
      status: '422'
    })
    expect(emu.labelsOn(42)).toEqual([fifty])
    expect(emu.definitions().has(long)).toBe(false)

    const create = await statusOf(
      octokit.rest.issues.createLabel({ owner, repo, name: long, color: 'ffffff' })
    )
    expect(create.status).toBe(422)
    expect(create.data).toMatchObject({
      errors: [
        {
          resource: 'Label',
          code: 'custom',
          field: 'name',
          message: 'name is too long (maximum is 50 characters)'
        }
      ]
    })
  })

  it('refuses more than 100 labels on one issue, atomically', async () => {
    emu.setLabels(
      42,
      Array.from({ length: 99 }, (_, i) => `l${i}`)
    )
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: 42, labels: ['l0', 'l99'] })
    expect(emu.labelsOn(42)).toHaveLength(100)
    const err = await statusOf(
      octokit.rest.issues.addLabels({ owner, repo, issue_number: 42, labels: ['one-too-many'] })
    )
    expect(err.status).toBe(422)
    expect(err.message).toContain('Issues cannot have more than 100 labels')
    expect(emu.labelsOn(42)).toHaveLength(100)
    expect(emu.definitions().has('one-too-many')).toBe(false)
  })

  it('replaces with PUT, refuses a bare array (no longer described), and removes all with DELETE', async () => {
    emu.setLabels(42, ['a', 'b'])
    const put = await octokit.rest.issues.setLabels({
      owner,
      repo,
      issue_number: 42,
      labels: ['c', 'a']
    })
    expect(put.data.map((l) => l.name)).toEqual(['c', 'a'])
    const bare = await statusOf(
      octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/labels', {
        owner,
        repo,
        issue_number: 42,
        data: ['d']
      })
    )
    expect(bare.status).toBe(422)
    expect(bare.message).toMatch(/Invalid request.*body must be object/s)
    expect(emu.violations.take()).toHaveLength(1)
    expect(emu.labelsOn(42)).toEqual(['c', 'a'])
    const del = await octokit.rest.issues.removeAllLabels({ owner, repo, issue_number: 42 })
    expect(del.status).toBe(204)
    expect(emu.labelsOn(42)).toEqual([])
  })
})

describe('repository label definitions', () => {
  it('creates, rejects duplicates and bad colors, updates, and deletes (detaching from issues)', async () => {
    const created = await octokit.rest.issues.createLabel({
      owner,
      repo,
      name: '🎪 ⚡ showtime-trigger-start',
      color: 'FF0000',
      description: 'start'
    })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({
      name: '🎪 ⚡ showtime-trigger-start',
      color: 'ff0000',
      description: 'start'
    })

    const dup = await statusOf(
      octokit.rest.issues.createLabel({
        owner,
        repo,
        name: '🎪 ⚡ SHOWTIME-trigger-start',
        color: '000000'
      })
    )
    expect(dup.status).toBe(422)
    expect(dup.data).toMatchObject({
      errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }]
    })

    const badColor = await statusOf(
      octokit.rest.issues.createLabel({ owner, repo, name: 'x', color: '#fff' })
    )
    expect(badColor.status).toBe(422)

    emu.setLabels(42, ['🎪 ⚡ showtime-trigger-start', 'other'])
    const upd = await octokit.rest.issues.updateLabel({
      owner,
      repo,
      name: '🎪 ⚡ showtime-trigger-start',
      new_name: '🎪 renamed',
      color: '00ff00'
    })
    expect(upd.data).toMatchObject({ name: '🎪 renamed', color: '00ff00', description: 'start' })
    expect(emu.labelsOn(42)).toEqual(['🎪 renamed', 'other'])
    expect(
      await failedWith(
        octokit.rest.issues.updateLabel({ owner, repo, name: 'nope', color: '000000' })
      )
    ).toBe(404)

    const del = await octokit.rest.issues.deleteLabel({ owner, repo, name: '🎪 renamed' })
    expect(del.status).toBe(204)
    expect(emu.labelsOn(42)).toEqual(['other'])
    expect(emu.definitions().has('🎪 renamed')).toBe(false)
    expect(
      await failedWith(octokit.rest.issues.deleteLabel({ owner, repo, name: '🎪 renamed' }))
    ).toBe(404)
  })

  it('paginates more than 100 definitions with a real link header', async () => {
    for (let i = 0; i < 130; i++) emu.defineLabel(`🎪 label ${String(i).padStart(3, '0')}`)
    const first = await octokit.rest.issues.listLabelsForRepo({ owner, repo, per_page: 100 })
    expect(first.data).toHaveLength(100)
    const base = `${emu.apiUrl}/repositories/${emu.repoId}/labels`
    expect(first.headers.link).toBe(
      `<${base}?per_page=100&page=2>; rel="next", <${base}?per_page=100&page=2>; rel="last"`
    )

    emu.clearRequests()
    const all = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, {
      owner,
      repo,
      per_page: 100
    })
    expect(all).toHaveLength(130)
    expect(new Set(all.map((l) => l.name)).size).toBe(130)
    expect(emu.requests.map((r) => [r.path, r.query.page ?? '1'])).toEqual([
      ['/repos/apache/superset/labels', '1'],
      [`/repositories/${emu.repoId}/labels`, '2']
    ])

    const byDefault = await octokit.paginate(octokit.rest.issues.listLabelsForRepo, { owner, repo })
    expect(byDefault).toHaveLength(130)

    const middle = await octokit.rest.issues.listLabelsForRepo({
      owner,
      repo,
      per_page: 30,
      page: 3
    })
    expect(middle.headers.link).toBe(
      [
        `<${base}?per_page=30&page=2>; rel="prev"`,
        `<${base}?per_page=30&page=4>; rel="next"`,
        `<${base}?per_page=30&page=5>; rel="last"`,
        `<${base}?per_page=30&page=1>; rel="first"`
      ].join(', ')
    )
    const small = await octokit.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: 42 })
    expect(small.headers.link).toBeUndefined()
  })
})

describe('pull requests and issues', () => {
  it('serves the full pull request object, forks, and merged = closed', async () => {
    emu.setLabels(42, ['🎪 abc123f 🚦 running'])
    emu.addPull({
      number: 7,
      headSha: sha('b'),
      headRef: 'patch-1',
      headRepo: 'mallory/superset',
      author: 'mallory',
      body: null
    })
    emu.addPull({ number: 8, headSha: sha('c'), merged: true })

    const { data: pr } = await octokit.rest.pulls.get({ owner, repo, pull_number: 42 })
    expect(pr).toMatchObject({
      number: 42,
      state: 'open',
      title: 'Add X',
      user: { login: 'alice', type: 'User' },
      head: {
        sha: sha('a'),
        ref: 'feature-x',
        label: 'apache:feature-x',
        repo: { full_name: 'apache/superset', fork: false, owner: { login: 'apache' } }
      },
      base: { ref: 'master', repo: { full_name: 'apache/superset' } },
      merged: false,
      draft: false,
      html_url: 'https://github.com/apache/superset/pull/42',
      closed_at: null
    })
    expect(pr.labels.map((l) => l.name)).toEqual(['🎪 abc123f 🚦 running'])

    const { data: fork } = await octokit.rest.pulls.get({ owner, repo, pull_number: 7 })
    expect(fork.head.repo).toMatchObject({
      full_name: 'mallory/superset',
      fork: true,
      owner: { login: 'mallory' }
    })
    expect(fork.head.label).toBe('mallory:patch-1')
    expect(fork.body).toBeNull()

    const { data: merged } = await octokit.rest.pulls.get({ owner, repo, pull_number: 8 })
    expect(merged).toMatchObject({ state: 'closed', merged: true })
    expect(merged.merged_at).toBe(merged.closed_at)
    expect(merged.closed_at).not.toBeNull()

    const { data: issue } = await octokit.rest.issues.get({ owner, repo, issue_number: 42 })
    expect(issue.pull_request?.url).toBe(`${emu.apiUrl}/repos/apache/superset/pulls/42`)
    expect(issue.labels).toEqual(pr.labels)

    expect(await failedWith(octokit.rest.pulls.get({ owner, repo, pull_number: 404 }))).toBe(404)
  })

  it('lists and paginates pull requests by state, newest first, with labels', async () => {
    for (let n = 100; n < 145; n++) {
      emu.addPull({
        number: n,
        headSha: sha(String(n % 10)),
        state: n % 3 === 0 ? 'closed' : 'open',
        merged: n % 9 === 0,
        labels: [`🎪 ${n}`]
      })
    }
    const open = await octokit.paginate(octokit.rest.pulls.list, {
      owner,
      repo,
      state: 'open',
      per_page: 10
    })
    const expectedOpen = [
      42,
      ...Array.from({ length: 45 }, (_, i) => 100 + i).filter((n) => n % 3 !== 0)
    ].reverse()
    expect(open.map((p) => p.number)).toEqual(expectedOpen)
    expect(open.every((p) => p.state === 'open')).toBe(true)
    const p101 = open.find((p) => p.number === 101)
    expect(p101?.labels.map((l) => l.name)).toEqual(['🎪 101'])
    expect(p101).not.toHaveProperty('merged')
    expect(p101).toHaveProperty('merged_at', null)

    const closed = await octokit.paginate(octokit.rest.pulls.list, {
      owner,
      repo,
      state: 'closed',
      per_page: 100
    })
    expect(closed).toHaveLength(15)
    expect(closed.filter((p) => p.merged_at !== null).map((p) => p.number)).toEqual([
      144, 135, 126, 117, 108
    ])

    const all = await octokit.paginate(octokit.rest.pulls.list, {
      owner,
      repo,
      state: 'all',
      sort: 'created',
      direction: 'asc'
    })
    expect(all.map((p) => p.number)).toEqual([42, ...Array.from({ length: 45 }, (_, i) => 100 + i)])
    const byHead = await octokit.rest.pulls.list({ owner, repo, head: 'apache:feature-x' })
    expect(byHead.data.map((p) => p.number)).toEqual([42])
  })
})

describe('collaborator permission', () => {
  it('folds maintain→write and triage→read in permission but keeps role_name', async () => {
    const roles = ['admin', 'maintain', 'write', 'triage', 'read', 'none'] as const
    const expected = {
      admin: 'admin',
      maintain: 'write',
      write: 'write',
      triage: 'read',
      read: 'read',
      none: 'none'
    }
    for (const role of roles) emu.setPermission(`u-${role}`, role)
    for (const role of roles) {
      const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
        owner,
        repo,
        username: `u-${role}`
      })
      expect(data.permission).toBe(expected[role])
      expect(data.role_name).toBe(role)
      expect(data.user?.login).toBe(`u-${role}`)
    }
    const { data: maint } = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: 'U-MAINTAIN'
    })
    expect(maint.user?.permissions).toEqual({
      admin: false,
      maintain: true,
      push: true,
      triage: true,
      pull: true
    })
  })

  it('answers like GitHub for users who are not collaborators and users that do not exist', async () => {
    // Public repository: every existing user can read.
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: 'stranger'
    })
    expect(data).toMatchObject({ permission: 'read', role_name: 'read' })

    emu.setUserMissing('ghost-user')
    const err = await statusOf(
      octokit.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'ghost-user' })
    )
    expect(err.status).toBe(404)

    const strict = await GitHubEmulator.start({ defaultPermission: 'not-found' })
    try {
      const c = fastClient(strict)
      expect(
        await failedWith(
          c.rest.repos.getCollaboratorPermissionLevel({ owner, repo, username: 'stranger' })
        )
      ).toBe(404)
    } finally {
      await strict.stop()
    }
  })
})

describe('comments', () => {
  it('creates, lists, edits and deletes comments', async () => {
    const seeded = emu.addComment(42, 'hello from a human', 'alice')
    const created = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: 42,
      body: '🎪 Showtime is building'
    })
    expect(created.status).toBe(201)
    expect(created.data).toMatchObject({
      body: '🎪 Showtime is building',
      user: { login: 'github-actions[bot]', type: 'Bot' }
    })
    expect(created.data.html_url).toBe(
      `https://github.com/apache/superset/pull/42#issuecomment-${created.data.id}`
    )

    const edited = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: created.data.id,
      body: '🎪 ready'
    })
    expect(edited.data.body).toBe('🎪 ready')
    expect(edited.data.updated_at > edited.data.created_at).toBe(true)

    const list = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: 42
    })
    expect(list.map((c) => c.body)).toEqual(['hello from a human', '🎪 ready'])
    expect(emu.comments(42)).toEqual([
      { id: seeded, body: 'hello from a human', user: 'alice' },
      { id: created.data.id, body: '🎪 ready', user: 'github-actions[bot]' }
    ])

    expect(
      (await octokit.rest.issues.deleteComment({ owner, repo, comment_id: seeded })).status
    ).toBe(204)
    expect(emu.comments(42).map((c) => c.id)).toEqual([created.data.id])
    expect(
      await failedWith(
        octokit.rest.issues.updateComment({ owner, repo, comment_id: seeded, body: 'x' })
      )
    ).toBe(404)
    expect(
      await failedWith(
        octokit.rest.issues.createComment({ owner, repo, issue_number: 9999, body: 'x' })
      )
    ).toBe(404)
  })
})

describe('deployments', () => {
  it('creates deployments and statuses, filters, and only deletes inactive ones', async () => {
    const d1 = await octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: 'feature-x',
      environment: 'pr-42',
      description: 'Showtime pr-42',
      transient_environment: true,
      production_environment: false,
      auto_merge: false,
      required_contexts: [],
      payload: { sha: 'abc123f' }
    })
    expect(d1.status).toBe(201)
    const dep1 = d1.data as {
      id: number
      sha: string
      environment: string
      payload: unknown
      transient_environment: boolean
    }
    expect(dep1).toMatchObject({
      sha: sha('a'),
      environment: 'pr-42',
      payload: { sha: 'abc123f' },
      transient_environment: true
    })

    const st = await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: dep1.id,
      state: 'success',
      environment_url: 'http://1.2.3.4:8080',
      log_url: 'https://github.com/apache/superset/actions/runs/1',
      description: 'live'
    })
    expect(st.status).toBe(201)
    expect(st.data).toMatchObject({
      state: 'success',
      environment_url: 'http://1.2.3.4:8080',
      target_url: 'https://github.com/apache/superset/actions/runs/1',
      environment: 'pr-42'
    })

    const d2 = await octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: sha('9'),
      environment: 'pr-42',
      required_contexts: []
    })
    const dep2 = d2.data as { id: number }
    await octokit.rest.repos.createDeployment({
      owner,
      repo,
      ref: 'refs/pull/42/head',
      environment: 'other',
      required_contexts: []
    })

    const pr42 = await octokit.paginate(octokit.rest.repos.listDeployments, {
      owner,
      repo,
      environment: 'pr-42'
    })
    expect(pr42.map((d) => d.id)).toEqual([dep2.id, dep1.id])
    expect(
      (await octokit.rest.repos.listDeployments({ owner, repo, sha: sha('a') })).data
    ).toHaveLength(2)

    const active = await statusOf(
      octokit.rest.repos.deleteDeployment({ owner, repo, deployment_id: dep1.id })
    )
    expect(active.status).toBe(422)
    expect((active.data as { message: string }).message).toBe(
      'We cannot delete an active deployment unless it is the only deployment in a given environment.'
    )
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: dep1.id,
      state: 'inactive'
    })
    const statuses = await octokit.rest.repos.listDeploymentStatuses({
      owner,
      repo,
      deployment_id: dep1.id
    })
    expect(statuses.data.map((s) => s.state)).toEqual(['inactive', 'success'])
    expect(
      (await octokit.rest.repos.deleteDeployment({ owner, repo, deployment_id: dep1.id })).status
    ).toBe(204)
    // Now the only one left in pr-42: deletable even though it has no inactive status.
    expect(
      (await octokit.rest.repos.deleteDeployment({ owner, repo, deployment_id: dep2.id })).status
    ).toBe(204)
    expect(emu.deployments().map((d) => d.environment)).toEqual(['other'])

    const badRef = await statusOf(
      octokit.rest.repos.createDeployment({
        owner,
        repo,
        ref: 'no-such-branch',
        required_contexts: []
      })
    )
    expect(badRef.status).toBe(422)
    expect(
      await failedWith(
        octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: 1,
          state: 'success'
        })
      )
    ).toBe(404)
  })

  it('auto-inactivates earlier successful deployments of the environment', async () => {
    const mk = async (): Promise<number> => {
      const d = await octokit.rest.repos.createDeployment({
        owner,
        repo,
        ref: 'feature-x',
        environment: 'pr-42',
        production_environment: false,
        required_contexts: []
      })
      const id = (d.data as { id: number }).id
      await octokit.rest.repos.createDeploymentStatus({
        owner,
        repo,
        deployment_id: id,
        state: 'success'
      })
      return id
    }
    const first = await mk()
    await mk()
    const [d1] = emu.deployments().filter((d) => d.id === first)
    expect(d1?.statuses.map((s) => s.state)).toEqual(['success', 'inactive'])
  })
})

describe('protocol', () => {
  it('answers unknown routes and repositories with GitHub 404s, with or without /api/v3', async () => {
    for (const path of [
      '/api/v3/repos/apache/superset/nope',
      '/api/v3/repos/other/repo/pulls/42',
      '/api/v3/teapot'
    ]) {
      const res = await fetch(`${emu.url}${path}`)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8')
      expect(await res.json()).toMatchObject({
        message: expect.stringMatching(/^Not Found/),
        documentation_url: 'https://docs.github.com/rest',
        status: '404'
      })
    }
    const unprefixed = await fetch(`${emu.url}/repos/Apache/Superset/pulls/42`)
    expect(unprefixed.status).toBe(200)
    expect(((await unprefixed.json()) as { number: number }).number).toBe(42)
    const err = await statusOf(octokit.request('GET /repos/{owner}/{repo}/teapot', { owner, repo }))
    expect(err.status).toBe(404)
    expect(err.message).toMatch(/no operation at \/repos\/apache\/superset\/teapot/)
    // Routes GitHub does not describe are violations; another repository is only a 404.
    expect(emu.violations.take().map((v) => v.request)).toEqual([
      'GET /repos/apache/superset/nope',
      'GET /teapot',
      'GET /repos/apache/superset/teapot'
    ])
  })

  it('sends rate-limit headers, refuses unauthenticated writes and bad JSON', async () => {
    const res = await fetch(`${emu.apiUrl}/repos/apache/superset/issues/42/labels`, {
      method: 'POST',
      body: '{"labels":["a"]}'
    })
    expect(res.status).toBe(401)
    expect(res.headers.get('x-ratelimit-limit')).toBe('1000')
    expect(res.headers.get('x-ratelimit-resource')).toBe('core')
    expect(Number(res.headers.get('x-ratelimit-used'))).toBe(1)
    expect(Number(res.headers.get('x-ratelimit-remaining'))).toBe(999)
    expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000)
    const bad = await fetch(`${emu.apiUrl}/repos/apache/superset/issues/42/labels`, {
      method: 'POST',
      body: '{nope',
      headers: { authorization: 'token x' }
    })
    expect(bad.status).toBe(400)
    expect(emu.labelsOn(42)).toEqual([])
  })

  it('records every request, faulted ones included', async () => {
    emu.injectFault({ method: 'POST', path: /\/labels$/, status: 500, times: 1 })
    const failed = await statusOf(
      getOctokit(
        't',
        { baseUrl: emu.apiUrl, throttle: { enabled: false }, retry: { enabled: false } },
        retry,
        throttling
      ).rest.issues.addLabels({
        owner,
        repo,
        issue_number: 42,
        labels: ['🎪 x']
      })
    )
    expect(failed.status).toBe(500)
    expect(emu.labelsOn(42)).toEqual([])
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: 42, labels: ['🎪 x'] })
    await octokit.rest.pulls.list({ owner, repo, state: 'all', per_page: 5 })

    expect(emu.requests).toEqual([
      {
        method: 'POST',
        path: '/repos/apache/superset/issues/42/labels',
        query: {},
        body: { labels: ['🎪 x'] },
        status: 500
      },
      {
        method: 'POST',
        path: '/repos/apache/superset/issues/42/labels',
        query: {},
        body: { labels: ['🎪 x'] },
        status: 200
      },
      {
        method: 'GET',
        path: '/repos/apache/superset/pulls',
        query: { state: 'all', per_page: '5' },
        body: undefined,
        status: 200
      }
    ])
    expect(emu.writes()).toHaveLength(2)
  })

  it('is deterministic across instances', async () => {
    const run = async (e: GitHubEmulator): Promise<unknown> => {
      const c = fastClient(e)
      e.addPull({ number: 1, headSha: sha('d') })
      await c.rest.issues.addLabels({ owner, repo, issue_number: 1, labels: ['🎪 a'] })
      const comment = await c.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'x' })
      const pr = await c.rest.pulls.get({ owner, repo, pull_number: 1 })
      return {
        comment: { id: comment.data.id, at: comment.data.created_at },
        pr: { ...pr.data, url: null }
      }
    }
    const a = await GitHubEmulator.start()
    const b = await GitHubEmulator.start()
    try {
      const ra = JSON.stringify(await run(a)).replaceAll(a.apiUrl, 'API')
      const rb = JSON.stringify(await run(b)).replaceAll(b.apiUrl, 'API')
      expect(ra).toBe(rb)
    } finally {
      await a.stop()
      await b.stop()
    }
  })
})

describe('with throttling and retry on, as the action runs', () => {
  it('retries an injected 502 and a 403 secondary rate limit with retry-after', async () => {
    const secondary: number[] = []
    const client = getOctokit(
      'ghs_test_token',
      {
        baseUrl: emu.apiUrl,
        throttle: {
          onRateLimit: () => false,
          onSecondaryRateLimit: (retryAfter: number) => {
            secondary.push(retryAfter)
            return true
          }
        }
      },
      retry,
      throttling
    )
    emu.injectFault({ method: 'GET', path: '/repos/apache/superset/pulls/42', status: 502 })
    const pr = await client.rest.pulls.get({ owner, repo, pull_number: 42 })
    expect(pr.data.number).toBe(42)

    emu.injectFault(
      secondaryRateLimitFault({
        method: 'POST',
        path: '/repos/apache/superset/issues/42/labels',
        retryAfter: 1
      })
    )
    const labels = await client.rest.issues.addLabels({
      owner,
      repo,
      issue_number: 42,
      labels: ['🎪 ⚡ showtime-trigger-start']
    })
    expect(labels.data.map((l) => l.name)).toEqual(['🎪 ⚡ showtime-trigger-start'])
    expect(secondary).toEqual([1])

    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'GET 502',
      'GET 200',
      'POST 403',
      'POST 200'
    ])
    expect(emu.labelsOn(42)).toEqual(['🎪 ⚡ showtime-trigger-start'])
  }, 15_000)

  it('delays responses with setLatency', async () => {
    emu.setLatency(150)
    const t0 = Date.now()
    await octokit.rest.issues.get({ owner, repo, issue_number: 42 })
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140)
  })
})

describe('what GitHub really does', () => {
  // Every answer of every test is checked against GitHub's described response schema: afterEach's
  // stop() fails on any violation. Requests off the description are refused with GitHub's status.
  it.each([
    ['GET /repos/{owner}/{repo}/pulls', { state: 'merged' }, /query parameter state/],
    ['POST /repos/{owner}/{repo}/labels', { name: 'a', color: 123 }, /body\/color must be string/]
  ])('refuses %s off the description with 422', async (route, params, reason) => {
    const err = await statusOf(octokit.request(route, { owner, repo, ...params }))
    expect([err.status, err.message]).toEqual([422, expect.stringMatching(reason)])
    expect(emu.violations.take()).toHaveLength(1)
  })

  it('applies a write it answers with a 5xx when the fault says so', async () => {
    const plain = getOctokit('t', { baseUrl: emu.apiUrl })
    emu.injectFault({ method: 'POST', path: /\/labels$/, status: 502, applied: true })
    const err = await statusOf(
      plain.rest.issues.addLabels({ owner, repo, issue_number: 42, labels: ['x'] })
    )
    expect(err.status).toBe(502)
    expect(emu.labelsOn(42)).toEqual(['x'])
  })

  it('spends 1,000 requests an hour and answers the next with GitHub’s 403', async () => {
    emu.setRateLimitRemaining(1)
    const last = await fetch(`${emu.apiUrl}/repos/apache/superset/issues/42`)
    expect([last.status, last.headers.get('x-ratelimit-remaining')]).toEqual([200, '0'])
    const refused = await fetch(`${emu.apiUrl}/repos/apache/superset/issues/42`)
    expect([refused.status, refused.headers.get('x-ratelimit-remaining')]).toEqual([403, '0'])
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /^API rate limit exceeded/
    )
    expect(emu.violations.take()).toEqual([
      {
        request: 'GET /repos/apache/superset/issues/42',
        reason: expect.stringMatching(/budget of the hour is spent/)
      }
    ])
  })

  it('keeps the secondary limit of 80 writes a minute, in scaled time', async () => {
    const scaled = await GitHubEmulator.start({ timeScale: 0.05 }) // a minute is 3 s
    scaled.addPull({ number: 1, headSha: sha('b') })
    const comment = () =>
      fetch(`${scaled.apiUrl}/repos/apache/superset/issues/1/comments`, {
        method: 'POST',
        headers: { authorization: 'token t' },
        body: '{"body":"hi"}'
      })
    const statuses = (await Promise.all(Array.from({ length: 81 }, comment))).map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(80)
    const refused = await comment()
    expect(refused.status).toBe(403)
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(((await refused.json()) as { message: string }).message).toMatch(/secondary rate limit/)
    expect(scaled.violations.take()).toHaveLength(2)
    await scaled.stop()
  })

  it('lets a client that keeps 1 s (scaled) between writes stay under the secondary limit', async () => {
    const scaled = await GitHubEmulator.start({ timeScale: 0.005 }) // a minute is 300 ms
    scaled.addPull({ number: 1, headSha: sha('b') })
    const paced = getOctokit(
      't',
      {
        baseUrl: scaled.apiUrl,
        throttle: {
          onRateLimit: () => false,
          onSecondaryRateLimit: () => false,
          // As createOctokit spaces writes (comments also count as notifications).
          write: new Bottleneck.Group({ maxConcurrent: 1, minTime: 1000 * 0.005 }),
          notifications: new Bottleneck.Group({ maxConcurrent: 1, minTime: 1000 * 0.005 })
        }
      },
      throttling
    )
    await Promise.all(
      Array.from({ length: 120 }, () =>
        paced.rest.issues.createComment({ owner, repo, issue_number: 1, body: 'hi' })
      )
    )
    expect(scaled.comments(1)).toHaveLength(120)
    await scaled.stop()
  })
})
