// The machine and the code a bench run measured.

import { execFileSync } from 'node:child_process'
import { cpus, loadavg, release, totalmem, type } from 'node:os'
import { REPO_ROOT } from '../__tests__/support/run-action.js'

export interface Machine {
  readonly cores: number
  readonly cpuModel: string
  readonly memoryGiB: number
  readonly os: string
  readonly node: string
  readonly date: string
  /** HEAD's short SHA, and whether dist/ differs from it; `unknown` outside git. */
  readonly commit: string
  /** The 1-minute load average when the bench started. */
  readonly load: number
}

export function describeMachine(): Machine {
  const cpu = cpus()
  return {
    cores: cpu.length,
    cpuModel: cpu[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    commit: gitCommit(),
    load: loadAverage()
  }
}

function gitCommit(): string {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8', stdio: 'pipe' }).trim()
    const head = git('rev-parse', '--short', 'HEAD')
    const distChanged = git('status', '--porcelain', '--', 'dist') !== ''
    return `${head} (dist/ ${distChanged ? 'differs from HEAD' : 'as committed'})`
  } catch {
    return 'unknown'
  }
}

/** True when an executable of that name is on PATH. */
export function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** The 1-minute load average, to two decimals. */
export function loadAverage(): number {
  return Math.round((loadavg()[0] ?? 0) * 100) / 100
}

/**
 * Waits until the 1-minute load average is under `limit` (timings measured on a busy machine say
 * more about the machine than about Showtime), checking every 30 s for at most `maxWaitMs`;
 * returns the load it starts with.
 */
export async function waitForQuiet(
  limit: number,
  maxWaitMs: number,
  progress: (text: string) => void
): Promise<number> {
  const deadline = Date.now() + maxWaitMs
  let load = loadAverage()
  while (load >= limit && Date.now() < deadline) {
    progress(`load average ${load} (≥ ${limit}): waiting for a quieter machine`)
    await new Promise((resolve) => setTimeout(resolve, 30_000))
    load = loadAverage()
  }
  return load
}
