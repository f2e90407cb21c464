// Starts `node dist/index.js` as a GitHub runner does (the same environment that runAction in
// __tests__/support/run-action.ts builds), but times the child process alone: from spawn to exit,
// without the harness's own temp-file and YAML work. A prepared step can be started many times.

import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { GitHubEmulator } from '../__tests__/support/github-emulator.js'
import { FAKE_TOKEN, REPO_ROOT, inputEnvName } from '../__tests__/support/run-action.js'

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

const FILE_COMMANDS = [
  'GITHUB_OUTPUT',
  'GITHUB_STEP_SUMMARY',
  'GITHUB_STATE',
  'GITHUB_ENV',
  'GITHUB_PATH'
]

export class RunnerStep {
  private constructor(
    private readonly dir: string,
    private readonly workspace: string,
    private readonly env: Readonly<Record<string, string>>
  ) {}

  static async prepare(spec: StepSpec): Promise<RunnerStep> {
    const dir = await mkdtemp(join(tmpdir(), 'showtime-bench-'))
    const workspace = join(dir, 'workspace')
    await mkdir(workspace)
    await mkdir(join(dir, 'runner-temp'))
    const eventPath = join(dir, 'event.json')
    await writeFile(eventPath, JSON.stringify(spec.event))
    const env = runnerEnv(spec, dir, workspace, eventPath)
    return new RunnerStep(dir, workspace, env)
  }

  /** Starts the bundle once, with `extraEnv` over the prepared environment. */
  async start(extraEnv: Readonly<Record<string, string>> = {}): Promise<TimedExit> {
    await this.resetFileCommands()
    return timeChild([ENTRY], { ...this.env, ...extraEnv }, this.workspace)
  }

  dispose(): Promise<void> {
    return rm(this.dir, { recursive: true, force: true })
  }

  private async resetFileCommands(): Promise<void> {
    for (const name of FILE_COMMANDS) await writeFile(this.env[name] as string, '')
  }
}

/** Spawns `node ...args` and measures wall time until it exits. */
export function timeChild(
  args: readonly string[],
  env: Readonly<Record<string, string>>,
  cwd: string,
  timeoutMs = 120_000
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
    const child = spawn(process.execPath, [...args], {
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

interface ActionYaml {
  inputs?: Record<string, { default?: unknown } | null>
}

function actionDefaults(token: string): Record<string, string> {
  const yml = parseYaml(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as ActionYaml
  const defaults: Record<string, string> = {}
  for (const [name, spec] of Object.entries(yml.inputs ?? {})) {
    if (spec?.default === undefined || spec.default === null) continue
    // The only expression action.yml defaults use is github.token; others evaluate to ''.
    defaults[name] = String(spec.default).replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) =>
      expr === 'github.token' ? token : ''
    )
  }
  return defaults
}

function runnerEnv(
  spec: StepSpec,
  dir: string,
  workspace: string,
  eventPath: string
): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of ['HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  const path = [...(spec.pathPrepend ?? []), ...(process.env.PATH ?? '').split(delimiter)]
  const nodeDir = dirname(process.execPath)
  env.PATH = [...path.filter(Boolean), ...(path.includes(nodeDir) ? [] : [nodeDir])].join(delimiter)
  const inputs = { ...actionDefaults(FAKE_TOKEN), ...spec.inputs }
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value
  for (const name of FILE_COMMANDS) env[name] = join(dir, name.toLowerCase())
  Object.assign(env, githubContext(spec, eventPath, workspace, join(dir, 'runner-temp')))
  Object.assign(env, pullRequestRefs(spec.event))
  if (spec.awsEndpoint) {
    env.AWS_ENDPOINT_URL_ECS = spec.awsEndpoint
    env.AWS_ENDPOINT_URL_EC2 = spec.awsEndpoint
  }
  return { ...env, ...spec.env }
}

function githubContext(
  spec: StepSpec,
  eventPath: string,
  workspace: string,
  runnerTemp: string
): Record<string, string> {
  const sender = (spec.event as { sender?: { login?: string } }).sender?.login ?? 'test-actor'
  return {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: spec.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: spec.github.fullName,
    GITHUB_REPOSITORY_OWNER: spec.github.owner,
    GITHUB_API_URL: spec.github.apiUrl,
    GITHUB_GRAPHQL_URL: `${spec.github.url}/api/graphql`,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_ACTOR: sender,
    GITHUB_TRIGGERING_ACTOR: sender,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'Showtime',
    GITHUB_JOB: 'showtime',
    GITHUB_ACTION: '__run',
    GITHUB_SHA: 'f0e1d2c3b4a5968778695a4b3c2d1e0f00112233',
    GITHUB_REF: 'refs/heads/master',
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_EC2_METADATA_DISABLED: 'true'
  }
}

/** What the runner adds for pull_request-type events. */
function pullRequestRefs(event: unknown): Record<string, string> {
  const pull = (
    event as {
      pull_request?: { number?: number; head?: { ref?: string }; base?: { ref?: string } }
    }
  ).pull_request
  if (pull?.number === undefined) return {}
  return {
    GITHUB_REF: `refs/pull/${pull.number}/merge`,
    GITHUB_HEAD_REF: pull.head?.ref ?? '',
    GITHUB_BASE_REF: pull.base?.ref ?? 'master'
  }
}
