// How often a property's interesting branches run: a property whose generator stops reaching its
// assertion fails instead of passing on nothing. Shares, not counts, so that the same test holds
// with the fewer runs mutation testing gives each property.

import { expect } from 'vitest'

export class BranchShares {
  private runs = 0
  private readonly hits = new Map<string, number>()

  /** Call once per run of the property. */
  run(): void {
    this.runs++
  }

  hit(branch: string): void {
    this.hits.set(branch, (this.hits.get(branch) ?? 0) + 1)
  }

  /** Each branch ran in at least its share of the runs (0.2: one run in five). */
  expectAtLeast(shares: Readonly<Record<string, number>>): void {
    expect(this.runs, 'the property ran').toBeGreaterThan(0)
    for (const [branch, share] of Object.entries(shares)) {
      const hits = this.hits.get(branch) ?? 0
      expect(hits / this.runs, `${branch}: ${hits} of ${this.runs} runs`).toBeGreaterThanOrEqual(
        share
      )
    }
  }
}
