// The sticky PR comment: edited in place once it exists. Anyone may post a comment that carries
// the hidden marker, so it is looked for only among the comments of the token's own identity
// (GraphQL's `viewer`), and an edit that would change nothing is not sent.

import { COMMENT_MARKER } from '../presentation/comment.js'
import type { Octokit, Repository } from './client.js'

export interface StickyComment {
  /** `existing` is the PR's comment count as last read: 0 spares the search. */
  upsert(pr: number, body: string, existing: number): Promise<void>
}

const FIND = `query ShowtimeStickyComment($owner: String!, $name: String!, $number: Int!, $cursor: String) {
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

interface Page {
  viewer: { login: string }
  repository: {
    pullRequest: {
      comments: {
        pageInfo: { hasNextPage: boolean; endCursor: string | null }
        nodes: ({
          databaseId: number | null
          body: string
          author: { login: string } | null
        } | null)[]
      }
    } | null
  } | null
}

/** GraphQL names a bot `github-actions` as an author but may name the token's own viewer
 * `github-actions[bot]`: compare without the suffix. */
function identity(login: string): string {
  return login.replace(/\[bot\]$/i, '').toLowerCase()
}

export function stickyComment(octokit: Octokit, repository: Repository): StickyComment {
  const known = new Map<number, { id: number; body: string }>()

  async function find(pr: number): Promise<{ id: number; body: string } | undefined> {
    let found: { id: number; body: string } | undefined
    let cursor: string | null = null
    do {
      const page: Page = await octokit.graphql<Page>(FIND, {
        owner: repository.owner,
        name: repository.repo,
        number: pr,
        cursor
      })
      const me = identity(page.viewer.login)
      const comments = page.repository?.pullRequest?.comments
      for (const node of comments?.nodes ?? []) {
        if (
          node?.databaseId != null &&
          node.author !== null &&
          identity(node.author.login) === me &&
          node.body.includes(COMMENT_MARKER)
        )
          found = { id: node.databaseId, body: node.body }
      }
      cursor = comments?.pageInfo.hasNextPage ? comments.pageInfo.endCursor : null
    } while (cursor)
    return found
  }

  return {
    async upsert(pr, body, existing) {
      const current = known.get(pr) ?? (existing > 0 ? await find(pr) : undefined)
      if (current?.body === body) return
      if (current !== undefined) {
        await octokit.rest.issues.updateComment({ ...repository, comment_id: current.id, body })
        known.set(pr, { id: current.id, body })
        return
      }
      const { data } = await octokit.rest.issues.createComment({
        ...repository,
        issue_number: pr,
        body
      })
      known.set(pr, { id: data.id, body })
    }
  }
}
