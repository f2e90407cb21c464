// Commits and label sets for the scenarios: every measured PR gets commits of its own, so that no
// run finds label definitions another scenario created.

import { type RunResult, runAction } from '../__tests__/support/run-action.js'
import { FAST, type World } from '../__tests__/support/world.js'

const HOUR = 3_600_000

export interface Commit {
  /** The 40-character SHA. */
  readonly sha: string
  /** The 7 characters labels and resource names carry. */
  readonly short: string
}

let nextCommit = 0

export function freshCommit(): Commit {
  const short = (0xb000000 + ++nextCommit).toString(16)
  return { sha: short + '0'.repeat(33), short }
}

/** `YYYY-MM-DDTHH-MM` (UTC) of `hoursAgo` hours ago, as 📅 labels carry it. */
export function stamp(hoursAgo: number): string {
  const iso = new Date(Date.now() - hoursAgo * HOUR).toISOString()
  return `${iso.slice(0, 13)}-${iso.slice(14, 16)}`
}

/** The labels a finished first deploy leaves for commit `short`. */
export function runningLabels(short: string, hoursAgo = 1, ttl = '48h'): string[] {
  return [
    `🎪 ${short} 🚦 running`,
    `🎪 ${short} 📅 ${stamp(hoursAgo)}`,
    `🎪 ${short} 🌐 52.1.2.3:8080`,
    `🎪 ${short} 🤡 maintainer`,
    `🎪 🎯 ${short}`,
    `🎪 ⌛ ${ttl}`
  ]
}

/** The commit's environment on the PR as if deployed `hoursAgo`: its 📅 label replaced. */
export function dateEnvironment(world: World, pr: number, short: string, hoursAgo: number): void {
  const created = `🎪 ${short} 📅 `
  world.github.setLabels(pr, [
    ...world.github.labelsOn(pr).filter((l) => !l.startsWith(created)),
    `${created}${stamp(hoursAgo)}`
  ])
}

/** The hourly scheduled cleanup with these inputs, its waits shortened. */
export function scheduledCleanup(world: World, inputs: Record<string, string>): Promise<RunResult> {
  return runAction({
    github: world.github,
    awsEndpoint: world.aws.url,
    eventName: 'schedule',
    event: { schedule: '0 * * * *' },
    inputs: { mode: 'cleanup', ...inputs },
    env: FAST
  })
}
