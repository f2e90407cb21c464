// The action's own time in a full first deploy, beyond the waits the emulators inject on purpose:
// the fake docker build takes D ms and ECS takes S ms to stabilise, the bundle's waits are scaled
// down (SHOWTIME_TIME_SCALE) so its pollers check every few tens of milliseconds, and GitHub writes
// are not spaced. Whatever the run takes beyond D + S is overhead: Node's start-up, requests to the
// emulators, the health check and the granularity of the polls.

import { join } from 'node:path'
import { pullRequestEvent } from '../__fixtures__/events.js'
import { fakeDocker } from '../__tests__/support/run-action.js'
import { FAST, START, World } from '../__tests__/support/world.js'
import { freshCommit } from './fixtures.js'
import type { NodeBinary } from './node24.js'
import { RunnerStep, type TimedLine, timeChild } from './runner.js'

export interface Overhead {
  /** The version of the node that ran the bundle. */
  readonly node: string
  readonly dockerMs: number
  readonly stabilizeMs: number
  /** Wall time of each measured first deploy, spawn to exit. */
  readonly wallMs: readonly number[]
  /** Where the run with the median wall time spent it, by its log's top-level groups. */
  readonly medianRunPhases: readonly Phase[]
  /** Wall time of the fake docker alone with no delay: its own Node start-up, part of each W. */
  readonly fakeDockerStartMs: readonly number[]
  readonly anomalies: readonly string[]
}

export async function measureOverhead(
  dockerMs: number,
  stabilizeMs: number,
  runs: number,
  node: NodeBinary
): Promise<Overhead> {
  const world = await World.start()
  world.aws.setBehaviour({ stabilizeMs })
  await world.setDocker({ delayMs: dockerMs })
  const measured: DeployRun[] = []
  const anomalies: string[] = []
  try {
    // One warm-up run, not counted.
    for (let i = 0; i <= runs; i++) {
      const run = await firstDeploy(world, node.path)
      if (run.problem) anomalies.push(run.problem)
      if (i > 0) measured.push(run)
    }
    const byTime = [...measured].sort((a, b) => a.ms - b.ms)
    return {
      node: node.version,
      dockerMs,
      stabilizeMs,
      wallMs: measured.map((r) => r.ms),
      medianRunPhases: byTime[Math.floor((byTime.length - 1) / 2)]?.phases ?? [],
      fakeDockerStartMs: await fakeDockerStart(world.docker.dir),
      anomalies
    }
  } finally {
    await world.stop()
  }
}

interface DeployRun {
  readonly ms: number
  readonly phases: readonly Phase[]
  readonly problem?: string
}

async function firstDeploy(world: World, node: string): Promise<DeployRun> {
  const commit = freshCommit()
  const pr = world.newPr([START], commit.sha)
  const step = await RunnerStep.prepare({
    github: world.github,
    eventName: 'pull_request_target',
    event: pullRequestEvent('labeled', { number: pr, headSha: commit.sha, label: START }),
    inputs: { mode: 'sync', 'container-port': String(world.app.port) },
    awsEndpoint: world.aws.url,
    pathPrepend: [world.docker.dir],
    env: FAST,
    node
  })
  try {
    const run = await step.start()
    const phases = logPhases(run.lines, run.ms, commit.short)
    const running = world.github.labelsOn(pr).includes(`🎪 ${commit.short} 🚦 running`)
    if (run.code === 0 && running) return { ms: run.ms, phases }
    const error = run.lines.find((l) => l.text.startsWith('::error'))?.text ?? ''
    return { ms: run.ms, phases, problem: `PR #${pr}: exit ${run.code} ${error}`.trim() }
  } finally {
    await step.dispose()
  }
}

/** Times a delay-free copy of the fake docker, five times. */
export interface Phase {
  readonly name: string
  readonly ms: number
}

/**
 * Splits a run's time by the top-level `::group::` sections of its log (nested groups count in
 * their parent), with the stretches outside any group between them. `short` is replaced by
 * `{sha}` in group names.
 */
export function logPhases(lines: readonly TimedLine[], exitMs: number, short: string): Phase[] {
  const phases: Phase[] = []
  let depth = 0
  let boundary = 0
  let open = { name: '', ms: 0 }
  const outside = (name: string, until: number) => {
    if (until - boundary >= 1) phases.push({ name, ms: until - boundary })
  }
  for (const line of lines) {
    if (line.text.startsWith('::group::')) {
      if (depth === 0) {
        outside(phases.length === 0 ? '(before the first group)' : '(between groups)', line.ms)
        open = { name: line.text.slice('::group::'.length).replaceAll(short, '{sha}'), ms: line.ms }
      }
      depth++
    } else if (line.text.startsWith('::endgroup::') && depth > 0 && --depth === 0) {
      phases.push({ name: open.name, ms: line.ms - open.ms })
      boundary = line.ms
    }
  }
  outside('(after the last group, to exit)', exitMs)
  return phases
}

async function fakeDockerStart(dockerDir: string): Promise<number[]> {
  const dir = join(dockerDir, 'no-delay')
  await fakeDocker(dir)
  const samples: number[] = []
  for (let i = 0; i < 5; i++) {
    const run = await timeChild([join(dir, 'docker'), 'version'], { PATH: '' }, dir)
    samples.push(run.ms)
  }
  return samples
}
