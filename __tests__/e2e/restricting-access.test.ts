// Who may open a preview, run as a workflow runs it: the bundle against the emulators. Behind the
// load balancer, allowed-source-cidrs becomes a source-ip condition of the PR's listener rule,
// beside its host-header condition, on the rule a first deploy creates and on the rule a roll-over
// changes; a malformed CIDR or too many fail the run with one line before any request.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { START, World } from '../support/world.js'

const A = 'abc123f' + '8'.repeat(33)
const B = 'def456a' + '9'.repeat(33)
const DOMAIN = 'preview.example.com'

let world: World
let inputs: Record<string, string>

beforeAll(async () => {
  world = await World.start()
  inputs = {
    'load-balancer-listener-arn': world.aws.elb.addLoadBalancer(),
    'preview-domain': DOMAIN,
    'assign-public-ip': 'false'
  }
})
afterAll(() => world.stop())

const ruleOf = (pr: number) =>
  world.aws.elb.ruleSummaries().filter((r) => r.host === `pr-${pr}.${DOMAIN}`)

describe('allowed-source-cidrs', () => {
  it('restricts the rule a deploy creates, and the rule a roll-over changes, to the CIDRs', async () => {
    const pr = world.newPr([START], A)
    const first = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { ...inputs, 'allowed-source-cidrs': '203.0.113.0/24, 2001:DB8::/32' }
    })
    expect(first.commands.errors, first.stdout).toEqual([])
    expect(ruleOf(pr)).toEqual([
      expect.objectContaining({ sources: ['203.0.113.0/24', '2001:db8::/32'] })
    ])
    expect(ruleOf(pr)[0]?.pending).toBeUndefined()

    // The roll-over runs with another list: the rule it changes takes it, pending and live.
    world.github.updatePull(pr, { headSha: B })
    world.aws.clearRequests()
    const second = await world.sync(pr, 'synchronize', {
      inputs: { ...inputs, 'allowed-source-cidrs': '198.51.100.7/32' }
    })
    expect(second.commands.errors, second.stdout).toEqual([])
    const modified = world.aws.requests.filter((r) => r.action === 'ModifyRule')
    expect(modified.length).toBeGreaterThanOrEqual(2)
    for (const request of modified)
      expect(request.body).toMatchObject({
        'Conditions.member.1.Field': 'host-header',
        'Conditions.member.2.Field': 'source-ip',
        'Conditions.member.2.SourceIpConfig.Values.member.1': '198.51.100.7/32'
      })
    expect(ruleOf(pr)).toEqual([expect.objectContaining({ sources: ['198.51.100.7/32'] })])
  })

  it('without the input, the rule has no source-ip condition', async () => {
    const pr = world.newPr([START], A)
    const result = await world.sync(pr, 'labeled', { label: START, inputs })
    expect(result.commands.errors, result.stdout).toEqual([])
    expect(ruleOf(pr)).toHaveLength(1)
    expect(ruleOf(pr)[0]?.sources).toBeUndefined()
  })

  it.each([
    [
      '203.0.113.0/33',
      'Input "allowed-source-cidrs" is refused: "203.0.113.0/33" has a prefix length over 32.'
    ],
    [
      '10.0.0.0/8,example.com',
      'Input "allowed-source-cidrs" is refused: "example.com" is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32.'
    ],
    [
      '10.0.0.1/8',
      'Input "allowed-source-cidrs" is refused: "10.0.0.1/8" has host bits set: its network is 10.0.0.0/8.'
    ],
    [
      '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,203.0.113.0/24',
      'Input "allowed-source-cidrs" is refused: lists 4 CIDRs; a listener rule takes at most 3 (ELB allows 5 condition values per rule, and the host and the pending header take two).'
    ]
  ])('%s fails with one line before any request', async (cidrs, line) => {
    const pr = world.newPr([START], A)
    world.github.clearRequests()
    world.aws.clearRequests()
    const result = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { ...inputs, 'allowed-source-cidrs': cidrs }
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors).toEqual([line])
    expect(world.github.requests).toEqual([])
    expect(world.aws.requests).toEqual([])
  })

  it('fails with one line without the load balancer, whose rules alone can restrict', async () => {
    const pr = world.newPr([START], A)
    world.github.clearRequests()
    const result = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { 'allowed-source-cidrs': '203.0.113.0/24' }
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors).toEqual([
      'Input "allowed-source-cidrs" needs load-balancer-listener-arn: only the load balancer\'s rules can restrict who reaches a preview.'
    ])
    expect(world.github.requests).toEqual([])
  })
})
