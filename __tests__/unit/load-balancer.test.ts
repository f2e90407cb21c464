import fc from 'fast-check'
import { A, B, HOST, OURS, REPO, TG, preparation, rule } from '../../__fixtures__/load-balancer.js'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { currentUrl, hasServed, showUrl } from '../../src/domain/address.js'
import { readLabels } from '../../src/domain/label-state.js'
import {
  RULE_PRIORITIES,
  type Route,
  type RoutePreparation,
  type ClaimedRule,
  type TargetHealth,
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
    const branches = new Branches('free priority', {
      'the preferred one taken': 0.4,
      'past the end, from 1': 0.1
    })
    // Taken priorities run from the preferred one on (and wrap past 50000), as rules of PRs near
    // each other crowd a listener, with others scattered.
    const crowded = fc
      .record({
        preferred: fc.integer({ min: 1, max: 50_000 }),
        run: fc.nat({ max: 30 }),
        scattered: fc.uniqueArray(fc.integer({ min: 1, max: 50_000 }), { maxLength: 50 }),
        nearTheEnd: fc.boolean()
      })
      .map(({ preferred, run, scattered, nearTheEnd }) => {
        const start = nearTheEnd ? 50_000 - (preferred % 20) : preferred
        const taken = Array.from({ length: run }, (_, i) => ((start - 1 + i) % 50_000) + 1)
        return { taken: [...new Set([...taken, ...scattered])], preferred: start }
      })
    fc.assert(
      fc.property(crowded, ({ taken, preferred }) => {
        const free = freePriority(new Set(taken), preferred) as number
        branches.run().hit('the preferred one taken', taken.includes(preferred))
        branches.hit('past the end, from 1', free < preferred)
        expect(free).toBeGreaterThanOrEqual(1)
        expect(free).toBeLessThanOrEqual(50_000)
        expect(taken).not.toContain(free)
        // It is the first free one from the preferred on, past 50000 back to 1.
        const skipped = (free - preferred + 50_000) % 50_000
        for (let i = 0; i < skipped; i++)
          expect(taken).toContain(((preferred - 1 + i) % 50_000) + 1)
      }),
      { numRuns: 1000 }
    )
    branches.check()
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
  it.each<[string, ClaimedRule | undefined, RoutePreparation | Route]>([
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
      'an untagged rule for the host (an infrastructure repository’s): left alone',
      rule({ tags: {} }),
      {
        kind: 'refuse',
        why: `the listener rule for ${HOST} has no repository tag: it is left alone`
      }
    ],
    [
      "another repository's rule: left alone",
      rule({ tags: { repository: 'other/repo' } }),
      {
        kind: 'refuse',
        why: `the listener rule for ${HOST} belongs to other/repo, not ${REPO}: it is left alone`
      }
    ],
    [
      'a rule with the generic repository tag only: left alone',
      rule({ tags: { repository: REPO } }),
      {
        kind: 'refuse',
        why: `the listener rule for ${HOST} is tagged repository=${REPO} without showtime_managed=true, which Showtime's own carry: it is left alone`
      }
    ]
  ])('%s', (_, existing, expected) => {
    expect(prepareRoute(existing, wanted)).toEqual(preparation(existing, expected))
  })

  it('never forwards to more than 5 target groups, the new one last with weight 0', () => {
    const many = Array.from({ length: 6 }, (_, i) => ({ arn: TG(`g${i}`), weight: 1 }))
    const prepared = prepareRoute(rule({ forward: many }), wanted)
    expect(prepared.kind === 'modify' && prepared.route.forward).toHaveLength(5)
    expect(prepared.kind === 'modify' && prepared.route.forward.at(-1)).toEqual({
      arn: B,
      weight: 0
    })
  })

  it('writes the allowed sources on the rule it creates, changes and switches', () => {
    const sourceCidrs = ['203.0.113.0/24']
    const restricted = { ...wanted, sourceCidrs }
    const created = prepareRoute(undefined, restricted)
    expect(created.kind === 'create' && created.route.sourceCidrs).toEqual(sourceCidrs)
    const modified = prepareRoute(rule(), restricted)
    expect(modified.kind === 'modify' && modified.route.sourceCidrs).toEqual(sourceCidrs)
    // What the rule was, to restore, keeps the sources it had.
    const before = prepareRoute(rule({ sourceCidrs: ['10.0.0.0/8'] }), restricted)
    expect(before.kind === 'modify' && before.previous.sourceCidrs).toEqual(['10.0.0.0/8'])
    expect(liveRoute(HOST, B, sourceCidrs)).toEqual({
      host: HOST,
      sourceCidrs,
      forward: [{ arn: B, weight: 1 }]
    })
    expect(describeRoute(liveRoute(HOST, B, sourceCidrs))).toBe(
      'forwards to st-c28b44-12-def456a (weight 1) (from 203.0.113.0/24 only)'
    )
    // No input, no condition.
    const open = prepareRoute(undefined, { ...wanted, sourceCidrs: [] })
    expect(open.kind === 'create' && 'sourceCidrs' in open.route).toBe(false)
  })

  it.each([
    ['the same sign-in', { signIn: 'authenticate-oidc' }, { signIn: 'authenticate-oidc' }, 'keep'],
    ['sign-in set since the rule was written', {}, { signIn: 'authenticate-oidc' }, 'modify'],
    ['sign-in taken off since', { signIn: 'authenticate-oidc' }, {}, 'modify'],
    [
      'another kind of sign-in',
      { signIn: 'authenticate-cognito' },
      { signIn: 'authenticate-oidc' },
      'modify'
    ],
    ['other sources', { sourceCidrs: ['10.0.0.0/8'] }, { sourceCidrs: ['10.0.0.0/16'] }, 'modify'],
    ['sources added', {}, { sourceCidrs: ['10.0.0.0/8'] }, 'modify'],
    ['the same sources', { sourceCidrs: ['10.0.0.0/8'] }, { sourceCidrs: ['10.0.0.0/8'] }, 'keep']
  ] as const)('a forced rebuild whose rule already serves it: %s', (_, had, wants, kind) => {
    const serving = [{ arn: B, weight: 1 }]
    const existing = rule({ forward: serving, ...had })
    const prepared = prepareRoute(existing, { ...wanted, ...wants })
    expect(prepared.kind).toBe(kind)
    if (prepared.kind === 'modify')
      expect(prepared.route).toEqual({
        host: HOST,
        ...('sourceCidrs' in wants && { sourceCidrs: wants.sourceCidrs }),
        forward: serving
      })
  })

  it('goes live with all requests to the commit, and says so', () => {
    expect(liveRoute(HOST, B)).toEqual({ host: HOST, forward: [{ arn: B, weight: 1 }] })
    expect(describeRoute(liveRoute(HOST, B))).toBe('forwards to st-c28b44-12-def456a (weight 1)')
    expect(
      describeRoute({ host: HOST, pendingSha: 'def456a', forward: [{ arn: B, weight: 1 }] })
    ).toBe('forwards requests with X-Showtime-Pending: def456a to st-c28b44-12-def456a (weight 1)')
  })

  it('names the sign-in before the forward by its type, never its configuration', () => {
    const signIn = {
      Type: 'authenticate-cognito',
      AuthenticateCognitoConfig: {
        UserPoolArn: 'arn:aws:cognito-idp:us-west-2:123456789012:userpool/us-west-2_secretpool',
        UserPoolClientId: 'client-id-text',
        UserPoolDomain: 'previews'
      }
    } as const
    const text = describeRoute(liveRoute(HOST, B), signIn)
    expect(text).toBe(
      'forwards to st-c28b44-12-def456a (weight 1), after sign-in (authenticate-cognito)'
    )
    expect(text).not.toMatch(/secretpool|client-id-text|previews/)
  })

  const ownedRule = (() => {
    const verdict = rule().claim
    if (!verdict.ours) throw new Error('rule() is ours')
    return verdict.owned
  })()
  it.each([
    ['no rule', undefined, { kind: 'none' }],
    ['our rule', rule(), { kind: 'delete', rule: ownedRule }],
    [
      'an untagged rule',
      rule({ tags: {} }),
      {
        kind: 'left-alone',
        why: `the listener rule for ${HOST} has no repository tag: it is left alone`
      }
    ],
    [
      "another repository's",
      rule({ tags: { repository: 'other/repo' } }),
      {
        kind: 'left-alone',
        why: `the listener rule for ${HOST} belongs to other/repo, not ${REPO}: it is left alone`
      }
    ]
  ])('after a stop, %s', (_, existing, expected) => {
    expect(routeAfterTeardown(existing)).toEqual(expected)
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

// Behaviour of the load balancer's domain (src/domain/load-balancer.ts) that the main suite
// (load-balancer.test.ts) leaves open: the order the PR's rule is picked in whatever order ELB
// lists the rules, the exact priorities a PR prefers, rules caught in the middle of a roll-over,
// and summaries whose order does not depend on the order the targets are listed in.
const KEY = repositoryKey(REPO)
const C = TG('st-c28b44-12-0000000')
const WANTED = { host: HOST, sha: 'def456a', targetGroupArn: B }

describe("the PR's rule among the listener's rules", () => {
  const low = rule({ arn: 'low', priority: 3 })
  const mid = rule({ arn: 'mid', priority: 9 })
  const high = rule({ arn: 'high', priority: 20 })
  const fallback = rule({ arn: 'default', priority: undefined })

  it.each([
    ['low, mid, high', [low, mid, high]],
    ['low, high, mid', [low, high, mid]],
    ['mid, low, high', [mid, low, high]],
    ['mid, high, low', [mid, high, low]],
    ['high, low, mid', [high, low, mid]],
    ['high, mid, low', [high, mid, low]],
    ['default first, then low, mid', [fallback, low, mid]],
    ['low, mid, default last', [low, mid, fallback]]
  ])('is the lowest priority whatever order ELB lists them in (%s)', (_, rules) => {
    expect(ruleForHost(rules, HOST)?.arn).toBe('low')
  })

  it('is the lowest priority for any listing order (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: RULE_PRIORITIES.min, max: RULE_PRIORITIES.max }), {
          minLength: 1,
          maxLength: 12
        }),
        (priorities) => {
          const rules = priorities.map((priority) => rule({ arn: `rule-${priority}`, priority }))
          expect(ruleForHost(rules, HOST)?.arn).toBe(`rule-${Math.min(...priorities)}`)
        }
      )
    )
  })
})

describe('the preferred priority', () => {
  it.each([
    [1, 33_171],
    [12, 1_457],
    [4_242, 8_920],
    // The two ends of the range: every priority of the listener can be preferred.
    [7_844, RULE_PRIORITIES.min],
    [36_678, RULE_PRIORITIES.max]
  ])('of PR %i of apache/superset is %i', (pr, priority) => {
    expect(preferredPriority(KEY, pr)).toBe(priority)
  })

  it('is a priority ELB takes, for any repository and PR (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 1, max: 2_147_483_647 }),
        (repository, pr) => {
          const priority = preferredPriority(repositoryKey(repository), pr)
          expect(Number.isInteger(priority)).toBe(true)
          expect(priority).toBeGreaterThanOrEqual(RULE_PRIORITIES.min)
          expect(priority).toBeLessThanOrEqual(RULE_PRIORITIES.max)
        }
      )
    )
  })
})

describe('a route, for the log', () => {
  it.each([
    [
      'two target groups mid roll-over',
      {
        host: HOST,
        forward: [
          { arn: A, weight: 1 },
          { arn: B, weight: 0 }
        ]
      },
      'forwards to st-c28b44-12-abc123f (weight 1), st-c28b44-12-def456a (weight 0)'
    ],
    [
      'three, one of them not named like a target group',
      {
        host: HOST,
        pendingSha: 'def456a',
        forward: [
          { arn: A, weight: 1 },
          { arn: 'nonsense', weight: 2 },
          { arn: B, weight: 0 }
        ]
      },
      'forwards requests with X-Showtime-Pending: def456a to st-c28b44-12-abc123f (weight 1), nonsense (weight 2), st-c28b44-12-def456a (weight 0)'
    ]
  ])('lists %s, separated by commas', (_, route, text) => {
    expect(describeRoute(route)).toBe(text)
  })
})

describe('preparing a rule caught mid roll-over', () => {
  it.each<[string, ClaimedRule, RoutePreparation | Route]>([
    [
      'a rule that only attaches the wanted target group (weight 0): still attached, not kept',
      rule({ forward: [{ arn: B, weight: 0 }] }),
      { host: HOST, forward: [{ arn: B, weight: 0 }] }
    ],
    [
      'a rule that serves nothing (only weight-0 groups): the wanted group attached alone',
      rule({
        forward: [
          { arn: A, weight: 0 },
          { arn: C, weight: 0 }
        ]
      }),
      { host: HOST, forward: [{ arn: B, weight: 0 }] }
    ],
    [
      'a rule that splits requests between the wanted group and another: the wanted one drops to weight 0',
      rule({
        forward: [
          { arn: A, weight: 1 },
          { arn: B, weight: 1 }
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
      'the wanted group serving first, another after: the wanted one moves last with weight 0',
      rule({
        forward: [
          { arn: B, weight: 3 },
          { arn: A, weight: 1 },
          { arn: C, weight: 0 }
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
      'the wanted group the only one serving, a leftover attached: kept as it is',
      rule({
        forward: [
          { arn: B, weight: 1 },
          { arn: A, weight: 0 }
        ]
      }),
      { kind: 'keep', arn: 'arn:rule/1' }
    ]
  ])('%s', (_, existing, expected) => {
    // Strict: the routes are plain data, with no key set to undefined.
    expect(prepareRoute(existing, WANTED)).toStrictEqual(preparation(existing, expected))
  })

  it('remembers a live rule as live: its previous route has no pendingSha at all', () => {
    const prepared = prepareRoute(rule(), WANTED)
    expect(prepared.kind).toBe('modify')
    const previous = prepared.kind === 'modify' ? prepared.previous : undefined
    expect(previous).toStrictEqual({ host: HOST, forward: [{ arn: A, weight: 1 }] })
    expect(Object.keys(previous ?? {})).toEqual(['host', 'forward'])
  })

  it('remembers a pending rule with its pending commit', () => {
    const prepared = prepareRoute(rule({ pendingSha: 'abc123f' }), WANTED)
    expect(prepared.kind === 'modify' && prepared.previous).toStrictEqual({
      host: HOST,
      pendingSha: 'abc123f',
      forward: [{ arn: A, weight: 1 }]
    })
  })

  it('never keeps a rule unless every group it serves is the wanted one (property)', () => {
    const branches = new Branches('keep or modify', { keep: 0.05, modify: 0.5 })
    const group = fc.record({
      arn: fc.constantFrom(A, B, C),
      weight: fc.integer({ min: 0, max: 3 })
    })
    fc.assert(
      fc.property(fc.array(group, { minLength: 1, maxLength: 5 }), (forward) => {
        const prepared = prepareRoute(rule({ forward }), WANTED)
        const serving = forward.filter((t) => t.weight > 0)
        const servesOnlyWanted = serving.length > 0 && serving.every((t) => t.arn === B)
        expect(prepared.kind).toBe(servesOnlyWanted ? 'keep' : 'modify')
        branches.run().hit('keep', prepared.kind === 'keep')
        if (prepared.kind !== 'modify') return
        branches.hit('modify')
        // The wanted group is attached exactly once, last, with weight 0; the others keep serving.
        expect(prepared.route.forward.filter((t) => t.arn === B)).toEqual([{ arn: B, weight: 0 }])
        expect(prepared.route.forward.at(-1)).toEqual({ arn: B, weight: 0 })
        expect(prepared.route.forward.slice(0, -1)).toEqual(
          serving.filter((t) => t.arn !== B).slice(-4)
        )
      }),
      { numRuns: 1000 }
    )
    branches.check()
  })
})

describe("a target group's health summary", () => {
  const draining: TargetHealth = {
    id: 'a',
    state: 'draining',
    reason: 'Target.DeregistrationInProgress'
  }
  const healthy: TargetHealth = { id: 'b', state: 'healthy' }
  const unhealthy: TargetHealth = {
    id: 'c',
    state: 'unhealthy',
    reason: 'Target.ResponseCodeMismatch'
  }
  const SUMMARY =
    '1 draining (Target.DeregistrationInProgress), 1 healthy, 1 unhealthy (Target.ResponseCodeMismatch)'

  it.each([
    ['in order', [draining, healthy, unhealthy]],
    ['reversed', [unhealthy, healthy, draining]],
    ['healthy first', [healthy, draining, unhealthy]],
    ['healthy last', [unhealthy, draining, healthy]],
    ['draining last', [healthy, unhealthy, draining]],
    ['unhealthy first', [unhealthy, draining, healthy]]
  ])('lists the states alphabetically, whatever the listing order (%s)', (_, targets) => {
    expect(targetGroupHealth(targets)).toEqual({ healthy: true, summary: SUMMARY })
  })

  it('keeps two states already in order as they are', () => {
    expect(targetGroupHealth([draining, healthy]).summary).toBe(
      '1 draining (Target.DeregistrationInProgress), 1 healthy'
    )
    expect(targetGroupHealth([healthy, unhealthy]).summary).toBe(
      '1 healthy, 1 unhealthy (Target.ResponseCodeMismatch)'
    )
  })
})
