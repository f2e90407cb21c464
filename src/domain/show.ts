// A Show is one environment: one PR at one commit, with its own labels and its own ECS service
// (named in resources.ts).

import { SLEEPING, parseCreatedAt } from './labels.js'

export interface Show {
  readonly sha: string
  /** The status word as written (`building`, `deploying`, `running`, `failed`, or an old one). */
  readonly status: string
  /** `YYYY-MM-DDTHH-MM`, UTC. */
  readonly createdAt?: string
  readonly ip?: string
  readonly port?: number
  readonly requester?: string
  /** Every label name on the PR that belongs to this SHA (status, 📅, 🌐, 🤡, 🎯, legacy forms). */
  readonly labels: readonly string[]
}

export type StatusClass = 'in-progress' | 'running' | 'sleeping' | 'failed' | 'unknown'

/** `built` is an old in-progress state; `updating` only ever had a colour, and counts as running. */
export function statusClass(status: string): StatusClass {
  switch (status) {
    case 'building':
    case 'deploying':
    case 'built':
      return 'in-progress'
    case 'running':
    case 'updating':
      return 'running'
    case 'failed':
      return 'failed'
    case SLEEPING:
      return 'sleeping'
    default:
      return 'unknown'
  }
}

/** When one SHA carries two status labels (a run stopped between adding the new status and
 * removing the old), the one furthest along the lifecycle is the newer write and wins. A sleep
 * interrupted that way leaves its service at zero tasks: `sleeping` wins, and the start trigger
 * wakes it (a wake interrupted that way is woken again, at no cost). */
export const STATUS_PRECEDENCE: readonly string[] = [
  'failed',
  SLEEPING,
  'running',
  'updating',
  'deploying',
  'built',
  'building'
]

export function statusRank(status: string): number {
  const index = STATUS_PRECEDENCE.indexOf(status)
  return index === -1 ? STATUS_PRECEDENCE.length : index
}

export function shortSha(sha: string): string {
  return sha.slice(0, 7).toLowerCase()
}

export function createdAtMs(show: Pick<Show, 'createdAt'>): number | undefined {
  return show.createdAt === undefined ? undefined : parseCreatedAt(show.createdAt)
}
