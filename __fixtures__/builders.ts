// Small builders for planner inputs, so that a table row reads like the situation it describes.

import { readLabels } from '../src/domain/label-state.js'
import type { Policy } from '../src/domain/planner.js'
import type {
  EventKind,
  Permission,
  PullRequestSnapshot,
  ShowtimeEvent
} from '../src/domain/pull-request.js'

export const NOW = Date.UTC(2026, 10, 27, 12, 0)
export const HEAD = 'def456a' + '0'.repeat(33)
export const OLD = 'abc123f' + '1'.repeat(33)

export const POLICY: Policy = {
  allowedPermissions: ['write', 'maintain', 'admin'],
  staleAfterMs: 2 * 3_600_000,
  defaultTtl: '48h',
  imageRepository: 'apache/superset',
  containerPort: 8080,
  maxEnvironments: 0
}

export function pullRequest(
  labels: string[],
  options: Partial<Omit<PullRequestSnapshot, 'labels'>> = {}
): PullRequestSnapshot {
  return {
    number: 1234,
    state: 'open',
    headSha: HEAD,
    author: 'contributor',
    isFork: false,
    labels: readLabels(labels),
    ...options
  }
}

/** An event; a `labeled` event carries the PR head, as GitHub's payload does. */
export function event(
  kind: EventKind,
  label?: string,
  sender = 'maintainer',
  sha: string | undefined = kind === 'labeled' ? HEAD : undefined
): ShowtimeEvent {
  return {
    kind,
    sender,
    ...(label !== undefined && { label }),
    ...(sha !== undefined && { sha })
  }
}

export function actor(permission?: Permission, login = 'maintainer') {
  return permission === undefined ? { login } : { login, permission }
}
