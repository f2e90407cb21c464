import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type CleanupFacts,
  type CleanupPolicy,
  planCleanup
} from '../../src/domain/cleanup-plan.js'
import { parseServiceName, repositoryKey } from '../../src/domain/resources.js'
import { readLabels } from '../../src/domain/label-state.js'
import { STATIC_LABELS } from '../../src/domain/labels.js'
import { parseTtl } from '../../src/domain/ttl.js'
import { labelSet } from '../../__fixtures__/arbitraries.js'

const NOW = Date.UTC(2026, 10, 27, 12, 0)
const HOUR = 3_600_000
const POLICY: CleanupPolicy = {
  olderThan: parseTtl('48h')!,
  respectTtl: true,
  staleAfterMs: 2 * HOUR,
  maxEnvironments: 0,
  addressing: { kind: 'task', containerPort: 8080 },
  repository: 'apache/superset',
  adoptUntagged: false
}

const stamp = (hoursAgo: number) => {
  const iso = new Date(NOW - hoursAgo * HOUR).toISOString()
  return `${iso.slice(0, 13)}-${iso.slice(14, 16)}`
}
const env = (sha: string, status: string, hoursAgo?: number) => [
  `🎪 ${sha} 🚦 ${status}`,
  ...(hoursAgo === undefined ? [] : [`🎪 ${sha} 📅 ${stamp(hoursAgo)}`])
]
const pr = (number: number, labels: string[]) => ({ number, labels: readLabels(labels) })
const service = (name: string, hoursAgo = 1, tags: Record<string, string> = {}) => ({
  name,
  createdAt: NOW - hoursAgo * HOUR,
  tags
})
const facts = (partial: Partial<CleanupFacts>): CleanupFacts => ({
  now: NOW,
  openPrs: [],
  closedPrs: [],
  services: [],
  definitions: [...STATIC_LABELS.map((name) => ({ name, attachments: 0 }))],
  ...partial
})
const kinds = (f: CleanupFacts, policy = POLICY) =>
  planCleanup(f, policy).actions.map((a) => a.kind)

describe('expiry', () => {
  it('expires an environment older than the PR TTL and keeps a younger one', () => {
    const plan = planCleanup(
      facts({
        openPrs: [
          pr(1, [...env('aaaaaaa', 'running', 50), '🎪 ⌛ 48h']),
          pr(2, [...env('bbbbbbb', 'running', 47), '🎪 ⌛ 48h'])
        ],
        services: [service('pr-1-aaaaaaa-service', 50), service('pr-2-bbbbbbb-service', 47)]
      }),
      POLICY
    )
    expect(plan.actions).toEqual([
      {
        kind: 'teardown',
        pr: 1,
        sha: 'aaaaaaa',
        service: 'pr-1-aaaaaaa-service',
        labels: {
          detach: [`🎪 aaaaaaa 📅 ${stamp(50)}`, '🎪 aaaaaaa 🚦 running'],
          deleteDefinition: []
        },
        why: 'expired: 2d 2h old, TTL 48h',
        announce: 'expired'
      }
    ])
    expect(plan.rows.map((r) => r.action)).toEqual(['expired: 2d 2h old, TTL 48h', 'kept'])
    expect(plan.liveEnvironments).toBe(1)
  })

  it('honours a longer TTL label, `close`, and older-than when respect-ttl is off', () => {
    const open = [
      pr(1, [...env('aaaaaaa', 'running', 100), '🎪 ⌛ 1w']),
      pr(2, [...env('bbbbbbb', 'running', 1000), '🎪 ⌛ close'])
    ]
    const services = [service('pr-1-aaaaaaa-service'), service('pr-2-bbbbbbb-service')]
    expect(kinds(facts({ openPrs: open, services }))).toEqual([])
    expect(kinds(facts({ openPrs: open, services }), { ...POLICY, respectTtl: false })).toEqual([
      'teardown',
      'teardown'
    ])
    expect(
      kinds(
        facts({
          openPrs: [pr(3, env('ccccccc', 'running', 30))],
          services: [service('pr-3-ccccccc-service')]
        }),
        {
          ...POLICY,
          olderThan: parseTtl('24h')!
        }
      )
    ).toEqual(['teardown'])
  })

  it('dates an environment without 📅 by its service', () => {
    const open = [pr(1, env('aaaaaaa', 'running'))]
    expect(
      kinds(facts({ openPrs: open, services: [service('pr-1-aaaaaaa-service', 60)] }))
    ).toEqual(['teardown'])
    expect(kinds(facts({ openPrs: open, services: [service('pr-1-aaaaaaa-service', 6)] }))).toEqual(
      []
    )
  })

  it('removes a failed environment with nothing to date it', () => {
    expect(kinds(facts({ openPrs: [pr(1, env('aaaaaaa', 'failed'))] }))).toEqual(['teardown'])
  })
})

describe('reconciliation', () => {
  it('removes the labels of a running environment whose service is gone', () => {
    const plan = planCleanup(facts({ openPrs: [pr(1, env('aaaaaaa', 'running', 1))] }), POLICY)
    expect(plan.actions.map((a) => a.kind)).toEqual(['teardown'])
    expect(plan.rows[0]?.action).toBe('removed: its service no longer exists')
  })

  it('judges no service when the services could not be listed', () => {
    expect(
      kinds(facts({ openPrs: [pr(1, env('aaaaaaa', 'running', 1))], services: undefined }))
    ).toEqual([])
  })

  it('marks a build abandoned after the bound failed, and releases its service', () => {
    const plan = planCleanup(
      facts({
        openPrs: [pr(1, env('aaaaaaa', 'building', 3)), pr(2, env('bbbbbbb', 'deploying', 1))],
        services: [service('pr-1-aaaaaaa-service')]
      }),
      POLICY
    )
    expect(plan.actions).toEqual([
      {
        kind: 'abandoned',
        pr: 1,
        sha: 'aaaaaaa',
        service: 'pr-1-aaaaaaa-service',
        add: ['🎪 aaaaaaa 🚦 failed'],
        define: ['🎪 aaaaaaa 🚦 failed'],
        labels: { detach: ['🎪 aaaaaaa 🚦 building'], deleteDefinition: [] }
      }
    ])
  })

  it('neither defines again nor prunes a definition an abandoned build is marked with', () => {
    const plan = planCleanup(
      facts({
        openPrs: [pr(1, env('aaaaaaa', 'building', 3))],
        definitions: [
          ...STATIC_LABELS.map((name) => ({ name, attachments: 0 })),
          { name: '🎪 aaaaaaa 🚦 failed', attachments: 0 }
        ]
      }),
      POLICY
    )
    expect(plan.actions).toMatchObject([{ kind: 'abandoned', define: [] }])
  })

  const OURS = { repository: 'apache/superset', showtime_managed: 'true' }
  const THEIRS = { repository: 'someone-else/other-app', showtime_managed: 'true' }

  it("deletes this repository's services that no open PR environment names, and only those", () => {
    const plan = planCleanup(
      facts({
        openPrs: [pr(1, env('aaaaaaa', 'running', 1))],
        services: [
          service('pr-1-aaaaaaa-service', 1, OURS),
          service('pr-1-bbbbbbb-service', 1, OURS),
          service('pr-7-service', 1, OURS),
          service('pr-9-ccccccc-service', 1, OURS),
          service('custom-name', 1, OURS),
          service('pr-12-ddddddd-service', 1, THEIRS),
          service('pr-13-service'),
          service('pr-14-eeeeeee-service', 1, { showtime_managed: 'true' }),
          service('someone-elses-api')
        ]
      }),
      POLICY
    )
    expect(plan.actions.filter((a) => a.kind === 'orphan-service')).toEqual([
      {
        kind: 'orphan-service',
        service: 'custom-name',
        why: 'tagged repository=apache/superset, with a name Showtime does not use'
      },
      {
        kind: 'orphan-service',
        service: 'pr-1-bbbbbbb-service',
        why: 'no environment bbbbbbb on an open PR #1'
      },
      { kind: 'orphan-service', service: 'pr-7-service', why: 'legacy service of PR #7' },
      {
        kind: 'orphan-service',
        service: 'pr-9-ccccccc-service',
        why: 'no environment ccccccc on an open PR #9'
      }
    ])
    expect(plan.leftAlone).toEqual(['pr-13-service', 'pr-14-eeeeeee-service'])
    expect(plan.rows.filter((r) => r.action.startsWith('not ours')).map((r) => r.pr)).toEqual([
      13, 14
    ])
  })

  it("adopts untagged services named like Showtime's only when asked to", () => {
    const facts_ = facts({
      services: [service('pr-13-service'), service('pr-14-eeeeeee-service'), service('web-api')]
    })
    expect(planCleanup(facts_, { ...POLICY, adoptUntagged: true }).actions).toEqual([
      { kind: 'orphan-service', service: 'pr-13-service', why: 'legacy service of PR #13' },
      {
        kind: 'orphan-service',
        service: 'pr-14-eeeeeee-service',
        why: 'no environment eeeeeee on an open PR #14'
      }
    ])
    expect(planCleanup(facts_, POLICY).actions).toEqual([])
  })

  it("treats a service its labels name as ours, unless another repository's tag says otherwise", () => {
    const plan = planCleanup(
      facts({
        openPrs: [
          pr(1, env('aaaaaaa', 'running', 60)),
          pr(2, env('bbbbbbb', 'running', 60)),
          pr(3, env('ccccccc', 'failed', 1))
        ],
        services: [
          service('pr-1-aaaaaaa-service', 60),
          service('pr-2-bbbbbbb-service', 60, THEIRS),
          service('pr-3-ccccccc-service', 1)
        ]
      }),
      POLICY
    )
    expect(plan.actions.map((a) => [a.kind, 'service' in a ? a.service : undefined])).toEqual([
      ['teardown', 'pr-1-aaaaaaa-service'],
      ['teardown', undefined],
      ['orphan-service', 'pr-3-ccccccc-service']
    ])
  })

  it('tears a closed PR down completely: every service named for it, every 🎪 label', () => {
    const labels = [
      ...env('aaaaaaa', 'running', 1),
      '🎪 🎯 aaaaaaa',
      '🎪 ⌛ 48h',
      '🎪 ⚡ showtime-trigger-start'
    ]
    const plan = planCleanup(
      facts({
        closedPrs: [pr(5, labels)],
        services: [
          service('pr-5-aaaaaaa-service'),
          service('pr-5-0000000-service', 1, OURS),
          service('pr-5-service', 1, OURS),
          service('pr-5-1111111-service', 1, THEIRS),
          service('pr-5-2222222-service')
        ],
        definitions: [
          ...STATIC_LABELS.map((name) => ({ name, attachments: 3 })),
          ...labels
            .filter((l) => !STATIC_LABELS.includes(l))
            .map((name) => ({ name, attachments: 1 }))
        ]
      }),
      POLICY
    )
    expect(plan.actions).toEqual([
      {
        kind: 'close',
        pr: 5,
        services: ['pr-5-0000000-service', 'pr-5-aaaaaaa-service', 'pr-5-service'],
        labels: {
          detach: ['🎪 ⌛ 48h', '🎪 ⚡ showtime-trigger-start'],
          deleteDefinition: [`🎪 aaaaaaa 📅 ${stamp(1)}`, '🎪 aaaaaaa 🚦 running', '🎪 🎯 aaaaaaa']
        }
      }
    ])
  })
})

describe('label definitions', () => {
  it('deletes per-SHA definitions attached to nothing, keeps static ones, creates missing ones', () => {
    const plan = planCleanup(
      facts({
        definitions: [
          { name: '🎪 abc123f 🚦 running', attachments: 0 },
          { name: '🎪 🎯 abc123f', attachments: 0 },
          { name: '🎪 def456a 🚦 running', attachments: 1 },
          { name: '🎪 ⌛ 48h', attachments: 0 },
          { name: '🎪 ⚡ showtime-trigger-start', attachments: 0 }
        ]
      }),
      POLICY
    )
    expect(plan.actions).toEqual([
      { kind: 'delete-definition', name: '🎪 abc123f 🚦 running' },
      { kind: 'delete-definition', name: '🎪 🎯 abc123f' },
      ...STATIC_LABELS.filter((n) => n !== '🎪 ⌛ 48h' && n !== '🎪 ⚡ showtime-trigger-start').map(
        (name) => ({
          kind: 'create-definition',
          name
        })
      )
    ])
  })

  it('detaches a per-SHA label that another PR still carries instead of deleting its definition', () => {
    const plan = planCleanup(
      facts({
        closedPrs: [pr(5, ['🎪 aaaaaaa 🚦 failed'])],
        definitions: [
          ...STATIC_LABELS.map((name) => ({ name, attachments: 0 })),
          { name: '🎪 aaaaaaa 🚦 failed', attachments: 2 }
        ]
      }),
      POLICY
    )
    expect(plan.actions[0]).toMatchObject({
      labels: { detach: ['🎪 aaaaaaa 🚦 failed'], deleteDefinition: [] }
    })
  })
})

describe('service names', () => {
  it.each([
    ['pr-1234-abc123f-service', { pr: 1234, sha: 'abc123f' }],
    ['pr-1234-service', { pr: 1234 }],
    ['pr-1234-abc123f', undefined],
    ['pr-x-service', undefined],
    ['superset', undefined]
  ])('%s → %o', (name, parsed) => {
    expect(parseServiceName(name)).toEqual(parsed)
  })
})

describe('properties', () => {
  it('never throws, never deletes a service of a kept environment, and never plans twice', () => {
    fc.assert(
      fc.property(
        fc.array(labelSet, { maxLength: 6 }),
        fc.array(labelSet, { maxLength: 3 }),
        fc.integer({ min: 0, max: 500 }),
        (open, closed, hoursAgo) => {
          const openPrs = open.map((labels, i) => pr(i + 1, labels))
          const closedPrs = closed.map((labels, i) => pr(100 + i, labels))
          const services = openPrs.flatMap((p) =>
            p.labels.shows.map((s) => service(`pr-${p.number}-${s.sha}-service`, hoursAgo))
          )
          const plan = planCleanup(facts({ openPrs, closedPrs, services }), POLICY)
          const deleted = plan.actions.flatMap((a) =>
            a.kind === 'close'
              ? a.services
              : a.kind === 'teardown' || a.kind === 'abandoned' || a.kind === 'orphan-service'
                ? (a.service ?? [])
                : []
          )
          expect(new Set(deleted).size).toBe(deleted.length)
          const kept = plan.rows
            .filter(
              (r) => r.action.startsWith('kept') && !r.action.includes('its service is deleted')
            )
            .map((r) => `pr-${r.pr}-${r.sha}-service`)
          for (const name of kept) expect(deleted).not.toContain(name)
        }
      ),
      { numRuns: 1000 }
    )
  })
})

describe('announcements', () => {
  it('announces an expiry only when the PR has no environment left', () => {
    const open = [
      pr(1, [...env('aaaaaaa', 'failed', 60), ...env('bbbbbbb', 'running', 1)]),
      pr(2, [...env('ccccccc', 'failed', 60), ...env('ddddddd', 'running', 50)])
    ]
    const services = [service('pr-1-bbbbbbb-service'), service('pr-2-ddddddd-service', 50)]
    const teardowns = planCleanup(facts({ openPrs: open, services }), POLICY).actions.flatMap(
      (a) => (a.kind === 'teardown' ? [[a.pr, a.sha, a.announce]] : [])
    )
    expect(teardowns).toEqual([
      [1, 'aaaaaaa', undefined],
      [2, 'ccccccc', undefined],
      [2, 'ddddddd', 'expired']
    ])
  })
})

describe('failed environments', () => {
  it('releases the service of a failed environment and keeps its labels', () => {
    const plan = planCleanup(
      facts({
        openPrs: [pr(1, env('aaaaaaa', 'failed', 3))],
        services: [service('pr-1-aaaaaaa-service')]
      }),
      POLICY
    )
    expect(plan.actions).toEqual([
      {
        kind: 'orphan-service',
        service: 'pr-1-aaaaaaa-service',
        why: 'environment aaaaaaa of PR #1 failed: nothing serves from it'
      }
    ])
    expect(plan.rows[0]?.action).toBe('kept; its service is deleted')
  })
})

describe('behind a load balancer', () => {
  const DOMAIN = 'preview.example.com'
  const BALANCED: CleanupPolicy = {
    ...POLICY,
    addressing: { kind: 'load-balancer', previewDomain: DOMAIN, containerPort: 8080 }
  }
  const OURS = { showtime_managed: 'true', repository: 'apache/superset' }
  const THEIRS = { showtime_managed: 'true', repository: 'other/repo' }
  const KEY = repositoryKey('apache/superset')
  const arn = (name: string) =>
    `arn:aws:elasticloadbalancing:r:1:targetgroup/${name}/0123456789abcdef`
  const group = (name: string, tags: Record<string, string> = OURS) => ({
    arn: arn(name),
    name,
    tags
  })
  const rule = (pr: number, names: string[], tags: Record<string, string> = OURS) => ({
    arn: `rule-${pr}`,
    priority: pr,
    host: `pr-${pr}.${DOMAIN}`,
    hosts: [`pr-${pr}.${DOMAIN}`],
    forward: names.map((name) => ({ arn: arn(name), weight: 1 })),
    tags
  })
  const routed = (
    openPrs: CleanupFacts['openPrs'],
    routing: NonNullable<CleanupFacts['routing']>,
    closedPrs: CleanupFacts['closedPrs'] = []
  ) =>
    planCleanup(
      facts({
        openPrs,
        closedPrs,
        services: openPrs.flatMap((p) =>
          p.labels.shows.map((s) => service(`pr-${p.number}-${s.sha}-service`, 1, OURS))
        ),
        routing
      }),
      BALANCED
    )
  const removed = (plan: ReturnType<typeof planCleanup>) =>
    plan.actions.flatMap((a) =>
      a.kind === 'orphan-rule'
        ? [`rule ${a.host}`]
        : a.kind === 'orphan-target-group'
          ? [`group ${a.name}`]
          : []
    )

  it('keeps the rule and target group of a running environment, and shows its address', () => {
    const plan = routed([pr(1, [...env('aaaaaaa', 'running', 1), '🎪 🎯 aaaaaaa'])], {
      rules: [rule(1, [`st-${KEY}-1-aaaaaaa`])],
      targetGroups: [group(`st-${KEY}-1-aaaaaaa`)]
    })
    expect(removed(plan)).toEqual([])
    expect(plan.rows[0]?.url).toBe(`https://pr-1.${DOMAIN}`)
  })

  it.each<[string, CleanupFacts['openPrs'], NonNullable<CleanupFacts['routing']>, string[]]>([
    [
      'the rule and target group of a PR without environments go, rule first',
      [],
      { rules: [rule(2, [`st-${KEY}-2-bbbbbbb`])], targetGroups: [group(`st-${KEY}-2-bbbbbbb`)] },
      [`rule pr-2.${DOMAIN}`, `group st-${KEY}-2-bbbbbbb`]
    ],
    [
      "another repository's rule and target group stay",
      [],
      {
        rules: [rule(2, ['st-ffffff-2-bbbbbbb'], THEIRS)],
        targetGroups: [group('st-ffffff-2-bbbbbbb', THEIRS)]
      },
      []
    ],
    [
      'an untagged rule stays; an untagged group goes only when our labels name its commit',
      [pr(3, env('ccccccc', 'failed', 1))],
      {
        rules: [rule(4, [], {})],
        targetGroups: [group(`st-${KEY}-3-ccccccc`, {}), group(`st-${KEY}-5-ddddddd`, {})]
      },
      [`group st-${KEY}-3-ccccccc`]
    ],
    [
      'a failed commit loses its target group, the running one keeps its own',
      [pr(6, [...env('aaaaaaa', 'running', 1), '🎪 🎯 aaaaaaa', ...env('eeeeeee', 'failed', 1)])],
      {
        rules: [rule(6, [`st-${KEY}-6-aaaaaaa`])],
        targetGroups: [group(`st-${KEY}-6-aaaaaaa`), group(`st-${KEY}-6-eeeeeee`)]
      },
      [`group st-${KEY}-6-eeeeeee`]
    ],
    [
      'an expired environment loses its rule and its target group',
      [pr(7, [...env('aaaaaaa', 'running', 60), '🎪 🎯 aaaaaaa', '🎪 ⌛ 48h'])],
      { rules: [rule(7, [`st-${KEY}-7-aaaaaaa`])], targetGroups: [group(`st-${KEY}-7-aaaaaaa`)] },
      [`rule pr-7.${DOMAIN}`, `group st-${KEY}-7-aaaaaaa`]
    ],
    [
      'a building environment keeps its pending rule and target group',
      [pr(8, env('aaaaaaa', 'building', 0))],
      { rules: [rule(8, [`st-${KEY}-8-aaaaaaa`])], targetGroups: [group(`st-${KEY}-8-aaaaaaa`)] },
      []
    ],
    [
      'a target group a kept rule still forwards to stays, whatever its commit',
      [pr(9, [...env('aaaaaaa', 'running', 1), '🎪 🎯 aaaaaaa'])],
      {
        rules: [rule(9, [`st-${KEY}-9-aaaaaaa`, `st-${KEY}-9-0000000`])],
        targetGroups: [group(`st-${KEY}-9-0000000`)]
      },
      []
    ],
    [
      'rules of hosts outside the preview domain and groups not named like ours are not judged',
      [],
      {
        rules: [{ ...rule(10, []), host: 'app.example.com', hosts: ['app.example.com'] }],
        targetGroups: [group('my-app')]
      },
      []
    ]
  ])('%s', (_, openPrs, routing, expected) => {
    expect(removed(routed(openPrs, routing))).toEqual(expected)
  })

  it("a closed PR's untagged target group named by its labels goes", () => {
    const plan = routed([], { rules: [], targetGroups: [group(`st-${KEY}-11-aaaaaaa`, {})] }, [
      pr(11, env('aaaaaaa', 'running', 1))
    ])
    expect(removed(plan)).toEqual([`group st-${KEY}-11-aaaaaaa`])
  })

  it('judges nothing of the load balancer when it could not be read', () => {
    const plan = planCleanup(facts({ openPrs: [] }), BALANCED)
    expect(removed(plan)).toEqual([])
  })
})
