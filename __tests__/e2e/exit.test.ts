// The process ends as soon as its work is done: outputs, state and summary written, exit code as
// the run decided. A probe loaded into the bundle's process (support/exit-probe.mjs) reports what
// was still open when it exited: nothing of Showtime's (no timer, socket or request) may be, in
// any mode, so that nothing keeps a finished step waiting. And when something else is (a
// referenced hour-long timer the probe starts, as a dependency that forgot one would), the step
// still ends at once, its results complete. The probe also reports the node that ran the bundle:
// the one SHOWTIME_BUNDLE_NODE names when set (Node 24 in CI), else the tests' own.

import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAST, START, World } from '../support/world.js'
import {
  REPO_ROOT,
  type RunOptions,
  type RunResult,
  bundleNode,
  runAction
} from '../support/run-action.js'

const SHA = 'abc123f' + '1'.repeat(33)
const PROBE = join(REPO_ROOT, '__tests__', 'support', 'exit-probe.mjs')
/** Listed by getActiveResourcesInfo() without holding the process (see src/index.ts). */
const NOT_HOLDING = ['PipeWrap', 'TTYWrap', 'CloseReq']

interface ExitReport {
  version: string
  code: number
  loopRanEmpty: boolean
  resources: string[]
}

let world: World
let dir: string
let runs = 0

beforeAll(async () => {
  world = await World.start()
  dir = await mkdtemp(join(tmpdir(), 'showtime-exit-'))
})
afterAll(async () => {
  await world.stop()
  await rm(dir, { recursive: true, force: true })
})

/** Runs `step` with the probe loaded; returns its result and the probe's report. */
async function probed(
  step: (env: Record<string, string>) => Promise<RunResult>,
  leak = false
): Promise<{ result: RunResult; exit: ExitReport }> {
  const file = join(dir, `exit-${++runs}.json`)
  const result = await step({
    NODE_OPTIONS: `--import=${PROBE}`,
    SHOWTIME_EXIT_PROBE: file,
    ...(leak && { SHOWTIME_EXIT_PROBE_LEAK: '1' })
  })
  const exit = JSON.parse(await readFile(file, 'utf8')) as ExitReport
  return { result, exit }
}

function holding(exit: ExitReport): string[] {
  return exit.resources.filter((r) => !NOT_HOLDING.includes(r))
}

const checkOn = (pr: number, env: Record<string, string>, more: Partial<RunOptions> = {}) =>
  world.run('check', pr, 'labeled', { label: 'bug', env: { ...FAST, ...env }, ...more })

describe('the process exits as soon as its work is done', () => {
  it('runs the bundle on the node SHOWTIME_BUNDLE_NODE names, else the tests’ own', async () => {
    const pr = world.newPr(['bug'], SHA)
    const { result, exit } = await probed((env) => checkOn(pr, env))
    expect(result.code, result.stdout).toBe(0)
    const expected = execFileSync(bundleNode(), ['--version'], { encoding: 'utf8' }).trim()
    expect(exit.version).toBe(expected)
  })

  it('check: outputs and summary written, then nothing left open', async () => {
    const pr = world.newPr(['bug'], SHA)
    const { result, exit } = await probed((env) => checkOn(pr, env))
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.sync_needed).toBe('false')
    expect(result.summary).toContain('Showtime')
    expect(result.state['showtime-post']).toBe('true')
    expect(exit.code).toBe(0)
    expect(holding(exit), JSON.stringify(exit)).toEqual([])
  })

  it('a failing run: exit code 1, its error line, then nothing left open', async () => {
    const pr = world.newPr(['bug'], SHA)
    const { result, exit } = await probed((env) => checkOn(pr, { ...env, INPUT_MODE: 'bogus' }))
    expect(result.code).toBe(1)
    expect(result.commands.errors.join('\n')).toContain('"mode" must be one of')
    expect(exit.code).toBe(1)
    expect(holding(exit), JSON.stringify(exit)).toEqual([])
  })

  it('sync, a first deploy (GitHub, docker, ECS, the health check): nothing left open', async () => {
    const pr = world.newPr([START], SHA)
    const { result, exit } = await probed((env) =>
      world.sync(pr, 'labeled', { label: START, env: { ...FAST, ...env } })
    )
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.sync_needed).toBe('true')
    expect(world.labels(pr)).toContain('🎪 abc123f 🚦 running')
    expect(holding(exit), JSON.stringify(exit)).toEqual([])
  })

  it('the post step and cleanup: nothing left open', async () => {
    const pr = world.newPr(['bug'], SHA)
    const post = await probed((env) => checkOn(pr, env, { state: { 'showtime-post': 'true' } }))
    expect(post.result.code, post.result.stdout).toBe(0)
    expect(holding(post.exit), JSON.stringify(post.exit)).toEqual([])

    const cleanup = await probed((env) =>
      runAction({
        github: world.github,
        awsEndpoint: world.aws.url,
        eventName: 'schedule',
        event: { schedule: '0 */6 * * *' },
        inputs: { mode: 'cleanup' },
        env: { ...FAST, ...env }
      })
    )
    expect(cleanup.result.code, cleanup.result.stdout).toBe(0)
    expect(holding(cleanup.exit), JSON.stringify(cleanup.exit)).toEqual([])
  })

  it('a timer left running by someone else does not keep the finished step waiting', async () => {
    const pr = world.newPr(['bug'], SHA)
    // The timer is an hour long: a step that waited for it would be killed at this bound.
    const { result, exit } = await probed((env) => checkOn(pr, env, { timeoutMs: 30_000 }), true)
    expect(result.code, result.stdout).toBe(0)
    expect(result.outputs.sync_needed).toBe('false')
    expect(result.summary).toContain('Showtime')
    expect(exit.loopRanEmpty).toBe(false)
    expect(holding(exit)).toContain('Timeout')
  })
})
