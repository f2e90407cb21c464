import { getOctokit } from '@actions/github'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { repositoryScanner } from '../../src/github/repository-scan.js'
import { GitHubEmulator } from '../support/github-emulator.js'

const owner = 'apache'
const name = 'superset'
const sha = (n: number): string => n.toString(16).padStart(40, '0')

const STICKY_COMMENT = `query ShowtimeStickyComment($owner: String!, $name: String!, $number: Int!, $cursor: String) {
  viewer { login }
  repository(owner: $owner, name: $name) {
    pullRequest(number: $number) {
      comments(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes { databaseId body author { login } }
      }
    }
  }
}`

const DEPLOYMENT_STATES = `query ShowtimeDeploymentStates($ids: [ID!]!) {
  nodes(ids: $ids) { ... on Deployment { databaseId state } }
}`

let emu: GitHubEmulator
let octokit: ReturnType<typeof getOctokit>

/** One GraphQL request as Octokit sends it, answered as it came (errors are not thrown). */
async function post(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${emu.url}/api/graphql`, {
    method: 'POST',
    headers: { authorization: 'token t', 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables })
  })
  // The answers are read by path below; their shapes are what the queries ask for.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body = (await res.json()) as { data?: any; errors?: { type?: string; message: string }[] }
  return { status: res.status, headers: res.headers, ...body }
}

beforeEach(async () => {
  emu = await GitHubEmulator.start()
  octokit = getOctokit('t', { baseUrl: emu.apiUrl })
})
afterEach(() => emu.stop())

describe('GraphQL on the published schema', () => {
  it('serves the label scan Showtime sends, paging labels and closed pulls', async () => {
    for (let i = 0; i < 130; i++) {
      const state = i < 125 ? 'closed' : 'open'
      emu.addPull({ number: i + 1, headSha: sha(i + 1), labels: ['🎪 ⌛ 48h'], state })
    }
    for (let i = 0; i < 120; i++) emu.defineLabel(`other ${i}`)
    emu.addIssue({ number: 500, labels: ['🎪 ⌛ 48h'] })
    const scan = await repositoryScanner(octokit, { owner, repo: name }).labelScan()
    expect(scan.definitions).toEqual([{ name: '🎪 ⌛ 48h', color: 'ededed', attachments: 131 }])
    expect(scan.closedPullRequests).toHaveLength(125)
    const operations = emu.requests.map((r) => r.operation)
    expect(operations).toEqual([
      'ShowtimeLabelScan',
      'ShowtimeLabelPulls',
      'ShowtimeLabelPulls',
      'ShowtimeLabelScan'
    ])
  })

  it('shows a bot as viewer with [bot] but as comment author without it, and pages comments', async () => {
    emu.addPull({ number: 7, headSha: sha(7) })
    for (let i = 0; i < 120; i++)
      emu.addComment(7, `comment ${i}`, i % 2 ? 'alice' : 'github-actions[bot]')
    await octokit.rest.issues.createComment({ owner, repo: name, issue_number: 7, body: 'mine' })
    const first = await post(STICKY_COMMENT, { owner, name, number: 7 })
    expect(first.data.viewer.login).toBe('github-actions[bot]')
    const page = first.data.repository.pullRequest.comments
    expect(page.nodes[0]).toMatchObject({ body: 'comment 0', author: { login: 'github-actions' } })
    expect(page.nodes[1].author.login).toBe('alice')
    expect(page.pageInfo.hasNextPage).toBe(true)
    const rest = await post(STICKY_COMMENT, {
      owner,
      name,
      number: 7,
      cursor: page.pageInfo.endCursor
    })
    const last = rest.data.repository.pullRequest.comments
    expect(last.nodes).toHaveLength(21)
    expect(last.nodes[20]).toMatchObject({ body: 'mine', author: { login: 'github-actions' } })
    expect(last.pageInfo.hasNextPage).toBe(false)
  })

  it('reads deployments by node id with GitHub’s states', async () => {
    emu.addPull({ number: 7, headSha: sha(7) })
    const create = async (states: string[], transient = false) => {
      const { data } = await octokit.rest.repos.createDeployment({
        owner,
        repo: name,
        ref: sha(7),
        environment: 'pr-7',
        transient_environment: transient,
        required_contexts: []
      })
      const { id, node_id } = data as { id: number; node_id: string }
      for (const state of states) {
        await octokit.rest.repos.createDeploymentStatus({
          owner,
          repo: name,
          deployment_id: id,
          state: state as 'success'
        })
      }
      return { id, node_id }
    }
    const made = [
      [await create(['in_progress', 'failure']), 'FAILURE'],
      [await create(['success', 'inactive'], true), 'DESTROYED'],
      [await create(['success']), 'ACTIVE'],
      [await create([]), 'PENDING']
    ] as const
    const { data, errors } = await post(DEPLOYMENT_STATES, {
      ids: [...made.map(([d]) => d.node_id), 'DE_unknown']
    })
    expect(data.nodes).toEqual([...made.map(([d, state]) => ({ databaseId: d.id, state })), null])
    expect(errors?.[0]).toMatchObject({ type: 'NOT_FOUND', path: ['nodes', 4] })

    // The deployments of one environment, newest last, with their task and state.
    await octokit.rest.repos.createDeployment({
      owner,
      repo: name,
      ref: sha(8),
      environment: 'pr-8',
      required_contexts: []
    })
    const listed = await post(
      `query($env: String!) { repository(owner: "apache", name: "superset") {
        deployments(environments: [$env], last: 2) { nodes { databaseId task state } } } }`,
      { env: 'pr-7' }
    )
    expect(listed.data.repository.deployments.nodes).toEqual(
      made.slice(2).map(([d, state]) => ({ databaseId: d.id, task: 'deploy', state }))
    )
  })

  // Request errors (pagination, validation) answer no data; a field error nulls its field.
  const error = (message: RegExp) => ({ message: expect.stringMatching(message) })
  it.each<[string, unknown, object]>([
    ['labels { nodes { name } }', undefined, { type: 'MISSING_PAGINATION_BOUNDARIES' }],
    ['labels(first: 101) { nodes { name } }', undefined, { type: 'EXCESSIVE_PAGINATION' }],
    ['nope', undefined, error(/Cannot query field "nope" on type "Repository"/)],
    ['stargazerCount', { repository: null }, error(/does not serve Repository.stargazerCount/)],
    [
      'labels(first: 1, query: "x") { totalCount }',
      { repository: { labels: null } },
      error(/does not serve Repository.labels\(query\)/)
    ]
  ])('answers repository { %s } with GitHub’s error shape, HTTP 200', async (q, data, first) => {
    const res = await post(`query { repository(owner: "apache", name: "superset") { ${q} } }`)
    expect([res.status, res.data, res.errors?.[0]]).toEqual([
      200,
      data,
      expect.objectContaining(first)
    ])
    expect(emu.violations.take()).toEqual([
      { request: 'POST /graphql', reason: res.errors?.[0]?.message }
    ])
  })

  it('removes several labels of a pull request in one mutation, by their ids', async () => {
    emu.addPull({ number: 7, headSha: sha(7), labels: ['a', 'b', 'c'] })
    emu.addPull({ number: 8, headSha: sha(8), labels: ['a', 'd'] })
    const { data: pull } = await octokit.rest.pulls.get({ owner, repo: name, pull_number: 7 })
    const { data: other } = await octokit.rest.pulls.get({ owner, repo: name, pull_number: 8 })
    const id = (label: string) =>
      [...pull.labels, ...other.labels].find((l) => l.name === label)?.node_id
    const mutation = `mutation($pr: ID!, $labels: [ID!]!) {
      removeLabelsFromLabelable(input: { labelableId: $pr, labelIds: $labels }) {
        labelable { labels(first: 100) { nodes { name id } } }
      }
    }`
    // A label that is not on the pull request is no error.
    const res = await post(mutation, { pr: pull.node_id, labels: [id('a'), id('c'), id('d')] })
    expect(res.errors).toBeUndefined()
    expect(res.data.removeLabelsFromLabelable.labelable.labels.nodes).toEqual([
      { name: 'b', id: id('b') }
    ])
    expect(emu.labelsOn(7)).toEqual(['b'])
    expect(emu.labelsOn(8)).toEqual(['a', 'd'])
    expect(emu.labelEvents(7).filter((e) => e.event === 'unlabeled')).toMatchObject([
      { label: 'a' },
      { label: 'c' }
    ])
    const unknown = await post(mutation, { pr: 'PR_unknown', labels: [id('b')] })
    expect(unknown.errors?.[0]).toMatchObject({ type: 'NOT_FOUND' })
    expect(emu.labelsOn(7)).toEqual(['b'])
  })

  it('counts without pages, and answers an unknown repository with null and NOT_FOUND', async () => {
    const counted = await post(
      `query { repository(owner: "apache", name: "superset") { labels { totalCount } } }`
    )
    expect(counted.data.repository.labels.totalCount).toBe(0)
    const unknownRepo = await post(`query { repository(owner: "apache", name: "nope") { name } }`)
    expect(unknownRepo.data).toEqual({ repository: null })
    expect(unknownRepo.errors?.[0]).toMatchObject({ type: 'NOT_FOUND', path: ['repository'] })
  })

  it('charges GraphQL points against a budget of 1,000 an hour', async () => {
    const scan = await post(`query { viewer { login } }`)
    expect(scan.headers.get('x-ratelimit-resource')).toBe('graphql')
    expect(scan.headers.get('x-ratelimit-limit')).toBe('1000')
    expect(scan.headers.get('x-ratelimit-remaining')).toBe('999')
    const nested = `query { repository(owner: "apache", name: "superset") {
      labels(first: 100) { nodes { pullRequests(first: 100) { nodes { comments(first: 100) { totalCount } } } } } } }`
    const costly = await post(nested)
    expect(costly.headers.get('x-ratelimit-used')).toBe(String(1 + 101))
    emu.setRateLimitRemaining(0, 'graphql')
    const refused = await post(nested)
    expect(refused.status).toBe(200)
    expect(refused.errors?.[0]?.type).toBe('RATE_LIMITED')
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(emu.violations.take()).toEqual([
      {
        request: 'POST /graphql',
        reason: expect.stringMatching(/graphql budget of the hour is spent/)
      }
    ])
  })
})
