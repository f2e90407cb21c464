// The README's IAM policy is enough: the whole lifecycle runs under exactly that policy (read from
// the README) against an emulator that refuses every call outside it. That each of its actions is
// needed is the drill __tests__/drills/iam.drill.ts (npm run drills).

import { afterAll, beforeAll, expect, it } from 'vitest'
import { lifecycle, readmePolicy } from '../support/iam-lifecycle.js'
import { World } from '../support/world.js'

let world: World
beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())

it("runs deploy, forced rebuild, roll-over, stop (with and without the load balancer) and cleanup under the README's IAM policy", async () => {
  world.aws.setIamPolicy(await readmePolicy(world.aws.accountId, 'us-west-2', 'superset-ci'))
  const steps = await lifecycle(world)
  for (const step of steps) {
    expect(step.result.commands.errors, `${step.name}: ${step.result.stdout}`).toEqual([])
    expect(step.result.code, step.name).toBe(0)
  }
  expect(steps.map((s) => s.name)).toEqual([
    'first deploy',
    'forced rebuild',
    'roll-over',
    'stop',
    'first deploy behind the load balancer',
    'forced rebuild behind the load balancer',
    'roll-over behind the load balancer',
    'stop behind the load balancer',
    'cleanup'
  ])
  expect(world.activeServiceNames()).toEqual([])
  expect(world.aws.elb.ruleSummaries()).toEqual([])
  expect(world.aws.elb.targetGroupNames()).toEqual([])
}, 180_000)
