// What a deploy does with the ECS service of its name: refuse another repository's, wait for one
// draining, roll an existing one forward, or create it; and whether the listener can serve.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  type DescribedService,
  type ServiceStatus,
  deployChoice,
  listenerRefusal,
  ownsTargetGroup
} from '../../src/domain/deploy-choice.js'

const target = {
  service: 'pr-7-abc123f-service',
  repository: 'apache/superset',
  adoptUntagged: false
}
const ours = { showtime_managed: 'true', repository: 'apache/superset' }
const theirs = { showtime_managed: 'true', repository: 'someone/else' }
/** Terraform's default_tags: the generic key without Showtime's. */
const generic = { repository: 'apache/superset' }
const untagged = {}
const TD = 'arn:aws:ecs:us-west-2:1:task-definition/superset:3'
const owned = (adopted = false) => ({
  kind: 'service',
  name: target.service,
  id: target.service,
  adopted
})

describe('the choice', () => {
  it.each<[string, DescribedService, unknown, boolean?]>([
    ['no such service: create', { status: 'MISSING', tags: theirs }, { kind: 'create' }],
    ['deleted long ago: create', { status: 'INACTIVE', tags: ours }, { kind: 'create' }],
    [
      'an untagged one deleted long ago (the Python tool’s): create',
      { status: 'INACTIVE', tags: {} },
      { kind: 'create' }
    ],
    [
      'ours and active: roll it forward, back to its task definition on failure',
      { status: 'ACTIVE', taskDefinition: TD, tags: ours },
      { kind: 'update', service: owned(), previousTaskDefinition: TD }
    ],
    [
      'an untagged active one (the Python tool’s): refused without adoption',
      { status: 'ACTIVE', tags: {} },
      {
        kind: 'refuse',
        why: 'pr-7-abc123f-service has no repository tag (adopt-untagged-services adopts it): it is left alone'
      }
    ],
    [
      'an untagged active one, adopted: rolled forward',
      { status: 'ACTIVE', tags: { showtime_managed: 'true' } },
      { kind: 'update', service: owned(true) },
      true
    ],
    [
      'ours, draining: wait for it to go',
      { status: 'DRAINING', tags: ours },
      { kind: 'wait-for-drain' }
    ],
    [
      'an untagged one draining: wait for it to go (nothing is changed)',
      { status: 'DRAINING', tags: {} },
      { kind: 'wait-for-drain' }
    ],
    [
      'another repository’s: refused, and why',
      { status: 'ACTIVE', taskDefinition: TD, tags: theirs },
      {
        kind: 'refuse',
        why: 'pr-7-abc123f-service belongs to someone/else, not apache/superset: it is left alone'
      }
    ],
    [
      'another repository’s, even draining or inactive: refused',
      { status: 'INACTIVE', tags: theirs },
      {
        kind: 'refuse',
        why: 'pr-7-abc123f-service belongs to someone/else, not apache/superset: it is left alone'
      }
    ],
    [
      'a generic repository tag without Showtime’s: refused',
      { status: 'DRAINING', tags: generic },
      {
        kind: 'refuse',
        why: "pr-7-abc123f-service is tagged repository=apache/superset without showtime_managed=true, which Showtime's own carry: it is left alone"
      }
    ]
  ])('%s', (_, service, choice, adoptUntagged = false) => {
    expect(deployChoice(service, { ...target, adoptUntagged })).toStrictEqual(choice)
  })

  it('never changes a service that is not ours, and creates only where none is active', () => {
    const status = fc.constantFrom<ServiceStatus>('ACTIVE', 'DRAINING', 'INACTIVE', 'MISSING')
    const tags = fc.constantFrom<Record<string, string>>(ours, theirs, generic, untagged)

    const shares = new Branches(
      'never changes a service that is not ours, and creates only where none is active',
      { refused: 0.15, updated: 0.03, other: 0.4 }
    )
    fc.assert(
      fc.property(
        status,
        tags,
        fc.option(fc.constant(TD), { nil: undefined }),
        fc.boolean(),
        (s, t, td, adoptUntagged) => {
          shares.run()
          const service: DescribedService = {
            status: s,
            tags: t,
            ...(td && { taskDefinition: td })
          }
          const choice = deployChoice(service, { ...target, adoptUntagged })
          const ourTags = t === ours || (t === untagged && adoptUntagged)
          const foreign = s !== 'MISSING' && (t === theirs || t === generic)
          if (foreign || (s === 'ACTIVE' && !ourTags)) {
            shares.hit('refused')
            expect(choice.kind).toBe('refuse')
            return
          }
          const expected = {
            ACTIVE: 'update',
            DRAINING: 'wait-for-drain',
            INACTIVE: 'create',
            MISSING: 'create'
          }[s]
          expect(choice.kind).toBe(expected)
          if (choice.kind === 'update') {
            shares.hit('updated')
            expect(choice.previousTaskDefinition).toBe(td)
            expect(choice.service.name).toBe(target.service)
          } else shares.hit('other')
        }
      ),
      { numRuns: 500 }
    )
    shares.check()
  })
})

it.each<[ReturnType<typeof deployChoice>, boolean]>([
  [{ kind: 'create' }, true],
  // A forced rebuild's target group serves the running commit: a failure must not remove it.
  [deployChoice({ status: 'ACTIVE', taskDefinition: TD, tags: ours }, target), false],
  [{ kind: 'wait-for-drain' }, false],
  [{ kind: 'refuse', why: 'x' }, false]
])('after %o the run owns the target group: %s', (choice, owns) => {
  expect(ownsTargetGroup(choice)).toBe(owns)
})

it.each([
  ['HTTPS', undefined],
  ['HTTP', 'the listener of load-balancer-listener-arn uses HTTP, not HTTPS'],
  ['', 'the listener of load-balancer-listener-arn uses no protocol, not HTTPS'],
  ['https', 'the listener of load-balancer-listener-arn uses https, not HTTPS']
])('a listener on %j: %s', (protocol, refusal) => {
  expect(listenerRefusal(protocol)).toBe(refusal)
  expect(listenerRefusal(protocol, false)).toBe(refusal)
})

it.each([
  ['HTTPS', undefined],
  [
    'HTTP',
    'the listener of load-balancer-listener-arn uses HTTP, not HTTPS: ELB signs users in (load-balancer-authentication) on HTTPS listeners only'
  ]
])('a listener on %j, with sign-in: %s', (protocol, refusal) => {
  expect(listenerRefusal(protocol, true)).toBe(refusal)
})
