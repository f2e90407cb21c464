// Starts `node dist/index.js` as a GitHub runner does (the same environment that runAction in
// __tests__/support/run-action.ts builds), but times the child process alone: from spawn to exit,
// without the harness's own temp-file and YAML work. A prepared step can be started many times.

import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { GitHubEmulator } from '../__tests__/support/github-emulator.js'
import {
  REPO_ROOT,
  type RunnerPaths,
  loadAction,
  prepareRunnerFiles,
  resetFileCommands,
  runnerEnvironment
} from '../__tests__/support/run-action.js'

export const ENTRY = join(REPO_ROOT, 'dist', 'index.js')

export interface StepSpec {
  readonly github: GitHubEmulator
  readonly eventName: string
  readonly event: unknown
  /** Action inputs by their action.yml names; action.yml defaults fill in the rest. */
  readonly inputs: Readonly<Record<string, string>>
  readonly awsEndpoint?: string
  /** Directories put in front of PATH (the fake docker's). */
  readonly pathPrepend?: readonly string[]
  readonly env?: Readonly<Record<string, string>>
  /** The node binary that runs the bundle; default the one running the bench. */
  readonly node?: string
}

export interface TimedExit {
  readonly code: number | null
  /** Wall time from spawn to the child's exit. */
  readonly ms: number
  readonly stdout: string
  readonly stderr: string
  /** Each stdout line with the time since spawn at which it arrived. */
  readonly lines: readonly TimedLine[]
}

export interface TimedLine {
  readonly ms: number
  readonly text: string
}

export class RunnerStep {
  private constructor(
    private readonly dir: string,
    private readonly paths: RunnerPaths,
    private readonly env: Readonly<Record<string, string>>,
    private readonly node: string
  ) {}

  static async prepare(spec: StepSpec): Promise<RunnerStep> {
    const dir = await mkdtemp(join(tmpdir(), 'showtime-bench-'))
    const paths = await prepareRunnerFiles(dir, spec.event)
    const { yml } = await loadAction(REPO_ROOT)
    const env = runnerEnvironment(
      {
        github: spec.github,
        eventName: spec.eventName,
        event: spec.event,
        inputs: { ...spec.inputs },
        ...(spec.awsEndpoint && { awsEndpoint: spec.awsEndpoint }),
        pathPrepend: [...(spec.pathPrepend ?? [])],
        env: { ...spec.env }
      },
      yml,
      paths
    )
    return new RunnerStep(dir, paths, env, spec.node ?? process.execPath)
  }

  /** Starts the bundle once, with `extraEnv` over the prepared environment. */
  async start(extraEnv: Readonly<Record<string, string>> = {}): Promise<TimedExit> {
    await resetFileCommands(this.paths)
    return timeChild([ENTRY], { ...this.env, ...extraEnv }, this.paths.workspace, {
      node: this.node
    })
  }

  dispose(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true })
  }
}

export interface ChildOptions {
  /** The node binary; default the one running the bench. */
  readonly node?: string
  readonly timeoutMs?: number
}

/** Spawns `node ...args` and measures wall time until it exits. */
export function timeChild(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  cwd: string,
  { node = process.execPath, timeoutMs = 120_000 }: ChildOptions = {}
): Promise<TimedExit> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    let exit: { code: number | null; ms: number } | undefined
    const lines: TimedLine[] = []
    let partial = ''
    const started = performance.now()
    const onStdout = (data: string) => {
      stdout += data
      const parts = (partial + data).split('\n')
      partial = parts.pop() ?? ''
      const ms = performance.now() - started
      for (const text of parts) lines.push({ ms, text })
    }
    const child = spawn(node, [...args], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    child.on('exit', (code) => (exit = { code, ms: performance.now() - started }))
    child.stdout.setEncoding('utf8').on('data', onStdout)
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.on('close', () => {
      clearTimeout(timer)
      if (exit === undefined) reject(new Error(`node ${args.join(' ')} closed without an exit`))
      else resolve({ ...exit, stdout, stderr, lines })
    })
  })
}
