// The build cache, end to end through the fake docker's argv: a PR's first build and its rebuild
// read the default branch's cache and their own PR's and write only their own PR's; a fork's build
// never writes the default branch's cache; only warm-cache, on a push to the default branch,
// writes it. The GitHub Actions cache's token reaches docker through the step's environment,
// never on argv.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pushEvent } from '../../__fixtures__/events.js'
import { ACTIONS_RUNTIME, runAction } from '../support/run-action.js'
import { FAST, START, World } from '../support/world.js'
import { expectSucceeded } from '../support/expectations.js'

const A = 'abc123f' + '1'.repeat(33)
const B = 'def456a' + '2'.repeat(33)
const C = 'c0ffee1' + '3'.repeat(33)
const MAIN = '0a1b2c3' + '4'.repeat(33)

let world: World
beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())

/** The values of one option in an argv, in order. */
const values = (argv: readonly string[], option: string) =>
  argv.flatMap((arg, i) => (argv[i - 1] === option ? [arg] : []))

/** `type=gha,scope=x,mode=max` → its attributes, read here and not with the action's code. */
function attributes(value: string): Record<string, string> {
  return Object.fromEntries(value.split(',').map((pair) => pair.split('=', 2) as [string, string]))
}

/** Where each --cache-to of an argv writes: `gha:{scope}` or `registry:{ref}`. */
const writes = (argv: readonly string[]) =>
  values(argv, '--cache-to').map((v) => {
    const a = attributes(v)
    return a.type === 'gha' ? `gha:${a.scope}` : `${a.type}:${a.ref}`
  })
const reads = (argv: readonly string[]) =>
  values(argv, '--cache-from').map((v) => {
    const a = attributes(v)
    return a.type === 'gha' ? `gha:${a.scope}` : `${a.type}:${a.ref}`
  })

/** Every build this file's runs made, PR builds and the default branch's. */
const allBuilds = () => world.docker.calls()
const prBuilds = () => allBuilds().filter((argv) => argv.includes('--push'))

describe('a PR’s builds on the GitHub Actions cache', () => {
  let pr: number
  let first: string[]
  let rebuild: string[]
  beforeAll(async () => {
    pr = world.newPr([START], A)
    const before = allBuilds().length
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    world.github.updatePull(pr, { headSha: B })
    expectSucceeded(await world.sync(pr, 'synchronize', { sender: 'writer' }))
    const builds = allBuilds().slice(before)
    expect(builds).toHaveLength(2)
    ;[first = [], rebuild = []] = builds
  }, 120_000)

  it("the first build reads its own PR's cache and the default branch's, and writes its own", () => {
    expect(reads(first)).toEqual([`gha:showtime-cache-pr-${pr}`, 'gha:showtime-cache'])
    expect(writes(first)).toEqual([`gha:showtime-cache-pr-${pr}`])
    expect(values(first, '--cache-to')).toEqual([
      `type=gha,scope=showtime-cache-pr-${pr},mode=max,ignore-error=true`
    ])
    // Pushed, not loaded into the runner's Docker.
    expect(first).toContain('--push')
    expect(first).not.toContain('--load')
  })

  it('the rebuild of a new commit reads what the first build wrote', () => {
    expect(values(rebuild, '-t')).toEqual([`apache/superset:pr-${pr}-def456a-ci`])
    expect(reads(rebuild)).toContain(writes(first)[0])
    expect(values(rebuild, '--cache-from')).toEqual(values(first, '--cache-from'))
    expect(values(rebuild, '--cache-to')).toEqual(values(first, '--cache-to'))
  })

  it("docker gets the cache service's token in its environment, never on its argv", () => {
    const environments = world.docker.environments()
    expect(environments.at(-1)).toMatchObject(ACTIONS_RUNTIME)
    for (const argv of allBuilds())
      for (const secret of [ACTIONS_RUNTIME.ACTIONS_RUNTIME_TOKEN, 'token=', 'url='])
        expect(argv.join(' ')).not.toContain(secret)
  })
})

describe("a fork's build", () => {
  it("never writes the default branch's cache, nor another PR's", async () => {
    const pr = world.newPr([START], C, { fork: true })
    const before = allBuilds().length
    expectSucceeded(await world.sync(pr, 'labeled', { label: START }))
    const [build = []] = allBuilds().slice(before)
    expect(writes(build)).toEqual([`gha:showtime-cache-pr-${pr}`])
    expect(reads(build)).toEqual([`gha:showtime-cache-pr-${pr}`, 'gha:showtime-cache'])
    // No PR build of this file, the fork's among them, wrote the default scope.
    for (const argv of prBuilds()) expect(writes(argv)).not.toContain('gha:showtime-cache')
  }, 60_000)
})

describe('the registry cache', () => {
  it("reads and writes tags of the image repository, the PR's own for writes", async () => {
    const pr = world.newPr([START], A)
    const before = allBuilds().length
    expectSucceeded(
      await world.sync(pr, 'labeled', { label: START, inputs: { 'build-cache': 'registry' } })
    )
    const [build = []] = allBuilds().slice(before)
    expect(values(build, '--cache-from')).toEqual([
      `type=registry,ref=apache/superset:showtime-cache-pr-${pr}`,
      'type=registry,ref=apache/superset:showtime-cache'
    ])
    expect(values(build, '--cache-to')).toEqual([
      `type=registry,ref=apache/superset:showtime-cache-pr-${pr},mode=max,image-manifest=true,oci-mediatypes=true,ignore-error=true`
    ])
  }, 60_000)

  it('a step without the cache service builds without the gha cache, and says why', async () => {
    const pr = world.newPr([START], A)
    const before = allBuilds().length
    const result = await world.sync(pr, 'labeled', {
      label: START,
      env: { ACTIONS_RUNTIME_TOKEN: '' }
    })
    expectSucceeded(result)
    const [build = []] = allBuilds().slice(before)
    expect(values(build, '--cache-from')).toEqual([])
    expect(values(build, '--cache-to')).toEqual([])
    expect(result.commands.warnings).toContain(
      'the GitHub Actions cache service is not available to this step (no ACTIONS_RUNTIME_TOKEN): building without a cache'
    )
  }, 60_000)
})

describe('warm-cache: the trusted writer of the default branch’s cache', () => {
  const warm = (eventName: string, event: unknown, inputs: Record<string, string> = {}) =>
    runAction({
      github: world.github,
      awsEndpoint: world.aws.url,
      pathPrepend: [world.docker.dir],
      eventName,
      event,
      inputs: { mode: 'warm-cache', ...inputs },
      env: FAST
    })

  it('a push to the default branch builds it and writes the default scope, pushing no image', async () => {
    const before = allBuilds().length
    world.github.clearRequests()
    world.aws.clearRequests()
    const result = await warm('push', pushEvent(MAIN))
    expectSucceeded(result)
    const [build = []] = allBuilds().slice(before)
    expect(build.slice(0, 4)).toEqual(['buildx', 'build', '--output', 'type=cacheonly'])
    expect(build).not.toContain('--push')
    expect(build).not.toContain('-t')
    expect(values(build, '--target')).toEqual(['ci'])
    expect(values(build, '--build-arg')).toEqual([
      'INCLUDE_CHROMIUM=false',
      'LOAD_EXAMPLES_DUCKDB=true'
    ])
    expect(reads(build)).toEqual(['gha:showtime-cache'])
    expect(writes(build)).toEqual(['gha:showtime-cache'])
    expect(result.stdout).toContain(
      'wrote the build cache of master to the gha scope showtime-cache: PR builds read it'
    )
    // Nothing but the build: no GitHub or AWS request.
    expect(world.github.requests).toEqual([])
    expect(world.aws.requests).toEqual([])
  }, 60_000)

  it.each([
    [
      'a PR event, even on the base branch',
      'pull_request_target',
      { action: 'labeled', repository: { default_branch: 'master' } },
      'mode warm-cache writes the cache every PR reads: it runs only on push or workflow_dispatch of the default branch, not on pull_request_target.'
    ],
    [
      'a push to another branch',
      'push',
      pushEvent(MAIN, 'refs/heads/feature'),
      "mode warm-cache writes the default branch's cache: it runs on master, not on refs/heads/feature."
    ]
  ])('%s is refused with one line, and nothing is built', async (_name, eventName, event, line) => {
    const before = allBuilds().length
    const result = await warm(eventName, event)
    expect(result.code).toBe(1)
    expect(result.commands.errors).toEqual([line])
    expect(allBuilds()).toHaveLength(before)
  })
})
