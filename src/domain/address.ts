// Where a PR's environment answers. Without a load balancer, at its task's public address, which
// the 🌐 label records per commit; behind the shared load balancer, at the PR's own host, which
// the environment serving the PR (its 🎯 commit) holds from its first deploy to its teardown. An
// environment deployed before the load balancer was configured keeps its 🌐 address until the
// next commit replaces it.

import type { LabelState } from './label-state.js'
import { previewUrl } from './resources.js'
import { type Show, statusClass } from './show.js'

export type Addressing =
  | { readonly kind: 'task'; readonly containerPort: number }
  | {
      readonly kind: 'load-balancer'
      readonly previewDomain: string
      readonly containerPort: number
    }

/** The URL one environment of PR `pr` answers at, if it answers. */
export function showUrl(
  pr: number,
  labels: LabelState,
  show: Show,
  addressing: Addressing
): string | undefined {
  const direct = show.ip ? `http://${show.ip}:${show.port ?? addressing.containerPort}` : undefined
  switch (addressing.kind) {
    case 'task':
      return direct
    case 'load-balancer':
      if (direct) return direct
      return show.sha === labels.activeSha && statusClass(show.status) === 'running'
        ? previewUrl(pr, addressing.previewDomain)
        : undefined
  }
}

/** The URL of the environment that serves the PR now, if any. */
export function currentUrl(
  pr: number,
  labels: LabelState,
  addressing: Addressing
): string | undefined {
  const active = labels.shows.find((s) => s.sha === labels.activeSha)
  return active ? showUrl(pr, labels, active, addressing) : undefined
}

/** The commit served before this run: a failed rebuild of it leaves it running. Without a load
 * balancer that is a commit with an address; behind one, a running commit. */
export function hasServed(show: Show, addressing: Addressing): boolean {
  switch (addressing.kind) {
    case 'task':
      return show.ip !== undefined
    case 'load-balancer':
      return statusClass(show.status) === 'running'
  }
}
