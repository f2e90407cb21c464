// What one environment is deployed as: the rendered task definition (its variables, the address
// behind the load balancer, the PR's feature flags when a prefix is set), its tags, and the
// container the load balancer reaches.

import { describe, expect, it } from 'vitest'
import { type EnvironmentSpecFacts, environmentSpec } from '../../src/domain/environment-spec.js'

const template = {
  family: 'superset',
  containerDefinitions: [
    {
      name: 'superset',
      image: 'placeholder',
      environment: [
        { name: 'SUPERSET_FEATURE_OLD', value: 'True' },
        { name: 'KEEP', value: '1' }
      ]
    },
    { name: 'sidecar', image: 'busybox' }
  ]
}
const facts: EnvironmentSpecFacts = {
  template,
  image: 'apache/superset:pr-7-abc123f-ci',
  containerPort: 8088,
  pr: 7,
  sha: 'abc123f',
  repository: 'apache/superset',
  body: 'Try FEATURE_ALERTS=true and FEATURE_EMBED=maybe',
  tags: {
    repository: 'apache/superset',
    pr: 7,
    sha: 'abc123f',
    requester: 'maxime',
    createdMs: 1_000_000,
    expiresMs: undefined
  }
}
const variables = (spec: ReturnType<typeof environmentSpec>) =>
  Object.fromEntries(
    (
      spec.taskDefinition.containerDefinitions?.[0] as {
        environment: { name: string; value: string }[]
      }
    ).environment.map((e) => [e.name, e.value])
  )

describe('the spec of an environment', () => {
  it('sets the image, the SHOWTIME_* variables and the tags; the sidecar stays', () => {
    const spec = environmentSpec(facts)
    const [app, sidecar] = spec.taskDefinition.containerDefinitions ?? []
    expect(app?.image).toBe('apache/superset:pr-7-abc123f-ci')
    expect(sidecar).toEqual({ name: 'sidecar', image: 'busybox' })
    expect(variables(spec)).toMatchObject({
      SHOWTIME_PR: '7',
      SHOWTIME_SHA: 'abc123f',
      SHOWTIME_REPOSITORY: 'apache/superset',
      KEEP: '1'
    })
    expect(variables(spec)).not.toHaveProperty('SHOWTIME_URL')
    expect(spec.tags).toMatchObject({
      pr: '7',
      sha: 'abc123f',
      requester: 'maxime',
      'expires-at': 'never'
    })
    expect(spec.taskDefinition.tags).toEqual(
      Object.entries(spec.tags).map(([key, value]) => ({ key, value }))
    )
    expect(spec.containerName).toBe('superset')
  })

  it('without a prefix, passes no feature flag and reports none', () => {
    const spec = environmentSpec(facts)
    expect(spec.flags).toEqual([])
    expect(spec.skippedFlags).toEqual([])
    expect(variables(spec)).toHaveProperty('SUPERSET_FEATURE_OLD', 'True')
    expect(environmentSpec({ ...facts, flagPrefix: '' }).flags).toEqual([])
  })

  it('with a prefix, passes the clear flags, replaces the template’s, and reports the rest', () => {
    const spec = environmentSpec({ ...facts, flagPrefix: 'SUPERSET_FEATURE_' })
    expect(spec.flags).toEqual([{ name: 'SUPERSET_FEATURE_ALERTS', value: 'True' }])
    expect(spec.skippedFlags).toEqual(['FEATURE_EMBED=maybe'])
    expect(variables(spec)).toHaveProperty('SUPERSET_FEATURE_ALERTS', 'True')
    expect(variables(spec)).not.toHaveProperty('SUPERSET_FEATURE_OLD')
  })

  it('behind the load balancer, tells the app its address', () => {
    const spec = environmentSpec({ ...facts, url: 'https://pr-7.preview.example.com' })
    expect(variables(spec)).toHaveProperty('SHOWTIME_URL', 'https://pr-7.preview.example.com')
  })
})
