// Drill: one GitHub fault at every request of a first deploy. The committed bundle runs a full
// sync on a fresh PR while the k-th GitHub request (whatever it is) answers a 502, or a 403
// secondary rate limit with retry-after: 1. Whatever k is, the run either succeeds and the PR
// serves its commit, or fails with one readable error line and leaves the PR in a state a retry
// converges from: no service unless the SHA runs, no status stuck in building/deploying, and
// either the SHA marked failed or no labels at all with the start trigger still there.
//
// Both faults are retried (plugin-retry after ~1 s, plugin-throttling after retry-after), so
// every case is expected to succeed; github-forbidden.drill.ts sweeps a fault that is not.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type EmulatorFault, secondaryRateLimitFault } from '../support/github-emulator.js'
import { World } from '../support/world.js'
import {
  type SweepRow,
  faultAt,
  firstDeployRequests,
  report,
  tally,
  unexpected
} from './github-sweep.js'

let world: World
/** The GitHub requests of a first deploy, measured by the first test. */
let requests: string[] = []
const sweeps = new Map<string, SweepRow[]>()

beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())

describe('GitHub faults at every request of a first deploy', () => {
  it('the emulator answers the k-th request from the call with the fault, once', async () => {
    const pr = world.newPr([], 'abc123f' + '4'.repeat(33))
    const get = () => fetch(`${world.github.apiUrl}/repos/apache/superset/pulls/${pr}`)
    world.github.injectFaultAt(1, { status: 502 })
    const statuses = [(await get()).status, (await get()).status, (await get()).status]
    expect(statuses).toEqual([200, 502, 200])
    const withdraw = world.github.injectFaultAt(0, { status: 503 })
    withdraw()
    expect((await get()).status).toBe(200)
  })

  it('measures N, the GitHub requests of a first deploy', async () => {
    requests = await firstDeployRequests(world)
    console.log(`N = ${requests.length}:\n${requests.map((r, i) => `  ${i}: ${r}`).join('\n')}`)
    expect(requests.length).toBeGreaterThan(10)
  })

  const faults: [string, () => EmulatorFault][] = [
    ['502 Bad Gateway', () => ({ status: 502 })],
    ['403 secondary rate limit, retry-after 1', () => secondaryRateLimitFault({ retryAfter: 1 })]
  ]

  it.each(faults)('%s at every request k in 0..N-1', { timeout: 300_000 }, async (name, fault) => {
    expect(requests.length).toBeGreaterThan(0)
    const rows: SweepRow[] = []
    sweeps.set(name, rows)
    for (let k = 0; k < requests.length; k++) rows.push(await faultAt(world, k, fault()))
    console.log(report(name, rows))
    expect(unexpected(rows)).toEqual([])
    expect(rows.filter((r) => r.outcome === 'known bug')).toEqual([])
  })

  it('summary', () => {
    const lines = [...sweeps].map(([name, rows]) => `  ${name}: ${tally(rows)}`)
    console.log(`GitHub faults, N = ${requests.length}:\n${lines.join('\n')}`)
  })
})
