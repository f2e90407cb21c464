// Label changes for one SHA's status: used by sync's transitions and by set-state. Pure.

import type { LabelState } from './label-state.js'
import {
  type ShowStatus,
  type WrittenStatus,
  formatCreatedAt,
  formatLabel,
  parseLabel
} from './labels.js'

export interface LabelChange {
  readonly add: readonly string[]
  readonly remove: readonly string[]
}

function labelsOf(labels: LabelState, sha: string, kinds: readonly string[]): string[] {
  return labels.showtimeLabels.filter((name) => {
    const parsed = parseLabel(name)
    return 'sha' in parsed && parsed.sha === sha && kinds.includes(parsed.kind)
  })
}

/** The SHA's status labels as they are now (normally one). */
export function statusLabels(labels: LabelState, sha: string): string[] {
  return labelsOf(labels, sha, ['status'])
}

/** Replace the SHA's status. */
export function statusChange(labels: LabelState, sha: string, status: ShowStatus): LabelChange {
  const label = formatLabel({ kind: 'status', sha, status })
  return { add: [label], remove: statusLabels(labels, sha).filter((l) => l !== label) }
}

/** The labels a deploy of the SHA adds later whose text is known before it builds: their
 * definitions can be written while it builds. */
export function labelsAhead(sha: string): string[] {
  return [
    formatLabel({ kind: 'status', sha, status: 'deploying' }),
    formatLabel({ kind: 'status', sha, status: 'running' }),
    formatLabel({ kind: 'pointer', sha })
  ]
}

/** The SHA serves: status running, its address (none behind a load balancer, whose address is
 * the PR's), and the only 🎯 pointer. */
export function goLiveChange(
  labels: LabelState,
  sha: string,
  address: { ip: string; port: number } | undefined,
  extraPointers: readonly string[]
): LabelChange {
  const add = [
    formatLabel({ kind: 'status', sha, status: 'running' }),
    ...(address ? [formatLabel({ kind: 'ip', sha, ...address })] : []),
    formatLabel({ kind: 'pointer', sha })
  ]
  const otherPointers = labels.showtimeLabels.filter((name) => {
    const parsed = parseLabel(name)
    return parsed.kind === 'pointer' && parsed.sha !== sha
  })
  const remove = [...labelsOf(labels, sha, ['status', 'ip']), ...otherPointers, ...extraPointers]
  return { add, remove: [...new Set(remove)].filter((l) => !add.includes(l)) }
}

/**
 * set-state: give the SHA this status without touching anything else. A SHA
 * without an environment gets its 📅 and 🤡 labels too; `running` also points 🎯 at it.
 */
export function setStateChange(
  labels: LabelState,
  sha: string,
  status: WrittenStatus,
  options: { now: number; actor: string }
): LabelChange {
  const change = statusChange(labels, sha, status)
  const add = [...change.add]
  const remove = [...change.remove]
  if (!labels.shows.some((s) => s.sha === sha)) {
    add.push(formatLabel({ kind: 'created', sha, at: formatCreatedAt(options.now) }))
    add.push(formatLabel({ kind: 'requester', sha, login: options.actor }))
  }
  if (status === 'running') {
    add.push(formatLabel({ kind: 'pointer', sha }))
    for (const name of labels.showtimeLabels) {
      const parsed = parseLabel(name)
      if (parsed.kind === 'pointer' && parsed.sha !== sha) remove.push(name)
    }
  }
  return { add, remove }
}

/** Every label of one commit: its environment's, and per-commit labels without a status. */
export function commitLabels(labels: LabelState, sha: string): string[] {
  const show = labels.shows.find((s) => s.sha === sha)
  const stray = labels.strayLabels.filter((name) => {
    const parsed = parseLabel(name)
    return 'sha' in parsed && parsed.sha === sha
  })
  return [...new Set([...(show?.labels ?? []), ...stray])]
}

/**
 * What a failed or interrupted run leaves on its commit. A commit that had an address before the
 * run was already serving (a forced rebuild): its old task still serves, so it stays running.
 * Otherwise it is failed, and whatever the run's go-live had written (its address, its pointer)
 * comes off again.
 */
export function failureChange(labels: LabelState, sha: string, servedBefore: boolean): LabelChange {
  const status: WrittenStatus = servedBefore ? 'running' : 'failed'
  const change = statusChange(labels, sha, status)
  const leftovers = servedBefore ? [] : labelsOf(labels, sha, ['ip', 'pointer'])
  return { add: change.add, remove: [...new Set([...change.remove, ...leftovers])] }
}
