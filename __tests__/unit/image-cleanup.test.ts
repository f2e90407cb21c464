import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { commitOfService, ecrImage, ownRevision } from '../../src/domain/image-cleanup.js'

describe('ecrImage', () => {
  it.each([
    [
      '123456789012.dkr.ecr.us-west-2.amazonaws.com/superset',
      {
        registryId: '123456789012',
        region: 'us-west-2',
        repositoryName: 'superset',
        tag: 'pr-12-abc123f-ci'
      }
    ],
    [
      '123456789012.dkr.ecr.eu-central-1.amazonaws.com/team/app',
      {
        registryId: '123456789012',
        region: 'eu-central-1',
        repositoryName: 'team/app',
        tag: 'pr-12-abc123f-ci'
      }
    ],
    [
      '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/app',
      {
        registryId: '123456789012',
        region: 'cn-north-1',
        repositoryName: 'app',
        tag: 'pr-12-abc123f-ci'
      }
    ],
    [
      '123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/app',
      {
        registryId: '123456789012',
        region: 'us-gov-west-1',
        repositoryName: 'app',
        tag: 'pr-12-abc123f-ci'
      }
    ],
    [
      '123456789012.DKR.ECR.US-WEST-2.AMAZONAWS.COM/App',
      {
        registryId: '123456789012',
        region: 'us-west-2',
        repositoryName: 'app',
        tag: 'pr-12-abc123f-ci'
      }
    ],
    ['123456789012.dkr.ecr.us-west-2.amazonaws.com/', undefined],
    ['123456789012.dkr.ecr.us-west-2.amazonaws.com/-app', undefined],
    ['123456789012.dkr.ecr.uswest-2.amazonaws.com/app', undefined],
    ['123456789012.dkr.ecr.us-west.amazonaws.com/app', undefined],
    ['1234567890123.dkr.ecr.us-west-2.amazonaws.com/app', undefined],
    ['apache/superset', undefined],
    ['ghcr.io/apache/superset', undefined],
    ['public.ecr.aws/abc/app', undefined],
    ['123456789012.dkr.ecr.us-west-2.amazonaws.com.evil.example/app', undefined],
    ['evil.example/123456789012.dkr.ecr.us-west-2.amazonaws.com/app', undefined],
    ['12345678901.dkr.ecr.us-west-2.amazonaws.com/app', undefined]
  ])('%s', (repository, image) => {
    expect(ecrImage(repository, 12, 'abc123f' + '0'.repeat(33))).toEqual(image)
  })

  it('names only the commit’s own tag, whatever the PR and commit', () => {
    const branches = new Branches('names only the commit’s own tag', { named: 1 })
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 ** 9 }),
        fc.stringMatching(/^[0-9a-f]{40}$/),
        (pr, sha) => {
          branches.run()
          const image = ecrImage('123456789012.dkr.ecr.us-west-2.amazonaws.com/app', pr, sha)
          branches.hit('named', image !== undefined)
          expect(image?.tag).toBe(`pr-${pr}-${sha.slice(0, 7)}-ci`)
        }
      )
    )
    branches.check()
  })
})

describe('ownRevision', () => {
  const arn = (family: string) => `arn:aws:ecs:us-west-2:123456789012:task-definition/${family}:7`
  const template = (family: string | undefined) => ({ kind: 'template-family', family }) as const
  const anyShowtime = { kind: 'showtime-families' } as const
  it.each([
    ['the template’s family', arn('showtime-app'), template('showtime-app'), arn('showtime-app')],
    ['another family', arn('showtime-other'), template('showtime-app'), undefined],
    ['a family that is not Showtime’s', arn('app'), template('app'), undefined],
    [
      'a prefix of the family is not it',
      arn('showtime-app-2'),
      template('showtime-app'),
      undefined
    ],
    ['no revision known', undefined, template('showtime-app'), undefined],
    ['no template family', arn('showtime-app'), template(undefined), undefined],
    ['not an ARN', 'showtime-app:7', template('showtime-app'), undefined],
    ['not an ARN, and no template family', 'showtime-app:7', template(undefined), undefined],
    [
      'another partition',
      'arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/showtime-app:7',
      template('showtime-app'),
      'arn:aws-cn:ecs:cn-north-1:123456789012:task-definition/showtime-app:7'
    ],
    ['text before the ARN', `x${arn('showtime-app')}`, template('showtime-app'), undefined],
    ['text after the ARN', `${arn('showtime-app')}/x`, template('showtime-app'), undefined],
    [
      'no revision number',
      arn('showtime-app').replace(/:7$/, ':'),
      template('showtime-app'),
      undefined
    ],
    [
      'a partition that is not AWS’s',
      arn('showtime-app').replace('arn:aws:', 'arn:aws1:'),
      template('showtime-app'),
      undefined
    ],
    // The scheduled cleanup reads no template: any of Showtime's families, none other.
    [
      'cleanup: a Showtime family',
      arn('showtime-superset-ci'),
      anyShowtime,
      arn('showtime-superset-ci')
    ],
    ['cleanup: the bare family', arn('showtime'), anyShowtime, arn('showtime')],
    ['cleanup: a family that is not Showtime’s', arn('superset-ci'), anyShowtime, undefined],
    ['cleanup: showtime inside the name', arn('app-showtime'), anyShowtime, undefined],
    ['cleanup: upper case is another family', arn('Showtime-app'), anyShowtime, undefined],
    ['cleanup: no revision known', undefined, anyShowtime, undefined],
    ['cleanup: not an ARN', 'showtime-app:7', anyShowtime, undefined],
    ['cleanup: text after the ARN', `${arn('showtime-app')}/x`, anyShowtime, undefined]
  ] as const)('%s', (_what, taskDefinition, scope, revision) => {
    expect(ownRevision(taskDefinition, scope)).toBe(revision)
  })
})

describe('commitOfService', () => {
  it.each([
    ['a service of a commit', 'pr-42-abc123f-service', { pr: 42, sha: 'abc123f' }],
    ['the Python tool’s service of a PR names no commit', 'pr-42-service', undefined],
    ['a name that is not Showtime’s', 'unrelated-api', undefined],
    ['a commit of 6 characters', 'pr-42-abc123-service', undefined],
    ['upper-case hex', 'pr-42-ABC123F-service', undefined],
    ['text before the name', 'x-pr-42-abc123f-service', undefined],
    ['text after the name', 'pr-42-abc123f-service-2', undefined]
  ])('%s', (_what, name, commit) => {
    expect(commitOfService(name)).toEqual(commit)
  })
})
