import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  awsTagValue,
  environmentTags,
  environmentsOf,
  imageReference,
  ownership,
  ownershipTags,
  parseServiceName,
  serviceName
} from '../../src/domain/resources.js'

// The ECS model's TagValue pattern and length.
const AWS_TAG_VALUE = /^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$/u

describe('names', () => {
  it('are byte-compatible with the Python tool', () => {
    expect(serviceName(1234, 'ABC123F9999')).toBe('pr-1234-abc123f-service')
    expect(imageReference('apache/superset', 1234, 'abc123f')).toBe(
      'apache/superset:pr-1234-abc123f-ci'
    )
  })

  it.each([
    ['pr-12-abc123f-service', { pr: 12, sha: 'abc123f' }],
    ['pr-12-service', { pr: 12 }],
    ['pr-12-ABC123F-service', undefined],
    ['pr-x-service', undefined],
    ['superset-ci', undefined]
  ])('parses %s', (name, parsed) => {
    expect(parseServiceName(name)).toEqual(parsed)
  })
})

describe('tags', () => {
  it.each([
    ['dependabot[bot]', 'dependabot_bot_'],
    ['a-very-long-login-that-was-cut…', 'a-very-long-login-that-was-cut_'],
    ['apache/superset', 'apache/superset'],
    ['user@example.com +x=y:z', 'user@example.com +x=y:z'],
    ['#,', '__']
  ])('makes %j a valid AWS tag value: %j', (text, value) => {
    expect(awsTagValue(text)).toBe(value)
  })

  it('gives AWS a valid tag value for any text (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 400 }), (text) => {
        const value = awsTagValue(text)
        expect(value).toMatch(AWS_TAG_VALUE)
        expect([...value].length).toBeLessThanOrEqual(256)
        expect(awsTagValue(value)).toBe(value)
      })
    )
  })

  it('tags every environment with its owner and its facts', () => {
    expect(
      environmentTags({
        repository: 'apache/superset',
        pr: 7,
        sha: 'abc123f0000',
        requester: 'renovate[bot]',
        createdMs: 1_000_999,
        expiresMs: undefined
      })
    ).toEqual({
      pr: '7',
      sha: 'abc123f',
      requester: 'renovate_bot_',
      created: '1000',
      'expires-at': 'never',
      showtime_managed: 'true',
      repository: 'apache/superset'
    })
    expect(ownershipTags('o/r')).toEqual({ showtime_managed: 'true', repository: 'o/r' })
  })
})

describe('ownership', () => {
  it.each([
    [{ repository: 'apache/superset' }, 'ours'],
    [{ repository: 'someone-else/other-app', showtime_managed: 'true' }, 'theirs'],
    [{ showtime_managed: 'true' }, 'untagged'],
    [{ repository: '' }, 'untagged'],
    [{}, 'untagged']
  ] as const)('%j is %s', (tags, whose) => {
    expect(ownership(tags, 'apache/superset')).toBe(whose)
  })

  it("lists only this repository's environments", () => {
    expect(
      environmentsOf(
        [
          { name: 'pr-1-aaaaaaa-service', tags: { repository: 'o/r', pr: '1', sha: 'aaaaaaa' } },
          { name: 'pr-2-bbbbbbb-service', tags: { repository: 'o/r' } },
          { name: 'pr-3-ccccccc-service', tags: { repository: 'x/y', pr: '3' } },
          { name: 'pr-4-service', tags: { showtime_managed: 'true' } },
          { name: 'web', tags: { repository: 'o/r' } }
        ],
        'o/r'
      )
    ).toEqual([
      { pr: 1, sha: 'aaaaaaa' },
      { pr: 2, sha: 'bbbbbbb' }
    ])
  })
})
