import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  awsTagValue,
  deployedImage,
  deploymentTask,
  environmentTags,
  fnv1a,
  imageReference,
  ownershipTags,
  parsePreviewHost,
  parseServiceName,
  parseTargetGroupName,
  repositoryKey,
  serviceName,
  targetGroupName,
  targetGroupNameOfArn
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
    const branches = new Branches('tag values', { 'changed to fit': 0.3, 'cut to 256': 0.05 })
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 400 }),
          fc.string({ unit: 'grapheme', minLength: 250, maxLength: 400 })
        ),
        (text) => {
          const value = awsTagValue(text)
          branches.run().hit('changed to fit', value !== text)
          branches.hit('cut to 256', [...text].length > 256)
          expect(value).toMatch(AWS_TAG_VALUE)
          expect([...value].length).toBeLessThanOrEqual(256)
          expect(awsTagValue(value)).toBe(value)
        }
      ),
      { numRuns: 500 }
    )
    branches.check()
  })

  it('tags every environment with its owner and its facts', () => {
    expect(
      environmentTags({
        repository: 'apache/superset',
        pr: 7,
        sha: 'abc123f' + '0'.repeat(33),
        requester: 'renovate[bot]',
        createdMs: 1_000_999,
        expiresMs: undefined
      })
    ).toEqual({
      pr: '7',
      // The full commit: what proves which commit the environment runs.
      sha: 'abc123f' + '0'.repeat(33),
      requester: 'renovate_bot_',
      created: '1000',
      'expires-at': 'never',
      showtime_managed: 'true',
      repository: 'apache/superset'
    })
    expect(ownershipTags('o/r')).toEqual({ showtime_managed: 'true', repository: 'o/r' })
  })
})

describe('the image an environment runs', () => {
  it('is deployed by the digest of its build, never by a tag', () => {
    const digest = 'sha256:' + 'e'.repeat(64)
    expect(deployedImage('r/app:pr-1-abc123f-ci', 'r/app', digest)).toBe(`r/app@${digest}`)
    // Only a dry-run build, which reports no digest, leaves the tag.
    expect(deployedImage('r/app:pr-1-abc123f-ci', 'r/app')).toBe('r/app:pr-1-abc123f-ci')
    for (const bad of [
      'sha256:abc',
      'sha512:' + 'e'.repeat(128),
      'latest',
      `sha256:${'E'.repeat(64)}`
    ])
      expect(() => deployedImage('r/app:t', 'r/app', bad)).toThrow(`"${bad}", not a sha256 digest`)
  })
})

// Edge cases of the AWS resource names and tags (src/domain/resources.ts) that the main suite
// leaves open: anchored name patterns, the repository key's exact value, hosts outside the preview
// domain, tag-value length, and environments whose tags or names are incomplete.
const ARN_PREFIX = 'arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup'

describe('repository key', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968]
  ])('hashes %j with the published FNV-1a 32-bit vectors', (text, hash) => {
    expect(fnv1a(text)).toBe(hash)
  })

  it.each([
    // FNV-1a of the lower-cased name, as eight hex digits, cut to six.
    ['apache/superset', 'c28b44'],
    ['Apache/SuperSet', 'c28b44'],
    ['APACHE/SUPERSET', 'c28b44'],
    ['o/r', 'a88b6d'],
    // Hashes below 0x10000000 keep their leading zero.
    ['owner/repo-228', '0904cf'],
    ['Owner/Repo-248', '0d13df'],
    ['owner/repo-261', '0a0f5d']
  ])('of %s is %s', (repository, key) => {
    expect(repositoryKey(repository)).toBe(key)
    expect(repositoryKey(repository)).toMatch(/^[0-9a-f]{6}$/)
  })

  it('is six lower-case hex characters that ignore case, for any ASCII name (property)', () => {
    const branches = new Branches('repository key', { 'letters of both cases': 0.3 })
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-ascii', maxLength: 60 }), (repository) => {
        branches
          .run()
          .hit('letters of both cases', /[a-z]/.test(repository) && /[A-Z]/.test(repository))
        expect(repositoryKey(repository)).toMatch(/^[0-9a-f]{6}$/)
        expect(repositoryKey(repository.toUpperCase())).toBe(
          repositoryKey(repository.toLowerCase())
        )
      }),
      { numRuns: 1000 }
    )
    branches.check()
  })
})

describe('target group names', () => {
  it('name a leading-zero key in full and parse back', () => {
    const name = targetGroupName('owner/repo-228', 12, 'ABCDEF0123456')
    expect(name).toBe('st-0904cf-12-abcdef0')
    expect(parseTargetGroupName(name)).toEqual({ repositoryKey: '0904cf', pr: 12, sha: 'abcdef0' })
  })

  it.each([
    ['st-c28b44-7-abc123f', { repositoryKey: 'c28b44', pr: 7, sha: 'abc123f' }],
    ['xst-c28b44-7-abc123f', undefined],
    ['my-st-c28b44-7-abc123f', undefined],
    ['st-c28b44-7-abc123f0', undefined],
    ['st-c28b44-7-abc123f-old', undefined],
    ['st-c28b44-7-ABC123F', undefined],
    ['st-c28b4-7-abc123f', undefined]
  ])('parses %j as %j', (name, parsed) => {
    expect(parseTargetGroupName(name)).toEqual(parsed)
  })

  it.each([
    [`${ARN_PREFIX}/st-c28b44-7-abc123f/73e2d6bc24d8a067`, 'st-c28b44-7-abc123f'],
    [`${ARN_PREFIX}/with:colon/73e2d6bc24d8a067`, 'with:colon'],
    [`${ARN_PREFIX}/a::b/1`, 'a::b'],
    ['targetgroup/st-c28b44-7-abc123f/73e2d6bc24d8a067', ''],
    ['a/b:c/d', ''],
    ['', ''],
    ['arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup', '']
  ])('takes the name out of ARN %j: %j', (arn, name) => {
    expect(targetGroupNameOfArn(arn)).toBe(name)
  })
})

describe('preview hosts', () => {
  it.each([
    ['pr-12.preview.example.com', 12],
    ['PR-12.Preview.Example.COM', 12],
    // Another domain, even one of the same length, is not ours.
    ['pr-12.preview.example.org', undefined],
    ['pr-12.preview-example.com', undefined],
    ['pr-12', undefined],
    // The whole label must be pr-N.
    ['xpr-12.preview.example.com', undefined],
    ['dev-pr-12.preview.example.com', undefined],
    ['a.pr-12.preview.example.com', undefined],
    ['pr-12x.preview.example.com', undefined],
    ['pr-012.preview.example.com', undefined],
    ['pr-0.preview.example.com', undefined]
  ])('%s is PR %j', (host, pr) => {
    expect(parsePreviewHost(host, 'preview.example.com')).toBe(pr)
  })
})

describe('deployment task', () => {
  it.each([
    [1, 'deploy:pr-1'],
    [1234, 'deploy:pr-1234']
  ])('of PR %i is %s', (pr, task) => {
    expect(deploymentTask(pr)).toBe(task)
  })

  it('tells PRs apart', () => {
    expect(deploymentTask(12)).not.toBe(deploymentTask(13))
  })
})

describe('service names', () => {
  it.each([
    ['xpr-12-abc123f-service', undefined],
    ['old-pr-12-abc123f-service', undefined],
    ['pr-12-abc123f-service-old', undefined],
    ['pr-12-abc123f-services', undefined],
    ['xpr-12-service', undefined],
    ['old-pr-12-service', undefined],
    ['pr-12-service-old', undefined],
    ['pr-12-services', undefined]
  ])('%s is not named like ours', (name, parsed) => {
    expect(parseServiceName(name)).toEqual(parsed)
  })
})

describe('tag values', () => {
  it.each([
    ['a'.repeat(256), 'a'.repeat(256)],
    ['a'.repeat(257), 'a'.repeat(256)],
    ['b'.repeat(300), 'b'.repeat(256)],
    ['[]'.repeat(200), '_'.repeat(256)],
    // Characters, not UTF-16 units, count: these letters take two units each.
    ['𝐀'.repeat(300), '𝐀'.repeat(256)]
  ])('cuts a long value to 256 characters (%#)', (text, value) => {
    expect(awsTagValue(text)).toBe(value)
    expect([...awsTagValue(text)]).toHaveLength(Math.min([...text].length, 256))
  })

  it.each([
    [1_700_000_000_999, '1700000000'],
    [5_000, '5'],
    [0, '0']
  ])('gives an environment that expires at %i ms an expires-at of %s s', (expiresMs, seconds) => {
    const tags = environmentTags({
      repository: 'apache/superset',
      pr: 7,
      sha: 'abc123f',
      requester: 'octocat',
      createdMs: 1_000,
      expiresMs
    })
    expect(tags['expires-at']).toBe(seconds)
    expect(tags.created).toBe('1')
  })
})
