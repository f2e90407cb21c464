// Reads what the scheduled cleanup needs from the whole repository without a request per PR:
// open PRs with their labels from the pulls list (100 a page), and every 🎪 label definition
// with what it is attached to from one GraphQL query per 100 repository labels.

import { isShowtimeLabel } from '../domain/labels.js'
import type { Octokit, Repository } from './client.js'

export interface OpenPullRequest {
  readonly number: number
  readonly labels: readonly string[]
}

export interface LabelScan {
  /** Every 🎪 definition with the issues and PRs (any state) it is attached to. */
  readonly definitions: readonly {
    readonly name: string
    readonly color: string
    readonly attachments: number
  }[]
  /** Closed (or merged) PRs that still carry a 🎪 label. */
  readonly closedPullRequests: readonly number[]
}

export interface RepositoryScanner {
  openPullRequests(): Promise<OpenPullRequest[]>
  labelScan(): Promise<LabelScan>
  labelsOf(number: number): Promise<string[]>
}

const LABEL_SCAN = `query ShowtimeLabelScan($owner: String!, $name: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    labels(first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes {
        name
        color
        issues { totalCount }
        pullRequests { totalCount }
        closedPullRequests: pullRequests(first: 20, states: [CLOSED, MERGED]) { totalCount nodes { number } }
      }
    }
  }
}`

const LABEL_PULLS = `query ShowtimeLabelPulls($owner: String!, $name: String!, $label: String!, $cursor: String) {
  repository(owner: $owner, name: $name) {
    label(name: $label) {
      pullRequests(first: 100, after: $cursor, states: [CLOSED, MERGED]) {
        pageInfo { hasNextPage endCursor }
        nodes { number }
      }
    }
  }
}`

interface PageInfo {
  hasNextPage: boolean
  endCursor: string | null
}

interface LabelNode {
  name: string
  color: string
  issues: { totalCount: number }
  pullRequests: { totalCount: number }
  closedPullRequests: { totalCount: number; nodes: { number: number }[] }
}

export function repositoryScanner(octokit: Octokit, repository: Repository): RepositoryScanner {
  const variables = { owner: repository.owner, name: repository.repo }

  async function closedPullsOf(label: string): Promise<number[]> {
    const numbers: number[] = []
    let cursor: string | null = null
    do {
      const data: {
        repository: {
          label: { pullRequests: { pageInfo: PageInfo; nodes: { number: number }[] } } | null
        }
      } = await octokit.graphql(LABEL_PULLS, { ...variables, label, cursor })
      const page = data.repository.label?.pullRequests
      if (!page) break
      numbers.push(...page.nodes.map((n) => n.number))
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null
    } while (cursor)
    return numbers
  }

  return {
    async openPullRequests() {
      const pulls = await octokit.paginate(octokit.rest.pulls.list, {
        ...repository,
        state: 'open',
        per_page: 100
      })
      return pulls.map((p) => ({ number: p.number, labels: p.labels.map((l) => l.name) }))
    },

    async labelScan() {
      const definitions: { name: string; color: string; attachments: number }[] = []
      const closed = new Set<number>()
      let cursor: string | null = null
      do {
        const data: { repository: { labels: { pageInfo: PageInfo; nodes: LabelNode[] } } } =
          await octokit.graphql(LABEL_SCAN, { ...variables, cursor })
        const page = data.repository.labels
        // Filtered here: GitHub's label search ranks by relevance and may lag behind new labels.
        for (const node of page.nodes.filter((n) => isShowtimeLabel(n.name))) {
          definitions.push({
            name: node.name,
            color: node.color,
            attachments: node.issues.totalCount + node.pullRequests.totalCount
          })
          const listed = node.closedPullRequests.nodes.map((n) => n.number)
          // A label on more closed PRs than the first page holds (a TTL label, say) is paged out.
          const numbers =
            node.closedPullRequests.totalCount > listed.length
              ? await closedPullsOf(node.name)
              : listed
          for (const number of numbers) closed.add(number)
        }
        cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null
      } while (cursor)
      return { definitions, closedPullRequests: [...closed].sort((a, b) => a - b) }
    },

    async labelsOf(number) {
      const labels = await octokit.paginate(octokit.rest.issues.listLabelsOnIssue, {
        ...repository,
        issue_number: number,
        per_page: 100
      })
      return labels.map((l) => l.name)
    }
  }
}
