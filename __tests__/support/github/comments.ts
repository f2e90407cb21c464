// Issue comments: create and update, at most 65,536 characters each (GitHub's own limit).

import type { GitHubJson } from './json.js'
import { type Ctx, type Reply, notFound, tooLong } from './replies.js'
import type { GitHubStore, IssueRec } from './store.js'

const MAX_COMMENT = 65536

export function createComment(
  store: GitHubStore,
  json: GitHubJson,
  rec: IssueRec,
  ctx: Ctx
): Reply {
  const { body } = ctx.body as { body: string }
  const bad = tooLong(ctx.docs, 'IssueComment', 'body', body, MAX_COMMENT)
  if (bad) return bad
  const comment = store.addComment(rec.number, body, store.actor)
  rec.updatedAt = comment.createdAt
  return { status: 201, body: json.commentJson(comment) }
}

export function updateComment(
  store: GitHubStore,
  json: GitHubJson,
  id: string | undefined,
  ctx: Ctx
): Reply {
  const c = store.comments.find((x) => String(x.id) === id)
  if (!c) return notFound(ctx.docs)
  const { body } = ctx.body as { body: string }
  const bad = tooLong(ctx.docs, 'IssueComment', 'body', body, MAX_COMMENT)
  if (bad) return bad
  c.body = body
  c.updatedAt = store.tick()
  return { status: 200, body: json.commentJson(c) }
}
