// `check` end to end: the committed bundle, started as the runner starts it, against the GitHub
// emulator (and, where a decision needs what a service records, the AWS emulator). Every test
// also proves that check wrote nothing to GitHub. A pull_request_target event's payload shows the
// PR as GitHub's does: its labels, state and head repository.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { AwsEmulator } from '../support/aws-emulator.js'
import { GitHubEmulator } from '../support/github-emulator.js'
import { type RunResult, runAction } from '../support/run-action.js'
import { dispatchEvent, pullRequestEvent } from '../../__fixtures__/events.js'

const START = '🎪 ⚡ showtime-trigger-start'
const STOP = '🎪 🛑 showtime-trigger-stop'
const FREEZE = '🎪 🧊 showtime-freeze'
const OLD = 'abc123f' + '1'.repeat(33)
const HEAD = 'def456a' + '2'.repeat(33)
const RUNNING_OLD = [
  '🎪 abc123f 🚦 running',
  '🎪 abc123f 📅 2026-11-27T10-00',
  '🎪 abc123f 🌐 52.1.2.3:8080',
  '🎪 abc123f 🤡 maxime',
  '🎪 🎯 abc123f',
  '🎪 ⌛ 48h'
]

let github: GitHubEmulator
let aws: AwsEmulator
let nextPr = 100

beforeAll(async () => {
  github = await GitHubEmulator.start()
  aws = await AwsEmulator.start()
  github.setPermission('maintainer', 'maintain')
  github.setPermission('writer', 'write')
  github.setPermission('triager', 'triage')
})
afterAll(() => Promise.all([github.stop(), aws.stop()]))
afterEach(() => github.clearRequests())

/** What a pull_request_target payload shows of the PR. */
interface PayloadFacts {
  labels: string[]
  state: 'open' | 'closed'
  headRepo?: string
}

interface Scenario {
  labels: string[]
  event: (n: number, pr: PayloadFacts) => { eventName: string; event: Record<string, unknown> }
  fork?: boolean
  state?: 'open' | 'closed'
  inputs?: Record<string, string>
  /** The step has AWS credentials (the AWS emulator); the example workflow's check has none. */
  aws?: boolean
}

async function check(s: Scenario): Promise<{ result: RunResult; pr: number }> {
  const pr = nextPr++
  const facts: PayloadFacts = {
    labels: s.labels,
    state: s.state ?? 'open',
    ...(s.fork && { headRepo: 'contributor/superset' })
  }
  github.addPull({ number: pr, headSha: HEAD, ...facts })
  github.clearRequests()
  const { eventName, event } = s.event(pr, facts)
  const result = await runAction({
    github,
    ...(s.aws && { awsEndpoint: aws.url }),
    eventName,
    event,
    inputs: { mode: 'check', ...s.inputs }
  })
  return { result, pr }
}

const prEvent =
  (action: string, options: { label?: string; sender?: string; headSha?: string } = {}) =>
  (n: number, pr: PayloadFacts) => ({
    eventName: 'pull_request_target',
    event: pullRequestEvent(action, {
      number: n,
      headSha: options.headSha ?? HEAD,
      sender: options.sender ?? 'maintainer',
      ...pr,
      ...(options.label && { label: options.label })
    })
  })

function expectSuccess(result: RunResult): void {
  expect(result.commands.errors, result.stdout).toEqual([])
  expect(result.code).toBe(0)
}

function expectNoWrites(): void {
  expect(github.writes()).toEqual([])
}

const routes = () => github.requests.map((r) => `${r.method} ${r.path.replace(/\d+/g, 'N')}`)

describe('check, for every event kind', () => {
  it('labeled with the start trigger by a maintainer: build a new environment (2 requests)', async () => {
    const { result, pr } = await check({
      labels: [START],
      event: prEvent('labeled', { label: START })
    })
    expectSuccess(result)
    expect(result.outputs).toEqual({
      build_needed: 'true',
      sync_needed: 'true',
      target_sha: HEAD,
      pr_number: String(pr),
      action_needed: 'create_environment',
      action_reason: 'explicit_start_new_sha',
      status: '',
      url: '',
      service_name: `pr-${pr}-def456a-service`,
      image: `apache/superset:pr-${pr}-def456a-ci`
    })
    expect(routes()).toEqual([
      'GET /repos/apache/superset/pulls/N',
      'GET /repos/apache/superset/collaborators/maintainer/permission'
    ])
    expectNoWrites()
    expect(result.summary).toContain('create_environment')
    expect(result.summary).toContain('Planned steps')
  })

  it('labeled with the start trigger by a triage user: blocked, trigger to be removed', async () => {
    const { result } = await check({
      labels: [START],
      event: prEvent('labeled', { label: START, sender: 'triager' })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      build_needed: 'false',
      sync_needed: 'true',
      action_needed: 'blocked',
      action_reason: 'unauthorised_trigger'
    })
    expect(result.stdout).toContain('triager (triage) may not start or stop environments')
    expectNoWrites()
  })

  it('labeled with the start trigger by a stranger (not a collaborator): blocked', async () => {
    github.setUserMissing('stranger')
    const { result } = await check({
      labels: [START],
      event: prEvent('labeled', { label: START, sender: 'stranger' })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      action_needed: 'blocked',
      action_reason: 'unauthorised_trigger'
    })
    expectNoWrites()
  })

  it('labeled with the stop trigger: destroy without a build', async () => {
    const { result, pr } = await check({
      labels: [...RUNNING_OLD, STOP],
      event: prEvent('labeled', { label: STOP, sender: 'writer' })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      build_needed: 'false',
      sync_needed: 'true',
      action_needed: 'destroy_environment',
      action_reason: 'explicit_stop_trigger',
      url: 'http://52.1.2.3:8080'
    })
    expect(result.summary).toContain(`pr-${pr}-abc123f-service`)
    expectNoWrites()
  })

  it('labeled with an unrelated label: nothing new is deployed, decided from the payload (no request)', async () => {
    const { result } = await check({
      labels: [...RUNNING_OLD, 'bug'],
      event: prEvent('labeled', { label: 'bug' })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      build_needed: 'false',
      sync_needed: 'false',
      action_reason: 'not_a_deploy_event'
    })
    expect(routes()).toEqual([])
  })

  it('unlabeled the freeze: the held commit rolls out', async () => {
    const { result } = await check({
      labels: RUNNING_OLD,
      event: prEvent('unlabeled', { label: FREEZE })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      build_needed: 'true',
      action_needed: 'create_environment',
      action_reason: 'auto_sync_new_commit',
      status: ''
    })
    expectNoWrites()
  })

  it('synchronize on a same-repository branch: roll out, 1 request (a push proves write access)', async () => {
    const { result } = await check({
      labels: RUNNING_OLD,
      event: prEvent('synchronize', { sender: 'writer' })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      build_needed: 'true',
      action_reason: 'auto_sync_new_commit',
      target_sha: HEAD
    })
    expect(routes()).toEqual(['GET /repos/apache/superset/pulls/N'])
    expectNoWrites()
  })

  it('synchronize while frozen: held', async () => {
    const { result } = await check({
      labels: [...RUNNING_OLD, FREEZE],
      event: prEvent('synchronize')
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      build_needed: 'false',
      sync_needed: 'false',
      action_reason: 'frozen'
    })
    expectNoWrites()
  })

  it('synchronize from a fork: held for a maintainer to approve, at no cost', async () => {
    const { result } = await check({
      labels: RUNNING_OLD,
      fork: true,
      event: prEvent('synchronize', { sender: 'contributor' })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      build_needed: 'false',
      sync_needed: 'false',
      action_reason: 'fork_commit_needs_approval'
    })
    expect(routes()).toEqual([])
  })

  it('synchronize from a fork beside a trigger whose run never came: the PR is read', async () => {
    const { result } = await check({
      labels: [...RUNNING_OLD, START],
      fork: true,
      event: prEvent('synchronize', { sender: 'contributor' })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      action_reason: 'fork_commit_needs_approval',
      build_needed: 'false',
      sync_needed: 'true'
    })
    expect(result.summary).toContain('waits: no run acted on it')
    expect(routes()).toEqual(['GET /repos/apache/superset/pulls/N'])
    expectNoWrites()
  })

  it('opened without labels: nothing to do', async () => {
    const { result } = await check({
      labels: [],
      event: prEvent('opened', { sender: 'contributor' })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      build_needed: 'false',
      sync_needed: 'false',
      action_reason: 'no_environment'
    })
    expect(result.summary).toContain('None.')
    expectNoWrites()
  })

  it('reopened with the environment still running: already running, as its service records', async () => {
    const running = RUNNING_OLD.map((l) => l.replaceAll('abc123f', 'def456a'))
    const pr = nextPr
    aws.addService({
      serviceName: `pr-${pr}-def456a-service`,
      tags: { showtime_managed: 'true', repository: 'apache/superset', pr: String(pr), sha: HEAD }
    })
    const { result } = await check({ labels: running, event: prEvent('reopened'), aws: true })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      sync_needed: 'false',
      action_reason: 'already_running',
      status: 'running'
    })
    expect(result.stdout).toContain(`the service of def456a runs ${HEAD}`)
    // Decided from the payload: what a service records is AWS's to say, not GitHub's.
    expect(routes()).toEqual([])
  })

  it('reopened without AWS in the step: not called running, as nothing proves its commit', async () => {
    const running = RUNNING_OLD.map((l) => l.replaceAll('abc123f', 'def456a'))
    const { result } = await check({ labels: running, event: prEvent('reopened') })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      sync_needed: 'false',
      action_reason: 'running_commit_unproven'
    })
    expect(result.stdout).toContain('the cluster could not be read here')
    expect(routes()).toEqual([])
  })

  it('closed: destroy every environment', async () => {
    const { result } = await check({
      labels: RUNNING_OLD,
      state: 'closed',
      event: prEvent('closed', { sender: 'contributor' })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      build_needed: 'false',
      sync_needed: 'true',
      action_needed: 'destroy_environment',
      action_reason: 'pr_closed'
    })
    expect(routes()).toEqual(['GET /repos/apache/superset/pulls/N'])
    expectNoWrites()
  })

  it('workflow_dispatch with pr_number and the full sha of the head: that commit', async () => {
    const { result, pr } = await check({
      labels: RUNNING_OLD,
      event: (n) => ({
        eventName: 'workflow_dispatch',
        event: dispatchEvent({ pr_number: String(n), sha: HEAD })
      })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      pr_number: String(pr),
      target_sha: HEAD,
      action_reason: 'auto_sync_new_commit'
    })
    expectNoWrites()
  })

  it('workflow_dispatch with a short sha: refused in one line, before any request', async () => {
    const { result } = await check({
      labels: RUNNING_OLD,
      event: (n) => ({
        eventName: 'workflow_dispatch',
        event: dispatchEvent({ pr_number: String(n), sha: 'def456a' })
      })
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors).toEqual([
      'Input "sha (workflow_dispatch)" must be a full commit SHA of 40 hex characters; got "def456a".'
    ])
    expect(github.requests).toEqual([])
  })

  it('workflow_dispatch without sha targets the PR head; another sha is kept as given', async () => {
    const { result } = await check({
      labels: RUNNING_OLD,
      event: (n) => ({
        eventName: 'workflow_dispatch',
        event: dispatchEvent({ pr_number: String(n) })
      })
    })
    expectSuccess(result)
    expect(result.outputs.target_sha).toBe(HEAD)
    aws.addService({
      serviceName: `pr-${nextPr}-abc123f-service`,
      tags: { showtime_managed: 'true', repository: 'apache/superset', sha: OLD }
    })
    const { result: old } = await check({
      labels: RUNNING_OLD,
      aws: true,
      event: (n) => ({
        eventName: 'workflow_dispatch',
        event: dispatchEvent({ pr_number: String(n), sha: OLD })
      })
    })
    expect(old.outputs).toMatchObject({
      target_sha: OLD,
      action_reason: 'already_running',
      status: 'running'
    })
    expectNoWrites()
  })

  it('pr-number and sha inputs override the event', async () => {
    const target = nextPr + 1
    github.addPull({ number: target, headSha: HEAD, labels: RUNNING_OLD })
    const { result } = await check({
      labels: [],
      event: prEvent('labeled', { label: 'bug' }),
      inputs: { 'pr-number': String(target), sha: OLD.toUpperCase() }
    })
    expectSuccess(result)
    // The event is about another PR: for PR `target` it is no event of its own, and its payload
    // says nothing about PR `target`, which is read.
    expect(result.outputs).toMatchObject({
      pr_number: String(target),
      target_sha: OLD,
      action_reason: 'not_a_deploy_event'
    })
    expect(routes()).toEqual(['GET /repos/apache/superset/pulls/N'])
    nextPr++
    expectNoWrites()
  })

  it("a start trigger whose run never came waits: no other event's run acts on it", async () => {
    const { result } = await check({
      labels: [...RUNNING_OLD, START],
      event: prEvent('labeled', { label: 'bug' })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      action_needed: 'no_action',
      action_reason: 'not_a_deploy_event',
      build_needed: 'false',
      sync_needed: 'true'
    })
    expect(result.summary).toContain('waits: no run acted on it')
    expectNoWrites()
  })

  it('the start trigger on a SHA already building is consumed, not built twice', async () => {
    const building = ['🎪 def456a 🚦 building', '🎪 def456a 📅 2099-01-01T00-00', START]
    const { result } = await check({
      labels: building,
      event: prEvent('labeled', { label: START })
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      build_needed: 'false',
      sync_needed: 'true',
      action_reason: 'start_while_in_progress',
      status: 'building'
    })
    expectNoWrites()
  })
})

describe('check with bad input fails with one line and writes nothing', () => {
  it.each([
    [
      { mode: 'bogus' },
      'Input "mode" must be one of check, sync, set-state, cleanup, warm-cache; got "bogus".'
    ],
    [
      { mode: 'check', sha: 'zzz' },
      'Input "sha" must be a full commit SHA of 40 hex characters; got "zzz".'
    ],
    [
      { mode: 'check', sha: 'def456a' },
      'Input "sha" must be a full commit SHA of 40 hex characters; got "def456a".'
    ],
    [
      { mode: 'check', 'pr-number': 'twelve' },
      'Input "pr-number" must be a pull request number (a positive whole number); got "twelve".'
    ],
    [
      { mode: 'check', ttl: '-1h' },
      'Input "ttl" must be a lifetime such as 24h, 2d, 1w, or close; got "-1h".'
    ],
    [
      { mode: 'check', 'max-environments': '-1' },
      'Input "max-environments" must be a whole number, 0 or more; got "-1".'
    ]
  ])('%o', async (inputs, message) => {
    const number = nextPr++
    github.addPull({ number, headSha: HEAD, labels: [START] })
    github.clearRequests()
    const result = await runAction({
      github,
      eventName: 'pull_request_target',
      event: pullRequestEvent('labeled', { number, headSha: HEAD, label: START }),
      inputs
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors).toEqual([message])
    expect(result.stdout).not.toMatch(/\n\s+at /) // no stack trace
    expect(result.stderr).toBe('')
    expect(github.requests).toEqual([])
  })

  it('an event without a PR names the missing input', async () => {
    const result = await runAction({
      github,
      eventName: 'push',
      event: { ref: 'refs/heads/master' },
      inputs: { mode: 'check' }
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors).toEqual([
      'No pull request to act on: the push event names none; set the pr-number input.'
    ])
  })

  it('a PR that does not exist fails with GitHub’s answer in one line', async () => {
    const result = await runAction({
      github,
      eventName: 'workflow_dispatch',
      event: dispatchEvent({ pr_number: '99999' }),
      inputs: { mode: 'check' }
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors).toHaveLength(1)
    expect(result.commands.errors[0]).toMatch(/^Not Found/)
    expectNoWrites()
  })

  it('garbage 🎪 labels are reported as warnings and ignored', async () => {
    const { result } = await check({
      labels: [...RUNNING_OLD, '🎪 💥 what is this', '🎪 abc123f 🚦 RUNNING!'],
      event: prEvent('labeled', { label: 'bug' })
    })
    expectSuccess(result)
    expect(result.commands.warnings).toEqual([
      'ignored label "🎪 abc123f 🚦 RUNNING!": status "RUNNING!" is not a status word',
      'ignored label "🎪 💥 what is this": not a Showtime label form'
    ])
    expect(result.outputs.url).toBe('http://52.1.2.3:8080')
    expectNoWrites()
  })

  it('a 60-character actor with no event sender is handled', async () => {
    const login = 'x'.repeat(60)
    github.addPull({ number: 8, headSha: HEAD, labels: RUNNING_OLD })
    github.setPermission(login, 'admin')
    const result = await runAction({
      github,
      eventName: 'workflow_dispatch',
      event: { inputs: { pr_number: '8' } },
      inputs: { mode: 'check' },
      env: { GITHUB_ACTOR: login }
    })
    expectSuccess(result)
    expect(result.outputs).toMatchObject({
      action_reason: 'auto_sync_new_commit',
      build_needed: 'true'
    })
    expect(result.summary).toContain(`🤡 ${'x'.repeat(35)}…`)
  })

  it('a GitHub outage is retried, then reported in one line', async () => {
    github.addPull({ number: 9, headSha: HEAD, labels: [] })
    github.injectFault({
      method: 'GET',
      path: /\/pulls\/9$/,
      status: 502,
      body: { message: 'Server Error' },
      times: 1
    })
    const result = await runAction({
      github,
      eventName: 'workflow_dispatch',
      event: dispatchEvent({ pr_number: '9' }),
      inputs: { mode: 'check' }
    })
    expectSuccess(result)
    expect(github.requests.filter((r) => r.path.endsWith('/pulls/9')).map((r) => r.status)).toEqual(
      [502, 200]
    )
  })
})
