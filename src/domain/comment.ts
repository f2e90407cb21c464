// The one sticky PR comment: found again by its hidden marker and edited in place. Pure: the
// text is a function of what happened and of the environment's facts.

import { FREEZE, TRIGGER_START, TRIGGER_STOP, formatLabel } from './labels.js'

export const COMMENT_MARKER = '<!-- showtime:status -->'

export type CommentEvent =
  | { readonly kind: 'building' }
  | { readonly kind: 'running'; readonly url: string }
  | { readonly kind: 'failed'; readonly cause: string }
  | { readonly kind: 'torn-down'; readonly why: 'stopped' | 'closed' | 'expired' }
  | { readonly kind: 'unauthorised'; readonly login: string; readonly roles: readonly string[] }
  | { readonly kind: 'fork-held' }
  | { readonly kind: 'over-cap'; readonly live: number; readonly cap: number }

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
}

const STOP_LABEL = `\`${TRIGGER_STOP}\``
const START_LABEL = `\`${TRIGGER_START}\``

export function renderComment(event: CommentEvent, facts: CommentFacts): string {
  const short = facts.sha.slice(0, 7)
  const commit = `[\`${short}\`](${facts.serverUrl}/${facts.repository}/commit/${facts.sha})`
  const lines = [COMMENT_MARKER, `### 🎪 Showtime: ${headline(event, commit)}`, '']
  const rows: [string, string][] = []
  switch (event.kind) {
    case 'building':
      rows.push(['Status', '🏗️ building'])
      break
    case 'running':
      rows.push(['Status', '🟢 running'], ['URL', event.url])
      break
    case 'failed':
      rows.push(['Status', '❌ failed'], ['Cause', inline(event.cause)])
      break
    case 'torn-down':
      rows.push(['Status', '🛑 torn down'])
      break
    default:
      break
  }
  if (rows.length > 0) {
    rows.push(['Commit', commit])
    if (facts.requester) rows.push(['Requested by', `@${facts.requester}`])
    if (facts.createdAt !== undefined && event.kind !== 'torn-down')
      rows.push(['Created', utc(facts.createdAt)])
    if (facts.ttl && event.kind !== 'torn-down') {
      const expiry =
        facts.expiresAt === undefined
          ? 'kept until the PR closes'
          : `expires ${utc(facts.expiresAt)}`
      rows.push(['Lifetime', `${facts.ttl}: ${expiry}`])
    }
    if (facts.runUrl) rows.push(['Run', `[workflow run](${facts.runUrl})`])
    lines.push('| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v} |`), '')
  }
  lines.push(...advice(event))
  return lines.join('\n')
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
    case 'unauthorised':
      return 'start label ignored'
    case 'fork-held':
      return `${commit} is waiting for approval`
    case 'over-cap':
      return 'no environment started'
  }
}

function advice(event: CommentEvent): string[] {
  const extend = `\`${formatLabel({ kind: 'ttl', value: '1w' })}\``
  switch (event.kind) {
    case 'building':
    case 'running':
      return [
        `Stop it: add ${STOP_LABEL} · Hold new commits: add \`${FREEZE}\` · Keep it longer: add ${extend} · Rebuild: add ${START_LABEL}`
      ]
    case 'failed':
      return [`Retry: add ${START_LABEL} again. The workflow run's log has the details.`]
    case 'torn-down':
      return event.why === 'closed'
        ? ['Every environment of this PR and its AWS resources are gone.']
        : [
            `Every environment of this PR and its AWS resources are gone. Bring it back: add ${START_LABEL}.`
          ]
    case 'unauthorised':
      return [
        `@${event.login} may not start or stop environments: only users with the ${event.roles.join(', ')} role on this repository may. The label was removed.`
      ]
    case 'fork-held':
      return [
        `New commits from a fork are not deployed on their own. A maintainer approves this commit by adding ${START_LABEL}; the current environment keeps running its reviewed commit until then.`
      ]
    case 'over-cap':
      return [
        `${event.live} environments run already, the most this repository allows (${event.cap}). Stop one (add ${STOP_LABEL} on its PR) or wait for the scheduled cleanup, then add ${START_LABEL} again.`
      ]
  }
}

function utc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`
}

/** One line, no table-breaking pipes. */
function inline(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').replace(/\|/g, '\\|')
}
