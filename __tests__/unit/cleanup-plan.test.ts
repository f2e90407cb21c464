import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  type CleanupFacts,
  type CleanupPolicy,
  planCleanup
} from '../../src/domain/cleanup-plan.js'
import { parseServiceName, repositoryKey } from '../../src/domain/resources.js'
import { readLabels } from '../../src/domain/label-state.js'
import { STATIC_LABELS } from '../../src/domain/labels.js'
import { parseTtl } from '../../src/domain/ttl.js'
import { parseSleepAfter } from '../../src/domain/sleep.js'
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
/** Both ownership tags, as every service Showtime creates carries them. */
const OWN = { showtime_managed: 'true', repository: 'apache/superset' }
const service = (name: string, hoursAgo = 1, tags: Record<string, string> = OWN) => ({
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

  it('names the service of an expired environment when the services could not be listed: the run reads it before deleting', () => {
    const plan = planCleanup(
      facts({ openPrs: [pr(1, env('aaaaaaa', 'running', 60))], services: undefined }),
      POLICY
    )
    expect(plan.actions).toMatchObject([{ kind: 'teardown', service: 'pr-1-aaaaaaa-service' }])
    expect(plan.leftAlone).toEqual([])
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
          service('pr-13-service', 1, {}),
          service('pr-14-eeeeeee-service', 1, { showtime_managed: 'true' }),
          service('billing-api', 1, { repository: 'apache/superset' }),
          service('pr-15-fffffff-service', 1, { repository: 'apache/superset' }),
          service('someone-elses-api', 1, {})
        ]
      }),
      POLICY
    )
    expect(plan.actions.filter((a) => a.kind === 'orphan-service')).toEqual([
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
    // Another repository's is not listed; what looks like ours and is not, is.
    expect(plan.leftAlone).toEqual([
      'billing-api',
      'custom-name',
      'pr-13-service',
      'pr-14-eeeeeee-service',
      'pr-15-fffffff-service'
    ])
    expect(
      plan.rows.filter((r) => r.action.startsWith('not ours')).map((r) => [r.pr, r.action])
    ).toEqual([
      [
        0,
        "not ours: left alone (is tagged repository=apache/superset without showtime_managed=true, which Showtime's own carry)"
      ],
      [0, "not ours: left alone (is not named like Showtime's)"],
      [
        13,
        'not ours: left alone (has no repository tag, and no label of this repository names it)'
      ],
      [
        14,
        'not ours: left alone (has no repository tag, and no label of this repository names it)'
      ],
      [
        15,
        "not ours: left alone (is tagged repository=apache/superset without showtime_managed=true, which Showtime's own carry)"
      ]
    ])
  })

  it('adopts an untagged service only when asked to and when its labels name it', () => {
    const untagged = { showtime_managed: 'true' }
    const facts_ = facts({
      openPrs: [pr(1, env('aaaaaaa', 'running', 60)), pr(2, env('bbbbbbb', 'failed', 1))],
      closedPrs: [pr(3, env('ccccccc', 'running', 1))],
      services: [
        service('pr-1-aaaaaaa-service', 60, untagged),
        service('pr-2-bbbbbbb-service', 1, untagged),
        service('pr-3-ccccccc-service', 1, untagged),
        service('pr-3-0000000-service', 1, untagged),
        service('pr-13-service', 1, {}),
        service('web-api', 1, {})
      ]
    })
    const deletions = (plan: ReturnType<typeof planCleanup>) =>
      plan.actions.flatMap((a) =>
        a.kind === 'close' ? a.services : 'service' in a && a.service ? [a.service] : []
      )
    const adopting = planCleanup(facts_, { ...POLICY, adoptUntagged: true })
    expect(deletions(adopting)).toEqual([
      'pr-1-aaaaaaa-service',
      'pr-3-ccccccc-service',
      'pr-2-bbbbbbb-service'
    ])
    expect(adopting.actions).toContainEqual({
      kind: 'orphan-service',
      service: 'pr-2-bbbbbbb-service',
      why: 'environment bbbbbbb of PR #2 failed: nothing serves from it',
      labelled: true
    })
    expect(adopting.leftAlone).toEqual(['pr-13-service', 'pr-3-0000000-service'])
    const plain = planCleanup(facts_, POLICY)
    expect(deletions(plain)).toEqual([])
    expect(plain.leftAlone).toEqual([
      'pr-1-aaaaaaa-service',
      'pr-2-bbbbbbb-service',
      'pr-3-ccccccc-service',
      'pr-13-service',
      'pr-3-0000000-service'
    ])
  })

  it("never deletes a service its labels name that another repository's tag claims: it lists it", () => {
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
    // A triage user's label can name another repository's preview: its labels go, it stays.
    expect(plan.leftAlone).toEqual(['pr-2-bbbbbbb-service'])
    expect(plan.rows.find((r) => r.pr === 2 && r.status === 'service')?.action).toBe(
      'not ours: left alone (belongs to someone-else/other-app, not apache/superset)'
    )
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
          service('pr-5-2222222-service', 1, {})
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
        unlabelled: ['pr-5-0000000-service', 'pr-5-service'],
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
    const branches = new Branches('cleanup', {
      'services deleted': 0.3,
      'environments kept': 0.08
    })
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
          branches.run().hit('services deleted', deleted.length > 0)
          branches.hit('environments kept', kept.length > 0)
          for (const name of kept) expect(deleted).not.toContain(name)
        }
      ),
      { numRuns: 1000 }
    )
    branches.check()
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
        why: 'environment aaaaaaa of PR #1 failed: nothing serves from it',
        labelled: true
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
      'untagged rules and groups stay, even when our labels name their commit',
      [pr(3, env('ccccccc', 'failed', 1))],
      {
        rules: [rule(4, [], {})],
        targetGroups: [group(`st-${KEY}-3-ccccccc`, {}), group(`st-${KEY}-5-ddddddd`, {})]
      },
      []
    ],
    [
      'a rule and a group with the generic repository tag only stay',
      [],
      {
        rules: [rule(4, [], { repository: 'apache/superset' })],
        targetGroups: [group(`st-${KEY}-5-ddddddd`, { repository: 'apache/superset' })]
      },
      []
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

  it("lists what looks like ours and is not: an untagged rule for a PR's host, an untagged group of our name", () => {
    const plan = routed(
      [],
      {
        rules: [rule(12, [], {}), rule(13, [], THEIRS)],
        targetGroups: [
          group(`st-${KEY}-11-aaaaaaa`, {}),
          group('st-ffffff-11-aaaaaaa', {}),
          group(`st-${KEY}-14-aaaaaaa`, THEIRS)
        ]
      },
      [pr(11, env('aaaaaaa', 'running', 1))]
    )
    expect(removed(plan)).toEqual([])
    expect(plan.leftAlone).toEqual([
      `the listener rule for pr-12.${DOMAIN}`,
      `the target group st-${KEY}-11-aaaaaaa`
    ])
    expect(plan.rows.filter((r) => r.action.startsWith('not ours'))).toEqual([
      {
        pr: 12,
        sha: '',
        status: 'listener rule',
        ttl: '',
        url: '',
        action: 'not ours: left alone (has no repository tag)'
      },
      {
        pr: 11,
        sha: 'aaaaaaa',
        status: 'target group',
        ttl: '',
        url: '',
        action: 'not ours: left alone (has no repository tag)'
      }
    ])
  })

  it('judges nothing of the load balancer when it could not be read', () => {
    const plan = planCleanup(facts({ openPrs: [] }), BALANCED)
    expect(removed(plan)).toEqual([])
  })
})

// The cleanup rules at their edges (issue #15: what mutation testing found unpinned): the exact
// bounds of an abandoned build and of a TTL, the words of each verdict, the table rows, and which
// repository label definitions change.
describe('at the edges', () => {
  const NOW = Date.UTC(2026, 10, 27, 12, 0)
  const MINUTE = 60_000
  const HOUR = 60 * MINUTE
  const POLICY: CleanupPolicy = {
    olderThan: parseTtl('48h')!,
    respectTtl: true,
    staleAfterMs: 2 * HOUR,
    maxEnvironments: 3,
    addressing: { kind: 'task', containerPort: 8088 },
    repository: 'apache/superset',
    adoptUntagged: false
  }
  /** A cluster no other repository uses: untagged services named like Showtime's are adopted. */
  const ADOPTING: CleanupPolicy = { ...POLICY, adoptUntagged: true }

  const stamp = (msAgo: number) => {
    const iso = new Date(NOW - msAgo).toISOString()
    return `${iso.slice(0, 13)}-${iso.slice(14, 16)}`
  }
  const env = (sha: string, status: string, msAgo?: number, extra: string[] = []) => [
    `🎪 ${sha} 🚦 ${status}`,
    ...(msAgo === undefined ? [] : [`🎪 ${sha} 📅 ${stamp(msAgo)}`]),
    ...extra
  ]
  const pr = (number: number, labels: string[]) => ({ number, labels: readLabels(labels) })
  const service = (
    name: string,
    msAgo?: number,
    tags: Record<string, string> = { showtime_managed: 'true', repository: 'apache/superset' }
  ) => ({
    name,
    ...(msAgo !== undefined && { createdAt: NOW - msAgo }),
    tags
  })
  const definitions = STATIC_LABELS.map((name) => ({ name, attachments: 0 }))
  const facts = (partial: Partial<CleanupFacts>): CleanupFacts => ({
    now: NOW,
    openPrs: [],
    closedPrs: [],
    services: [],
    definitions,
    ...partial
  })
  const verdict = (labels: string[], services = [service('pr-1-aaaaaaa-service', HOUR)]) => {
    const plan = planCleanup(facts({ openPrs: [pr(1, labels)], services }), POLICY)
    return {
      kinds: plan.actions.map((a) => a.kind),
      row: plan.rows[0],
      live: plan.liveEnvironments
    }
  }

  describe('the bounds', () => {
    it.each<[string, number, string, string[], number]>([
      ['building for exactly staleAfterMs', 2 * HOUR, 'kept: in progress', [], 1],
      [
        'building a minute longer',
        2 * HOUR + MINUTE,
        'marked failed: building for 2h 1m, its run is gone',
        ['abandoned'],
        0
      ]
    ])('%s: %s', (_name, age, action, kinds, live) => {
      expect(verdict(env('aaaaaaa', 'building', age))).toEqual({
        kinds,
        row: expect.objectContaining({ action, ageMs: age }),
        live
      })
    })

    it.each<[string, number, string, string[]]>([
      ['exactly its TTL old', 48 * HOUR, 'kept', []],
      [
        'a minute older than its TTL',
        48 * HOUR + MINUTE,
        'expired: 2d 0h old, TTL 48h',
        ['teardown']
      ],
      [
        '47h 59m old on a 24h TTL',
        47 * HOUR + 59 * MINUTE,
        'expired: 47h 59m old, TTL 24h',
        ['teardown']
      ],
      ['3 days 5 hours old', 77 * HOUR, 'expired: 3d 5h old, TTL 48h', ['teardown']]
    ])('running and %s: %s', (name, age, action, kinds) => {
      const ttl = name.includes('24h') ? ['🎪 ⌛ 24h'] : []
      expect(verdict(env('aaaaaaa', 'running', age, ttl))).toMatchObject({
        kinds,
        row: { action }
      })
    })

    it('keeps a PR with the close TTL until it closes, whatever its age', () => {
      expect(verdict(env('aaaaaaa', 'running', 9999 * HOUR, ['🎪 ⌛ close']))).toMatchObject({
        kinds: [],
        row: { action: 'kept until the PR closes', ttl: 'close' },
        live: 1
      })
    })

    it('uses older-than for a PR without a TTL label, and when TTLs are not respected', () => {
      expect(verdict(env('aaaaaaa', 'running', 30 * HOUR)).row?.ttl).toBe('48h')
      const plan = planCleanup(
        facts({
          openPrs: [pr(1, env('aaaaaaa', 'running', 30 * HOUR, ['🎪 ⌛ 1w']))],
          services: [service('pr-1-aaaaaaa-service')]
        }),
        { ...POLICY, respectTtl: false, olderThan: parseTtl('1d')! }
      )
      expect(plan.rows[0]).toMatchObject({ ttl: '1d', action: 'expired: 30h 0m old, TTL 1d' })
    })
  })

  describe('environments without a date or a service', () => {
    it.each<[string, string[], ReturnType<typeof service>[] | undefined, string, string[]]>([
      [
        'running without 📅 or service',
        env('aaaaaaa', 'running'),
        [],
        'removed: its service no longer exists',
        ['teardown']
      ],
      ['running without 📅, services unknown', env('aaaaaaa', 'running'), undefined, 'kept', []],
      [
        'failed without 📅 or service',
        env('aaaaaaa', 'failed'),
        [],
        'removed: no 📅 label and no service to date it',
        ['teardown']
      ],
      [
        'unknown status without 📅 or service',
        env('aaaaaaa', 'weird'),
        undefined,
        'removed: no 📅 label and no service to date it',
        ['teardown']
      ],
      [
        'failed without 📅, dated by its service',
        env('aaaaaaa', 'failed'),
        [service('pr-1-aaaaaaa-service', HOUR)],
        'kept; its service is deleted',
        ['orphan-service']
      ],
      ['building without 📅', env('aaaaaaa', 'building'), [], 'kept: in progress', []]
    ])('%s: %s', (_name, labels, services, action, kinds) => {
      const plan = planCleanup(facts({ openPrs: [pr(1, labels)], services }), POLICY)
      expect(plan.rows[0]?.action).toBe(action)
      expect(plan.actions.map((a) => a.kind)).toEqual(kinds)
    })

    it('dates an environment by its service when it has no 📅', () => {
      const plan = planCleanup(
        facts({
          openPrs: [pr(1, env('aaaaaaa', 'running'))],
          services: [service('pr-1-aaaaaaa-service', 5 * HOUR)]
        }),
        POLICY
      )
      expect(plan.rows[0]?.ageMs).toBe(5 * HOUR)
    })
  })

  describe('the table', () => {
    it('has one row per environment with its address, status, lifetime and age', () => {
      const plan = planCleanup(
        facts({
          openPrs: [
            pr(2, env('bbbbbbb', 'running', HOUR, ['🎪 bbbbbbb 🌐 52.1.2.3:9000', '🎪 ⌛ 72h'])),
            pr(1, env('aaaaaaa', 'deploying', 10 * MINUTE, ['🎪 aaaaaaa 🌐 52.1.2.4']))
          ],
          closedPrs: [pr(9, env('ccccccc', 'running', HOUR))],
          services: [
            service('pr-1-aaaaaaa-service', HOUR),
            service('pr-2-bbbbbbb-service', HOUR),
            service('superset-prod', HOUR, {
              showtime_managed: 'true',
              repository: 'apache/superset'
            }),
            service('pr-9-ccccccc-service')
          ]
        }),
        POLICY
      )
      expect(plan.rows).toEqual([
        {
          pr: 1,
          sha: 'aaaaaaa',
          status: 'deploying',
          ttl: '48h',
          url: 'http://52.1.2.4:8080',
          ageMs: 10 * MINUTE,
          action: 'kept: in progress'
        },
        {
          pr: 2,
          sha: 'bbbbbbb',
          status: 'running',
          ttl: '72h',
          url: 'http://52.1.2.3:9000',
          ageMs: HOUR,
          action: 'kept'
        },
        {
          pr: 9,
          sha: 'ccccccc',
          status: 'running',
          ttl: '',
          url: '',
          action: 'PR closed: torn down'
        },
        {
          pr: 0,
          sha: '',
          status: 'service',
          ttl: '',
          url: '',
          action: "not ours: left alone (is not named like Showtime's)",
          ageMs: HOUR
        }
      ])
      expect(plan.leftAlone).toEqual(['superset-prod'])
      expect(plan.liveEnvironments).toBe(2)
      expect(plan.maxEnvironments).toBe(3)
    })

    it('gives an environment without an address an empty URL and one without a date no age', () => {
      const plan = planCleanup(facts({ openPrs: [pr(1, env('aaaaaaa', 'building'))] }), POLICY)
      expect(plan.rows[0]).toStrictEqual({
        pr: 1,
        sha: 'aaaaaaa',
        status: 'building',
        ttl: '48h',
        url: '',
        action: 'kept: in progress'
      })
    })
  })

  describe('orphan services', () => {
    it('says why each one goes, and dates it when it can', () => {
      const plan = planCleanup(
        facts({
          openPrs: [pr(3, env('aaaaaaa', 'running', HOUR))],
          services: [
            service('pr-3-aaaaaaa-service', HOUR),
            service('pr-3-bbbbbbb-service', 2 * HOUR),
            service('pr-4-service'),
            service('odd-name', undefined, { showtime_managed: 'true' }),
            service('someone-elses', HOUR, {})
          ]
        }),
        ADOPTING
      )
      expect(plan.actions).toEqual([
        {
          kind: 'orphan-service',
          service: 'pr-3-bbbbbbb-service',
          why: 'no environment bbbbbbb on an open PR #3'
        },
        { kind: 'orphan-service', service: 'pr-4-service', why: 'legacy service of PR #4' }
      ])
      // An untagged service no label names is never adopted; it is listed.
      expect(plan.rows.slice(1).map((r) => [r.pr, r.sha, r.ageMs, r.action])).toEqual([
        [3, 'bbbbbbb', 2 * HOUR, 'deleted: no environment bbbbbbb on an open PR #3'],
        [4, '', undefined, 'deleted: legacy service of PR #4'],
        [
          0,
          '',
          undefined,
          'not ours: left alone (has no repository tag, and no label of this repository names it)'
        ]
      ])
    })

    it('deletes every active service of a closed PR once, whether its labels name it or its tags', () => {
      const plan = planCleanup(
        facts({
          closedPrs: [
            pr(7, [...env('aaaaaaa', 'running', HOUR), ...env('bbbbbbb', 'failed', HOUR)])
          ],
          services: [
            service('pr-7-ccccccc-service'),
            service('pr-7-aaaaaaa-service'),
            service('pr-70-service')
          ]
        }),
        ADOPTING
      )
      // bbbbbbb has no active service: nothing to delete.
      expect(plan.actions[0]).toMatchObject({
        kind: 'close',
        pr: 7,
        services: ['pr-7-aaaaaaa-service', 'pr-7-ccccccc-service'],
        unlabelled: ['pr-7-ccccccc-service']
      })
      expect(plan.actions.slice(1)).toEqual([
        { kind: 'orphan-service', service: 'pr-70-service', why: 'legacy service of PR #70' }
      ])
    })
  })

  describe('repository label definitions', () => {
    it('recolours a static definition only when its colour differs, in any case', () => {
      const plan = planCleanup(
        facts({
          definitions: STATIC_LABELS.map((name, i) => ({
            name,
            attachments: 1,
            ...(i === 0 && { color: 'ededed' }),
            ...(i === 1 && { color: 'ffd700' }),
            ...(i === 2 && { color: 'FFE4B5' })
          }))
        }),
        POLICY
      )
      expect(plan.actions).toEqual([{ kind: 'fix-definition', name: STATIC_LABELS[0] }])
    })

    it('creates no definition when the definitions could not be read', () => {
      expect(planCleanup(facts({ definitions: undefined }), POLICY).actions).toEqual([])
    })

    it('deletes the definition of a per-SHA label that goes from its last PR', () => {
      const plan = planCleanup(
        facts({
          openPrs: [pr(1, env('aaaaaaa', 'failed'))],
          definitions: [
            ...definitions,
            { name: '🎪 aaaaaaa 🚦 failed', attachments: 1 },
            { name: '🎪 🎯 fffffff', attachments: 0 },
            { name: '🎪 ⌛ 5h', attachments: 0 }
          ]
        }),
        POLICY
      )
      expect(plan.actions).toEqual([
        {
          kind: 'teardown',
          pr: 1,
          sha: 'aaaaaaa',
          labels: { detach: [], deleteDefinition: ['🎪 aaaaaaa 🚦 failed'] },
          why: 'removed: no 📅 label and no service to date it'
        },
        { kind: 'delete-definition', name: '🎪 🎯 fffffff' }
      ])
    })

    it('removes stray labels of an open PR', () => {
      const plan = planCleanup(
        facts({ openPrs: [pr(1, ['🎪 🎯 1234567', '🎪 1234567 🤡 maxime'])] }),
        POLICY
      )
      expect(plan.actions).toEqual([
        {
          kind: 'stray-labels',
          pr: 1,
          labels: { detach: ['🎪 1234567 🤡 maxime', '🎪 🎯 1234567'], deleteDefinition: [] }
        }
      ])
    })
  })

  describe('more edges', () => {
    it('orders closed PRs by number', () => {
      const plan = planCleanup(
        facts({ closedPrs: [pr(9, ['🎪 ⌛ 48h']), pr(3, ['🎪 ⌛ 48h'])] }),
        POLICY
      )
      expect(plan.actions.map((a) => (a.kind === 'close' ? a.pr : 0))).toEqual([3, 9])
    })

    it('says nothing of a service for a failed environment that has none, nor counts it live', () => {
      expect(verdict(env('aaaaaaa', 'failed', HOUR), [])).toMatchObject({
        kinds: [],
        row: { action: 'kept' },
        live: 0
      })
    })

    it('keeps a running environment dated by nothing while its service exists', () => {
      expect(verdict(env('aaaaaaa', 'running'), [service('pr-1-aaaaaaa-service')])).toMatchObject({
        kinds: [],
        row: { action: 'kept' }
      })
    })

    it('writes an exact day count in an expiry', () => {
      expect(verdict(env('aaaaaaa', 'running', 48 * HOUR, ['🎪 ⌛ 24h'])).row?.action).toBe(
        'expired: 2d 0h old, TTL 24h'
      )
    })

    it('announces no expiry when an environment goes for another reason', () => {
      const plan = planCleanup(facts({ openPrs: [pr(1, env('aaaaaaa', 'running', HOUR))] }), POLICY)
      expect(plan.actions).toMatchObject([
        { kind: 'teardown', why: 'removed: its service no longer exists' }
      ])
      expect(plan.actions[0]).not.toHaveProperty('announce')
    })

    it('announces no expiry while a build of the PR is marked failed', () => {
      const plan = planCleanup(
        facts({
          openPrs: [
            pr(1, [
              ...env('aaaaaaa', 'building', 3 * HOUR),
              ...env('bbbbbbb', 'running', 50 * HOUR)
            ])
          ],
          services: [service('pr-1-aaaaaaa-service'), service('pr-1-bbbbbbb-service')]
        }),
        POLICY
      )
      expect(plan.actions.map((a) => [a.kind, 'announce' in a ? a.announce : undefined])).toEqual([
        ['abandoned', undefined],
        ['teardown', undefined]
      ])
    })

    it('detaches a PR-level label, whose definition stays, even from its last PR', () => {
      const plan = planCleanup(
        facts({
          closedPrs: [pr(5, ['🎪 ⌛ 5h'])],
          definitions: [...definitions, { name: '🎪 ⌛ 5h', attachments: 1 }]
        }),
        POLICY
      )
      expect(plan.actions[0]).toMatchObject({
        labels: { detach: ['🎪 ⌛ 5h'], deleteDefinition: [] }
      })
    })

    it('deletes unattached per-SHA definitions in name order', () => {
      const plan = planCleanup(
        facts({
          definitions: [
            ...definitions,
            { name: '🎪 🎯 fffffff', attachments: 0 },
            { name: '🎪 🎯 0000000', attachments: 0 },
            { name: '🎪 🎯 7777777', attachments: 0 }
          ]
        }),
        POLICY
      )
      expect(plan.actions).toEqual([
        { kind: 'delete-definition', name: '🎪 🎯 0000000' },
        { kind: 'delete-definition', name: '🎪 🎯 7777777' },
        { kind: 'delete-definition', name: '🎪 🎯 fffffff' }
      ])
    })

    it.each([
      'xpr-1234-abc123f-service',
      'pr-1234-abc123f-service-old',
      'xpr-1234-service',
      'pr-1234-service-old'
    ])('does not take %s for a service of its own', (name) => {
      const plan = planCleanup(facts({ services: [service(name)] }), POLICY)
      expect(plan.actions).toEqual([])
    })
  })
})

describe('sleeping when idle', () => {
  const DOMAIN = 'preview.example.com'
  const KEY = repositoryKey('apache/superset')
  const LISTENER =
    'arn:aws:elasticloadbalancing:us-west-2:1:listener/app/previews/0123456789abcdef/fedcba9876543210'
  const SLEEPY: CleanupPolicy = {
    ...POLICY,
    addressing: { kind: 'load-balancer', previewDomain: DOMAIN, containerPort: 8080 },
    sleepAfter: parseSleepAfter('1h')!,
    listenerArn: LISTENER
  }
  const groupOf = (n: number, sha: string) => ({
    arn: `arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/st-${KEY}-${n}-${sha}/0123456789abcdef`,
    name: `st-${KEY}-${n}-${sha}`,
    tags: OWN
  })
  const live = (n: number, sha: string, hoursAgo: number, status = 'running') =>
    pr(n, [...env(sha, status, hoursAgo), `🎪 🎯 ${sha}`, '🎪 ⌛ 48h'])
  const sleepy = (
    openPrs: CleanupFacts['openPrs'],
    requests: [string, number][] | undefined,
    policy = SLEEPY
  ) =>
    planCleanup(
      facts({
        openPrs,
        services: openPrs.flatMap((p) =>
          p.labels.shows.map((s) => service(`pr-${p.number}-${s.sha}-service`, 1))
        ),
        routing: {
          rules: [],
          targetGroups: openPrs.flatMap((p) => p.labels.shows.map((s) => groupOf(p.number, s.sha)))
        },
        ...(requests && { requests: new Map(requests) })
      }),
      policy
    )

  it('puts an idle live environment to sleep: zero tasks, and its status label only', () => {
    const plan = sleepy([live(1, 'aaaaaaa', 3)], [['1:aaaaaaa', 0]])
    expect(plan.actions.filter((a) => a.kind === 'sleep')).toEqual([
      {
        kind: 'sleep',
        pr: 1,
        sha: 'aaaaaaa',
        service: 'pr-1-aaaaaaa-service',
        add: ['🎪 aaaaaaa 🚦 sleeping'],
        define: ['🎪 aaaaaaa 🚦 sleeping'],
        labels: { detach: ['🎪 aaaaaaa 🚦 running'], deleteDefinition: [] },
        why: 'asleep: no request in 1h'
      }
    ])
    expect(plan.rows[0]?.action).toBe('asleep: no request in 1h')
    expect(plan.liveEnvironments).toBe(0)
  })

  it.each<[string, CleanupFacts['openPrs'], [string, number][] | undefined, CleanupPolicy?]>([
    ['it served requests', [live(1, 'aaaaaaa', 3)], [['1:aaaaaaa', 4]]],
    ['its requests could not be read', [live(1, 'aaaaaaa', 3)], undefined],
    ['it is younger than sleep-after', [live(1, 'aaaaaaa', 0.5)], [['1:aaaaaaa', 0]]],
    ['it sleeps already', [live(1, 'aaaaaaa', 3, 'sleeping')], [['1:aaaaaaa', 0]]],
    ['it is being built', [live(1, 'aaaaaaa', 1, 'building')], [['1:aaaaaaa', 0]]],
    [
      'it is not the PR’s live one (no 🎯)',
      [pr(1, [...env('aaaaaaa', 'running', 3), '🎪 ⌛ 48h'])],
      [['1:aaaaaaa', 0]]
    ],
    [
      'sleep-after is never',
      [live(1, 'aaaaaaa', 3)],
      [['1:aaaaaaa', 0]],
      { ...SLEEPY, sleepAfter: { kind: 'never' } }
    ],
    [
      'it answers at a public IP',
      [live(1, 'aaaaaaa', 3)],
      [['1:aaaaaaa', 0]],
      { ...SLEEPY, addressing: { kind: 'task', containerPort: 8080 } }
    ]
  ])('keeps an environment awake when %s', (_, openPrs, requests, policy = SLEEPY) => {
    const plan = sleepy(openPrs, requests, policy)
    expect(plan.actions.filter((a) => a.kind === 'sleep')).toEqual([])
  })

  it('expires a sleeping environment at its TTL exactly as a running one, never earlier', () => {
    for (const [hours, expired] of [
      [47, false],
      [49, true]
    ] as const) {
      const asleep = sleepy([live(1, 'aaaaaaa', hours, 'sleeping')], [['1:aaaaaaa', 0]])
      const awake = sleepy([live(1, 'aaaaaaa', hours, 'running')], [['1:aaaaaaa', 5]])
      const teardowns = (plan: ReturnType<typeof planCleanup>) =>
        plan.actions.filter((a) => a.kind === 'teardown').map((a) => a.kind === 'teardown' && a.why)
      expect(teardowns(asleep)).toEqual(teardowns(awake))
      expect(teardowns(asleep)).toHaveLength(expired ? 1 : 0)
    }
  })

  it('keeps the rule and target group of a sleeping environment: the address stays', () => {
    const plan = sleepy([live(1, 'aaaaaaa', 3, 'sleeping')], undefined)
    expect(plan.actions.map((a) => a.kind)).not.toContain('orphan-target-group')
    expect(plan.rows[0]?.url).toBe('')
  })

  it('removes the labels of a sleeping environment whose service is gone', () => {
    const plan = planCleanup(
      facts({ openPrs: [live(1, 'aaaaaaa', 3, 'sleeping')], services: [] }),
      SLEEPY
    )
    expect(plan.actions[0]).toMatchObject({
      kind: 'teardown',
      why: 'removed: its service no longer exists'
    })
  })

  it('property: sleeps only idle, live, old-enough environments, never one it tears down, and at most once each', () => {
    const branches = new Branches('sleep', { slept: 0.16, 'kept awake': 0.2 })
    const show = fc.record({
      status: fc.constantFrom('running', 'running', 'running', 'sleeping', 'building', 'failed'),
      hoursAgo: fc.constantFrom(0.5, 3, 3, 30, 60),
      pointer: fc.constantFrom(true, true, true, false),
      requests: fc.constantFrom<number | undefined>(0, 0, 0, 1, 50, undefined)
    })
    fc.assert(
      fc.property(fc.array(show, { minLength: 1, maxLength: 5 }), (shows) => {
        const openPrs = shows.map((s, i) => {
          const sha = `${i + 1}`.padStart(7, 'a')
          return pr(i + 1, [
            ...env(sha, s.status, s.hoursAgo),
            ...(s.pointer ? [`🎪 🎯 ${sha}`] : []),
            '🎪 ⌛ 48h'
          ])
        })
        const requests = shows.flatMap((s, i): [string, number][] =>
          s.requests === undefined ? [] : [[`${i + 1}:${`${i + 1}`.padStart(7, 'a')}`, s.requests]]
        )
        const plan = sleepy(openPrs, requests)
        const slept = plan.actions.flatMap((a) => (a.kind === 'sleep' ? [a.pr] : []))
        const tornDown = plan.actions.flatMap((a) => (a.kind === 'teardown' ? [a.pr] : []))
        expect(new Set(slept).size).toBe(slept.length)
        for (const n of slept) {
          const s = shows[n - 1]!
          expect(s).toMatchObject({ status: 'running', pointer: true, requests: 0 })
          expect(s.hoursAgo).toBeGreaterThanOrEqual(1)
          expect(tornDown).not.toContain(n)
        }
        const eligible = shows.filter(
          (s) =>
            s.status === 'running' &&
            s.pointer &&
            s.requests === 0 &&
            s.hoursAgo >= 1 &&
            s.hoursAgo < 48
        ).length
        expect(slept).toHaveLength(eligible)
        branches.run().hit('slept', slept.length > 0)
        branches.hit(
          'kept awake',
          slept.length < shows.filter((s) => s.status === 'running').length
        )
      }),
      { numRuns: 500 }
    )
    branches.check()
  })
})
