import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { GitHubEmulator } from '../support/github-emulator.js'
import {
  REPO_ROOT,
  fakeDocker,
  inputEnvName,
  parseOutputFile,
  parseWorkflowCommands,
  runAction
} from '../support/run-action.js'

const coreUrl = pathToFileURL(join(REPO_ROOT, 'node_modules/@actions/core/lib/core.js')).href

const ACTION_YML = `name: fixture
description: a stand-in action for testing runAction
inputs:
  github-token:
    description: token
    default: \${{ github.token }}
  mode:
    description: what to do
    default: echo
  aws region:
    description: an input with a space
    default: eu-west-1
  context:
    description: an expression default the runner knows nothing about here
    default: \${{ github.event.pull_request.number }}
  required-one:
    description: no default
runs:
  using: node20
  main: dist/index.js
`

// The fixture uses the real @actions/core so the GITHUB_OUTPUT heredocs are the real format.
const INDEX_JS = `import * as core from ${JSON.stringify(coreUrl)}
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const mode = core.getInput('mode')
if (mode === 'hang') {
  setInterval(() => {}, 1000)
} else {
  const event = JSON.parse(readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'))
  core.setOutput('token', core.getInput('github-token'))
  core.setOutput('region', core.getInput('aws region'))
  core.setOutput('context', core.getInput('context'))
  core.setOutput('required', core.getInput('required-one'))
  core.setOutput('multiline', 'line 1\\nline 2\\n🎪 3')
  core.setOutput('event', String(event.pull_request?.number))
  core.setOutput('env', JSON.stringify({
    repository: process.env.GITHUB_REPOSITORY,
    api: process.env.GITHUB_API_URL,
    ref: process.env.GITHUB_REF,
    headRef: process.env.GITHUB_HEAD_REF,
    ecs: process.env.AWS_ENDPOINT_URL_ECS,
    region: process.env.AWS_REGION,
    leaked: process.env.SHOWTIME_PARENT_ONLY ?? null,
    extra: process.env.EXTRA ?? null,
    cwd: process.cwd() === process.env.GITHUB_WORKSPACE
  }))
  if (mode === 'api') {
    const res = await fetch(process.env.GITHUB_API_URL + '/repos/' + process.env.GITHUB_REPOSITORY + '/issues/' + event.pull_request.number + '/labels', {
      method: 'POST',
      headers: { authorization: 'token ' + core.getInput('github-token'), 'content-type': 'application/json' },
      body: JSON.stringify({ labels: ['🎪 from the action'] })
    })
    core.setOutput('api-status', String(res.status))
  }
  if (mode === 'docker') {
    try {
      execFileSync('docker', ['buildx', 'build', '--push', '-t', 'img:🎪 tag', '.'], { stdio: 'inherit' })
      core.setOutput('docker', 'ok')
    } catch (e) {
      core.setOutput('docker', 'failed ' + e.status)
    }
  }
  core.warning('careful: 100% sure\\nsecond line')
  core.error('bad thing', { title: 'Showtime', file: 'a.ts' })
  await core.summary.addHeading('Showtime 🎪').addRaw('summary body').write()
  core.setFailed('final failure')
}
`

let dir: string
let actionDir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'run-action-test-'))
  actionDir = join(dir, 'action')
  await mkdir(join(actionDir, 'dist'), { recursive: true })
  await writeFile(join(actionDir, 'action.yml'), ACTION_YML)
  await writeFile(join(actionDir, 'dist', 'index.js'), INDEX_JS)
})

afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const event = {
  action: 'labeled',
  number: 42,
  pull_request: { number: 42, head: { ref: 'feature-x' }, base: { ref: 'master' } },
  sender: { login: 'alice' }
}

describe('runAction', () => {
  it('runs the bundle with runner env, inputs and file commands', async () => {
    process.env.SHOWTIME_PARENT_ONLY = 'must not leak'
    try {
      const r = await runAction({
        actionDir,
        event,
        inputs: { 'required-one': 'given' },
        env: { EXTRA: 'yes' },
        awsEndpoint: 'http://127.0.0.1:4566',
        timeoutMs: 20_000
      })
      expect(r.code).toBe(1)
      expect(r.signal).toBeNull()
      expect(r.outputs).toMatchObject({
        token: 'ghs_test_token',
        region: 'eu-west-1',
        context: '',
        required: 'given',
        multiline: 'line 1\nline 2\n🎪 3',
        event: '42'
      })
      expect(JSON.parse(r.outputs.env ?? '{}')).toEqual({
        repository: 'apache/superset',
        api: 'http://127.0.0.1:9/api/v3',
        ref: 'refs/pull/42/merge',
        headRef: 'feature-x',
        ecs: 'http://127.0.0.1:4566',
        region: 'us-west-2',
        leaked: null,
        extra: 'yes',
        cwd: true
      })
      expect(r.commands.errors).toEqual(['bad thing', 'final failure'])
      expect(r.commands.warnings).toEqual(['careful: 100% sure\nsecond line'])
      expect(r.summary).toContain('<h1>Showtime 🎪</h1>')
      expect(r.summary).toContain('summary body')
    } finally {
      delete process.env.SHOWTIME_PARENT_ONLY
    }
  })

  it('points the action at the emulator', async () => {
    const emu = await GitHubEmulator.start()
    try {
      emu.addPull({ number: 42, headSha: 'a'.repeat(40) })
      const r = await runAction({ actionDir, event, github: emu, inputs: { mode: 'api' } })
      expect(r.outputs['api-status']).toBe('200')
      expect(emu.labelsOn(42)).toEqual(['🎪 from the action'])
      expect(JSON.parse(r.outputs.env ?? '{}')).toMatchObject({ api: emu.apiUrl })
    } finally {
      await emu.stop()
    }
  })

  it('puts a fake docker on PATH that records its calls', async () => {
    const ok = await fakeDocker(join(dir, 'docker-ok'))
    const r = await runAction({
      actionDir,
      event,
      inputs: { mode: 'docker' },
      pathPrepend: [ok.dir]
    })
    expect(r.outputs.docker).toBe('ok')
    expect(r.stdout).toContain('load build definition from Dockerfile')
    expect(ok.calls()).toEqual([['buildx', 'build', '--push', '-t', 'img:🎪 tag', '.']])

    const bad = await fakeDocker(join(dir, 'docker-bad'), { exitCode: 3, delayMs: 50 })
    const r2 = await runAction({
      actionDir,
      event,
      inputs: { mode: 'docker' },
      pathPrepend: [bad.dir]
    })
    expect(r2.outputs.docker).toBe('failed 3')
    expect(bad.calls()).toHaveLength(1)
  })

  it('kills a hung action and rejects with a clear message', async () => {
    await expect(
      runAction({ actionDir, event, inputs: { mode: 'hang' }, timeoutMs: 400 })
    ).rejects.toThrow(/did not exit within 400 ms/)
  })

  it('fails clearly when there is no bundle', async () => {
    const empty = join(dir, 'empty')
    await mkdir(empty, { recursive: true })
    await writeFile(
      join(empty, 'action.yml'),
      'name: x\nruns:\n  using: node20\n  main: dist/index.js\n'
    )
    await expect(runAction({ actionDir: empty })).rejects.toThrow(/does not exist/)
  })
})

describe('runner file formats', () => {
  it('maps input names like @actions/core', () => {
    expect(inputEnvName('github-token')).toBe('INPUT_GITHUB-TOKEN')
    expect(inputEnvName('aws region')).toBe('INPUT_AWS_REGION')
  })

  it('parses heredoc and plain output lines', () => {
    const text = 'a<<ghadelimiter_1\nx\ny=z\nghadelimiter_1\nplain=1=2\nempty<<EOF\n\nEOF\n'
    expect(parseOutputFile(text)).toEqual({ a: 'x\ny=z', plain: '1=2', empty: '' })
  })

  it('parses workflow commands with and without properties', () => {
    const out =
      '::error::one%0Atwo\n::error title=T,file=a.ts,line=3::three %25\n::warning::w\n::notice::n\nplain'
    expect(parseWorkflowCommands(out)).toEqual({ errors: ['one\ntwo', 'three %'], warnings: ['w'] })
  })
})
