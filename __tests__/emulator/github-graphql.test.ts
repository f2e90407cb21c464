import { getOctokit } from '@actions/github'
import { GraphqlResponseError } from '@octokit/graphql'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { GitHubEmulator } from '../support/github-emulator.js'
import type { EmulatorPull } from '../support/github-emulator.js'

type Octokit = ReturnType<typeof getOctokit>

const owner = 'apache'
const name = 'superset'
const sha = (n: number): string => n.toString(16).padStart(40, '0')

const LABEL_SCAN = /* GraphQL */ `
  query ShowtimeLabelScan($owner: String!, $name: String!, $cursor: String) {
    repository(owner: $owner, name: $name) {
      labels(first: 100, after: $cursor, query: "🎪") {
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          name
          issues {
            totalCount
          }
          pullRequests {
            totalCount
          }
          closedPullRequests: pullRequests(first: 20, states: [CLOSED, MERGED]) {
            totalCount
            nodes {
              number
            }
          }
        }
      }
    }
  }
`

const LABEL_PULLS = /* GraphQL */ `
  query ShowtimeLabelPulls($owner: String!, $name: String!, $label: String!, $cursor: String) {
    repository(owner: $owner, name: $name) {
      label(name: $label) {
        pullRequests(first: 100, after: $cursor, states: [CLOSED, MERGED]) {
          pageInfo {
            hasNextPage
            endCursor
          }
          nodes {
            number
          }
        }
      }
    }
  }
`

interface ScanNode {
  name: string
  issues: { totalCount: number }
  pullRequests: { totalCount: number }
  closedPullRequests: { totalCount: number; nodes: { number: number }[] }
}
interface ScanPage {
  repository: {
    labels: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: ScanNode[] }
  } | null
}
interface PullsPage {
  repository: {
    label: {
      pullRequests: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null }
        nodes: { number: number }[]
      }
    } | null
  } | null
}

let emu: GitHubEmulator
let octokit: Octokit

beforeEach(async () => {
  emu = await GitHubEmulator.start()
  octokit = getOctokit('t', { baseUrl: emu.apiUrl, throttle: { enabled: false } })
})

afterEach(async () => {
  await emu.stop()
})

async function scan(cursor?: string | null): Promise<ScanPage> {
  return octokit.graphql<ScanPage>(LABEL_SCAN, { owner, name, cursor })
}

async function scanAll(): Promise<{ nodes: ScanNode[]; pages: number }> {
  const nodes: ScanNode[] = []
  let cursor: string | null = null
  let pages = 0
  for (;;) {
    const page: ScanPage = await scan(cursor)
    const labels = page.repository?.labels
    if (!labels) throw new Error('no labels connection')
    pages++
    nodes.push(...labels.nodes)
    if (!labels.pageInfo.hasNextPage) return { nodes, pages }
    cursor = labels.pageInfo.endCursor
  }
}

/** The GraphqlResponseError a call rejects with. */
async function graphqlError(p: Promise<unknown>): Promise<GraphqlResponseError<unknown>> {
  try {
    await p
  } catch (e) {
    if (e instanceof GraphqlResponseError) return e as GraphqlResponseError<unknown>
    throw e
  }
  throw new Error('expected a GraphqlResponseError')
}

/** A raw POST, to see status, headers and body exactly as sent. */
async function rawPost(
  path: string,
  body: unknown,
  auth = true
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const res = await fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(auth ? { authorization: 'token t' } : {})
    },
    body: JSON.stringify(body)
  })
  return {
    status: res.status,
    headers: res.headers,
    json: (await res.json()) as Record<string, unknown>
  }
}

describe('endpoint', () => {
  it('answers octokit.graphql at /api/graphql (GHES baseUrl) and logs it as POST /graphql', async () => {
    emu.defineLabel('🎪 abc1234 🚦 running')
    const data = await scan()
    expect(data.repository?.labels.nodes.map((n) => n.name)).toEqual(['🎪 abc1234 🚦 running'])
    expect(emu.requests).toHaveLength(1)
    expect(emu.requests[0]).toMatchObject({
      method: 'POST',
      path: '/graphql',
      status: 200,
      operation: 'ShowtimeLabelScan'
    })
  })

  it('serves /graphql too, with rate-limit headers for the graphql resource', async () => {
    const res = await rawPost('/graphql', { query: LABEL_SCAN, variables: { owner, name } })
    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      data: {
        repository: {
          labels: { pageInfo: { hasNextPage: false, endCursor: null }, nodes: [] }
        }
      }
    })
    expect(res.headers.get('x-ratelimit-resource')).toBe('graphql')
    expect(res.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/)
    expect(emu.requests.map((r) => `${r.method} ${r.path} ${r.operation}`)).toEqual([
      'POST /graphql ShowtimeLabelScan'
    ])
  })

  it('answers 401 without a token', async () => {
    const res = await rawPost('/api/graphql', { query: LABEL_SCAN }, false)
    expect(res.status).toBe(401)
    expect(res.json.message).toBe('This endpoint requires you to be authenticated.')
  })
})

describe('ShowtimeLabelScan', () => {
  it('filters label definitions by the query text, in name or description, in creation order', async () => {
    emu.defineLabel('bug', 'd73a4a')
    emu.defineLabel('🎪 abc1234 🚦 running')
    emu.defineLabel('enhancement')
    emu.defineLabel('showtime-blocked', 'ededed', '🎪 Blocks every Showtime operation')
    emu.defineLabel('🎪 ⚡ showtime-trigger-start')
    emu.addPull({ number: 1, headSha: sha(1), labels: ['🎪 🎯 abc1234', 'size/S'] })
    const { nodes } = await scanAll()
    expect(nodes.map((n) => n.name)).toEqual([
      '🎪 abc1234 🚦 running',
      'showtime-blocked',
      '🎪 ⚡ showtime-trigger-start',
      '🎪 🎯 abc1234'
    ])
  })

  it('counts issues, pull requests, and closed or merged pull requests per label', async () => {
    const label = '🎪 abc1234 🚦 running'
    emu.addPull({ number: 30, headSha: sha(30), labels: [label], merged: true })
    emu.addPull({ number: 10, headSha: sha(10), labels: [label] })
    emu.addPull({ number: 20, headSha: sha(20), labels: [label], state: 'closed' })
    emu.addPull({ number: 40, headSha: sha(40), labels: [label], draft: true })
    emu.addIssue({ number: 50, labels: [label] })
    emu.addIssue({ number: 60, labels: [label], state: 'closed' })
    emu.addPull({ number: 70, headSha: sha(70), labels: ['🎪 other'], state: 'closed' })
    const { nodes } = await scanAll()
    expect(nodes).toEqual([
      {
        name: label,
        issues: { totalCount: 2 },
        pullRequests: { totalCount: 4 },
        closedPullRequests: { totalCount: 2, nodes: [{ number: 20 }, { number: 30 }] }
      },
      {
        name: '🎪 other',
        issues: { totalCount: 0 },
        pullRequests: { totalCount: 1 },
        closedPullRequests: { totalCount: 1, nodes: [{ number: 70 }] }
      }
    ])
  })

  it('follows label changes made over REST', async () => {
    emu.addPull({ number: 5, headSha: sha(5), labels: ['🎪 abc1234 🚦 running'] })
    await octokit.rest.issues.removeLabel({
      owner,
      repo: name,
      issue_number: 5,
      name: '🎪 abc1234 🚦 running'
    })
    const { nodes } = await scanAll()
    expect(nodes).toEqual([
      {
        name: '🎪 abc1234 🚦 running',
        issues: { totalCount: 0 },
        pullRequests: { totalCount: 0 },
        closedPullRequests: { totalCount: 0, nodes: [] }
      }
    ])
  })

  it('gives an unattached label zero counts', async () => {
    emu.defineLabel('🎪 🔒 showtime-blocked')
    const { nodes } = await scanAll()
    expect(nodes).toEqual([
      {
        name: '🎪 🔒 showtime-blocked',
        issues: { totalCount: 0 },
        pullRequests: { totalCount: 0 },
        closedPullRequests: { totalCount: 0, nodes: [] }
      }
    ])
  })

  it('lists at most 20 closed pull requests per label, lowest number first, with the full count', async () => {
    const pulls: EmulatorPull[] = []
    for (let n = 1; n <= 25; n++) {
      pulls.push({
        number: 100 - n,
        headSha: sha(n),
        labels: ['🎪 old'],
        state: 'closed',
        merged: n % 2 === 0
      })
    }
    pulls.push({ number: 200, headSha: sha(200), labels: ['🎪 old'] })
    emu.addPulls(pulls)
    const [node] = (await scanAll()).nodes
    expect(node?.pullRequests.totalCount).toBe(26)
    expect(node?.closedPullRequests.totalCount).toBe(25)
    expect(node?.closedPullRequests.nodes.map((p) => p.number)).toEqual(
      Array.from({ length: 20 }, (_, i) => 75 + i)
    )
  })

  it('pages 250 🎪 labels in three requests of 100, 100 and 50', async () => {
    for (let i = 0; i < 250; i++) emu.defineLabel(`🎪 ${String(i).padStart(3, '0')} 🚦 running`)
    emu.defineLabel('unrelated')
    const pageSizes: number[] = []
    const names: string[] = []
    let cursor: string | null = null
    for (;;) {
      const page: ScanPage = await scan(cursor)
      const labels = page.repository?.labels
      if (!labels) throw new Error('no labels')
      pageSizes.push(labels.nodes.length)
      names.push(...labels.nodes.map((n) => n.name))
      if (!labels.pageInfo.hasNextPage) {
        expect(labels.pageInfo.endCursor).not.toBeNull()
        break
      }
      cursor = labels.pageInfo.endCursor
    }
    expect(pageSizes).toEqual([100, 100, 50])
    expect(names).toEqual(
      Array.from({ length: 250 }, (_, i) => `🎪 ${String(i).padStart(3, '0')} 🚦 running`)
    )
    expect(emu.requests.filter((r) => r.operation === 'ShowtimeLabelScan')).toHaveLength(3)
  })

  it('keeps paging stable when a label is deleted between pages', async () => {
    for (let i = 0; i < 150; i++) emu.defineLabel(`🎪 ${i}`)
    const first = await scan()
    await octokit.rest.issues.deleteLabel({ owner, repo: name, name: '🎪 10' })
    const second = await scan(first.repository?.labels.pageInfo.endCursor)
    expect(second.repository?.labels.nodes.map((n) => n.name)).toEqual(
      Array.from({ length: 50 }, (_, i) => `🎪 ${100 + i}`)
    )
  })

  it('answers an invalid cursor with INVALID_CURSOR_ARGUMENTS and a null connection', async () => {
    const err = await graphqlError(scan('bm90IGEgY3Vyc29y'))
    expect(err.data).toEqual({ repository: { labels: null } })
    expect(err.errors).toEqual([
      {
        type: 'INVALID_CURSOR_ARGUMENTS',
        path: ['repository', 'labels'],
        locations: [{ line: 4, column: 7 }],
        message: '`bm90IGEgY3Vyc29y` does not appear to be a valid cursor.'
      }
    ])
  })

  it('stays quick with 1,000 pull requests and 250 labels', async () => {
    for (let i = 0; i < 250; i++) emu.defineLabel(`🎪 ${i}`)
    emu.addPulls(
      Array.from({ length: 1000 }, (_, i) => ({
        number: i + 1,
        headSha: sha(i + 1),
        state: i % 3 === 0 ? ('closed' as const) : ('open' as const),
        labels: [`🎪 ${i % 250}`, `🎪 ${(i + 1) % 250}`, 'size/M']
      }))
    )
    const t0 = Date.now()
    const { nodes, pages } = await scanAll()
    expect(pages).toBe(3)
    expect(nodes).toHaveLength(250)
    expect(nodes.reduce((sum, n) => sum + n.pullRequests.totalCount, 0)).toBe(2000)
    expect(Date.now() - t0).toBeLessThan(2000)
  })
})

describe('ShowtimeLabelPulls', () => {
  it('pages more than 100 closed and merged pull requests of one label', async () => {
    const label = '🎪 abc1234 🚦 running'
    emu.addPulls(
      Array.from({ length: 130 }, (_, i) => ({
        number: 1000 - i,
        headSha: sha(i),
        labels: [label],
        merged: i % 2 === 0,
        state: 'closed' as const
      }))
    )
    emu.addPull({ number: 5000, headSha: sha(5000), labels: [label] })
    const numbers: number[] = []
    const sizes: number[] = []
    let cursor: string | null = null
    for (;;) {
      const page: PullsPage = await octokit.graphql<PullsPage>(LABEL_PULLS, {
        owner,
        name,
        label,
        cursor
      })
      const conn = page.repository?.label?.pullRequests
      if (!conn) throw new Error('no pull requests')
      sizes.push(conn.nodes.length)
      numbers.push(...conn.nodes.map((n) => n.number))
      if (!conn.pageInfo.hasNextPage) break
      cursor = conn.pageInfo.endCursor
    }
    expect(sizes).toEqual([100, 30])
    expect(numbers).toEqual(Array.from({ length: 130 }, (_, i) => 871 + i))
    expect(emu.requests.map((r) => r.operation)).toEqual([
      'ShowtimeLabelPulls',
      'ShowtimeLabelPulls'
    ])
  })

  it('answers a null label for a label that does not exist', async () => {
    const data = await octokit.graphql<PullsPage>(LABEL_PULLS, { owner, name, label: '🎪 nope' })
    expect(data).toEqual({ repository: { label: null } })
  })

  it('finds the label case-insensitively', async () => {
    emu.addPull({ number: 3, headSha: sha(3), labels: ['🎪 Mixed Case'], state: 'closed' })
    const data = await octokit.graphql<PullsPage>(LABEL_PULLS, {
      owner,
      name,
      label: '🎪 mixed case'
    })
    expect(data.repository?.label?.pullRequests.nodes).toEqual([{ number: 3 }])
  })
})

describe('errors in GitHub shapes', () => {
  it('answers an unknown repository with a null repository and NOT_FOUND', async () => {
    const e = await graphqlError(
      octokit.graphql(LABEL_SCAN, { owner: 'apache', name: 'nope', cursor: null })
    )
    expect(e.data).toEqual({ repository: null })
    expect(e.errors).toEqual([
      {
        type: 'NOT_FOUND',
        path: ['repository'],
        locations: [{ line: 3, column: 5 }],
        message: "Could not resolve to a Repository with the name 'apache/nope'."
      }
    ])
    expect(e.message).toContain("Could not resolve to a Repository with the name 'apache/nope'.")
  })

  it('rejects any other operation with a GraphQL error (status 200)', async () => {
    const e = await graphqlError(octokit.graphql('query Viewer { viewer { login } }'))
    expect(e.errors?.[0]?.message).toMatch(/does not serve the query 'Viewer'/)
    expect(e.data).toBeUndefined()
    const anonymous = await graphqlError(octokit.graphql('{ viewer { login } }'))
    expect(anonymous.errors?.[0]?.message).toMatch(/does not serve the query \(anonymous\)/)
    const mutation = await graphqlError(
      octokit.graphql('mutation ShowtimeLabelScan { addLabelsToLabelable { clientMutationId } }')
    )
    expect(mutation.errors?.[0]?.message).toMatch(/does not serve the mutation/)
    expect(emu.requests.map((r) => `${r.status} ${r.operation}`)).toEqual([
      '200 Viewer',
      '200 undefined',
      '200 ShowtimeLabelScan'
    ])
  })

  it('answers an unknown field with undefinedField, as GitHub does', async () => {
    const query = LABEL_SCAN.replace('name\n', 'name\n          colour\n')
    const e = await graphqlError(octokit.graphql(query, { owner, name }))
    expect(e.errors).toEqual([
      {
        path: ['query ShowtimeLabelScan', 'repository', 'labels', 'nodes', 'colour'],
        extensions: { code: 'undefinedField', typeName: 'Label', fieldName: 'colour' },
        locations: [{ line: 11, column: 11 }],
        message: "Field 'colour' doesn't exist on type 'Label'"
      }
    ])
  })

  it('answers a syntax error with a parse error', async () => {
    const e = await graphqlError(
      octokit.graphql('query ShowtimeLabelScan {\n  repository(owner: "a", name: "b") {\n}', {})
    )
    expect(e.errors).toEqual([
      { message: 'Parse error on "}" (RCURLY) at [3, 1]', locations: [{ line: 3, column: 1 }] }
    ])
    const eof = await graphqlError(octokit.graphql('query ShowtimeLabelScan { repository', {}))
    expect(eof.errors).toEqual([{ message: 'Unexpected end of document', locations: [] }])
  })

  it('answers a missing required variable like GitHub', async () => {
    const e = await graphqlError(octokit.graphql(LABEL_SCAN, { owner }))
    expect(e.errors).toEqual([
      {
        extensions: {
          value: null,
          problems: [{ path: [], explanation: 'Expected value to not be null' }]
        },
        locations: [{ line: 2, column: 44 }],
        message: 'Variable $name of type String! was provided invalid value'
      }
    ])
    const pulls = await graphqlError(octokit.graphql(LABEL_PULLS, { owner, name }))
    expect(pulls.errors?.[0]?.message).toBe(
      'Variable $label of type String! was provided invalid value'
    )
  })

  it('answers a page over 100 with EXCESSIVE_PAGINATION', async () => {
    const e = await graphqlError(
      octokit.graphql(LABEL_SCAN.replace('first: 100', 'first: 101'), { owner, name })
    )
    expect(e.errors).toEqual([
      {
        type: 'EXCESSIVE_PAGINATION',
        locations: [{ line: 4, column: 7 }],
        message:
          'Requesting 101 records on the `labels` connection exceeds the `first` limit of 100 records.'
      }
    ])
  })
})

describe('faults', () => {
  it('answers an injected 502 once, then serves the query', async () => {
    emu.defineLabel('🎪 abc1234 🚦 running')
    emu.injectFault({ method: 'POST', path: '/graphql', status: 502 })
    const failed = await scan().then(
      () => null,
      (e: unknown) => e as { status: number; response?: { data: unknown } }
    )
    expect(failed?.status).toBe(502)
    expect(failed?.response?.data).toMatchObject({
      data: null,
      errors: [{ message: expect.stringContaining('Something went wrong') as unknown }]
    })
    const ok = await scan()
    expect(ok.repository?.labels.nodes).toHaveLength(1)
    expect(emu.requests.map((r) => `${r.method} ${r.path} ${r.status} ${r.operation}`)).toEqual([
      'POST /graphql 502 ShowtimeLabelScan',
      'POST /graphql 200 ShowtimeLabelScan'
    ])
  })
})

describe('REST pull listing at scale', () => {
  it('lists 1,000 open pull requests in ten pages quickly', async () => {
    emu.addPulls(
      Array.from({ length: 1200 }, (_, i) => ({
        number: i + 1,
        headSha: sha(i + 1),
        state: i < 1000 ? ('open' as const) : ('closed' as const),
        labels: ['🎪 abc1234 🚦 running']
      }))
    )
    const t0 = Date.now()
    const pulls = await octokit.paginate(octokit.rest.pulls.list, {
      owner,
      repo: name,
      state: 'open',
      per_page: 100
    })
    expect(pulls).toHaveLength(1000)
    expect(new Set(pulls.map((p) => p.number)).size).toBe(1000)
    expect(emu.requests).toHaveLength(10)
    expect(Date.now() - t0).toBeLessThan(3000)
  })
})
