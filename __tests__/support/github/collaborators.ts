// GET /collaborators/{user}/permission: the legacy `permission` folds maintain into write and
// triage into read while `role_name` keeps the role; any existing user who is not a collaborator
// of a public repository reads as `read`, a missing one is a 404.

import type { GitHubJson } from './json.js'
import { type Ctx, type Reply, notFound } from './replies.js'
import { type GitHubStore, ROLES, lower } from './store.js'

export function permission(store: GitHubStore, json: GitHubJson, login: string, ctx: Ctx): Reply {
  const key = lower(login)
  if (store.missingUsers.has(key)) return notFound(ctx.docs)
  const role = store.roles.get(key) ?? 'read'
  const rank = ROLES.length - 1 - ROLES.indexOf(role) // none 0 … admin 5
  const can = ['pull', 'triage', 'push', 'maintain', 'admin'].map((p, i) => [p, rank > i])
  const user = { ...json.user(login), permissions: Object.fromEntries(can), role_name: role }
  const folded = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role
  return { status: 200, body: { permission: folded, role_name: role, user } }
}
