import fc from 'fast-check'
import { A, B, HOST, OURS, REPO, TG, preparation, rule } from '../../__fixtures__/load-balancer.js'
import { describe, expect, it } from 'vitest'
import { currentUrl, hasServed, showUrl } from '../../src/domain/address.js'
import { readLabels } from '../../src/domain/label-state.js'
import {
  type Route,
  type RoutePreparation,
  type RuleFacts,
  RULE_PRIORITIES,
  describeRoute,
  freePriority,
  healthCheckInterval,
  liveRoute,
  preferredPriority,
  prepareRoute,
  routeAfterTeardown,
  ruleForHost,
  targetGroupHealth
} from '../../src/domain/load-balancer.js'
import {
  parsePreviewHost,
  parseTargetGroupName,
  previewHost,
  repositoryKey,
  ruleTags,
  targetGroupName,
  targetGroupNameOfArn
} from '../../src/domain/resources.js'
import { goLiveChange } from '../../src/domain/status-change.js'

describe('names behind the load balancer', () => {
  it('gives a target group a name of at most 32 characters, unique per repository', () => {
    expect(targetGroupName(REPO, 12, 'ABC123F0000')).toBe(`st-${repositoryKey(REPO)}-12-abc123f`)
    expect(targetGroupName(REPO, 2_147_483_647, 'abc123f')).toHaveLength(28)
    expect(repositoryKey('Apache/Superset')).toBe(repositoryKey(REPO))
    expect(repositoryKey('other/superset')).not.toBe(repositoryKey(REPO))
  })

  it('names every target group within ELB rules (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 140 }),
        fc.integer({ min: 1, max: 2_147_483_647 }),
        fc.stringMatching(/^[0-9a-f]{7,40}$/),
        (repository, pr, sha) => {
          const name = targetGroupName(repository, pr, sha)
          expect(name).toMatch(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,30}[A-Za-z0-9])$/)
          expect(parseTargetGroupName(name)).toEqual({
            repositoryKey: repositoryKey(repository),
            pr,
            sha: sha.slice(0, 7)
          })
        }
      )
    )
  })

  it.each([
    ['st-c28b44-12-abc123f', { repositoryKey: 'c28b44', pr: 12, sha: 'abc123f' }],
    ['st-c28b44-12-ABC123F', undefined],
    ['st-c28b4-12-abc123f', undefined],
    ['pr-12-abc123f-service', undefined]
  ])('reads the target group name %s', (name, parsed) => {
    expect(parseTargetGroupName(name)).toEqual(parsed)
  })

  it('reads a target group name from its ARN', () => {
    expect(targetGroupNameOfArn(A)).toBe('st-c28b44-12-abc123f')
    expect(targetGroupNameOfArn('nonsense')).toBe('')
  })

  it.each([
    ['pr-12.preview.example.com', 12],
    ['PR-12.Preview.Example.com', 12],
    ['pr-012.preview.example.com', undefined],
    ['pr-12.other.example.com', undefined],
    ['pr-12.x.preview.example.com', undefined],
    ['preview.example.com', undefined]
  ])('reads the PR of the host %s', (host, pr) => {
    expect(parsePreviewHost(host, 'preview.example.com')).toBe(pr)
  })

  it('gives the PR a host and its rule the ownership tags', () => {
    expect(previewHost(12, 'Preview.Example.com')).toBe(HOST)
    expect(ruleTags(REPO, 12)).toEqual({ pr: '12', ...OURS })
  })
})

describe('rule priorities', () => {
  it('spreads the preferred priority over the range by repository and PR', () => {
    const key = repositoryKey(REPO)
    const priorities = new Set(Array.from({ length: 200 }, (_, i) => preferredPriority(key, i + 1)))
    expect(priorities.size).toBeGreaterThan(195)
    expect(preferredPriority(key, 12)).toBe(preferredPriority(key, 12))
    expect(preferredPriority(key, 12)).not.toBe(preferredPriority(repositoryKey('a/b'), 12))
  })

  it.each([
    [[], 10, 10],
    [[10, 11], 10, 12],
    [[50_000], 50_000, 1],
    [[50_000, 1, 2], 50_000, 3]
  ])('takes %j at %i: the first free is %i', (taken, preferred, free) => {
    expect(freePriority(new Set(taken), preferred)).toBe(free)
  })

  it('has none when every priority is taken', () => {
    const all = new Set(Array.from({ length: RULE_PRIORITIES.max }, (_, i) => i + 1))
    expect(freePriority(all, 5)).toBeUndefined()
  })

  it('always answers a free priority within 1 to 50000 (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 50_000 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 50_000 }),
        (taken, preferred) => {
          const free = freePriority(new Set(taken), preferred) as number
          expect(free).toBeGreaterThanOrEqual(1)
          expect(free).toBeLessThanOrEqual(50_000)
          expect(taken).not.toContain(free)
        }
      )
    )
  })
})

describe("the PR's rule", () => {
  it('is the rule that answers its host, default rule aside', () => {
    const rules = [
      rule({ arn: 'default', priority: undefined }),
      rule({ arn: 'late', priority: 9 }),
      rule({ arn: 'early', priority: 3, hosts: ['x', HOST.toUpperCase()] }),
      rule({ arn: 'other', priority: 1, hosts: ['pr-13.preview.example.com'] })
    ]
    expect(ruleForHost(rules, HOST)?.arn).toBe('early')
    expect(ruleForHost(rules, 'pr-99.preview.example.com')).toBeUndefined()
  })

  const wanted = { host: HOST, sha: 'def456a', targetGroupArn: B }
  it.each<[string, RuleFacts | undefined, RoutePreparation | Route]>([
    [
      'no rule yet: created pending, answering only the pending header',
      undefined,
      {
        kind: 'create',
        route: { host: HOST, pendingSha: 'def456a', forward: [{ arn: B, weight: 1 }] }
      }
    ],
    [
      'a live rule: the new target group attached with weight 0',
      rule(),
      {
        host: HOST,
        forward: [
          { arn: A, weight: 1 },
          { arn: B, weight: 0 }
        ]
      }
    ],
    [
      'a live rule with a leftover weight-0 group: the leftover goes',
      rule({
        forward: [
          { arn: A, weight: 1 },
          { arn: TG('st-c28b44-12-0000000'), weight: 0 }
        ]
      }),
      {
        host: HOST,
        forward: [
          { arn: A, weight: 1 },
          { arn: B, weight: 0 }
        ]
      }
    ],
    [
      'a pending rule left by a dead run: re-pointed, still pending',
      rule({ pendingSha: 'abc123f' }),
      { host: HOST, pendingSha: 'def456a', forward: [{ arn: B, weight: 1 }] }
    ],
    [
      'the rule already serves it (a forced rebuild)',
      rule({ forward: [{ arn: B, weight: 1 }] }),
      { kind: 'keep', arn: 'arn:rule/1' }
    ],
    [
      'an untagged rule for the host: taken over',
      rule({ tags: {} }),
      {
        host: HOST,
        forward: [
          { arn: A, weight: 1 },
          { arn: B, weight: 0 }
        ]
      }
    ],
    [
      "another repository's rule: left alone",
      rule({ tags: { repository: 'other/repo' } }),
      {
        kind: 'refuse',
        why: `the listener rule for ${HOST} belongs to other/repo, not ${REPO}: it is left alone`
      }
    ]
  ])('%s', (_, existing, expected) => {
    expect(prepareRoute(existing, wanted, REPO)).toEqual(preparation(existing, expected))
  })

  it('never forwards to more than 5 target groups, the new one last with weight 0', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ arn: TG(`g${i}`), weight: 1 }))
    const prepared = prepareRoute(rule({ forward: many }), wanted, REPO)
    expect(prepared.kind === 'modify' && prepared.route.forward).toHaveLength(5)
    expect(prepared.kind === 'modify' && prepared.route.forward.at(-1)).toEqual({
      arn: B,
      weight: 0
    })
  })

  it('goes live with all requests to the commit, and says so', () => {
    expect(liveRoute(HOST, B)).toEqual({ host: HOST, forward: [{ arn: B, weight: 1 }] })
    expect(describeRoute(liveRoute(HOST, B))).toBe('forwards to st-c28b44-12-def456a (weight 1)')
    expect(
      describeRoute({ host: HOST, pendingSha: 'def456a', forward: [{ arn: B, weight: 1 }] })
    ).toBe('forwards requests with X-Showtime-Pending: def456a to st-c28b44-12-def456a (weight 1)')
  })

  it.each([
    ['no rule', undefined, { kind: 'none' }],
    ['our rule', rule(), { kind: 'delete', arn: 'arn:rule/1' }],
    ['an untagged rule', rule({ tags: {} }), { kind: 'delete', arn: 'arn:rule/1' }],
    ["another repository's", rule({ tags: { repository: 'other/repo' } }), { kind: 'none' }]
  ])('after a stop, %s', (_, existing, expected) => {
    expect(routeAfterTeardown(existing, REPO)).toEqual(expected)
  })
})

describe('target health', () => {
  it.each([
    [[], false, 'no target registered yet'],
    [[{ id: '10.0.0.4:80', state: 'initial' as const }], false, '1 initial'],
    [
      [
        { id: 'a', state: 'unhealthy' as const, reason: 'Target.ResponseCodeMismatch' },
        { id: 'b', state: 'unhealthy' as const, reason: 'Target.ResponseCodeMismatch' }
      ],
      false,
      '2 unhealthy (Target.ResponseCodeMismatch)'
    ],
    [
      [
        { id: 'a', state: 'healthy' as const },
        { id: 'b', state: 'draining' as const, reason: 'Target.DeregistrationInProgress' }
      ],
      true,
      '1 draining (Target.DeregistrationInProgress), 1 healthy'
    ]
  ])('target health, case %#', (targets, healthy, summary) => {
    expect(targetGroupHealth(targets)).toEqual({ healthy, summary })
  })

  it.each([
    [1, 5],
    [30, 30],
    [29.6, 30],
    [3600, 300]
  ])('checks every %s s as every %s s, within ELB bounds', (seconds, interval) => {
    expect(healthCheckInterval(seconds)).toBe(interval)
  })
})

describe('addresses', () => {
  const balanced = {
    kind: 'load-balancer',
    previewDomain: 'preview.example.com',
    containerPort: 8080
  } as const
  const task = { kind: 'task', containerPort: 8080 } as const
  const labels = readLabels(['🎪 abc123f 🚦 running', '🎪 🎯 abc123f', '🎪 def456a 🚦 building'])
  const [live, building] = [labels.shows[0]!, labels.shows[1]!]
  const addressed = readLabels([...labels.showtimeLabels, '🎪 abc123f 🌐 52.1.2.3:9000'])

  it("give the PR's serving commit the PR's host behind the load balancer", () => {
    expect(showUrl(12, labels, live, balanced)).toBe(`https://${HOST}`)
    expect(showUrl(12, labels, building, balanced)).toBeUndefined()
    expect(currentUrl(12, labels, balanced)).toBe(`https://${HOST}`)
    expect(
      currentUrl(12, readLabels(['🎪 abc123f 🚦 failed', '🎪 🎯 abc123f']), balanced)
    ).toBeUndefined()
    expect(showUrl(12, labels, live, task)).toBeUndefined()
  })

  it('keep the address of an environment deployed before the load balancer', () => {
    expect(currentUrl(12, addressed, balanced)).toBe('http://52.1.2.3:9000')
    expect(currentUrl(12, addressed, task)).toBe('http://52.1.2.3:9000')
  })

  it('count a running commit as served before behind the load balancer, an addressed one without', () => {
    const running = readLabels(['🎪 abc123f 🚦 running']).shows[0]!
    expect(hasServed(running, balanced)).toBe(true)
    expect(hasServed(running, task)).toBe(false)
    expect(hasServed(addressed.shows[0]!, task)).toBe(true)
    expect(hasServed(building, balanced)).toBe(false)
  })

  it('write no 🌐 label when the address is the PR host', () => {
    const change = goLiveChange(labels, 'def456a', undefined, [])
    expect(change.add).toEqual(['🎪 def456a 🚦 running', '🎪 🎯 def456a'])
    expect(change.remove).toEqual(['🎪 def456a 🚦 building', '🎪 🎯 abc123f'])
  })
})
