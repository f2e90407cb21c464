// The labels of one PR during a run: every write goes through here, and the view is refreshed
// from each answer (GitHub returns the PR's labels after every add and remove).

import { type LabelState, readLabels } from '../domain/label-state.js'
import type { LabelWriter } from '../github/labels.js'

export class LabelSession {
  private view: string[]
  /** Attached by `attach`, whose definitions `define` has not written yet. */
  private readonly undefinedNames = new Set<string>()

  constructor(
    private readonly writer: LabelWriter,
    readonly pr: number,
    labels: readonly string[],
    /** The PR's GraphQL id, when known: several labels then come off in one request. */
    private readonly nodeId?: string
  ) {
    this.view = [...labels]
  }

  get labels(): readonly string[] {
    return this.view
  }

  state(): LabelState {
    return readLabels(this.view)
  }

  has(name: string): boolean {
    return this.view.includes(name)
  }

  /** Replace the view with a fresh read. */
  refresh(labels: readonly string[]): void {
    this.view = [...labels]
  }

  async add(names: readonly string[]): Promise<void> {
    const missing = names.filter((name) => !this.has(name))
    if (missing.length === 0) return
    this.view = await this.writer.add(this.pr, missing)
  }

  /** Attaches without writing definitions first (one request): `define` writes them later. */
  async attach(names: readonly string[]): Promise<void> {
    const missing = names.filter((name) => !this.has(name))
    if (missing.length === 0) return
    for (const name of missing) this.undefinedNames.add(name)
    this.view = await this.writer.add(this.pr, missing, { defineFirst: false })
  }

  /** Writes the definitions of every label attached before its own, and of `ahead` (labels a
   * later step adds): off the run's critical path. */
  async define(ahead: readonly string[] = []): Promise<void> {
    const names = [...this.undefinedNames, ...ahead]
    this.undefinedNames.clear()
    await this.writer.define(names)
  }

  /** Removes labels that are on the PR; one that is already gone counts as removed. */
  async remove(names: readonly string[]): Promise<void> {
    let present = names.filter((n) => this.has(n))
    while (present.length > 0) {
      if (present.length > 1 && this.nodeId !== undefined) {
        const after = await this.writer.removeMany(this.nodeId, present)
        if (after !== undefined) {
          this.view = after
          return
        }
      }
      const [name, ...rest] = present as [string, ...string[]]
      const after = await this.writer.remove(this.pr, name)
      this.view = after ?? this.view.filter((n) => n !== name)
      present = rest.filter((n) => this.has(n))
    }
  }

  /** The claim gate: `taken` only for the run whose removal GitHub accepted (a second one gets
   * 404); `ambiguous` when a server error left it unknown whether this run's removal landed. */
  async take(name: string): Promise<'taken' | 'absent' | 'ambiguous'> {
    const answer = await this.writer.claim(this.pr, name)
    if (answer.outcome === 'taken') this.view = answer.labels
    else this.view = this.view.filter((n) => n !== name)
    return answer.outcome
  }
}
