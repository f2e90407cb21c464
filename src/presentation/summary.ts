// What people read besides the PR: the log lines and the job summary. Formatting only, no
// decisions. The summaries are pure functions returning HTML (every outside text escaped), written
// by `writeSummary`; each starts with its title.

import { type Addressing, showUrl } from '../domain/address.js'
import type { CleanupPlan } from '../domain/cleanup-plan.js'
import * as core from '../runner/core.js'
import type { LabelState } from '../domain/label-state.js'
import { EMOJI, TENT } from '../domain/labels.js'
import type { Decision, Notice, Step } from '../domain/planner.js'
import type { PullRequestSnapshot } from '../domain/pull-request.js'
import { serviceName } from '../domain/resources.js'
import { createdAtMs, shortSha } from '../domain/show.js'
import type { SyncOutcome } from '../run/outcome.js'
import type { TaskDiagnosis } from '../run/diagnose.js'
import {
  type Html,
  code,
  heading,
  join,
  link,
  list,
  paragraph,
  preformatted,
  table,
  text
} from './html.js'
import type { ConsoleLinks, RepositoryLinks } from './links.js'

export function logLabelProblems(labels: LabelState): void {
  for (const problem of labels.problems) core.warning(problem)
}

export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'claim':
      return step.via === 'trigger'
        ? `claim: remove ${step.labels.join(', ')}`
        : `claim: write ${step.labels.join(', ')} and re-read`
    case 'labels':
      return `labels (${step.why}): ${[...step.add.map((l) => `+${l}`), ...step.remove.map((l) => `-${l}`)].join(', ')}`
    case 'build':
      return `build ${step.image}`
    case 'status':
      return `status of ${step.sha} → ${step.status}`
    case 'deploy':
      return `deploy ${step.service}`
    case 'go-live':
      return `mark ${step.sha} running with its address and point ${EMOJI.pointer} at it`
    case 'teardown':
      return `tear down ${step.sha}: delete ${step.service}, remove ${step.labels.length} labels`
    case 'wake':
      return `wake ${step.sha}: ${step.service} back to one task, then mark it running`
    case 'notify':
      return `comment on the PR: ${step.notices.map(describeNotice).join('; ')}`
  }
}

function describeNotice(notice: Notice): string {
  switch (notice.about) {
    case 'unauthorised':
      return 'who may start and stop environments'
    case 'blocked':
      return 'the PR is blocked'
    case 'frozen':
      return 'the PR is frozen'
    case 'collision':
      return `another commit runs under the short SHA of ${notice.sha.slice(0, 7)}`
    case 'over-cap':
      return `max-environments (${notice.cap}) is reached`
    case 'trigger-waiting':
      return `${notice.triggers.join(', ')} waits: no run acted on it`
  }
}

export function logDecision(decision: Decision): void {
  core.info(`Decision: ${decision.action} (${decision.reason}): ${decision.message}`)
  for (const [index, step] of decision.steps.entries())
    core.info(`  ${index + 1}. ${describeStep(step)}`)
}

export function age(createdAt: number | undefined, now: number): string {
  if (createdAt === undefined) return 'unknown'
  const minutes = Math.max(0, Math.floor((now - createdAt) / 60_000))
  if (minutes >= 24 * 60)
    return `${Math.floor(minutes / 1440)}d ${Math.floor((minutes % 1440) / 60)}h`
  if (minutes >= 60) return `${Math.floor(minutes / 60)}h ${minutes % 60}m`
  return `${minutes}m`
}

/** What every summary of a PR links to and shows. */
export interface SummaryContext {
  readonly links: RepositoryLinks
  /** The AWS console, where the run knows the cluster. */
  readonly console?: ConsoleLinks
  readonly addressing: Addressing
  readonly now: number
}

const capitalised = (sentence: string) => sentence.charAt(0).toUpperCase() + sentence.slice(1)

function prTitle(mode: string, pr: number, ctx: SummaryContext): Html {
  return heading(
    2,
    join([text(`${TENT} Showtime ${mode}: `), link(ctx.links.pull(pr), text(`PR #${pr}`))])
  )
}

function decisionTable(decision: Decision, ctx: SummaryContext): Html {
  return table(
    ['Decision', 'Reason', 'Why', 'Build needed', 'Sync needed', 'Commit'],
    [
      [
        text(decision.action),
        code(decision.reason),
        text(capitalised(decision.message)),
        text(String(decision.buildNeeded)),
        text(String(decision.syncNeeded)),
        link(ctx.links.commit(decision.targetSha), text(shortSha(decision.targetSha)))
      ]
    ]
  )
}

function stepsSection(decision: Decision, title: string): Html {
  if (decision.steps.length === 0) return '' as Html
  return join([heading(3, text(title)), list(decision.steps.map((s) => text(describeStep(s))))])
}

/** The PR's environments: commit, status, address, age, requester, service, logs. */
export function environmentsSection(pr: PullRequestSnapshot, ctx: SummaryContext): Html {
  const rows = pr.labels.shows.map((show) => {
    const url = showUrl(pr.number, pr.labels, show, ctx.addressing)
    const service = serviceName(pr.number, show.sha)
    const pointer = show.sha === pr.labels.activeSha ? `${EMOJI.pointer} ` : ''
    const logs = ctx.console?.logs()
    return [
      join([text(pointer), link(ctx.links.commit(show.sha), text(show.sha))]),
      text(show.status),
      url ? link(url, text(url)) : text(''),
      text(age(createdAtMs(show), ctx.now)),
      text(show.requester ?? ''),
      link(ctx.console?.serviceEvents(service), text(service)),
      logs ? link(logs, text('logs')) : text('')
    ]
  })
  const ttl = pr.labels.ttl?.text
  return join([
    heading(3, text('Environments')),
    rows.length === 0
      ? paragraph(text('None.'))
      : table(['Commit', 'Status', 'URL', 'Age', 'Requested by', 'Service (events)', 'Logs'], rows),
    ttl ? paragraph(join([text('Lifetime: '), code(ttl)])) : ('' as Html),
    pr.labels.problems.length > 0
      ? join([heading(3, text('Ignored labels')), list(pr.labels.problems.map((p) => text(p)))])
      : ('' as Html)
  ])
}

/** What sync will do, in one sentence, for the check step's summary. */
function checkSentence(decision: Decision): string {
  const sha = shortSha(decision.targetSha)
  if (decision.needsPermission || decision.needsEnvironmentCount) return decision.message
  if (decision.buildNeeded) return `sync will build and deploy ${sha}.`
  if (decision.action === 'destroy_environment') return 'sync will tear the environments down.'
  if (decision.syncNeeded) return `sync will update the PR: ${decision.message}.`
  return `Nothing for sync to do: ${decision.message}.`
}

export function renderCheckSummary(
  pr: PullRequestSnapshot,
  decision: Decision,
  ctx: SummaryContext
): Html {
  return join([
    prTitle('check', pr.number, ctx),
    paragraph(join([text('→ '), text(capitalised(checkSentence(decision)))])),
    decisionTable(decision, ctx),
    stepsSection(decision, 'Planned steps'),
    environmentsSection(pr, ctx)
  ])
}

/** What a sync run did, in one sentence. */
export function syncSentence(
  outcome: SyncOutcome,
  decision: Decision,
  after: PullRequestSnapshot,
  addressing: Addressing
): string {
  const sha = shortSha(decision.targetSha)
  switch (outcome.kind) {
    case 'claim-lost':
      return 'Another run claimed this PR first: this one does nothing.'
    case 'superseded':
      return `Stopped: ${outcome.why}.`
    case 'failed':
      return `${capitalised(outcome.phase)} failed.`
    case 'done':
      break
  }
  if (!decision.syncNeeded) return `Nothing to do: ${decision.message}.`
  switch (decision.action) {
    case 'create_environment': {
      const show = after.labels.shows.find((s) => s.sha === sha)
      const url = show ? showUrl(after.number, after.labels, show, addressing) : undefined
      return url ? `${sha} is live at ${url}.` : `${sha} was deployed.`
    }
    case 'destroy_environment':
      return `Every environment of PR #${after.number} was torn down.`
    case 'blocked':
    case 'no_action':
      return `Nothing was deployed: ${decision.message}.`
  }
}

export interface SyncSummary {
  readonly pr: PullRequestSnapshot
  readonly decision: Decision
  readonly outcome: SyncOutcome
  readonly sentence: string
  readonly phases: readonly { name: string; ms: number }[]
  /** Which of GitHub, AWS and Docker were only simulated. */
  readonly simulated: readonly string[]
  /** Resources the run did not change because they are not this repository's, each with why. */
  readonly leftAlone?: readonly string[]
}

export function renderSyncSummary(s: SyncSummary, ctx: SummaryContext): Html {
  const failed = s.outcome.kind === 'failed'
  return join([
    prTitle('sync', s.pr.number, ctx),
    paragraph(join([text(failed ? '❌ ' : '→ '), `<b>${text(s.sentence)}</b>` as Html])),
    s.outcome.kind === 'failed' ? paragraph(text(`Cause: ${s.outcome.cause}`)) : ('' as Html),
    s.outcome.kind === 'failed' && s.outcome.diagnosis
      ? diagnosisSection(s.outcome.diagnosis)
      : ('' as Html),
    s.simulated.length > 0
      ? paragraph(text(`Dry run: ${s.simulated.join(', ')} only simulated, nothing changed there.`))
      : ('' as Html),
    decisionTable(s.decision, ctx),
    stepsSection(s.decision, 'Steps'),
    s.leftAlone && s.leftAlone.length > 0
      ? join([heading(3, text('Not ours: left alone')), list(s.leftAlone.map((l) => text(l)))])
      : ('' as Html),
    s.phases.length > 0
      ? join([
          heading(3, text('Time per phase')),
          table(
            ['Phase', 'Seconds'],
            s.phases.map((p) => [text(p.name), text((p.ms / 1000).toFixed(1))])
          )
        ])
      : ('' as Html),
    environmentsSection(s.pr, ctx)
  ])
}

/** The failed task: why it stopped and its exit code, or that it ran without answering its health
 * check; its last log lines (escaped: the PR's code wrote them) and the link to its log stream. */
function diagnosisSection({ diagnosis, logsUrl }: TaskDiagnosis): Html {
  const { unanswered } = diagnosis
  const facts = [
    unanswered &&
      join([
        text('Task '),
        code(unanswered.task),
        text(': still running, it did not answer the health check at '),
        code(unanswered.healthPath),
        text(' before the deadline')
      ]),
    diagnosis.stopReason && join([text('Stop reason: '), code(diagnosis.stopReason)]),
    diagnosis.exitCode !== undefined &&
      join([
        text(`Exit code: ${diagnosis.exitCode}`),
        diagnosis.container
          ? join([text(' (container '), code(diagnosis.container), text(')')])
          : text('')
      ]),
    logsUrl && link(logsUrl, text("The task's log stream"))
  ].filter((item): item is Html => typeof item === 'string' && item !== '')
  return join([
    heading(3, text('The failed task')),
    facts.length > 0 ? list(facts) : ('' as Html),
    diagnosis.logLines.length > 0
      ? join([
          paragraph(text(`Its last ${diagnosis.logLines.length} log lines:`)),
          preformatted(diagnosis.logLines)
        ])
      : ('' as Html)
  ])
}

export function renderSetStateSummary(
  pr: PullRequestSnapshot,
  sha: string,
  status: string,
  cause: string | undefined,
  ctx: SummaryContext
): Html {
  return join([
    prTitle('set-state', pr.number, ctx),
    paragraph(
      join([
        link(ctx.links.commit(sha), text(sha)),
        text(' is now '),
        `<b>${text(status)}</b>` as Html,
        text('.')
      ])
    ),
    cause ? paragraph(text(`Cause: ${cause}`)) : ('' as Html),
    environmentsSection(pr, ctx)
  ])
}

export interface CleanupSummary {
  readonly plan: CleanupPlan
  readonly dryRun: boolean
  readonly totals: readonly string[]
  readonly failures: readonly string[]
}

export function renderCleanupSummary(s: CleanupSummary, ctx: SummaryContext): Html {
  const hours = (ms: number | undefined) =>
    ms === undefined ? 'unknown' : `${Math.floor(ms / 3_600_000)}h`
  const rows = s.plan.rows.map((r) => [
    r.pr ? link(ctx.links.pull(r.pr), text(`#${r.pr}`)) : text(''),
    r.sha ? link(ctx.links.commit(r.sha), text(r.sha)) : text(''),
    text(r.status),
    text(hours(r.ageMs)),
    text(r.ttl),
    r.url ? link(r.url, text(r.url)) : text(''),
    text(r.action)
  ])
  return join([
    heading(
      2,
      text(`${TENT} Showtime cleanup${s.dryRun ? ' (dry run: nothing was changed)' : ''}`)
    ),
    rows.length === 0
      ? paragraph(text('No environments.'))
      : table(
          [
            'PR',
            'Commit',
            'Status',
            'Age',
            'TTL',
            'URL',
            s.dryRun ? 'Action planned' : 'Action taken'
          ],
          rows
        ),
    heading(3, text('Totals')),
    list(s.totals.map((t) => text(t))),
    s.failures.length > 0
      ? join([heading(3, text('Failures')), list(s.failures.map((f) => text(f)))])
      : ('' as Html)
  ])
}

export async function writeSummary(html: Html): Promise<void> {
  await core.appendSummary(html)
}
