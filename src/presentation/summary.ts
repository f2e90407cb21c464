// What people read: the log lines and the job summary. Formatting only; no decisions.

import * as core from '../runner/core.js'
import type { LabelState } from '../domain/label-state.js'
import type { Decision, Notice, Step } from '../domain/planner.js'
import type { PullRequestSnapshot } from '../domain/pull-request.js'
import { serviceName } from '../domain/resources.js'
import { createdAtMs, showUrl } from '../domain/show.js'

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
      return `mark ${step.sha} running with its address and point 🎯 at it`
    case 'teardown':
      return `tear down ${step.sha}: delete ${step.service}, remove ${step.labels.length} labels`
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
    case 'fork-held':
      return `a maintainer must approve ${notice.sha}`
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

export function environmentsTable(
  pr: PullRequestSnapshot,
  containerPort: number,
  now: number
): string[][] {
  return pr.labels.shows.map((show) => [
    show.sha === pr.labels.activeSha ? `🎯 ${show.sha}` : show.sha,
    show.status,
    showUrl(show, containerPort) ?? '',
    age(createdAtMs(show), now),
    show.requester ?? '',
    serviceName(pr.number, show.sha)
  ])
}

export async function writeDecisionSummary(
  title: string,
  pr: PullRequestSnapshot,
  decision: Decision,
  containerPort: number,
  now: number
): Promise<void> {
  const summary = core.summary.addHeading(title, 2).addTable([
    [
      { data: 'Decision', header: true },
      { data: 'Reason', header: true },
      { data: 'Build needed', header: true },
      { data: 'Sync needed', header: true },
      { data: 'Target', header: true }
    ],
    [
      decision.action,
      decision.reason,
      String(decision.buildNeeded),
      String(decision.syncNeeded),
      decision.targetSha
    ]
  ])
  summary.addRaw(escapeHtml(decision.message), true)
  if (decision.steps.length > 0) {
    summary.addHeading('Planned steps', 3).addList(
      decision.steps.map((s) => escapeHtml(describeStep(s))),
      true
    )
  }
  const rows = environmentsTable(pr, containerPort, now)
  summary.addHeading('Environments', 3)
  if (rows.length === 0) summary.addRaw('None.', true)
  else {
    summary.addTable([
      ['SHA', 'Status', 'URL', 'Age', 'Requested by', 'Service'].map((data) => ({
        data,
        header: true
      })),
      ...rows
    ])
  }
  const ttl = pr.labels.ttl?.text
  if (ttl) summary.addRaw(`TTL: ${ttl}`, true)
  if (pr.labels.problems.length > 0) {
    summary.addHeading('Ignored labels', 3).addList(pr.labels.problems.map(escapeHtml))
  }
  await summary.write()
}

/** Text from outside (an error message, a cause) placed in the HTML job summary. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c
  )
}
