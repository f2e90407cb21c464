// Sleeping when idle: the scheduled cleanup scales an environment that served no request for
// `sleep-after` to zero tasks and marks it `🎪 {sha} 🚦 sleeping`; the start trigger wakes it
// without a build. Only behind the shared load balancer, whose request count per target group is
// the one measure of traffic (a task at a public IP has none, and loses its address when it
// stops). Pure: modes/cleanup.ts reads the request counts of the candidates this names.

import type { Addressing } from './address.js'
import type { LabelState } from './label-state.js'
import type { ServiceFacts } from './resources.js'
import {
  requestMetricDimensions,
  serviceName,
  targetGroupName,
  targetGroupNameOfArn
} from './resources.js'
import { type Show, createdAtMs, statusClass } from './show.js'

/** `never` (the default) or a whole number of minutes, hours or days: at most 14 days, since
 * CloudWatch keeps a load balancer's one-minute request counts for 15. */
export type SleepAfter =
  { readonly kind: 'never' } | { readonly kind: 'idle'; readonly ms: number; readonly text: string }

const SLEEP_AFTER = /^(\d{1,5})([mhd])$/
const MS_PER_UNIT = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const
export const LONGEST_SLEEP_AFTER_MS = 14 * 86_400_000
/** CloudWatch's finest period for a load balancer's metrics. */
export const REQUEST_METRIC_PERIOD_S = 60

export function parseSleepAfter(text: string): SleepAfter | undefined {
  const normalised = text.trim().toLowerCase()
  if (normalised === 'never' || normalised === '') return { kind: 'never' }
  const m = SLEEP_AFTER.exec(normalised)
  if (!m) return undefined
  const ms = Number(m[1]) * MS_PER_UNIT[m[2] as keyof typeof MS_PER_UNIT]
  if (ms < 60_000 * 5 || ms > LONGEST_SLEEP_AFTER_MS) return undefined
  return { kind: 'idle', ms, text: normalised }
}

/** One environment whose requests decide whether it sleeps: the metric of its target group. */
export interface SleepCandidate {
  readonly pr: number
  readonly sha: string
  readonly dimensions: { readonly LoadBalancer: string; readonly TargetGroup: string }
}

export interface SleepFacts {
  readonly now: number
  readonly openPrs: readonly { readonly number: number; readonly labels: LabelState }[]
  readonly services?: readonly ServiceFacts[]
  readonly targetGroups?: readonly { readonly arn: string }[]
}

export interface SleepPolicy {
  readonly sleepAfter: SleepAfter
  readonly addressing: Addressing
  readonly repository: string
  /** The shared load balancer's listener, whose ARN names the load balancer's metric. */
  readonly listenerArn?: string
}

/**
 * The environments that may go to sleep if they served no request in the last `sleep-after`: the
 * PR's live one (running, 🎯), behind the load balancer, older than the idle window (so that the
 * window holds only its own requests), whose service and target group the cleanup listed.
 * Whether each is ours, the cleanup plan decides as for any service.
 */
export function sleepCandidates(facts: SleepFacts, policy: SleepPolicy): SleepCandidate[] {
  const { sleepAfter, listenerArn } = policy
  if (sleepAfter.kind === 'never' || policy.addressing.kind !== 'load-balancer') return []
  if (listenerArn === undefined || !facts.services || !facts.targetGroups) return []
  const services = new Set(facts.services.map((s) => s.name))
  const groups = new Map(facts.targetGroups.map((g) => [targetGroupNameOfArn(g.arn), g.arn]))
  const candidates: SleepCandidate[] = []
  for (const pr of facts.openPrs) {
    for (const show of pr.labels.shows) {
      if (!mayIdle(show, pr.labels, facts.now, sleepAfter.ms)) continue
      if (!services.has(serviceName(pr.number, show.sha))) continue
      const arn = groups.get(targetGroupName(policy.repository, pr.number, show.sha))
      const dimensions = arn === undefined ? undefined : requestMetricDimensions(listenerArn, arn)
      if (dimensions) candidates.push({ pr: pr.number, sha: show.sha, dimensions })
    }
  }
  return candidates
}

/** Running, the PR's live environment, and older than the idle window. */
function mayIdle(show: Show, labels: LabelState, now: number, idleMs: number): boolean {
  if (statusClass(show.status) !== 'running' || labels.activeSha !== show.sha) return false
  const created = createdAtMs(show)
  return created !== undefined && now - created >= idleMs
}

/** `{pr}:{sha}`: how request counts are keyed. */
export function sleepKey(pr: number, sha: string): string {
  return `${pr}:${sha}`
}

/** The candidate sleeps when its target group counted no request in the window; unknown counts
 * (the metric could not be read) keep it awake. */
export function isIdle(
  requests: ReadonlyMap<string, number> | undefined,
  pr: number,
  sha: string
): boolean {
  return requests?.get(sleepKey(pr, sha)) === 0
}
