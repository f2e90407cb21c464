import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import Bottleneck from 'bottleneck/light.js'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubEmulator, secondaryRateLimitFault } from '../support/github-emulator.js'
import { githubRestDescription } from '../support/github/openapi.js'
import { RateLimits } from '../support/github/rate-limits.js'
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
  emu.defineLabel('bug', 'd73a4a', 'Something is broken')
  emu.defineLabel('other')
})

afterEach(async () => {
  await emu.stop()
})

describe('labels', () => {
  it('adds labels, auto-creates grey definitions, and returns all labels on the issue', async () => {
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
    expect(Object.keys(created ?? {}).join()).toBe('id,node_id,url,name,color,default,description')
    expect(emu.definitions().get('new one')).toEqual({ color: 'ededed', description: null })
    expect(emu.definitions().get('bug')).toEqual({
      color: 'd73a4a',
      description: 'Something is broken'
    })
    expect(emu.labelsOn(42)).toEqual(['bug', 'new one'])
  })

  it('round-trips emoji and spaces through percent-encoded paths', async () => {
    const names = [
      '🎪 abc123f 🚦 building',
      '🎪 ⚡ showtime-trigger-start',
      '🎪 🎯 abc123f',
      '🎪 a/b %20 ?#',
      '🎪'.repeat(50) // 50 code points (the limit), 100 UTF-16 units
    ]
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: 42, labels: names })
    expect(emu.labelsOn(42)).toEqual(names)

    const listed = await octokit.rest.issues.listLabelsOnIssue({ owner, repo, issue_number: 42 })
    expect(listed.data.map((l) => l.name)).toEqual(names)
    for (const name of [names[0], names[3]]) {
      await octokit.rest.issues.removeLabel({ owner, repo, issue_number: 42, name: name ?? '' })
    }
    expect(emu.labelsOn(42)).toEqual([names[1], names[2], names[4]])
    const deletes = emu.writes().filter((r) => r.method === 'DELETE')
    expect(deletes.map((r) => r.path)).toEqual([
      '/repos/apache/superset/issues/42/labels/🎪 abc123f 🚦 building',
      '/repos/apache/superset/issues/42/labels/🎪 a/b %20 ?#'
    ])
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

  it('creates, updates, and deletes definitions (detaching them from issues)', async () => {
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
    const del = await octokit.rest.issues.deleteLabel({ owner, repo, name: '🎪 renamed' })
    expect(del.status).toBe(204)
    expect(emu.labelsOn(42)).toEqual(['other'])
    expect(emu.definitions().has('🎪 renamed')).toBe(false)
  })
})

describe('refusals GitHub documents, answered as GitHub does and changing nothing', () => {
  const long = 'x'.repeat(51)
  const labels = 'https://docs.github.com/rest/issues/labels'
  const tooLong = (resource: string, field: string, max: number) => ({
    errors: [
      {
        resource,
        code: 'custom',
        field,
        message: `${field} is too long (maximum is ${max} characters)`
      }
    ]
  })
  const cases: Record<string, [number, () => Promise<unknown>, object?]> = {
    'a label name over 50 code points on an issue': [
      422,
      () => octokit.rest.issues.addLabels({ owner, repo, issue_number: 42, labels: [long] }),
      {
        message: 'Validation Failed',
        errors: [{ value: long, resource: 'Label', field: 'name', code: 'invalid' }],
        documentation_url: `${labels}#add-labels-to-an-issue`,
        status: '422'
      }
    ],
    'removing a label that is not on the issue': [
      404,
      () => octokit.rest.issues.removeLabel({ owner, repo, issue_number: 42, name: 'bug' }),
      {
        message: 'Label does not exist',
        documentation_url: `${labels}#remove-a-label-from-an-issue`,
        status: '404'
      }
    ],
    'removing a label from an issue that does not exist': [
      404,
      () => octokit.rest.issues.removeLabel({ owner, repo, issue_number: 999, name: 'bug' })
    ],
    'a label definition name over 50 code points': [
      422,
      () => octokit.rest.issues.createLabel({ owner, repo, name: long, color: 'ffffff' }),
      tooLong('Label', 'name', 50)
    ],
    'a label description over 100 code points': [
      422,
      () => octokit.rest.issues.createLabel({ owner, repo, name: 'a', description: long + long }),
      tooLong('Label', 'description', 100)
    ],
    'a definition that exists (case-insensitively)': [
      422,
      () => octokit.rest.issues.createLabel({ owner, repo, name: 'BUG', color: '000000' }),
      { errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] }
    ],
    'a colour that is not six hex digits': [
      422,
      () => octokit.rest.issues.createLabel({ owner, repo, name: 'x', color: '#fff' }),
      { errors: [{ resource: 'Label', code: 'invalid', field: 'color' }] }
    ],
    'renaming onto another definition': [
      422,
      () => octokit.rest.issues.updateLabel({ owner, repo, name: 'other', new_name: 'Bug' }),
      { errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }] }
    ],
    'updating a definition that does not exist': [
      404,
      () => octokit.rest.issues.updateLabel({ owner, repo, name: 'nope', color: '000000' }),
      { documentation_url: `${labels}#update-a-label` }
    ],
    'deleting a definition that does not exist': [
      404,
      () => octokit.rest.issues.deleteLabel({ owner, repo, name: 'nope' }),
      { documentation_url: `${labels}#delete-a-label` }
    ],
    'a pull request that does not exist': [
      404,
      () => octokit.rest.pulls.get({ owner, repo, pull_number: 404 })
    ],
    'a comment over 65536 code points': [
      422,
      () =>
        octokit.rest.issues.createComment({
          owner,
          repo,
          issue_number: 42,
          body: '🎪'.repeat(65537)
        }),
      tooLong('IssueComment', 'body', 65536)
    ],
    'a comment on an issue that does not exist': [
      404,
      () => octokit.rest.issues.createComment({ owner, repo, issue_number: 9999, body: 'x' })
    ],
    'editing a comment that does not exist': [
      404,
      () => octokit.rest.issues.updateComment({ owner, repo, comment_id: 1, body: 'x' })
    ],
    'a deployment of a ref that does not exist': [
      422,
      () =>
        octokit.rest.repos.createDeployment({
          owner,
          repo,
          ref: 'no-such-branch',
          required_contexts: []
        }),
      { message: 'No ref found for: no-such-branch' }
    ],
    'a status of a deployment that does not exist': [
      404,
      () =>
        octokit.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: 1,
          state: 'success'
        })
    ],
    'a deployment status description over 140 characters': [
      422,
      async () => {
        const { data } = await octokit.rest.repos.createDeployment({ owner, repo, ref: sha('a') })
        const deployment_id = (data as { id: number }).id
        const description = long.repeat(3)
        return octokit.rest.repos.createDeploymentStatus({
          ...{ owner, repo, deployment_id, state: 'success', description }
        })
      },
      tooLong('DeploymentStatus', 'description', 140)
    ],
    'the permission of a user that does not exist': [
      404,
      () => {
        emu.setUserMissing('ghost-user')
        return octokit.rest.repos.getCollaboratorPermissionLevel({
          owner,
          repo,
          username: 'ghost-user'
        })
      }
    ]
  }

  it.each(Object.entries(cases))(
    'refuses %s',
    async (_, [status, call, data = { message: 'Not Found' }]) => {
      const state = () => [
        emu.labelsOn(42),
        [...emu.definitions()],
        emu.comments(42),
        emu.deployments().flatMap((d) => d.statuses)
      ]
      const before = state()
      const err = await statusOf(call())
      expect([err.status, err.data]).toEqual([status, expect.objectContaining(data)])
      expect(state()).toEqual(before)
    }
  )
})

describe('pull requests', () => {
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
  })

  it('lists pull requests by state, newest first, with labels and GitHub’s link header', async () => {
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
    expect(emu.requests.map((r) => [r.path, r.query.page ?? '1'])).toEqual([
      ['/repos/apache/superset/pulls', '1'],
      ...[2, 3, 4].map((page) => [`/repositories/${emu.repoId}/pulls`, String(page)])
    ])

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
    expect(byHead.headers.link).toBeUndefined()

    const middle = await octokit.rest.pulls.list({
      owner,
      repo,
      state: 'all',
      per_page: 10,
      page: 3
    })
    const base = `${emu.apiUrl}/repositories/${emu.repoId}/pulls?state=all&per_page=10`
    expect(middle.headers.link).toBe(
      [
        `<${base}&page=2>; rel="prev"`,
        `<${base}&page=4>; rel="next"`,
        `<${base}&page=5>; rel="last"`,
        `<${base}&page=1>; rel="first"`
      ].join(', ')
    )
  })
})

describe('collaborator permission', () => {
  it.each([
    ['admin', 'admin', [true, true, true, true, true]],
    ['maintain', 'write', [false, true, true, true, true]],
    ['write', 'write', [false, false, true, true, true]],
    ['triage', 'read', [false, false, false, true, true]],
    ['read', 'read', [false, false, false, false, true]],
    ['none', 'none', [false, false, false, false, false]]
  ] as const)('folds %s into permission %s but keeps role_name', async (role, folded, can) => {
    emu.setPermission(`u-${role}`, role)
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: `U-${role.toUpperCase()}`
    })
    expect(data).toMatchObject({ permission: folded, role_name: role })
    const [admin, maintain, push, triage, pull] = can
    expect(data.user?.permissions).toEqual({ admin, maintain, push, triage, pull })
  })

  it('answers read for an existing user who is not a collaborator of the public repository', async () => {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
      owner,
      repo,
      username: 'stranger'
    })
    expect(data).toMatchObject({ permission: 'read', role_name: 'read' })
  })
})

describe('comments and deployments', () => {
  it('creates and edits comments', async () => {
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
      user: { login: 'github-actions[bot]', type: 'Bot' },
      html_url: `https://github.com/apache/superset/pull/42#issuecomment-${created.data.id}`
    })
    const edited = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: seeded,
      body: '🎪 ready'
    })
    expect(edited.data.body).toBe('🎪 ready')
    expect(edited.data.updated_at > edited.data.created_at).toBe(true)
    expect(emu.comments(42)).toEqual([
      { id: seeded, body: '🎪 ready', user: 'alice' },
      { id: created.data.id, body: '🎪 Showtime is building', user: 'github-actions[bot]' }
    ])
  })

  it('creates deployments and statuses, and lists them by filter, newest first', async () => {
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
    const dep1 = d1.data as { id: number }
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
    await octokit.rest.repos.createDeployment({ owner, repo, ref: 'refs/pull/42/head' })
    const pr42 = await octokit.paginate(octokit.rest.repos.listDeployments, {
      owner,
      repo,
      environment: 'pr-42'
    })
    expect(pr42.map((d) => d.id)).toEqual([(d2.data as { id: number }).id, dep1.id])
    const bySha = await octokit.rest.repos.listDeployments({ owner, repo, sha: sha('a') })
    expect(bySha.data.map((d) => d.environment)).toEqual(['production', 'pr-42'])
  })

  it('auto-inactivates only earlier successful deployments of the environment', async () => {
    const mk = async (state: 'success' | 'failure', environment = 'pr-42'): Promise<number> => {
      const d = await octokit.rest.repos.createDeployment({
        owner,
        repo,
        ref: 'feature-x',
        environment,
        production_environment: false,
        required_contexts: []
      })
      const deployment_id = (d.data as { id: number }).id
      await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id, state })
      return deployment_id
    }
    const ids = [await mk('success'), await mk('failure'), await mk('success', 'other')]
    await mk('success')
    const latest = (id: number) =>
      emu
        .deployments()
        .find((d) => d.id === id)
        ?.statuses.at(-1)
    expect(ids.map((id) => latest(id)?.state)).toEqual(['inactive', 'failure', 'success'])
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
    // Routes GitHub does not describe are violations; another repository is only a 404.
    expect(emu.violations.take().map((v) => v.request)).toEqual([
      'GET /repos/apache/superset/nope',
      'GET /teapot'
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
    const plain = getOctokit('t', { baseUrl: emu.apiUrl }) // no retry
    const failed = await statusOf(
      plain.rest.issues.addLabels({ owner, repo, issue_number: 42, labels: ['🎪 x'] })
    )
    expect(failed.status).toBe(500)
    expect(emu.labelsOn(42)).toEqual([])
    await octokit.rest.issues.addLabels({ owner, repo, issue_number: 42, labels: ['🎪 x'] })
    await octokit.rest.pulls.list({ owner, repo, state: 'all', per_page: 5 })

    expect(emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual([
      'POST 500',
      'POST 200',
      'GET 200'
    ])
    expect(emu.requests[0]).toEqual({
      method: 'POST',
      path: '/repos/apache/superset/issues/42/labels',
      query: {},
      body: { labels: ['🎪 x'] },
      status: 500
    })
    expect(emu.requests[2]).toMatchObject({
      query: { state: 'all', per_page: '5' },
      body: undefined
    })
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
})

describe('what GitHub really does', () => {
  // Every answer of every test is checked against GitHub's described response schema: afterEach's
  // stop() fails on any violation. Requests off the description are refused with GitHub's status.
  it.each([
    ['GET /repos/apache/superset/pulls', { state: 'merged' }, 422, /query parameter state/],
    ['GET /repos/apache/superset/pulls', { nope: 1 }, 422, /list has no query parameter "nope"/],
    ['GET /repos/apache/superset/pulls/x', {}, 404, /path parameter pull_number/],
    ['POST /repos/apache/superset/labels', { name: 'a', color: 123 }, 422, /color must be string/],
    ['POST /repos/apache/superset/issues/42/labels', { data: ['d'] }, 422, /body must be object/],
    ['GET /repos/apache/superset/teapot', {}, 404, /no operation at \/repos\/.*\/teapot/],
    [
      'PUT /repos/apache/superset/issues/42/labels',
      { labels: ['a'] },
      404,
      /serve issues\/set-labels/
    ]
  ])('refuses %s %j with %i, a violation', async (route, params, status, reason) => {
    const err = await statusOf(octokit.request(route, params))
    expect([err.status, err.message]).toEqual([status, expect.stringMatching(reason)])
    expect(emu.violations.take()).toEqual([
      { request: expect.any(String), reason: expect.stringMatching(reason) }
    ])
  })

  it('checks answers against the described response schemas', () => {
    const description = githubRestDescription()
    const op = description.find('GET', ['repos', owner, repo, 'pulls', '1'])
    if ('status' in op) throw new Error(op.reason)
    expect(description.checkResponse(op, 200, { number: '1' })).toMatch(
      /must have required property/
    )
    expect(description.checkResponse(op, 201, {})).toMatch(/not described to answer 201/)
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
    const last = await fetch(`${emu.apiUrl}/repos/apache/superset/pulls/42`)
    expect([last.status, last.headers.get('x-ratelimit-remaining')]).toEqual([200, '0'])
    const refused = await fetch(`${emu.apiUrl}/repos/apache/superset/pulls/42`)
    expect([refused.status, refused.headers.get('x-ratelimit-remaining')]).toEqual([403, '0'])
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /^API rate limit exceeded/
    )
    expect(emu.violations.take()).toEqual([
      {
        request: 'GET /repos/apache/superset/pulls/42',
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

  it('keeps the secondary limit of 500 writes an hour', () => {
    let now = 0
    const limits = new RateLimits(1, () => now)
    for (let i = 0; i < 500; i++, now += 1000) {
      expect(limits.refusal('core', true)).toBeUndefined()
      limits.charge('core', 1, true)
    }
    expect(limits.refusal('core', false)).toBeUndefined()
    expect(limits.refusal('core', true)).toEqual({
      kind: 'secondary',
      retryAfterSeconds: 3100,
      reason: 'more than 500 content-creating requests an hour'
    })
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
