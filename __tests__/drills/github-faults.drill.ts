// Drill: one GitHub fault at every request of a first deploy. The committed bundle runs a full
// sync on a fresh PR while the k-th GitHub request (whatever it is) answers a 502, or a 403
// secondary rate limit with retry-after: 1. Both faults are retried (plugin-retry after ~1 s,
// plugin-throttling after retry-after), so at every k the run succeeds and the PR serves its
// commit; github-forbidden.drill.ts sweeps a fault that is not retried. N, the requests of a
// first deploy, is measured once before the cases are collected; each case has its own world, so
// the cases run side by side.

import { describe, expect, it } from 'vitest'
import { type EmulatorFault, secondaryRateLimitFault } from '../support/github-emulator.js'
import { World } from '../support/world.js'
import { faultAt, firstDeployRequests, report } from './github-sweep.js'

const requests = await firstDeployRequests()

describe('the emulator', () => {
  it('answers the k-th request from the call with the fault, once', async () => {
    const world = await World.start()
    try {
      const pr = world.newPr([], 'abc123f' + '4'.repeat(33))
      const get = () => fetch(`${world.github.apiUrl}/repos/apache/superset/pulls/${pr}`)
      world.github.injectFaultAt(1, { status: 502 })
      const statuses = [(await get()).status, (await get()).status, (await get()).status]
      expect(statuses).toEqual([200, 502, 200])
      const withdraw = world.github.injectFaultAt(0, { status: 503 })
      withdraw()
      expect((await get()).status).toBe(200)
    } finally {
      await world.stop()
    }
  })

  it('counts more than 10 GitHub requests in a first deploy', () => {
    console.log(`N = ${requests.length}:\n${requests.map((r, i) => `  ${i}: ${r}`).join('\n')}`)
    expect(requests.length).toBeGreaterThan(10)
  })
})

const faults: [string, () => EmulatorFault][] = [
  ['502 Bad Gateway', () => ({ status: 502 })],
  ['403 secondary rate limit, retry-after 1', () => secondaryRateLimitFault({ retryAfter: 1 })]
]

describe.concurrent.each(faults)('%s at every request of a first deploy', (name, fault) => {
  it.each(requests.map((request, k) => ({ k, request })))(
    'k=$k $request: the run succeeds and serves its commit',
    { timeout: 120_000 },
    async ({ k }) => {
      const row = await faultAt(k, fault())
      console.log(report(name, [row]))
      expect(row.problems).toEqual([])
      expect(row.outcome).toBe('succeeded')
    }
  )
})
