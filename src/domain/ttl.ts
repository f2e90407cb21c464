// Time-to-live values: `24h`, `2d`, `1w` (any whole number of hours, days or weeks) or `close`
// (kept until the PR closes). Used by the PR-level `🎪 ⌛ {ttl}` label and the ttl/older-than inputs.

export type Ttl =
  { kind: 'duration'; hours: number; text: string } | { kind: 'close'; text: string }

const DURATION = /^(\d{1,4})([hdw])$/
const HOURS_PER_UNIT = { h: 1, d: 24, w: 168 } as const

export function parseTtl(text: string): Ttl | undefined {
  const normalised = text.trim().toLowerCase()
  if (normalised === 'close') return { kind: 'close', text: normalised }
  const m = DURATION.exec(normalised)
  if (!m) return undefined
  const hours = Number(m[1]) * HOURS_PER_UNIT[m[2] as keyof typeof HOURS_PER_UNIT]
  return { kind: 'duration', hours, text: normalised }
}

export function ttlMilliseconds(ttl: Ttl): number {
  return ttl.kind === 'close' ? Number.POSITIVE_INFINITY : ttl.hours * 3_600_000
}

/** The longer of two TTLs (`close` is the longest). */
export function longerTtl(a: Ttl, b: Ttl): Ttl {
  const diff = ttlMilliseconds(a) - ttlMilliseconds(b)
  if (diff !== 0 && !Number.isNaN(diff)) return diff > 0 ? a : b
  return a.text <= b.text ? a : b
}
