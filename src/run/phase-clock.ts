// Time spent in each phase of a sync (claim, build, deploy, health, teardown), for the job summary.

import type { Phase } from '../domain/sync-steps.js'

export class PhaseClock {
  readonly phases: { name: Phase; ms: number }[] = []
  private started: number | undefined
  private name: Phase = 'claim'

  constructor(private readonly now: () => number = Date.now) {}

  /** The phase under way, or the last one. */
  get current(): Phase {
    return this.name
  }

  enter(phase: Phase): void {
    this.stop()
    this.name = phase
    this.started = this.now()
  }

  /** Ends the phase under way; time spent in the same phase again adds to its row. */
  stop(): void {
    if (this.started === undefined) return
    const ms = this.now() - this.started
    this.started = undefined
    const last = this.phases.at(-1)
    if (last?.name === this.name) last.ms += ms
    else this.phases.push({ name: this.name, ms })
  }
}
