// Order statistics for the timing samples.

/** The value at quantile `q` (0..1) of `samples`, by the nearest-rank method. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) throw new Error('quantile of no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)))
  return sorted[rank - 1] as number
}

export const median = (samples: readonly number[]): number => quantile(samples, 0.5)
export const p90 = (samples: readonly number[]): number => quantile(samples, 0.9)

/** Milliseconds with one decimal, e.g. `142.3 ms`. */
export function ms(value: number): string {
  return `${value.toFixed(1)} ms`
}

/** A ratio as a percentage with one decimal, e.g. `3.4 %`. */
export function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)} %`
}

/** A whole number with thousands separators, e.g. `1,938`. */
export function count(value: number): string {
  return value.toLocaleString('en-US')
}
