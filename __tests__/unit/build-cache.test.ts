// The build cache: a PR's build reads the default branch's cache and its own PR's, and writes only
// its own PR's; only a trusted run of the default branch writes the default branch's. The tests
// read the buildx values with their own parser (CSV of key=value), not with the module's helpers.

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  CACHE_NAME,
  type CacheOwner,
  type CacheSettings,
  cacheArguments,
  cacheWriterRefusal
} from '../../src/domain/build-cache.js'

const REPO = '123456789012.dkr.ecr.us-west-2.amazonaws.com/showtime/app'
const facts = { imageRepository: REPO, ghaAvailable: true }
const pr = (n: number): CacheOwner => ({ kind: 'pull-request', pr: n })
const DEFAULT: CacheOwner = { kind: 'default-branch' }

/** `type=gha,scope=x,mode=max` → { type: 'gha', scope: 'x', mode: 'max' }. */
function attributes(value: string): Record<string, string> {
  return Object.fromEntries(
    value.split(',').map((pair) => {
      const eq = pair.indexOf('=')
      return [pair.slice(0, eq), pair.slice(eq + 1)]
    })
  )
}

/** Where a cache value points: the gha scope, or the registry tag of the image repository. */
function place(value: string): string {
  const a = attributes(value)
  if (a.type === 'gha') return `gha:${a.scope}`
  if (a.type === 'registry') {
    expect(a.ref?.startsWith(`${REPO}:`), value).toBe(true)
    return `registry:${a.ref?.slice(REPO.length + 1)}`
  }
  throw new Error(`unexpected cache value ${value}`)
}

describe('the caches one build reads and writes', () => {
  it.each<[string, CacheSettings, CacheOwner, { from: string[]; to: string[] }]>([
    [
      "a PR's build on the GitHub Actions cache: its own and the default branch's, writing its own",
      { backend: 'gha', name: 'showtime-cache' },
      pr(42),
      {
        from: ['type=gha,scope=showtime-cache-pr-42', 'type=gha,scope=showtime-cache'],
        to: ['type=gha,scope=showtime-cache-pr-42,mode=max,ignore-error=true']
      }
    ],
    [
      "the default branch's build writes the default scope",
      { backend: 'gha', name: 'showtime-cache' },
      DEFAULT,
      {
        from: ['type=gha,scope=showtime-cache'],
        to: ['type=gha,scope=showtime-cache,mode=max,ignore-error=true']
      }
    ],
    [
      "a PR's build on the registry cache: tags of the image repository, in ECR's format",
      { backend: 'registry', name: 'cache' },
      pr(7),
      {
        from: [`type=registry,ref=${REPO}:cache-pr-7`, `type=registry,ref=${REPO}:cache`],
        to: [
          `type=registry,ref=${REPO}:cache-pr-7,mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`
        ]
      }
    ],
    ['no cache', { backend: 'none', name: 'showtime-cache' }, pr(7), { from: [], to: [] }],
    [
      'explicit values replace the generated ones, each on its own',
      { backend: 'gha', name: 'c', from: ['type=local,src=/tmp/c'] },
      pr(7),
      { from: ['type=local,src=/tmp/c'], to: ['type=gha,scope=c-pr-7,mode=max,ignore-error=true'] }
    ],
    [
      'an explicit write with no generated cache',
      { backend: 'none', name: 'c', to: ['type=inline'] },
      pr(7),
      { from: [], to: ['type=inline'] }
    ]
  ])('%s', (_name, settings, owner, expected) => {
    expect(cacheArguments(settings, owner, facts)).toEqual(expected)
  })

  it('builds without the GitHub Actions cache when the step has no cache service, and says why', () => {
    const args = cacheArguments({ backend: 'gha', name: 'c' }, pr(1), {
      ...facts,
      ghaAvailable: false
    })
    expect(args.from).toEqual([])
    expect(args.to).toEqual([])
    expect(args.note).toMatch(/not available to this step \(no ACTIONS_RUNTIME_TOKEN\)$/)
    // Explicit values do not depend on it.
    const explicit = cacheArguments({ backend: 'gha', name: 'c', from: ['a'], to: ['b'] }, pr(1), {
      ...facts,
      ghaAvailable: false
    })
    expect(explicit).toEqual({ from: ['a'], to: ['b'] })
  })

  it("a PR's build never writes the default branch's cache nor another PR's, and reads no other PR's", () => {
    const branches = new Branches('cache isolation', { gha: 0.3, registry: 0.3, sameNumbers: 0.02 })
    const name = fc.stringMatching(CACHE_NAME)
    // Small numbers often (the same PR twice), and any number.
    const prNumber = fc.oneof(
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 2 ** 31 - 1 })
    )
    fc.assert(
      fc.property(
        fc.constantFrom('gha' as const, 'registry' as const),
        name,
        prNumber,
        prNumber,
        (backend, cacheName, mine, other) => {
          const b = branches.run()
          b.hit(backend)
          b.hit('sameNumbers', mine === other)
          const settings = { backend, name: cacheName }
          const own = cacheArguments(settings, pr(mine), facts)
          const theirs = cacheArguments(settings, pr(other), facts)
          const trusted = cacheArguments(settings, DEFAULT, facts)
          const [trustedWrite] = trusted.to.map(place)
          expect(own.to).toHaveLength(1)
          expect(own.to.map(place)).not.toContain(trustedWrite)
          // It reads what the default branch writes, and what it writes itself.
          expect(own.from.map(place)).toEqual([...own.to.map(place), trustedWrite])
          if (mine !== other) {
            expect(own.to.map(place)).not.toEqual(theirs.to.map(place))
            expect(own.from.map(place)).not.toContain(theirs.to.map(place)[0])
          }
        }
      ),
      { numRuns: 500 }
    )
    branches.check()
  })
})

describe('who may write the default branch’s cache', () => {
  const payload = { defaultBranch: 'master' }
  it.each([
    ['a push to the default branch', { eventName: 'push', ref: 'refs/heads/master' }, undefined],
    [
      'a dispatch on the default branch',
      { eventName: 'workflow_dispatch', ref: 'refs/heads/master' },
      undefined
    ],
    [
      'a push to another branch',
      { eventName: 'push', ref: 'refs/heads/feature' },
      "mode warm-cache writes the default branch's cache: it runs on master, not on refs/heads/feature"
    ],
    [
      'a tag',
      { eventName: 'push', ref: 'refs/tags/master' },
      "mode warm-cache writes the default branch's cache: it runs on master, not on refs/tags/master"
    ],
    [
      'a PR run, even on the base branch',
      { eventName: 'pull_request_target', ref: 'refs/heads/master' },
      'mode warm-cache writes the cache every PR reads: it runs only on push or workflow_dispatch of the default branch, not on pull_request_target'
    ],
    [
      'a PR run of the fork itself',
      { eventName: 'pull_request', ref: 'refs/pull/7/merge' },
      'mode warm-cache writes the cache every PR reads: it runs only on push or workflow_dispatch of the default branch, not on pull_request'
    ]
  ])('%s', (_name, run, refusal) => {
    expect(cacheWriterRefusal({ ...run, ...payload })).toBe(refusal)
  })

  it('refuses when the event names no default branch', () => {
    expect(cacheWriterRefusal({ eventName: 'push', ref: 'refs/heads/master' })).toBe(
      "mode warm-cache cannot tell the repository's default branch: the push event names none"
    )
  })
})
