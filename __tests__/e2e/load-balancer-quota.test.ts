// The shared load balancer's quotas (docs/load-balancer.md, "What happens"): a deploy that would pass
// the rules or target groups an Application Load Balancer may hold is refused before it creates
// anything, with a line naming the quota, instead of AWS's TooManyRules or TooManyTargetGroups
// halfway through. The emulator reports its quotas through DescribeAccountLimits and enforces them.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { targetGroupName } from '../support/http-emulator.js'
import { START, World } from '../support/world.js'
import { expectSucceeded } from '../support/expectations.js'

const DOMAIN = 'preview.example.com'
const A = 'abc123f' + '1'.repeat(33)
const B = 'def456a' + '2'.repeat(33)

let world: World
let inputs: Record<string, string>

beforeAll(async () => {
  world = await World.start()
  inputs = world.behindLoadBalancer(DOMAIN)
})
afterAll(() => world.stop())

const group = (pr: number, sha: string) => targetGroupName(world.github.fullName, pr, sha)
const created = (action: string) =>
  world.aws.requests.filter((r) => r.action === action && r.status === 200).length

describe('the load balancer’s quotas', () => {
  it('refuses a new PR when the rules are used up, and a new commit when the target groups are', async () => {
    const first = world.newPr([START], A)
    expectSucceeded(await world.sync(first, 'labeled', { label: START, inputs }))

    // One rule and one target group are in use; the quotas now allow exactly that.
    world.aws.elb.setQuotas({ rulesPerLoadBalancer: 1, targetGroupsPerLoadBalancer: 2 })
    const second = world.newPr([START], B)
    const groupsBefore = created('CreateTargetGroup')
    const refused = await world.sync(second, 'labeled', { label: START, inputs })
    expect(refused.code).toBe(1)
    expect(refused.commands.errors.at(-1)).toContain(
      'the load balancer already has 1 of its 1 rules (rules-per-application-load-balancer)'
    )
    expect(created('CreateTargetGroup')).toBe(groupsBefore)
    expect(world.aws.elb.targetGroupNames()).toEqual([group(first, A)])
    expect(world.activeServiceNames()).not.toContain(`pr-${second}-def456a-service`)
    expect(world.labels(second)).toContain('🎪 def456a 🚦 failed')

    // The first PR has its rule: a new commit needs only a target group, and there is room for one.
    world.github.updatePull(first, { headSha: B })
    expectSucceeded(await world.sync(first, 'synchronize', { inputs }))
    expect(world.aws.elb.targetGroupNames()).toEqual([group(first, B)])

    // With no room for a second target group beside the serving one, the next commit is refused
    // and the address stays on the commit it serves.
    world.aws.elb.setQuotas({ targetGroupsPerLoadBalancer: 1 })
    const C = 'c0ffee1' + '3'.repeat(33)
    world.github.updatePull(first, { headSha: C })
    const full = await world.sync(first, 'synchronize', { inputs })
    expect(full.code).toBe(1)
    expect(full.commands.errors.at(-1)).toContain(
      'the load balancer already uses 1 of its 1 target groups (target-groups-per-application-load-balancer, which AWS does not raise)'
    )
    expect(world.aws.elb.targetGroupNames()).toEqual([group(first, B)])
    expect(world.labels(first)).toEqual(
      expect.arrayContaining(['🎪 def456a 🚦 running', '🎪 🎯 def456a', '🎪 c0ffee1 🚦 failed'])
    )
  })
})
