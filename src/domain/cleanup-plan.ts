// The cleanup planner: a pure function from what the repository and the cluster hold now (PR
// labels, ECS services, label definitions) and the clock to what the scheduled cleanup removes.
// The rules are documented in docs/how-it-works.md ("Cleanup").

import { type Addressing, showUrl } from './address.js'
import type { LabelState } from './label-state.js'
import { labelDefinition } from './label-definitions.js'
import { EMOJI, SLEEPING, STATIC_LABELS, isPerShaLabel } from './labels.js'
import type { RuleFacts } from './load-balancer.js'
import { type ResourceKind, claim, resourceLabel, tagOwner } from './ownership.js'
import {
  type ServiceFacts,
  TAG,
  type Tags,
  parsePreviewHost,
  parseServiceName,
  parseTargetGroupName,
  repositoryKey,
  serviceName,
  targetGroupNameOfArn
} from './resources.js'
import { type Show, createdAtMs, statusClass } from './show.js'
import { type SleepAfter, isIdle, sleepCandidates, sleepKey } from './sleep.js'
import { statusChange } from './status-change.js'
import { type Ttl, ttlMilliseconds } from './ttl.js'

export interface PullRequestLabels {
  readonly number: number
  readonly labels: LabelState
}

export type { ServiceFacts } from './resources.js'

export interface DefinitionFacts {
  readonly name: string
  readonly color?: string
  /** Issues and PRs (any state) the label is attached to. */
  readonly attachments: number
}

export interface CleanupFacts {
  readonly now: number
  readonly openPrs: readonly PullRequestLabels[]
  readonly closedPrs: readonly PullRequestLabels[]
  /** Every ACTIVE service of the cluster, or undefined when they could not all be listed: then
   * nothing is judged by its service (no orphans, no missing services). */
  readonly services?: readonly ServiceFacts[]
  /** Every 🎪 repository label definition, or undefined when they could not be read. */
  readonly definitions?: readonly DefinitionFacts[]
  /** Behind a load balancer: the listener's rules for the preview domain and the target groups
   * named like Showtime's, with their tags; undefined without one, or when they could not all be
   * read (then none is judged). */
  readonly routing?: {
    readonly rules: readonly RuleFacts[]
    readonly targetGroups: readonly TargetGroupFacts[]
  }
  /** Requests each sleep candidate's target group counted in the idle window, by `{pr}:{sha}`
   * (domain/sleep.ts); undefined when not read (then nothing sleeps). */
  readonly requests?: ReadonlyMap<string, number>
}

export interface TargetGroupFacts {
  readonly arn: string
  readonly name: string
  readonly tags: Tags
}

export interface CleanupPolicy {
  /** Used when respect-ttl is false or a PR has no valid ⌛ label. */
  readonly olderThan: Ttl
  readonly respectTtl: boolean
  readonly staleAfterMs: number
  readonly maxEnvironments: number
  /** Where environments answer (their URLs in the summary), and the preview domain whose rules
   * are the repository's. */
  readonly addressing: Addressing
  /** owner/repo: what is ours is decided by domain/ownership.ts. */
  readonly repository: string
  /** Services without a repository tag (the Python tool's) that this repository's labels name
   * are ours. */
  readonly adoptUntagged: boolean
  /** How long an environment behind the load balancer may serve no request before it sleeps. */
  readonly sleepAfter?: SleepAfter
  /** The shared load balancer's listener (names the request metric of its target groups). */
  readonly listenerArn?: string
}

/**
 * Labels to take off a PR. A per-SHA label attached nowhere else goes by deleting its repository
 * definition, which detaches it too: one request instead of two. The others are detached.
 */
export interface LabelRemoval {
  readonly detach: readonly string[]
  readonly deleteDefinition: readonly string[]
}

export type CleanupAction =
  /** Delete the service (if any), then remove the labels of one environment. */
  | {
      readonly kind: 'teardown'
      readonly pr: number
      readonly sha: string
      /** Undefined when a service of that name belongs to another repository. */
      readonly service?: string
      readonly labels: LabelRemoval
      readonly why: string
      /** Set on the last environment of a PR that expired: the PR is told, its deployment ends. */
      readonly announce?: 'expired'
    }
  /** A closed PR: delete every service of its, then remove every 🎪 label. */
  | {
      readonly kind: 'close'
      readonly pr: number
      readonly services: readonly string[]
      /** Those of its services that no label names (ours by their tags): never adopted. */
      readonly unlabelled?: readonly string[]
      readonly labels: LabelRemoval
    }
  /** A run died while building or deploying: release its service, mark the SHA failed. */
  | {
      readonly kind: 'abandoned'
      readonly pr: number
      readonly sha: string
      readonly service?: string
      readonly add: readonly string[]
      /** Labels added that have no repository definition yet: created first, with their colour. */
      readonly define: readonly string[]
      readonly labels: LabelRemoval
    }
  /** An idle environment: its service scales to zero tasks, its status becomes sleeping. */
  | {
      readonly kind: 'sleep'
      readonly pr: number
      readonly sha: string
      /** Undefined when a service of that name belongs to another repository. */
      readonly service?: string
      readonly add: readonly string[]
      readonly define: readonly string[]
      readonly labels: LabelRemoval
      readonly why: string
    }
  /** Labels nothing reads (per-SHA labels without a status, pointers to nothing). */
  | { readonly kind: 'stray-labels'; readonly pr: number; readonly labels: LabelRemoval }
  | {
      readonly kind: 'orphan-service'
      readonly service: string
      readonly why: string
      /** A label of this repository names it (a failed environment's service). */
      readonly labelled?: true
    }
  /** A listener rule of this repository whose PR has no environment left to serve. */
  | {
      readonly kind: 'orphan-rule'
      readonly arn: string
      readonly host: string
      readonly why: string
    }
  /** A target group of this repository that no kept environment uses. */
  | {
      readonly kind: 'orphan-target-group'
      readonly arn: string
      readonly name: string
      readonly why: string
    }
  /** A per-SHA definition attached to nothing. */
  | { readonly kind: 'delete-definition'; readonly name: string }
  | { readonly kind: 'create-definition'; readonly name: string }
  /** A static definition GitHub created grey (added before it existed): give it its colour. */
  | { readonly kind: 'fix-definition'; readonly name: string }

export interface CleanupRow {
  readonly pr: number
  readonly sha: string
  readonly status: string
  readonly ageMs?: number
  readonly ttl: string
  readonly url: string
  readonly action: string
}

export interface CleanupPlan {
  readonly actions: readonly CleanupAction[]
  readonly rows: readonly CleanupRow[]
  /** Environments that run or are being built after this cleanup. */
  readonly liveEnvironments: number
  readonly maxEnvironments: number
  /** Resources this repository's labels name, or that look like its own (named like Showtime's,
   * or carrying its repository tag), that are not its own: left alone, each with why. */
  readonly leftAlone: readonly string[]
}

/** Named like a Showtime service, or tagged as one (by any repository, or by the Python tool). */
function looksManaged(service: ServiceFacts): boolean {
  return service.tags[TAG.managed] === 'true' || parseServiceName(service.name) !== undefined
}

/** Not ours, yet worth a line in the summary: it carries this repository's tag (without
 * Showtime's, or with Showtime's on a name Showtime does not give), or no repository tag on what
 * looks like Showtime's. Other repositories' resources are not listed. */
function looksOurs(tags: Tags, repository: string, looksShowtime: boolean): boolean {
  const owner = tagOwner(tags, repository)
  return owner === 'unmanaged' || owner === 'ours' || (owner === 'untagged' && looksShowtime)
}

type Draft =
  | (Omit<Extract<CleanupAction, { kind: 'teardown' }>, 'labels'> & { labels: readonly string[] })
  | (Omit<Extract<CleanupAction, { kind: 'close' }>, 'labels'> & { labels: readonly string[] })
  | (Omit<Extract<CleanupAction, { kind: 'abandoned' }>, 'labels' | 'define'> & {
      labels: readonly string[]
    })
  | (Omit<Extract<CleanupAction, { kind: 'sleep' }>, 'labels' | 'define'> & {
      labels: readonly string[]
    })
  | (Omit<Extract<CleanupAction, { kind: 'stray-labels' }>, 'labels'> & {
      labels: readonly string[]
    })
  | Extract<CleanupAction, { kind: 'orphan-service' | 'orphan-rule' | 'orphan-target-group' }>

export function planCleanup(facts: CleanupFacts, policy: CleanupPolicy): CleanupPlan {
  const actions: Draft[] = []
  const rows: CleanupRow[] = []
  const services = new Map((facts.services ?? []).map((s) => [s.name, s]))
  const leftAlone = new Map<string, CleanupRow>()
  /** Lists (once) a resource that is not ours, with why. */
  const leave = (
    kind: ResourceKind,
    name: string,
    reason: string,
    at: Omit<CleanupRow, 'action'>
  ) => {
    const label = resourceLabel(kind, name)
    if (!leftAlone.has(label))
      leftAlone.set(label, { ...at, action: `not ours: left alone (${reason})` })
  }
  const judgeService = (service: ServiceFacts, namedByLabels: boolean) =>
    claim({ kind: 'service', name: service.name, id: service.name, tags: service.tags }, policy, {
      namedByLabels
    })
  const serviceRow = (service: ServiceFacts, status: string) => {
    const parsed = parseServiceName(service.name)
    return {
      pr: parsed?.pr ?? 0,
      sha: parsed?.sha ?? '',
      status,
      ttl: '',
      url: '',
      ...(service.createdAt !== undefined && { ageMs: facts.now - service.createdAt })
    }
  }
  /** The service a label names, when it is ours and active; when the cluster could not be listed,
   * the name (the run reads it before acting). One that is not ours is left alone. */
  const labelledService = (name: string): string | undefined => {
    if (facts.services === undefined) return name
    const listed = services.get(name)
    if (listed === undefined) return undefined
    const verdict = judgeService(listed, true)
    if (verdict.ours) return name
    leave('service', name, verdict.reason, serviceRow(listed, 'service'))
    return undefined
  }
  const expected = new Set<string>()
  const named = new Set<string>()
  const failed = new Set<string>()
  /** `{pr}:{sha}` of the environments this cleanup keeps (failed ones aside), and their PRs. */
  const kept = new Set<string>()
  const servingPrs = new Set<number>()
  let live = 0
  const sleepers = new Set(
    sleepCandidates(
      {
        now: facts.now,
        openPrs: facts.openPrs,
        ...(facts.services && { services: facts.services }),
        ...(facts.routing && { targetGroups: facts.routing.targetGroups })
      },
      {
        sleepAfter: policy.sleepAfter ?? { kind: 'never' },
        addressing: policy.addressing,
        repository: policy.repository,
        ...(policy.listenerArn !== undefined && { listenerArn: policy.listenerArn })
      }
    )
      .filter((c) => isIdle(facts.requests, c.pr, c.sha))
      .map((c) => sleepKey(c.pr, c.sha))
  )

  for (const pr of [...facts.openPrs].sort((a, b) => a.number - b.number)) {
    const ttl = effectiveTtl(pr.labels, policy)
    for (const show of pr.labels.shows) {
      const service = serviceName(pr.number, show.sha)
      named.add(service)
      const ours = labelledService(service)
      const listed = ours === undefined ? undefined : services.get(service)
      const created = createdAtMs(show) ?? listed?.createdAt
      const age = created === undefined ? undefined : facts.now - created
      const cls = statusClass(show.status)
      const row = {
        pr: pr.number,
        sha: show.sha,
        status: show.status,
        ttl: ttl.text,
        url: showUrl(pr.number, pr.labels, show, policy.addressing) ?? '',
        ...(age !== undefined && { ageMs: age })
      }
      const verdict = judge(
        show,
        cls,
        age,
        ttl,
        listed !== undefined,
        facts.services !== undefined,
        policy
      )
      // A failed environment serves nothing: a service left with it (its run could not delete it)
      // is released below, as an orphan, while its labels stay to say it failed.
      if (verdict.kind !== 'keep' || cls !== 'failed') expected.add(service)
      else if (listed) failed.add(service)
      const sleeps =
        verdict.kind === 'keep' && ours !== undefined && sleepers.has(sleepKey(pr.number, show.sha))
      const idle = `asleep: no request in ${policy.sleepAfter?.kind === 'idle' ? policy.sleepAfter.text : ''}`
      rows.push({
        ...row,
        action: failed.has(service)
          ? `${verdict.action}; its service is deleted`
          : sleeps
            ? idle
            : verdict.action
      })
      if (sleeps) {
        const change = statusChange(pr.labels, show.sha, SLEEPING)
        actions.push({
          kind: 'sleep',
          pr: pr.number,
          sha: show.sha,
          service,
          add: change.add,
          labels: change.remove,
          why: idle
        })
      }
      if (verdict.kind === 'keep') {
        if ((cls === 'running' && !sleeps) || cls === 'in-progress') live++
        if (cls !== 'failed') {
          kept.add(`${pr.number}:${show.sha}`)
          servingPrs.add(pr.number)
        }
        continue
      }
      const target = ours === undefined ? {} : { service: ours }
      if (verdict.kind === 'abandoned') {
        const change = statusChange(pr.labels, show.sha, 'failed')
        actions.push({
          kind: 'abandoned',
          pr: pr.number,
          sha: show.sha,
          ...target,
          add: change.add,
          labels: change.remove
        })
        continue
      }
      actions.push({
        kind: 'teardown',
        pr: pr.number,
        sha: show.sha,
        ...target,
        labels: show.labels,
        why: verdict.action
      })
    }
    const ownTeardowns = actions.filter((a) => a.kind === 'teardown' && a.pr === pr.number)
    const last = ownTeardowns.at(-1)
    if (
      last?.kind === 'teardown' &&
      ownTeardowns.length === pr.labels.shows.length &&
      last.why.startsWith('expired')
    ) {
      actions[actions.indexOf(last)] = { ...last, announce: 'expired' }
    }
    if (pr.labels.strayLabels.length > 0) {
      actions.push({ kind: 'stray-labels', pr: pr.number, labels: pr.labels.strayLabels })
    }
  }

  for (const pr of [...facts.closedPrs].sort((a, b) => a.number - b.number)) {
    const byLabel = pr.labels.shows.map((s) => serviceName(pr.number, s.sha))
    for (const name of byLabel) named.add(name)
    const labelledOnes = byLabel.flatMap((name) => labelledService(name) ?? [])
    // Its services that no label names: ours by their tags only, never adopted.
    const unlabelled = [...services.values()]
      .filter(
        (service) =>
          parseServiceName(service.name)?.pr === pr.number &&
          !byLabel.includes(service.name) &&
          judgeService(service, false).ours
      )
      .map((service) => service.name)
      .sort()
    const toDelete = [...new Set([...labelledOnes, ...unlabelled])].sort()
    actions.push({
      kind: 'close',
      pr: pr.number,
      services: toDelete,
      ...(unlabelled.length > 0 && { unlabelled }),
      labels: pr.labels.showtimeLabels
    })
    for (const show of pr.labels.shows) {
      rows.push({
        pr: pr.number,
        sha: show.sha,
        status: show.status,
        ttl: '',
        url: '',
        action: 'PR closed: torn down'
      })
    }
    for (const name of toDelete) expected.add(name)
  }

  for (const service of [...services.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (expected.has(service.name)) continue
    const labelled = named.has(service.name)
    const verdict = judgeService(service, labelled)
    if (!verdict.ours) {
      if (labelled || looksOurs(service.tags, policy.repository, looksManaged(service)))
        leave('service', service.name, verdict.reason, serviceRow(service, 'service'))
      continue
    }
    // Ours, so named like Showtime's services.
    const parsed = parseServiceName(service.name)!
    const why =
      parsed.sha === undefined
        ? `legacy service of PR #${parsed.pr}`
        : failed.has(service.name)
          ? `environment ${parsed.sha} of PR #${parsed.pr} failed: nothing serves from it`
          : `no environment ${parsed.sha} on an open PR #${parsed.pr}`
    actions.push({
      kind: 'orphan-service',
      service: service.name,
      why,
      ...(labelled && { labelled: true as const })
    })
    rows.push({ ...serviceRow(service, 'orphaned service'), action: `deleted: ${why}` })
  }

  if (facts.routing) {
    const routes = routingCleanup(facts.routing, { kept, servingPrs }, policy, leave)
    actions.push(...routes.actions)
    rows.push(...routes.rows)
  }

  return {
    actions: [
      ...withRemovals(actions, facts.definitions),
      ...definitionActions(facts.definitions, actions)
    ],
    rows: [...rows, ...leftAlone.values()],
    liveEnvironments: live,
    maxEnvironments: policy.maxEnvironments,
    leftAlone: [...leftAlone.keys()]
  }
}

type Verdict =
  | { kind: 'keep'; action: string }
  | { kind: 'teardown'; action: string }
  | { kind: 'abandoned'; action: string }

function judge(
  show: Show,
  cls: ReturnType<typeof statusClass>,
  age: number | undefined,
  ttl: Ttl,
  hasService: boolean,
  servicesKnown: boolean,
  policy: CleanupPolicy
): Verdict {
  if (cls === 'in-progress') {
    if (age !== undefined && age > policy.staleAfterMs) {
      return {
        kind: 'abandoned',
        action: `marked failed: ${show.status} for ${hours(age)}, its run is gone`
      }
    }
    return { kind: 'keep', action: 'kept: in progress' }
  }
  if (age !== undefined && age > ttlMilliseconds(ttl)) {
    return { kind: 'teardown', action: `expired: ${hours(age)} old, TTL ${ttl.text}` }
  }
  if ((cls === 'running' || cls === 'sleeping') && servicesKnown && !hasService) {
    return { kind: 'teardown', action: 'removed: its service no longer exists' }
  }
  if (age === undefined && cls !== 'running' && cls !== 'sleeping') {
    return {
      kind: 'teardown',
      action: `removed: no ${EMOJI.created} label and no service to date it`
    }
  }
  return { kind: 'keep', action: ttl.kind === 'close' ? 'kept until the PR closes' : 'kept' }
}

function effectiveTtl(labels: LabelState, policy: CleanupPolicy): Ttl {
  if (!policy.respectTtl || labels.ttl === undefined) return policy.olderThan
  return labels.ttl
}

/** How many of the planned actions take each label off a PR. */
function removalCounts(drafts: readonly Draft[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const draft of drafts) {
    if (!('labels' in draft)) continue
    for (const name of draft.labels) counts.set(name, (counts.get(name) ?? 0) + 1)
  }
  return counts
}

function withRemovals(
  drafts: readonly Draft[],
  definitions: readonly DefinitionFacts[] | undefined
): CleanupAction[] {
  const attachments = new Map((definitions ?? []).map((d) => [d.name, d.attachments]))
  const removals = removalCounts(drafts)
  const goesWithDefinition = (name: string): boolean => {
    const attached = attachments.get(name)
    return (
      attached !== undefined && isPerShaLabel(name) && attached - (removals.get(name) ?? 0) <= 0
    )
  }
  const defined = new Set((definitions ?? []).map((d) => d.name))
  return drafts.map((draft): CleanupAction => {
    if (!('labels' in draft)) return draft
    const labels: LabelRemoval = {
      detach: draft.labels.filter((name) => !goesWithDefinition(name)),
      deleteDefinition: draft.labels.filter(goesWithDefinition)
    }
    if (draft.kind === 'abandoned' || draft.kind === 'sleep') {
      // Unknown definitions (the scan failed) are created too; one that exists answers 422.
      const define = draft.add.filter((name) => definitions === undefined || !defined.has(name))
      return { ...draft, define, labels }
    }
    return { ...draft, labels } as CleanupAction
  })
}

/** Per-SHA definitions already attached to nothing are deleted; missing static ones created. */
function definitionActions(
  definitions: readonly DefinitionFacts[] | undefined,
  drafts: readonly Draft[]
): CleanupAction[] {
  if (definitions === undefined) return []
  const removals = removalCounts(drafts)
  const added = new Set(
    drafts.flatMap((d) => (d.kind === 'abandoned' || d.kind === 'sleep' ? d.add : []))
  )
  const existing = new Set(definitions.map((d) => d.name))
  const result: CleanupAction[] = []
  for (const definition of [...definitions].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (
      isPerShaLabel(definition.name) &&
      definition.attachments === 0 &&
      !removals.has(definition.name) &&
      !added.has(definition.name)
    ) {
      result.push({ kind: 'delete-definition', name: definition.name })
    }
  }
  const colors = new Map(definitions.map((d) => [d.name, d.color?.toLowerCase()]))
  for (const name of STATIC_LABELS) {
    if (!existing.has(name)) result.push({ kind: 'create-definition', name })
    else {
      const color = colors.get(name)
      if (color !== undefined && color !== labelDefinition(name).color.toLowerCase()) {
        result.push({ kind: 'fix-definition', name })
      }
    }
  }
  return result
}

function hours(ms: number): string {
  const h = ms / 3_600_000
  return h >= 48
    ? `${Math.floor(h / 24)}d ${Math.floor(h % 24)}h`
    : `${Math.floor(h)}h ${Math.floor((ms % 3_600_000) / 60_000)}m`
}

/**
 * Behind a load balancer: a rule of this repository goes when its PR keeps no environment; a
 * target group of this repository goes when no kept environment is its commit, unless a kept rule
 * still forwards to it (domain/ownership.ts says what is ours: both tags and a Showtime name). Rules
 * go first when the plan is carried out, so that their target groups are free to go.
 */
function routingCleanup(
  routing: NonNullable<CleanupFacts['routing']>,
  environments: {
    readonly kept: ReadonlySet<string>
    readonly servingPrs: ReadonlySet<number>
  },
  policy: CleanupPolicy,
  leave: (kind: ResourceKind, name: string, reason: string, at: Omit<CleanupRow, 'action'>) => void
): { actions: Draft[]; rows: CleanupRow[] } {
  const actions: Draft[] = []
  const rows: CleanupRow[] = []
  const domain = policy.addressing.kind === 'load-balancer' ? policy.addressing.previewDomain : ''
  const inUse = new Set<string>()
  const at = (pr: number, sha: string, status: string) => ({ pr, sha, status, ttl: '', url: '' })
  for (const rule of [...routing.rules].sort((a, b) => (a.arn < b.arn ? -1 : 1))) {
    const pr = parsePreviewHost(rule.host, domain)
    if (pr === undefined) continue
    const tags = rule.tags ?? {}
    const verdict = claim({ kind: 'listener-rule', name: rule.host, id: rule.arn, tags }, policy, {
      namedByLabels: true
    })
    if (!verdict.ours) {
      if (looksOurs(tags, policy.repository, true))
        leave('listener-rule', rule.host, verdict.reason, at(pr, '', 'listener rule'))
      continue
    }
    if (environments.servingPrs.has(pr)) {
      for (const target of rule.forward) inUse.add(target.arn)
      continue
    }
    const why = `PR #${pr} has no environment to serve`
    actions.push({ kind: 'orphan-rule', arn: rule.arn, host: rule.host, why })
    rows.push({ ...at(pr, '', 'orphaned listener rule'), action: `deleted: ${why}` })
  }
  const ourKey = repositoryKey(policy.repository)
  for (const group of [...routing.targetGroups].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const name = targetGroupNameOfArn(group.arn) || group.name
    const named = parseTargetGroupName(name)
    if (named === undefined || inUse.has(group.arn)) continue
    const verdict = claim({ kind: 'target-group', name, id: group.arn, tags: group.tags }, policy, {
      namedByLabels: true
    })
    if (!verdict.ours) {
      if (looksOurs(group.tags, policy.repository, named.repositoryKey === ourKey))
        leave('target-group', name, verdict.reason, at(named.pr, named.sha, 'target group'))
      continue
    }
    if (environments.kept.has(`${named.pr}:${named.sha}`)) continue
    const why = `no environment ${named.sha} of PR #${named.pr} is kept`
    actions.push({ kind: 'orphan-target-group', arn: group.arn, name: group.name, why })
    rows.push({ ...at(named.pr, named.sha, 'orphaned target group'), action: `deleted: ${why}` })
  }
  return { actions, rows }
}
