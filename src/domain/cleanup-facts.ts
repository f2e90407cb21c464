// What the scheduled cleanup judges, from what it could read: the PRs that carry Showtime labels,
// and the cluster's and the load balancer's resources only when the list of open PRs is complete
// (without it, a PR's service could be taken for an orphan). Pure: modes/cleanup.ts reads.

import type { CleanupFacts, DefinitionFacts, TargetGroupFacts } from './cleanup-plan.js'
import { readLabels } from './label-state.js'
import { isShowtimeLabel } from './labels.js'
import type { RuleFacts } from './load-balancer.js'
import {
  type ServiceFacts,
  type Tags,
  parsePreviewHost,
  parseTargetGroupName
} from './resources.js'

export interface ListedPullRequest {
  readonly number: number
  readonly labels: readonly string[]
}

export interface ListedTargetGroup {
  readonly arn: string
  readonly name: string
}

/** What the reads returned; undefined where a read failed. */
export interface CleanupReads {
  readonly now: number
  readonly open?: readonly ListedPullRequest[]
  /** Closed PRs with the labels read for them (undefined when that read failed). */
  readonly closed: readonly { readonly number: number; readonly labels?: readonly string[] }[]
  readonly definitions?: readonly DefinitionFacts[]
  readonly services?: readonly ServiceFacts[]
  readonly routing?: CleanupFacts['routing']
}

/** The closed PRs whose labels are read: those the label scan names that are not open (the scan
 * may lag behind a reopened PR, whose labels the open list has already). */
export function closedToRead(
  closed: readonly number[],
  open: readonly ListedPullRequest[] | undefined
): number[] {
  const openNumbers = new Set(open?.map((pr) => pr.number))
  return closed.filter((number) => !openNumbers.has(number))
}

export function cleanupFacts(reads: CleanupReads): CleanupFacts {
  const withLabels = (pr: { number: number; labels?: readonly string[] }) =>
    pr.labels?.some(isShowtimeLabel) ? [{ number: pr.number, labels: readLabels(pr.labels) }] : []
  const { open } = reads
  return {
    now: reads.now,
    openPrs: open?.flatMap(withLabels) ?? [],
    closedPrs: reads.closed.flatMap(withLabels),
    ...(open && reads.services && { services: reads.services }),
    ...(open && reads.definitions && { definitions: reads.definitions }),
    ...(open && reads.routing && { routing: reads.routing })
  }
}

/** The listener's rules for the preview domain's hosts and the target groups named like
 * Showtime's: the resources whose tags are read, and then judged. */
export function routingCandidates(
  rules: readonly RuleFacts[],
  groups: readonly ListedTargetGroup[],
  previewDomain: string
): { readonly rules: RuleFacts[]; readonly targetGroups: ListedTargetGroup[] } {
  return {
    rules: rules.filter((r) => parsePreviewHost(r.host, previewDomain) !== undefined),
    targetGroups: groups.filter((g) => parseTargetGroupName(g.name) !== undefined)
  }
}

/** The candidates with their tags (what says whose they are; none read means untagged). */
export function withTags(
  candidates: ReturnType<typeof routingCandidates>,
  tags: ReadonlyMap<string, Tags>
): { readonly rules: RuleFacts[]; readonly targetGroups: TargetGroupFacts[] } {
  return {
    rules: candidates.rules.map((r) => ({ ...r, tags: tags.get(r.arn) ?? {} })),
    targetGroups: candidates.targetGroups.map((g) => ({ ...g, tags: tags.get(g.arn) ?? {} }))
  }
}
