// Everything a PR's labels say, read into one value. Label order never changes the result: names
// are sorted first, and every "two of a kind" case has a rule (see docs/reference/labels.md).

import { EMOJI, type ParsedLabel, parseLabel, isShowtimeLabel } from './labels.js'
import { type Show, createdAtMs, statusClass, statusRank } from './show.js'
import { type Ttl, longerTtl, parseTtl } from './ttl.js'

export interface LabelState {
  /** One per SHA that has a `🚦` status label, sorted by SHA. */
  readonly shows: readonly Show[]
  /** The SHA of the `🎪 🎯 {sha}` pointer, when it names an existing show. */
  readonly activeSha?: string
  readonly startTrigger: boolean
  readonly stopTrigger: boolean
  readonly triggerLabels: readonly string[]
  readonly freeze: boolean
  readonly blocked: boolean
  /** The PR-level TTL; with several `🎪 ⌛` labels the longest wins (adding one extends). */
  readonly ttl?: Ttl
  readonly ttlLabels: readonly string[]
  /** Every label starting with 🎪, sorted. */
  readonly showtimeLabels: readonly string[]
  /** Labels in an old form, rewritten in the current form on the next write. */
  readonly legacyLabels: readonly string[]
  /** Per-SHA labels and pointers whose SHA has no status label: nothing reads them. */
  readonly strayLabels: readonly string[]
  /** Human-readable notes about labels that were ignored or resolved by a rule. */
  readonly problems: readonly string[]
}

interface ShaLabels {
  status: { value: string; label: string }[]
  created: { value: string; label: string }[]
  ip: { ip: string; port: number; legacy: boolean; label: string }[]
  requester: { value: string; legacy: boolean; label: string }[]
  other: string[]
}

export function readLabels(names: readonly string[]): LabelState {
  const showtimeLabels = [
    ...new Set(names.filter((n) => typeof n === 'string' && isShowtimeLabel(n)))
  ].sort()
  const bySha = new Map<string, ShaLabels>()
  const pointers: { sha: string; label: string }[] = []
  const triggerLabels: string[] = []
  const ttlLabels: string[] = []
  const legacyLabels: string[] = []
  const problems: string[] = []
  let startTrigger = false
  let stopTrigger = false
  let freeze = false
  let blocked = false
  let ttl: Ttl | undefined

  const forSha = (sha: string): ShaLabels => {
    let entry = bySha.get(sha)
    if (!entry) {
      entry = { status: [], created: [], ip: [], requester: [], other: [] }
      bySha.set(sha, entry)
    }
    return entry
  }

  for (const name of showtimeLabels) {
    const parsed: ParsedLabel = parseLabel(name)
    if ('form' in parsed && parsed.form === 'legacy') legacyLabels.push(name)
    switch (parsed.kind) {
      case 'trigger':
        triggerLabels.push(name)
        if (parsed.trigger === 'start') startTrigger = true
        else stopTrigger = true
        break
      case 'freeze':
        freeze = true
        break
      case 'blocked':
        blocked = true
        break
      case 'ttl': {
        ttlLabels.push(name)
        const value = parseTtl(parsed.value)
        if (value) ttl = ttl ? longerTtl(ttl, value) : value
        break
      }
      case 'status':
        forSha(parsed.sha).status.push({ value: parsed.status, label: name })
        break
      case 'created':
        forSha(parsed.sha).created.push({ value: parsed.at, label: name })
        break
      case 'ip':
        forSha(parsed.sha).ip.push({
          ip: parsed.ip,
          port: parsed.port,
          legacy: parsed.form === 'legacy',
          label: name
        })
        break
      case 'requester':
        forSha(parsed.sha).requester.push({
          value: parsed.login,
          legacy: parsed.form === 'legacy',
          label: name
        })
        break
      case 'pointer':
        pointers.push({ sha: parsed.sha, label: name })
        break
      case 'building-pointer':
      case 'sha-ttl':
        legacyLabels.push(name)
        forSha(parsed.sha).other.push(name)
        break
      case 'unknown':
        problems.push(`ignored label "${name}": ${parsed.reason}`)
        break
      case 'foreign':
        break
    }
  }

  const shows: Show[] = []
  const strayLabels: string[] = []
  for (const [sha, entry] of [...bySha.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const labels = [
      ...entry.status.map((s) => s.label),
      ...entry.created.map((s) => s.label),
      ...entry.ip.map((s) => s.label),
      ...entry.requester.map((s) => s.label),
      ...entry.other,
      ...pointers.filter((p) => p.sha === sha).map((p) => p.label)
    ]
    const status = pick(entry.status, (a, b) => statusRank(a.value) - statusRank(b.value))
    if (!status) {
      strayLabels.push(...labels)
      continue
    }
    if (entry.status.length > 1) {
      problems.push(`${sha} has ${entry.status.length} status labels; "${status.value}" wins`)
    }
    const created = pick(entry.created, (a, b) => compare(a.value, b.value))
    const ip = pick(
      entry.ip,
      (a, b) => Number(a.legacy) - Number(b.legacy) || compare(a.label, b.label)
    )
    const requester = pick(
      entry.requester,
      (a, b) => Number(a.legacy) - Number(b.legacy) || compare(a.value, b.value)
    )
    shows.push({
      sha,
      status: status.value,
      ...(created && { createdAt: created.value }),
      ...(ip && { ip: ip.ip, port: ip.port }),
      ...(requester && { requester: requester.value }),
      labels: [...labels].sort()
    })
  }

  const showsBySha = new Map(shows.map((s) => [s.sha, s]))
  for (const pointer of pointers) {
    if (!showsBySha.has(pointer.sha) && !bySha.has(pointer.sha)) strayLabels.push(pointer.label)
  }
  const active = pick(
    pointers.flatMap((p) => showsBySha.get(p.sha) ?? []),
    (a, b) =>
      Number(statusClass(b.status) === 'running') - Number(statusClass(a.status) === 'running') ||
      (createdAtMs(b) ?? 0) - (createdAtMs(a) ?? 0) ||
      compare(a.sha, b.sha)
  )
  if (pointers.length > 1) {
    problems.push(
      `${pointers.length} ${EMOJI.pointer} pointers; ${active ? `${active.sha} wins` : 'none names a show'}`
    )
  }

  return {
    shows,
    ...(active && { activeSha: active.sha }),
    startTrigger,
    stopTrigger,
    triggerLabels,
    freeze,
    blocked,
    ...(ttl && { ttl }),
    ttlLabels,
    showtimeLabels,
    legacyLabels,
    strayLabels: [...strayLabels].sort(),
    problems
  }
}

function pick<T>(items: readonly T[], order: (a: T, b: T) => number): T | undefined {
  return [...items].sort(order)[0]
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

export function findShow(state: LabelState, sha: string): Show | undefined {
  const short = sha.slice(0, 7).toLowerCase()
  return state.shows.find((s) => s.sha === short)
}

export function activeShow(state: LabelState): Show | undefined {
  return state.activeSha === undefined ? undefined : findShow(state, state.activeSha)
}
