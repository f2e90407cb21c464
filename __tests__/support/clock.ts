// The emulators' clock. The end-to-end tests run them on real time, as the bundle runs; the
// emulators' own tests give them a ManualClock and advance it instead of sleeping.

export interface Clock {
  now(): number
}

export const realClock: Clock = { now: () => Date.now() }

/** Time that moves only when a test moves it. */
export class ManualClock implements Clock {
  constructor(private ms = Date.UTC(2024, 0, 1)) {}

  now(): number {
    return this.ms
  }

  advance(ms: number): void {
    this.ms += ms
  }
}
