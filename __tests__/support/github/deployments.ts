// Deployments and their statuses. A new `success` status marks inactive only earlier deployments
// of the same environment that succeeded and are neither transient nor production
// (`auto_inactive`, default true); status descriptions hold at most 140 characters.

import type { GitHubJson } from './json.js'
import { resolveRef } from './pulls.js'
import { type Ctx, type Reply, failure, paginate, tooLong } from './replies.js'
import type { EmulatorDeployment, EmulatorDeploymentStatus, GitHubStore } from './store.js'

type StatusFields = Partial<
  Record<'description' | 'environment' | 'environment_url' | 'log_url' | 'target_url', string>
>

export function createDeployment(store: GitHubStore, json: GitHubJson, ctx: Ctx): Reply {
  // Types and presence are the description's; defaults are GitHub's.
  const b = ctx.body as Partial<Omit<EmulatorDeployment, 'ref'>> & { ref: string }
  const sha = resolveRef(store, b.ref)
  if (!sha) return failure(422, `No ref found for: ${b.ref}`, ctx.docs)
  const environment = b.environment ?? 'production'
  const at = store.tick()
  const dep: EmulatorDeployment = {
    id: store.nextDeploymentId++,
    ref: b.ref,
    sha,
    task: b.task ?? 'deploy',
    environment,
    original_environment: environment,
    description: b.description ?? null,
    transient_environment: b.transient_environment ?? false,
    production_environment: b.production_environment ?? environment === 'production',
    payload: b.payload ?? {},
    created_at: at,
    updated_at: at,
    statuses: []
  }
  store.deployments.push(dep)
  return { status: 201, body: json.deploymentJson(dep) }
}

export function listDeployments(store: GitHubStore, json: GitHubJson, ctx: Ctx): Reply {
  const q = ctx.query
  const filters = (['environment', 'ref', 'sha', 'task'] as const).filter((k) => k in q)
  const list = store.deployments
    .filter((d) => filters.every((k) => d[k] === q[k]))
    .sort((x, y) => y.id - x.id)
  return paginate(list, ctx, store.repoId, (d) => json.deploymentJson(d))
}

export function createDeploymentStatus(
  store: GitHubStore,
  json: GitHubJson,
  dep: EmulatorDeployment,
  ctx: Ctx
): Reply {
  const b = ctx.body as StatusFields & { state: string; auto_inactive?: boolean }
  const bad = tooLong(ctx.docs, 'DeploymentStatus', 'description', b.description, 140)
  if (bad) return bad
  if (b.environment) dep.environment = b.environment
  const status = addStatus(store, dep, b.state, b)
  if (b.state === 'success' && b.auto_inactive !== false) {
    for (const other of store.deployments) {
      if (
        other.id < dep.id &&
        other.environment === dep.environment &&
        !other.transient_environment &&
        !other.production_environment &&
        other.statuses.at(-1)?.state === 'success'
      )
        addStatus(store, other, 'inactive')
    }
  }
  return { status: 201, body: json.statusJson(dep, status) }
}

function addStatus(
  store: GitHubStore,
  dep: EmulatorDeployment,
  state: string,
  b: StatusFields = {}
): EmulatorDeploymentStatus {
  const at = store.tick()
  const status: EmulatorDeploymentStatus = {
    id: store.nextStatusId++,
    state,
    description: b.description ?? '',
    environment: dep.environment,
    environment_url: b.environment_url ?? '',
    log_url: b.log_url || b.target_url || '',
    created_at: at
  }
  dep.statuses.push(status)
  dep.updated_at = at
  return status
}
