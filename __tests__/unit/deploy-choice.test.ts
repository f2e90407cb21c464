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

const target = { service: 'pr-7-abc123f-service', repository: 'apache/superset' }
const ours = { repository: 'apache/superset' }
const theirs = { repository: 'someone/else' }
const TD = 'arn:aws:ecs:us-west-2:1:task-definition/superset:3'

describe('the choice', () => {
  it.each<[string, DescribedService, ReturnType<typeof deployChoice>]>([
    ['no such service: create', { status: 'MISSING', tags: {} }, { kind: 'create' }],
    ['deleted long ago: create', { status: 'INACTIVE', tags: ours }, { kind: 'create' }],
    [
      'ours and active: roll it forward, back to its task definition on failure',
      { status: 'ACTIVE', taskDefinition: TD, tags: ours },
      { kind: 'update', previousTaskDefinition: TD }
    ],
    [
      'an untagged active one (the Python tool’s): roll it forward',
      { status: 'ACTIVE', tags: {} },
      { kind: 'update' }
    ],
    ['draining: wait for it to go', { status: 'DRAINING', tags: ours }, { kind: 'wait-for-drain' }],
    [
      'another repository’s: refused, and why',
      { status: 'ACTIVE', taskDefinition: TD, tags: theirs },
      {
        kind: 'refuse',
        why: 'pr-7-abc123f-service exists and belongs to someone/else, not apache/superset: it is left alone'
      }
    ],
    [
      'another repository’s, even draining or inactive: refused',
      { status: 'INACTIVE', tags: theirs },
      {
        kind: 'refuse',
        why: 'pr-7-abc123f-service exists and belongs to someone/else, not apache/superset: it is left alone'
      }
    ]
  ])('%s', (_, service, choice) => {
    expect(deployChoice(service, target)).toStrictEqual(choice)
  })

  it('never touches another repository’s service, and creates only where none is active', () => {
    const status = fc.constantFrom<ServiceStatus>('ACTIVE', 'DRAINING', 'INACTIVE', 'MISSING')
    const owner = fc.constantFrom('apache/superset', 'someone/else', undefined)

    const shares = new Branches(
      'never touches another repository’s service, and creates only where none is active',
      { refused: 0.15, other: 0.5 }
    )
    fc.assert(
      fc.property(status, owner, fc.option(fc.constant(TD), { nil: undefined }), (s, o, td) => {
        shares.run()
        const service: DescribedService = {
          status: s,
          tags: o === undefined ? {} : { repository: o },
          ...(td && { taskDefinition: td })
        }
        const choice = deployChoice(service, target)
        const foreign = s !== 'MISSING' && o === 'someone/else'
        if (foreign) {
          shares.hit('refused')
          expect(choice.kind).toBe('refuse')
          return
        }
        shares.hit('other')
        const expected = {
          ACTIVE: 'update',
          DRAINING: 'wait-for-drain',
          INACTIVE: 'create',
          MISSING: 'create'
        }[s]
        expect(choice.kind).toBe(expected)
        if (choice.kind === 'update') expect(choice.previousTaskDefinition).toBe(td)
      }),
      { numRuns: 300 }
    )
    shares.check()
  })
})

it.each<[ReturnType<typeof deployChoice>, boolean]>([
  [{ kind: 'create' }, true],
  // A forced rebuild's target group serves the running commit: a failure must not remove it.
  [{ kind: 'update', previousTaskDefinition: TD }, false],
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
})
