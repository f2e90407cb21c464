// The labels of one PR during a run: every write goes through here, and the view is refreshed
// from each answer (GitHub returns the PR's labels after every add and remove). With
// dry-run-github the writes are printed instead of sent, and only the local view changes.

import * as core from '@actions/core'
import { type LabelState, readLabels } from './domain/label-state.js'
import type { LabelWriter } from './github/labels.js'

export class LabelSession {
  private view: string[]

  constructor(
    private readonly writer: LabelWriter,
    readonly pr: number,
    labels: readonly string[],
    private readonly dryRun: boolean
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
    if (this.dryRun) {
      core.info(`[dry-run-github] would add ${missing.map(quote).join(', ')}`)
      this.view = [...this.view, ...missing]
      return
    }
    core.info(`+ ${missing.join(', ')}`)
    this.view = await this.writer.add(this.pr, missing)
  }

  /** Removes labels that are on the PR; one that is already gone counts as removed. */
  async remove(names: readonly string[]): Promise<void> {
    for (const name of names.filter((n) => this.has(n))) {
      if (this.dryRun) {
        core.info(`[dry-run-github] would remove ${quote(name)}`)
        this.view = this.view.filter((n) => n !== name)
        continue
      }
      core.info(`- ${name}`)
      const after = await this.writer.remove(this.pr, name)
      this.view = after ?? this.view.filter((n) => n !== name)
    }
  }

  /** The claim gate: `taken` only for the run whose removal GitHub accepted (a second one gets
   * 404); `ambiguous` when a server error left it unknown whether this run's removal landed. */
  async take(name: string): Promise<'taken' | 'absent' | 'ambiguous'> {
    if (this.dryRun) {
      core.info(`[dry-run-github] would remove ${quote(name)} to claim the PR`)
      const present = this.has(name)
      this.view = this.view.filter((n) => n !== name)
      return present ? 'taken' : 'absent'
    }
    core.info(`- ${name} (claim)`)
    const answer = await this.writer.claim(this.pr, name)
    if (answer.outcome === 'taken') this.view = answer.labels
    else this.view = this.view.filter((n) => n !== name)
    return answer.outcome
  }
}

function quote(name: string): string {
  return `"${name}"`
}
