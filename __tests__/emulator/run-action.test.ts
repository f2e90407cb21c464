import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, runAction } from '../support/run-action.js'

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

// The fixture uses the real @actions/core, so its file and workflow commands are in the real formats.
const INDEX_JS = `import * as core from ${JSON.stringify(coreUrl)}
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
  core.setOutput('multiline', 'line 1\\nline=2\\n🎪 3')
  core.setOutput('empty', '')
  core.saveState('saved', 'for the post step')
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
  core.warning('careful: 100% sure\\nsecond line')
  core.error('bad thing', { title: 'Showtime', file: 'a.ts' })
  core.notice('not counted')
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
        multiline: 'line 1\nline=2\n🎪 3',
        empty: '',
        event: '42'
      })
      expect(r.state).toEqual({ saved: 'for the post step' })
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

  it('kills a hung action and rejects with a clear message', async () => {
    await expect(
      runAction({ actionDir, event, inputs: { mode: 'hang' }, timeoutMs: 400 })
    ).rejects.toThrow(/did not exit within 400 ms/)
  })

  it('fails clearly when there is no bundle', async () => {
    await writeFile(join(dir, 'action.yml'), ACTION_YML)
    await expect(runAction({ actionDir: dir })).rejects.toThrow(/dist\/index.js does not exist/)
  })
})
