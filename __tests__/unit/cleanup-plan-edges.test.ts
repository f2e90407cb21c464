// The cleanup rules at their edges (issue #15: what mutation testing found unpinned): the exact
// bounds of an abandoned build and of a TTL, the words of each verdict, the table rows, and which
// repository label definitions change.

import { describe, expect, it } from 'vitest'
import {
  type CleanupFacts,
  type CleanupPolicy,
  planCleanup
} from '../../src/domain/cleanup-plan.js'
import { readLabels } from '../../src/domain/label-state.js'
import { STATIC_LABELS } from '../../src/domain/labels.js'
import { parseTtl } from '../../src/domain/ttl.js'

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
const service = (name: string, msAgo?: number, tags: Record<string, string> = {}) => ({
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
  return { kinds: plan.actions.map((a) => a.kind), row: plan.rows[0], live: plan.liveEnvironments }
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
        status: 'orphaned service',
        ttl: '',
        url: '',
        action: 'deleted: tagged repository=apache/superset, with a name Showtime does not use',
        ageMs: HOUR
      }
    ])
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
          service('someone-elses', HOUR)
        ]
      }),
      ADOPTING
    )
    expect(plan.actions).toEqual([
      {
        kind: 'orphan-service',
        service: 'odd-name',
        why: 'tagged showtime_managed without an owner, adopted, with a name Showtime does not use'
      },
      {
        kind: 'orphan-service',
        service: 'pr-3-bbbbbbb-service',
        why: 'no environment bbbbbbb on an open PR #3'
      },
      { kind: 'orphan-service', service: 'pr-4-service', why: 'legacy service of PR #4' }
    ])
    expect(plan.rows.slice(1).map((r) => [r.pr, r.sha, r.ageMs])).toEqual([
      [0, '', undefined],
      [3, 'bbbbbbb', 2 * HOUR],
      [4, '', undefined]
    ])
  })

  it('deletes every service named for a closed PR, listed or not, once', () => {
    const plan = planCleanup(
      facts({
        closedPrs: [pr(7, [...env('aaaaaaa', 'running', HOUR), ...env('bbbbbbb', 'failed', HOUR)])],
        services: [
          service('pr-7-ccccccc-service'),
          service('pr-7-aaaaaaa-service'),
          service('pr-70-service')
        ]
      }),
      ADOPTING
    )
    expect(plan.actions[0]).toMatchObject({
      kind: 'close',
      pr: 7,
      services: ['pr-7-aaaaaaa-service', 'pr-7-bbbbbbb-service', 'pr-7-ccccccc-service']
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
        service: 'pr-1-aaaaaaa-service',
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
          pr(1, [...env('aaaaaaa', 'building', 3 * HOUR), ...env('bbbbbbb', 'running', 50 * HOUR)])
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
