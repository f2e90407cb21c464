// The sticky PR comment: edited in place once it exists, found again by its hidden marker.

import { COMMENT_MARKER } from '../domain/comment.js'
import type { Octokit, Repository } from './client.js'

export interface StickyComment {
  /** `existing` is the PR's comment count as last read: 0 spares the search. */
  upsert(pr: number, body: string, existing: number): Promise<void>
}

export function stickyComment(octokit: Octokit, repository: Repository): StickyComment {
  const ids = new Map<number, number>()
  return {
    async upsert(pr, body, existing) {
      let id = ids.get(pr)
      if (id === undefined && existing > 0) {
        const comments = await octokit.paginate(octokit.rest.issues.listComments, {
          ...repository,
          issue_number: pr,
          per_page: 100
        })
        id = comments.findLast((c) => c.body?.includes(COMMENT_MARKER))?.id
      }
      if (id !== undefined) {
        await octokit.rest.issues.updateComment({ ...repository, comment_id: id, body })
      } else {
        const { data } = await octokit.rest.issues.createComment({
          ...repository,
          issue_number: pr,
          body
        })
        id = data.id
      }
      ids.set(pr, id)
    }
  }
}
