// Event payloads shaped like the ones the runner writes to GITHUB_EVENT_PATH (trimmed to the
// fields a real payload always has and Showtime may read). A pull_request(_target) payload carries
// the whole PR as it was when the event happened: its state, head and head repository, labels,
// description and comment count, from which Showtime decides events that change nothing.

export const REPO = { owner: 'apache', repo: 'superset' }

interface PullOptions {
  number?: number
  headSha: string
  /** full_name of the head repository (default the base); null for a deleted fork. */
  headRepo?: string | null
  labels?: string[]
  state?: 'open' | 'closed'
  body?: string
  comments?: number
  author?: string
}

function pullRequestObject(o: PullOptions) {
  const base = `${REPO.owner}/${REPO.repo}`
  const headRepo = o.headRepo === undefined ? base : o.headRepo
  return {
    number: o.number ?? 1234,
    state: o.state ?? 'open',
    title: 'A change',
    body: o.body ?? '',
    user: { login: o.author ?? 'contributor', id: 2, type: 'User' },
    labels: (o.labels ?? []).map((name, i) => ({
      id: i + 1,
      name,
      color: 'ededed',
      default: false
    })),
    head: {
      sha: o.headSha,
      ref: 'feature',
      label: 'contributor:feature',
      repo: headRepo === null ? null : { full_name: headRepo, fork: headRepo !== base }
    },
    base: { sha: 'b'.repeat(40), ref: 'master', repo: { full_name: base } },
    merged: false,
    comments: o.comments ?? 0
  }
}

export function pullRequestEvent(
  action: string,
  options: PullOptions & { sender?: string; label?: string }
): Record<string, unknown> {
  return {
    action,
    number: options.number ?? 1234,
    pull_request: pullRequestObject(options),
    ...(options.label !== undefined && { label: { name: options.label, color: 'FFD700' } }),
    repository: {
      full_name: `${REPO.owner}/${REPO.repo}`,
      name: REPO.repo,
      owner: { login: REPO.owner },
      default_branch: 'master'
    },
    sender: { login: options.sender ?? 'maintainer', type: 'User' }
  }
}

export function dispatchEvent(
  inputs: Record<string, string>,
  sender = 'maintainer'
): Record<string, unknown> {
  return {
    inputs,
    ref: 'refs/heads/master',
    repository: {
      full_name: `${REPO.owner}/${REPO.repo}`,
      name: REPO.repo,
      owner: { login: REPO.owner },
      default_branch: 'master'
    },
    sender: { login: sender, type: 'User' },
    workflow: '.github/workflows/showtime-trigger.yml'
  }
}

/** A push of `after` to `ref` (the default branch, master, unless told otherwise). */
export function pushEvent(
  after: string,
  ref = 'refs/heads/master',
  pusher = 'maintainer'
): Record<string, unknown> {
  return {
    ref,
    before: '0'.repeat(40),
    after,
    repository: {
      full_name: `${REPO.owner}/${REPO.repo}`,
      name: REPO.repo,
      owner: { login: REPO.owner },
      default_branch: 'master'
    },
    pusher: { name: pusher },
    sender: { login: pusher, type: 'User' }
  }
}
