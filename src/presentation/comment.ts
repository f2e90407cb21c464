// The one sticky PR comment: found again by its hidden marker and edited in place. Pure: the
// text is a function of what happened and of the environment's facts. A notice (a refused trigger,
// a held fork commit, the cost cap) is a note on top: the facts of a live environment stay.

import {
  BLOCKED,
  FREEZE,
  TENT,
  TRIGGER_START,
  TRIGGER_STOP,
  formatLabel
} from '../domain/labels.js'
import type { FailureDiagnosis } from '../domain/failure-diagnosis.js'
import type { Notice } from '../domain/planner.js'

export const COMMENT_MARKER = '<!-- showtime:status -->'

/** The cause the comment gives for a run that the post step found interrupted. */
export const INTERRUPTED_RUN = 'the run was cancelled or stopped before it finished'

export type CommentEvent =
  | { readonly kind: 'building' }
  | { readonly kind: 'running'; readonly url: string }
  | { readonly kind: 'failed'; readonly cause: string; readonly diagnosis?: FailureDiagnosis }
  | { readonly kind: 'torn-down'; readonly why: 'stopped' | 'closed' | 'expired' }
  /** Something asked was not done. `live` is the environment that serves meanwhile, if any. */
  | {
      readonly kind: 'notice'
      readonly notices: readonly Notice[]
      readonly live?: LiveFacts
    }

/** The environment the comment describes under a notice. */
export type LiveFacts =
  { readonly status: 'running'; readonly url?: string } | { readonly status: 'building' }

export interface CommentFacts {
  readonly repository: string
  readonly serverUrl: string
  readonly runUrl?: string
  /** The commit concerned, full or short. */
  readonly sha: string
  readonly requester?: string
  readonly createdAt?: number
  /** The PR's TTL text (`48h`, `close`) and when the environment expires, if it does. */
  readonly ttl?: string
  readonly expiresAt?: number
  /** The task's logs (CloudWatch) and the ECS service's events, when known. */
  readonly logsUrl?: string
  readonly eventsUrl?: string
  /** The PR's head is in a fork: its new commits wait for a maintainer's approval. */
  readonly fork?: boolean
}

const STOP_LABEL = `\`${TRIGGER_STOP}\``
const START_LABEL = `\`${TRIGGER_START}\``

/** Said once in the comment of a fork's environment, so that a fork's pushes need no write. */
export const FORK_NOTE = `New commits pushed to this PR's fork are not deployed on their own: this environment keeps the commit above. A maintainer who has reviewed the PR's newest commit deploys it by adding ${START_LABEL}, which approves exactly the commit the PR shows at that moment.`

type Status = 'building' | 'running' | 'failed' | 'torn-down'

export function renderComment(event: CommentEvent, facts: CommentFacts): string {
  const short = facts.sha.slice(0, 7)
  const commit = `[\`${short}\`](${facts.serverUrl}/${facts.repository}/commit/${facts.sha})`
  const status = statusOf(event)
  const lines = [COMMENT_MARKER, `### ${TENT} Showtime: ${headline(event, commit)}`, '']
  if (event.kind === 'notice') lines.push(...quote(event.notices.map(noticeText)), '')
  if (status !== undefined) {
    lines.push('| | |', '|---|---|', ...rows(event, status, commit, facts), '')
    if (event.kind === 'failed' && event.diagnosis)
      lines.push(...logBlock(event.diagnosis.logLines, event.diagnosis.container))
    lines.push(...advice(event, status))
    if (facts.fork && (status === 'building' || status === 'running')) lines.push('', FORK_NOTE)
  }
  return lines.join('\n')
}

function statusOf(event: CommentEvent): Status | undefined {
  if (event.kind !== 'notice') return event.kind
  return event.live?.status
}

function rows(event: CommentEvent, status: Status, commit: string, facts: CommentFacts): string[] {
  const rows: [string, string][] = []
  const url =
    event.kind === 'running'
      ? event.url
      : event.kind === 'notice' && event.live?.status === 'running'
        ? event.live.url
        : undefined
  switch (status) {
    case 'building':
      rows.push(['Status', '🏗️ building'])
      break
    case 'running':
      rows.push(['Status', '🟢 running'])
      if (url) rows.push(['URL', url])
      break
    case 'failed':
      rows.push(['Status', '❌ failed'])
      if (event.kind === 'failed') {
        rows.push(['Cause', inline(event.cause)])
        rows.push(...diagnosisRows(event.diagnosis))
      }
      break
    case 'torn-down':
      rows.push(['Status', '🛑 torn down'])
      break
  }
  rows.push(['Commit', commit])
  if (facts.requester) rows.push(['Requested by', `@${facts.requester}`])
  if (status !== 'torn-down') {
    if (facts.createdAt !== undefined) rows.push(['Created', utc(facts.createdAt)])
    if (facts.ttl) {
      const expiry =
        facts.expiresAt === undefined
          ? 'kept until the PR closes'
          : `expires ${utc(facts.expiresAt)}`
      rows.push(['Lifetime', `${facts.ttl}: ${expiry}`])
    }
    const logs = [
      facts.logsUrl && `[task logs](${facts.logsUrl})`,
      facts.eventsUrl && `[service events](${facts.eventsUrl})`
    ].filter(Boolean)
    if (logs.length > 0) rows.push(['Logs', logs.join(' · ')])
  }
  if (facts.runUrl) rows.push(['Run', `[workflow run](${facts.runUrl})`])
  return rows.map(([k, v]) => `| ${k} | ${v} |`)
}

function headline(event: CommentEvent, commit: string): string {
  switch (event.kind) {
    case 'building':
      return `building ${commit}`
    case 'running':
      return `${commit} is live`
    case 'failed':
      return `${commit} failed`
    case 'torn-down':
      return `environment ${event.why === 'expired' ? 'expired' : event.why === 'closed' ? 'removed: the PR is closed' : 'stopped'}`
    case 'notice':
      if (event.live?.status === 'running') return `${commit} is live`
      if (event.live?.status === 'building') return `building ${commit}`
      return event.notices[0] === undefined ? 'notice' : noticeHeadline(event.notices[0])
  }
}

function noticeHeadline(notice: Notice): string {
  switch (notice.about) {
    case 'unauthorised':
    case 'blocked':
    case 'frozen':
      return 'start label ignored'
    case 'collision':
      return 'start label ignored'
    case 'over-cap':
      return 'no environment started'
    case 'trigger-waiting':
      return 'a label is waiting'
  }
}

function noticeText(notice: Notice): string {
  switch (notice.about) {
    case 'unauthorised':
      return `@${notice.login} may not start or stop environments: only users with the ${notice.roles.join(', ')} role on this repository may. \`${notice.trigger}\` was removed.`
    case 'blocked':
      return `\`${notice.trigger}\` was removed unused: this PR carries \`${BLOCKED}\`, and Showtime does nothing on it until a maintainer removes that label.`
    case 'frozen':
      return `\`${notice.trigger}\` was removed unused: this PR is frozen (\`${FREEZE}\`). Remove the freeze label, then add ${START_LABEL} again.`
    case 'collision':
      return `\`${notice.trigger}\` was removed unused: the environment \`${notice.sha.slice(0, 7)}\` runs another commit whose SHA starts with the same 7 characters as ${notice.sha}, and an environment is named by those 7 characters. Stop it (add ${STOP_LABEL}), then add ${START_LABEL} again.`
    case 'over-cap': {
      const holders = notice.holders
        .map((h) => `#${h.pr}${h.sha ? ` (\`${h.sha}\`)` : ''}`)
        .join(', ')
      return `${notice.holders.length} environments run already, the most this repository allows (max-environments: ${notice.cap}): ${holders}. Stop one (add ${STOP_LABEL} on its PR) or wait for the scheduled cleanup, then add ${START_LABEL} again.${notice.trigger ? ' The start label was removed.' : ''}`
    }
    case 'trigger-waiting':
      return `${notice.triggers.map((t) => `\`${t}\``).join(' and ')} ${notice.triggers.length > 1 ? 'are' : 'is'} on this PR, but no run acted on it: its run was replaced by a newer one before it started. Only the run of the label's own event may act on it, so remove the label and add it again.`
  }
}

function advice(event: CommentEvent, status: Status): string[] {
  const extend = `\`${formatLabel({ kind: 'ttl', value: '1w' })}\``
  switch (status) {
    case 'building':
      return [`Stop it: add ${STOP_LABEL}`]
    case 'running':
      return [
        `Stop it: add ${STOP_LABEL} · Hold new commits: add \`${FREEZE}\` · Keep it longer: add ${extend} · Rebuild: add ${START_LABEL}`
      ]
    case 'failed':
      return [`Retry: add ${START_LABEL} again. The workflow run's log has the details.`]
    case 'torn-down':
      return event.kind === 'torn-down' && event.why === 'closed'
        ? ['Every environment of this PR and its AWS resources are gone.']
        : [
            `Every environment of this PR and its AWS resources are gone. Bring it back: add ${START_LABEL}.`
          ]
  }
}

/** The stopped task's reason and exit code, or the task that ran without answering its health
 * check, as code spans: nothing in them renders or pings. */
function diagnosisRows(diagnosis: FailureDiagnosis | undefined): [string, string][] {
  if (diagnosis === undefined) return []
  const rows: [string, string][] = []
  const { unanswered } = diagnosis
  if (unanswered)
    rows.push([
      'Task',
      `${cell(codeSpan(unanswered.task))}: still running, it did not answer the health check at ${cell(codeSpan(unanswered.healthPath))} before the deadline`
    ])
  if (diagnosis.stopReason) rows.push(['Stop reason', cell(codeSpan(diagnosis.stopReason))])
  if (diagnosis.exitCode !== undefined)
    rows.push([
      'Exit code',
      `${diagnosis.exitCode}${diagnosis.container ? ` (container ${cell(codeSpan(diagnosis.container))})` : ''}`
    ])
  return rows
}

/** The app's last log lines in a fenced block longer than any run of backticks in them: the PR's
 * code wrote them, and inside the block no markdown, HTML, link or mention takes effect. */
function logBlock(lines: readonly string[], container: string | undefined): string[] {
  if (lines.length === 0) return []
  const fence = '`'.repeat(Math.max(3, longestBacktickRun(lines.join('\n')) + 1))
  const whose = container ? ` of ${codeSpan(container)}` : ''
  return [`Last ${lines.length} log lines${whose}:`, '', fence + 'text', ...lines, fence, '']
}

function longestBacktickRun(text: string): number {
  return Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
}

/** Text as a code span, its delimiters longer than any run of backticks in it. */
function codeSpan(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim()
  const ticks = '`'.repeat(longestBacktickRun(one) + 1)
  const pad = one.startsWith('`') || one.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${one}${pad}${ticks}`
}

/** A table cell: a pipe would end it, inside a code span too. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|')
}

function quote(texts: readonly string[]): string[] {
  return [
    '> [!NOTE]',
    ...texts.flatMap((text, i) => [...(i > 0 ? ['>'] : []), `> ${inline(text)}`])
  ]
}

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** One line, no table-breaking pipes. */
function inline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')
}
