// What a sync run has claimed and created, saved with core.saveState as it goes, so that the
// action's post step can release it if the job is cancelled or killed in the middle.

import * as core from '@actions/core'

export interface InFlight {
  readonly pr: number
  readonly sha: string
  readonly service: string
  /** This run created the service: releasing means deleting it. */
  readonly createdService: boolean
  /** This run rolled an existing service forward: releasing means rolling it back to this. */
  readonly previousTaskDefinition?: string
}

const KEY = 'showtime-in-flight'

export const runState = {
  save(value: InFlight): void {
    core.saveState(KEY, JSON.stringify(value))
  },
  clear(): void {
    core.saveState(KEY, '')
  },
  read(): InFlight | undefined {
    const text = core.getState(KEY)
    if (!text) return undefined
    try {
      return JSON.parse(text) as InFlight
    } catch {
      return undefined
    }
  }
}
