// One case of the GitHub fault sweeps: a first deploy on a fresh PR of a world of its own while the
// k-th GitHub request answers a fault, then what the runner and a maintainer do next (the post
// step, a retry), judged from the emulators.

import type { EmulatorFault } from '../support/github-emulator.js'
import type { RunResult } from '../support/run-action.js'
import { START, World } from '../support/world.js'
import {
  convergedProblems,
  describeRun,
  errorCommands,
  failureLines,
  prServices,
  restingProblems,
  seconds,
  unreadable
} from './drill-support.js'

export const SHA = 'abc123f' + '4'.repeat(33)
export const SHORT = 'abc123f'

export interface SweepRow {
  k: number
  request: string
  outcome: 'succeeded' | 'failed, then converged' | 'broken'
  ms: number
  problems: string[]
  error?: string
}

/** Runs a first deploy once and returns its GitHub requests, as `METHOD path` lines ({pr} for
 * the PR's number). */
export async function firstDeployRequests(): Promise<string[]> {
  const world = await World.start()
  try {
    const pr = world.newPr([START], SHA)
    const result = await world.sync(pr, 'labeled', { label: START })
    if (result.code !== 0) throw new Error(`the first deploy failed: ${describeRun(result)}`)
    const problems = convergedProblems(world, pr, SHORT)
    if (problems.length > 0) throw new Error(`the first deploy did not converge: ${problems}`)
    return world.github.requests.map((r) => `${r.method} ${r.path.replace(`/${pr}/`, '/{pr}/')}`)
  } finally {
    await world.stop()
  }
}

/** A first deploy with the fault at request k, in a world of its own. */
export async function faultAt(k: number, fault: EmulatorFault): Promise<SweepRow> {
  const world = await World.start()
  try {
    return await sweepCase(world, k, fault)
  } finally {
    await world.stop()
  }
}

async function sweepCase(world: World, k: number, fault: EmulatorFault): Promise<SweepRow> {
  const pr = world.newPr([START], SHA)
  world.github.clearRequests()
  const withdraw = world.github.injectFaultAt(k, fault)
  const started = Date.now()
  const result = await world.sync(pr, 'labeled', { label: START })
  const ms = Date.now() - started
  withdraw()
  const hit = world.github.requests[k]
  const request = hit ? `${hit.method} ${hit.path.replace(`/${pr}/`, '/{pr}/')}` : '(none)'
  const problems: string[] = []
  if (hit && hit.status !== fault.status) problems.push(`request ${k} answered ${hit.status}`)
  const row = (outcome: SweepRow['outcome']): SweepRow => {
    const error = result.commands.errors.at(-1)
    return {
      k,
      request,
      outcome: problems.length === 0 ? outcome : 'broken',
      ms,
      problems,
      ...(error !== undefined && { error })
    }
  }

  if (result.code === 0) {
    if (result.commands.errors.length > 0)
      problems.push(`succeeded with errors: ${result.commands.errors.join(' | ')}`)
    problems.push(...convergedProblems(world, pr, SHORT))
    return row('succeeded')
  }

  // It failed: exactly one ::error:: line, readable, and a state a retry converges from.
  const failures = failureLines(result.stdout)
  if (failures.length !== 1)
    problems.push(`${failures.length} ::error:: lines: ${errorCommands(result.stdout).join(' | ')}`)
  const why = unreadable(result.commands.errors.at(-1) ?? '')
  if (why) problems.push(`error line ${why}: ${JSON.stringify(result.commands.errors.at(-1))}`)
  problems.push(...consistentAfterFailure(world, pr, result))

  // The runner runs the post step after a failed step too.
  const post = await world.sync(pr, 'labeled', { label: START, state: result.state })
  if (post.code !== 0) problems.push(`post step: ${describeRun(post)}`)
  problems.push(...consistentAfterFailure(world, pr, post).map((p) => `after the post step: ${p}`))

  // A maintainer retries: the start trigger again, if the failed run consumed it.
  if (!world.labels(pr).includes(START)) world.github.setLabels(pr, [...world.labels(pr), START])
  const retry = await world.sync(pr, 'labeled', { label: START })
  if (retry.code !== 0) problems.push(`retry: ${describeRun(retry)}`)
  problems.push(...convergedProblems(world, pr, SHORT).map((p) => `after the retry: ${p}`))
  return row('failed, then converged')
}

/** After a failed run: nothing half-done, and either the SHA failed or a retry is possible. */
function consistentAfterFailure(world: World, pr: number, result: RunResult): string[] {
  const problems = restingProblems(world, pr)
  const labels = world.labels(pr)
  const running = labels.includes(`🎪 ${SHORT} 🚦 running`)
  if (!running && prServices(world, pr).length > 0)
    problems.push(`services left: ${prServices(world, pr).join(', ')}`)
  const failed = labels.includes(`🎪 ${SHORT} 🚦 failed`)
  const own = labels.filter((l) => l.startsWith(`🎪 ${SHORT} `) || l === `🎪 🎯 ${SHORT}`)
  const retryable = own.length === 0 && labels.includes(START)
  if (!running && !failed && !retryable)
    problems.push(
      `neither failed nor retryable (exit ${result.code}): labels [${labels.join(', ')}]`
    )
  return problems
}

export function report(name: string, rows: readonly SweepRow[]): string {
  return (
    `${name}:\n` +
    rows
      .map(
        (r) =>
          `  k=${String(r.k).padStart(2)} ${r.request.padEnd(58)} ${r.outcome} (${seconds(r.ms)})` +
          (r.error ? `\n      error: ${r.error}` : '') +
          (r.problems.length > 0 ? `\n      ${r.problems.join('\n      ')}` : '')
      )
      .join('\n')
  )
}
