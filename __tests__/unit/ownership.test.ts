// Whose a resource is (src/domain/ownership.ts): both ownership tags and a Showtime name, or an
// untagged service this repository's labels name under adopt-untagged-services; nothing else.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  type Claimant,
  type ResourceKind,
  claim,
  environmentsOf,
  recordedCommit,
  showtimeName,
  tagOwner,
  taggedForAnother
} from '../../src/domain/ownership.js'

const REPO = 'apache/superset'
const CLAIMANT: Claimant = { repository: REPO, adoptUntagged: false }
const ADOPTING: Claimant = { repository: REPO, adoptUntagged: true }
const OURS = { showtime_managed: 'true', repository: REPO }
const THEIRS = { showtime_managed: 'true', repository: 'other-org/app-a' }
/** Terraform's default_tags on a team's resources: the generic key alone. */
const GENERIC = { repository: REPO }
const PYTHON_TOOL = { showtime_managed: 'true' }
const SERVICE = 'pr-12-abc123f-service'
const RULE = 'pr-12.preview.example.com'
const GROUP = 'st-c28b44-12-abc123f'
const ARN = 'arn:aws:elasticloadbalancing:us-west-2:1:targetgroup/st-c28b44-12-abc123f/0'

const seen = <K extends ResourceKind>(kind: K, name: string, tags: Record<string, string>) => ({
  kind,
  name,
  id: kind === 'service' ? name : ARN,
  tags
})

describe('the tags alone', () => {
  it.each([
    [OURS, 'ours'],
    [THEIRS, 'other-repository'],
    [{ repository: 'other-org/app-a' }, 'other-repository'],
    [GENERIC, 'unmanaged'],
    [{ ...GENERIC, showtime_managed: 'false' }, 'unmanaged'],
    [{ ...GENERIC, showtime_managed: 'TRUE' }, 'unmanaged'],
    [PYTHON_TOOL, 'untagged'],
    [{ repository: '' }, 'untagged'],
    [{}, 'untagged']
  ] as const)('%j: %s', (tags, owner) => {
    expect(tagOwner(tags, REPO)).toBe(owner)
  })

  it('compare the repository as AWS stores it (a valid tag value)', () => {
    expect(tagOwner({ showtime_managed: 'true', repository: 'o/r_x_' }, 'o/r[x]')).toBe('ours')
  })

  it.each([
    [THEIRS, true],
    [GENERIC, true],
    [OURS, false],
    [PYTHON_TOOL, false],
    [{}, false]
  ])('%j names another owner: %s', (tags, another) => {
    expect(taggedForAnother(tags, REPO)).toBe(another)
  })
})

describe('Showtime names', () => {
  it.each<[ResourceKind, string, boolean]>([
    ['service', SERVICE, true],
    ['service', 'pr-12-service', true],
    ['service', 'billing-api', false],
    ['service', 'pr-12-abc123f-service-v2', false],
    ['listener-rule', RULE, true],
    ['listener-rule', 'PR-12.Preview.Example.com', true],
    ['listener-rule', 'pr-0.preview.example.com', false],
    ['listener-rule', 'api.example.com', false],
    ['target-group', GROUP, true],
    ['target-group', 'infra-previews', false]
  ])('a %s named %s: %s', (kind, name, showtime) => {
    expect(showtimeName(kind, name)).toBe(showtime)
  })
})

describe('the rule', () => {
  it.each<[string, ResourceKind, string, Record<string, string>, Claimant, boolean, string]>([
    ['both tags, a Showtime name', 'service', SERVICE, OURS, CLAIMANT, true, ''],
    ['a rule of ours', 'listener-rule', RULE, OURS, CLAIMANT, true, ''],
    ['a target group of ours', 'target-group', GROUP, OURS, CLAIMANT, true, ''],
    [
      "another repository's preview",
      'service',
      SERVICE,
      THEIRS,
      ADOPTING,
      false,
      `${SERVICE} belongs to other-org/app-a, not ${REPO}: it is left alone`
    ],
    [
      "a team's service with Terraform's default_tags",
      'service',
      'billing-api',
      GENERIC,
      ADOPTING,
      false,
      `billing-api is tagged repository=${REPO} without showtime_managed=true, which Showtime's own carry: it is left alone`
    ],
    [
      'the generic tag on a Showtime name',
      'service',
      SERVICE,
      GENERIC,
      ADOPTING,
      false,
      `${SERVICE} is tagged repository=${REPO} without showtime_managed=true, which Showtime's own carry: it is left alone`
    ],
    [
      'both tags on a name Showtime does not give',
      'service',
      'reports-worker',
      OURS,
      CLAIMANT,
      false,
      "reports-worker is not named like Showtime's: it is left alone"
    ],
    [
      "the Python tool's service, without adoption",
      'service',
      SERVICE,
      PYTHON_TOOL,
      CLAIMANT,
      false,
      `${SERVICE} has no repository tag (adopt-untagged-services adopts it): it is left alone`
    ],
    ["the Python tool's service, adopted", 'service', SERVICE, PYTHON_TOOL, ADOPTING, true, ''],
    [
      'an untagged service adopted, but not named like Showtime’s',
      'service',
      'web',
      {},
      ADOPTING,
      false,
      "web is not named like Showtime's: it is left alone"
    ],
    [
      'an untagged rule for the PR’s host, even when adopting',
      'listener-rule',
      RULE,
      {},
      ADOPTING,
      false,
      `the listener rule for ${RULE} has no repository tag: it is left alone`
    ],
    [
      'an untagged target group of our name',
      'target-group',
      GROUP,
      {},
      ADOPTING,
      false,
      `the target group ${GROUP} has no repository tag: it is left alone`
    ],
    [
      "another repository's target group of our name",
      'target-group',
      GROUP,
      THEIRS,
      CLAIMANT,
      false,
      `the target group ${GROUP} belongs to other-org/app-a, not ${REPO}: it is left alone`
    ]
  ])('%s', (_, kind, name, tags, claimant, ours, why) => {
    const verdict = claim(seen(kind, name, tags), claimant, { namedByLabels: true })
    if (ours) {
      expect(verdict).toEqual({
        ours: true,
        owned: {
          kind,
          name,
          id: kind === 'service' ? name : ARN,
          adopted: tags[`repository`] === undefined
        }
      })
    } else {
      expect(verdict).toMatchObject({ ours: false, why })
      if (!verdict.ours) expect(why).toContain(verdict.reason)
    }
  })

  it('adopts an untagged service only when this repository’s labels name it', () => {
    const resource = seen('service', SERVICE, PYTHON_TOOL)
    expect(claim(resource, ADOPTING, { namedByLabels: false })).toEqual({
      ours: false,
      reason: 'has no repository tag, and no label of this repository names it',
      why: `${SERVICE} has no repository tag, and no label of this repository names it: it is left alone`
    })
    expect(claim(resource, ADOPTING, { namedByLabels: true }).ours).toBe(true)
  })

  it('a resource is ours exactly when both tags are ours and the name is Showtime’s, or it is an adopted untagged service (property)', () => {
    const branches = new Branches('ownership', {
      ours: 0.1,
      adopted: 0.008,
      'tagged for another': 0.04,
      'generic tag': 0.05,
      'not a Showtime name': 0.05
    })
    const kind = fc.oneof(
      { arbitrary: fc.constant<ResourceKind>('service'), weight: 2 },
      fc.constantFrom<ResourceKind>('listener-rule', 'target-group')
    )
    // Mostly true: an adopted service needs both.
    const mostly = fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false))
    const repository = fc.oneof(
      { arbitrary: fc.constant(REPO), weight: 3 },
      fc.constantFrom('other-org/app-a', '', undefined)
    )
    const managed = fc.oneof(
      { arbitrary: fc.constant('true'), weight: 2 },
      fc.constantFrom('false', undefined)
    )
    const extra = fc.dictionary(fc.constantFrom('pr', 'sha', 'team', 'Name'), fc.string())
    fc.assert(
      fc.property(
        kind,
        fc.boolean(),
        repository,
        managed,
        extra,
        mostly,
        mostly,
        (k, showtime, repo, isManaged, rest, named, adopt) => {
          const name = showtime
            ? { service: SERVICE, 'listener-rule': RULE, 'target-group': GROUP }[k]
            : 'billing-api'
          const tags = {
            ...rest,
            ...(repo !== undefined && { repository: repo }),
            ...(isManaged !== undefined && { showtime_managed: isManaged })
          }
          const claimant = adopt ? ADOPTING : CLAIMANT
          const verdict = claim(seen(k, name, tags), claimant, { namedByLabels: named })
          branches.run()
          const bothTags = repo === REPO && isManaged === 'true'
          const untagged = repo === undefined || repo === ''
          const adoptable = k === 'service' && untagged && named && adopt
          branches.hit('tagged for another', repo === 'other-org/app-a')
          branches.hit('generic tag', repo === REPO && isManaged !== 'true')
          branches.hit('not a Showtime name', !showtime && bothTags)
          expect(verdict.ours).toBe(showtime && (bothTags || adoptable))
          if (verdict.ours) {
            branches.hit('ours')
            branches.hit('adopted', verdict.owned.adopted)
            expect(verdict.owned).toMatchObject({ kind: k, name, adopted: !bothTags })
          } else {
            expect(verdict.why).toMatch(/: it is left alone$/)
            expect(verdict.why).toContain(name)
          }
        }
      ),
      { numRuns: 1000 }
    )
    branches.check()
  })
})

describe('environments of a cluster', () => {
  const ours = { showtime_managed: 'true', repository: 'o/r' }

  it("lists only this repository's environments, by both ownership tags", () => {
    expect(
      environmentsOf(
        [
          { name: 'pr-1-aaaaaaa-service', tags: { ...ours, pr: '1', sha: 'aaaaaaa' } },
          { name: 'pr-2-bbbbbbb-service', tags: ours },
          { name: 'pr-3-ccccccc-service', tags: { repository: 'x/y', pr: '3' } },
          { name: 'pr-4-service', tags: { showtime_managed: 'true' } },
          { name: 'pr-5-ddddddd-service', tags: { repository: 'o/r' } },
          { name: 'web', tags: ours }
        ],
        'o/r'
      )
    ).toEqual([
      { pr: 1, sha: 'aaaaaaa' },
      { pr: 2, sha: 'bbbbbbb' }
    ])
  })

  it.each([
    // No sha tag and a legacy name: the commit is unknown.
    [{ name: 'pr-4-service', tags: ours }, [{ pr: 4, sha: '' }]],
    [{ name: 'web', tags: { ...ours, pr: '5' } }, [{ pr: 5, sha: '' }]],
    [{ name: 'web', tags: { ...ours, pr: '5', sha: 'ddddddd' } }, [{ pr: 5, sha: 'ddddddd' }]],
    // Tags win over the name.
    [
      { name: 'pr-4-aaaaaaa-service', tags: { ...ours, pr: '6', sha: 'bbbbbbb' } },
      [{ pr: 6, sha: 'bbbbbbb' }]
    ],
    // Not a PR number.
    [{ name: 'web', tags: { ...ours, pr: '0' } }, []],
    [{ name: 'web', tags: { ...ours, pr: '-3' } }, []],
    [{ name: 'web', tags: { ...ours, pr: '1.5' } }, []],
    [{ name: 'web', tags: { ...ours, pr: 'x' } }, []],
    [{ name: 'pr-0-service', tags: ours }, []],
    [{ name: 'web', tags: ours }, []]
  ])('%j is %j', (service, environments) => {
    expect(environmentsOf([service], 'o/r')).toEqual(environments)
  })
})

describe('the commit an environment runs', () => {
  const FULL = 'abc123f' + '0'.repeat(33)
  const ours = { showtime_managed: 'true', repository: 'apache/superset' }
  it.each<[string, { status: string; tags: Record<string, string> }, string | null]>([
    [
      'a full SHA in the tag of an active service of ours',
      { status: 'ACTIVE', tags: { ...ours, sha: FULL } },
      FULL
    ],
    [
      'a short SHA (an older Showtime)',
      { status: 'ACTIVE', tags: { ...ours, sha: 'abc123f' } },
      null
    ],
    ['no sha tag (the Python tool)', { status: 'ACTIVE', tags: ours }, null],
    [
      'an upper-case or longer value',
      { status: 'ACTIVE', tags: { ...ours, sha: FULL.toUpperCase() } },
      null
    ],
    [
      "another repository's service",
      { status: 'ACTIVE', tags: { ...ours, repository: 'x/y', sha: FULL } },
      null
    ],
    ['an untagged service', { status: 'ACTIVE', tags: { sha: FULL } }, null],
    ['a draining service', { status: 'DRAINING', tags: { ...ours, sha: FULL } }, null],
    ['no service', { status: 'MISSING', tags: {} }, null]
  ])('is proven by %s: %s', (_what, service, commit) => {
    expect(recordedCommit(service, 'apache/superset')).toBe(commit)
  })
})
