// src/runner/core.ts writes what @actions/core writes: the same workflow commands on stdout, the
// same file commands (but for the random heredoc delimiter) and the same job summary HTML; and
// src/runner/context.ts reads the run's context as @actions/github's context does.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as actions from '@actions/core'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { Context } from '../../src/runner/context.js'
import * as ours from '../../src/runner/core.js'

type Core = typeof ours

let dir: string
const saved = { ...process.env }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'showtime-core-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = undefined
  vi.restoreAllMocks()
})

/** What `fn` writes to stdout. */
function stdout(fn: () => void): string {
  let out = ''
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += String(chunk)
    return true
  })
  try {
    fn()
  } finally {
    vi.restoreAllMocks()
  }
  return out
}

const both = (fn: (core: Core) => void): [string, string] => [
  stdout(() => fn(ours)),
  stdout(() => fn(actions as unknown as Core))
]

describe('workflow commands', () => {
  const cases: [string, (core: Core) => void][] = [
    ['info', (c) => c.info('plain 🎪 text: 100%')],
    ['debug', (c) => c.debug('a\nmultiline\r\nmessage with 50%')],
    ['warning', (c) => c.warning('careful: a, b')],
    [
      'warning with properties',
      (c) => c.warning('msg', { title: 'T: x, y', file: 'a.ts', startLine: 3, endLine: 0 })
    ],
    ['error from an Error', (c) => c.error(new Error('boom'))],
    ['notice', (c) => c.notice('note', { startColumn: 2, endColumn: 9 })],
    ['setSecret', (c) => c.setSecret('s3cr%t\nline')],
    ['groups', (c) => (c.startGroup('claim: #12'), c.endGroup())],
    ['setFailed', (c) => c.setFailed('failed: 1 of 2')]
  ]
  it.each(cases)('%s', (_name, fn) => {
    const [mine, theirs] = both(fn)
    expect(mine).toBe(theirs)
  })

  it('holds the commands issued inside holdCommands (not plain lines) until issueHeld', async () => {
    const held: string[] = []
    let done: Promise<void> | undefined
    const during = stdout(() => {
      done = ours.holdCommands(held, async () => {
        ours.info('a plain line')
        await Promise.resolve()
        ours.warning('later: a, b')
      })
    })
    await done
    expect(during).toBe('a plain line\n')
    const [expected] = both((c) => c.warning('later: a, b'))
    expect(held).toEqual([expected])
    expect(stdout(() => ours.warning('outside'))).toBe('::warning::outside\n')
    expect(stdout(() => ours.issueHeld(held))).toBe(expected)
    expect(held).toEqual([])
  })

  it('setFailed sets exit code 1, as @actions/core does', () => {
    stdout(() => ours.setFailed('x'))
    expect(process.exitCode).toBe(1)
  })

  it('output and state without file commands fall back to the old commands', () => {
    delete process.env.GITHUB_OUTPUT
    delete process.env.GITHUB_STATE
    const [mine, theirs] = both((c) => (c.setOutput('a', { n: 1 }), c.saveState('s', 'v')))
    expect(mine).toBe(theirs)
  })
})

describe('inputs and state', () => {
  it('reads inputs and state as @actions/core does', () => {
    process.env['INPUT_AWS_REGION'] = '  eu-west-1 \n'
    process.env['INPUT_GITHUB-TOKEN'] = 'tok'
    process.env.STATE_marker = 'true'
    for (const core of [ours, actions as unknown as Core]) {
      expect(core.getInput('aws region')).toBe('eu-west-1')
      expect(core.getInput('aws region', { trimWhitespace: false })).toBe('  eu-west-1 \n')
      expect(core.getInput('github-token')).toBe('tok')
      expect(core.getInput('missing')).toBe('')
      expect(() => core.getInput('missing', { required: true })).toThrow(
        'Input required and not supplied: missing'
      )
      expect(core.getState('marker')).toBe('true')
      expect(core.getState('other')).toBe('')
    }
    process.env.RUNNER_DEBUG = '1'
    expect(ours.isDebug()).toBe(actions.isDebug())
  })
})

describe('file commands', () => {
  /** The file's text with each heredoc delimiter replaced by DELIM. */
  const normalized = (text: string) => text.replace(/ghadelimiter_[0-9a-f-]+/g, 'DELIM')

  it('writes outputs and state in the same heredoc form', async () => {
    const texts: string[] = []
    for (const core of [ours, actions as unknown as Core]) {
      const output = join(dir, `output-${texts.length}`)
      const state = join(dir, `state-${texts.length}`)
      await writeFile(output, '')
      await writeFile(state, '')
      process.env.GITHUB_OUTPUT = output
      process.env.GITHUB_STATE = state
      core.setOutput('url', 'http://1.2.3.4:8080')
      core.setOutput('multi', 'line 1\nline 2\n🎪 3')
      core.setOutput('object', { a: [1, 2] })
      core.setOutput('empty', undefined)
      core.saveState('showtime-post', 'true')
      texts.push(
        normalized(await readFile(output, 'utf8')) + normalized(await readFile(state, 'utf8'))
      )
    }
    expect(texts[0]).toBe(texts[1])
    expect(texts[0]).toContain('multi<<DELIM\nline 1\nline 2\n🎪 3\nDELIM\n')
  })

  it('fails as @actions/core does when the file is missing', () => {
    process.env.GITHUB_OUTPUT = join(dir, 'no-such-file')
    expect(() => ours.setOutput('a', 'b')).toThrow(
      `Missing file at path: ${join(dir, 'no-such-file')}`
    )
  })

  it('uses a fresh delimiter each time', async () => {
    const output = join(dir, 'delimiters')
    await writeFile(output, '')
    process.env.GITHUB_OUTPUT = output
    ours.setOutput('a', '1')
    ours.setOutput('b', '2')
    const delimiters = (await readFile(output, 'utf8')).match(/ghadelimiter_\w+/g) ?? []
    expect(delimiters).toHaveLength(4)
    expect(new Set(delimiters).size).toBe(2)
    expect(delimiters[0]).toMatch(/^ghadelimiter_[0-9a-f]{36}$/)
  })
})

describe('job summary', () => {
  it('appends what @actions/core appends, line by line', async () => {
    const html = '<h2>🎪 Showtime: PR #12</h2><table><tr><td>&lt;b&gt;</td></tr></table>'
    const mine = join(dir, 'mine.md')
    const theirs = join(dir, 'theirs.md')
    await writeFile(mine, 'before\n')
    await writeFile(theirs, 'before\n')
    process.env.GITHUB_STEP_SUMMARY = mine
    await ours.appendSummary(html)
    await ours.appendSummary('two')
    process.env.GITHUB_STEP_SUMMARY = theirs
    await actions.summary.addRaw(html, true).write()
    await actions.summary.addRaw('two', true).write()
    expect(await readFile(mine, 'utf8')).toBe(`before\n${html}\ntwo\n`)
    expect(await readFile(mine, 'utf8')).toBe(await readFile(theirs, 'utf8'))
  })

  it('says why it cannot write, as @actions/core does', async () => {
    delete process.env.GITHUB_STEP_SUMMARY
    await expect(ours.appendSummary('x')).rejects.toThrow(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY'
    )
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'absent', 'summary.md')
    await expect(ours.appendSummary('x')).rejects.toThrow("Unable to access summary file: '")
  })
})

describe("the run's context", () => {
  it('reads the event, the actor, the run and the repository as @actions/github does', async () => {
    const event = join(dir, 'event.json')
    await writeFile(event, JSON.stringify({ action: 'labeled', number: 7 }))
    const env = {
      GITHUB_EVENT_PATH: event,
      GITHUB_EVENT_NAME: 'pull_request_target',
      GITHUB_ACTOR: 'maxime',
      GITHUB_RUN_ID: '42',
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_REPOSITORY: 'apache/superset'
    }
    process.env = { ...saved, ...env }
    // @actions/github reads its context when it is first imported.
    vi.resetModules()
    const theirs = (await import('@actions/github')).context
    const mine = new Context(env)
    for (const field of ['payload', 'eventName', 'actor', 'runId', 'serverUrl', 'repo'] as const)
      expect(mine[field], field).toEqual(theirs[field])
    expect(mine.repo).toEqual({ owner: 'apache', repo: 'superset' })
  })

  it('takes the repository from the payload without GITHUB_REPOSITORY, else says what is missing', async () => {
    const event = join(dir, 'event-repo.json')
    await writeFile(event, JSON.stringify({ repository: { owner: { login: 'o' }, name: 'r' } }))
    expect(new Context({ GITHUB_EVENT_PATH: event }).repo).toEqual({ owner: 'o', repo: 'r' })
    expect(() => new Context({}).repo).toThrow('GITHUB_REPOSITORY')
    const missing = stdout(() => new Context({ GITHUB_EVENT_PATH: join(dir, 'none.json') }))
    expect(missing).toContain('does not exist')
    expect(new Context({}).serverUrl).toBe('https://github.com')
  })
})
