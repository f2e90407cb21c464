// Commits and label sets for the scenarios: every measured PR gets commits of its own, so that no
// run finds label definitions another scenario created.

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
