// How often each branch of a property ran. A property whose interesting branch is rare checks
// nothing while it passes; `check()` fails the test when a branch ran in less than its share of
// the runs, and prints the counts. Shares, not counts, so that the fewer runs of mutation testing
// (__fixtures__/fast-check-for-mutation.ts) keep the same bar. A share sits about four standard
// deviations under the measured rate (sqrt(p(1-p)/runs)): closer, and a random seed fails it now
// and then in CI although the branch is as common as ever.

import { expect } from 'vitest'

export class Branches<K extends string> {
  private runs = 0
  private readonly counts = new Map<K, number>()

  /** `shares`: the least share of runs (0 to 1) in which each branch must run. */
  constructor(
    private readonly property: string,
    private readonly shares: Readonly<Record<K, number>>
  ) {}

  /** Counts one run of the property; returns `this` for `run().hit(...)`. */
  run(): this {
    this.runs++
    return this
  }

  hit(branch: K, when = true): boolean {
    if (when) this.counts.set(branch, (this.counts.get(branch) ?? 0) + 1)
    return when
  }

  check(): void {
    const entries = Object.entries(this.shares) as [K, number][]
    const count = (k: K) => this.counts.get(k) ?? 0
    const percent = (n: number) => `${((100 * n) / Math.max(this.runs, 1)).toFixed(1)}%`
    const report = entries.map(
      ([k, share]) => `${k} ${count(k)} (${percent(count(k))}, ≥ ${share * 100}%)`
    )
    console.log(`branches of "${this.property}", ${this.runs} runs: ${report.join('; ')}`)
    expect(this.runs, `"${this.property}" never ran`).toBeGreaterThan(0)
    for (const [k, share] of entries)
      expect(
        count(k),
        `"${this.property}": the branch "${k}" ran ${count(k)} times in ${this.runs} runs (${percent(count(k))}), under its share of ${share * 100}%`
      ).toBeGreaterThanOrEqual(share * this.runs)
  }
}
