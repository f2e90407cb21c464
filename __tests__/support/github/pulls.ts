// Pull requests: GET /pulls (the "pull-request-simple" shape: no `merged`, `merged_at` instead)
// and GET /pulls/{n}, and resolving a ref the way GitHub does for this repository.

import { fakeSha, type GitHubJson } from './json.js'
import { type Ctx, type Reply, paginate } from './replies.js'
import { type GitHubStore, type IssueRec, type PullData, lower } from './store.js'

export function listPulls(store: GitHubStore, json: GitHubJson, ctx: Ctx): Reply {
  const q = ctx.query
  // GitHub's description limits state, sort and direction to their enums (checked before this).
  const state = q.state ?? 'open'
  const sort = q.sort ?? 'created'
  const direction = q.direction ?? (sort === 'created' ? 'desc' : 'asc')
  let pulls = [...store.issues.values()].filter(
    (i) => i.pull && (state === 'all' || i.state === state)
  )
  if (q.head) {
    const head = lower(q.head)
    pulls = pulls.filter((i) => {
      const p = i.pull as PullData
      const owner = p.headRepo ? (p.headRepo.split('/')[0] ?? '') : i.author
      return lower(`${owner}:${p.headRef}`) === head
    })
  }
  if (q.base && q.base !== store.defaultBranch) pulls = []
  const key = (i: IssueRec): string => (sort === 'updated' ? i.updatedAt : i.createdAt)
  pulls.sort((x, y) => {
    const c = key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : x.number - y.number
    return direction === 'desc' ? -c : c
  })
  return paginate(pulls, ctx, store.repoId, (i) => json.pullJson(i, false))
}

/** Resolve a ref the way GitHub would for this repository; null when no such ref exists. */
export function resolveRef(store: GitHubStore, ref: string): string | null {
  if (/^[0-9a-f]{40}$/i.test(ref)) return lower(ref)
  const pulls = [...store.issues.values()].flatMap((i) =>
    i.pull ? [{ ...i.pull, n: i.number }] : []
  )
  const pullRef = /^(?:refs\/)?pull\/(\d+)\/(?:head|merge)$/.exec(ref)
  if (pullRef) return pulls.find((p) => p.n === Number(pullRef[1]))?.headSha ?? null
  const branch = ref.replace(/^refs\/heads\//, '')
  const ours = (p: PullData) => p.headRepo === null || lower(p.headRepo) === lower(store.fullName)
  const byHead = pulls.filter((p) => p.headRef === branch && ours(p)).sort((x, y) => y.n - x.n)
  if (byHead[0]) return byHead[0].headSha
  return branch === store.defaultBranch ? fakeSha(`base:${store.defaultBranch}`) : null
}
