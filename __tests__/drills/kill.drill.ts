// Drill: the job dies in the middle of a sync. For each point of a first deploy, a roll-over and
// a stop, the committed bundle is SIGKILLed while it waits on one request (held by the emulator
// before it takes effect, or after, with its answer held), on the build (the fake docker waits) or
// on a health check (the app holds it): an exact point, whatever the machine's speed. Then the
// runner runs the post step with what the step saved, the scheduled cleanup runs, and if the PR
// is still not where it should be a maintainer adds the trigger again. Checked:
// - after the post step and after cleanup, the PR is at rest: nothing left building or
//   deploying, 🎯 on a running SHA that has its service, no service without a running SHA;
// - in the end the PR serves exactly the new commit with exactly its service (or, after a stop,
//   holds nothing at all).
// Each case has its own world, so that cleanup, which sweeps the whole repository, sees one PR,
// and the cases run side by side.

import { describe, expect, it } from 'vitest'
import type { AwsRequestRecord } from '../support/aws-emulator.js'
import type { EmulatorRequest } from '../support/github-emulator.js'
import { type RunResult, runAction } from '../support/run-action.js'
import { FAST, START, STOP, World } from '../support/world.js'
import {
  convergedProblems,
  describeRun,
  goneProblems,
  restingProblems,
  seconds
} from './drill-support.js'

const A = 'abc123f' + '1'.repeat(33)
const B = 'def456a' + '2'.repeat(33)

type Scenario = 'first deploy' | 'roll-over' | 'stop'

/** What the run waits on when it is killed; `drop` ends the wait once the run is dead. */
interface KillPoint {
  reached: Promise<unknown>
  drop(): unknown
}

interface KillCase {
  scenario: Scenario
  /** Where the run is killed, in words. */
  at: string
  gate: (w: World) => KillPoint | Promise<KillPoint>
}

type Phase = 'before' | 'after'

/** The n-th (1-based) GitHub request of the run that `matches`, held `phase` it takes effect. */
const github =
  (matches: (r: EmulatorRequest, w: World) => boolean, phase: Phase, nth = 1) =>
  (w: World): KillPoint => {
    let seen = 0
    return w.github.hold((r) => matches(r, w) && ++seen === nth, { phase })
  }

/** The first request of this ECS, EC2 or ELB action, held `phase` it takes effect. */
const aws =
  (action: string, phase: Phase) =>
  (w: World): KillPoint =>
    w.aws.hold((r: AwsRequestRecord) => r.action === action, { phase })

const build = async (w: World): Promise<KillPoint> => {
  const gate = await w.docker.hold()
  return { reached: gate.reached, drop: gate.release }
}

const firstHealthCheck = (w: World): KillPoint => {
  const first = w.app.actionChecks + 1
  return w.app.hold((n) => n === first)
}

/** The label comes off: alone (REST), or with others in one GraphQL removeLabelsFromLabelable. */
const removes = (label: string) => (r: EmulatorRequest, w: World) =>
  (r.method === 'DELETE' && r.path.endsWith(`/labels/${label}`)) ||
  (r.operation === 'ShowtimeRemoveLabels' &&
    (r.body as { variables?: { labels?: string[] } }).variables?.labels?.includes(
      w.github.labelNodeId(label) ?? ''
    ) === true)
const adds = (label: string) => (r: EmulatorRequest) =>
  r.method === 'POST' &&
  /\/issues\/\d+\/labels$/.test(r.path) &&
  JSON.stringify(r.body).includes(label)
const readsThePr = (r: EmulatorRequest) => r.method === 'GET' && /\/pulls\/\d+$/.test(r.path)
const updatesTheComment = (r: EmulatorRequest) =>
  r.method === 'PATCH' && r.path.includes('/issues/comments/')

const CASES: KillCase[] = [
  {
    scenario: 'first deploy',
    at: 'removing the start trigger',
    gate: github(removes(START), 'before')
  },
  {
    scenario: 'first deploy',
    at: 'the start trigger removed',
    gate: github(removes(START), 'after')
  },
  {
    scenario: 'first deploy',
    at: 'adding the building labels',
    gate: github(adds('🚦 building'), 'before')
  },
  {
    scenario: 'first deploy',
    at: 'the building labels added',
    gate: github(adds('🚦 building'), 'after')
  },
  { scenario: 'first deploy', at: 'the build', gate: build },
  {
    scenario: 'first deploy',
    at: 'adding deploying',
    gate: github(adds('🚦 deploying'), 'before')
  },
  { scenario: 'first deploy', at: 'deploying added', gate: github(adds('🚦 deploying'), 'after') },
  {
    scenario: 'first deploy',
    at: 'registering the task definition',
    gate: aws('RegisterTaskDefinition', 'before')
  },
  {
    scenario: 'first deploy',
    at: 'the task definition registered',
    gate: aws('RegisterTaskDefinition', 'after')
  },
  { scenario: 'first deploy', at: 'creating the service', gate: aws('CreateService', 'before') },
  {
    scenario: 'first deploy',
    at: 'the service created, its answer not yet read',
    gate: aws('CreateService', 'after')
  },
  {
    scenario: 'first deploy',
    at: 'the service stable, its task looked up',
    gate: aws('ListTasks', 'before')
  },
  { scenario: 'first deploy', at: 'the first health check', gate: firstHealthCheck },
  {
    scenario: 'first deploy',
    at: 'adding the go-live labels',
    gate: github(adds('🚦 running'), 'before')
  },
  {
    scenario: 'first deploy',
    at: 'the go-live labels added',
    gate: github(adds('🚦 running'), 'after')
  },
  {
    scenario: 'first deploy',
    at: 'deploying removed at go-live',
    gate: github(removes('🎪 abc123f 🚦 deploying'), 'after')
  },
  {
    scenario: 'first deploy',
    at: 'the comment saying it is live',
    gate: github(updatesTheComment, 'before')
  },

  {
    scenario: 'roll-over',
    at: 'adding the building labels',
    gate: github(adds('🚦 building'), 'before')
  },
  {
    scenario: 'roll-over',
    at: "the claim's re-read of the PR",
    gate: github(readsThePr, 'before', 2)
  },
  {
    scenario: 'roll-over',
    at: "the claim's re-read answered",
    gate: github(readsThePr, 'after', 2)
  },
  { scenario: 'roll-over', at: 'the build', gate: build },
  { scenario: 'roll-over', at: 'adding deploying', gate: github(adds('🚦 deploying'), 'before') },
  {
    scenario: 'roll-over',
    at: 'the service created, its answer not yet read',
    gate: aws('CreateService', 'after')
  },
  { scenario: 'roll-over', at: 'the first health check', gate: firstHealthCheck },
  {
    scenario: 'roll-over',
    at: 'adding the go-live labels',
    gate: github(adds('🚦 running'), 'before')
  },
  {
    scenario: 'roll-over',
    at: 'the go-live labels added',
    gate: github(adds('🚦 running'), 'after')
  },
  {
    scenario: 'roll-over',
    at: 'removing the old 🎯',
    gate: github(removes('🎪 🎯 abc123f'), 'before')
  },
  {
    scenario: 'roll-over',
    at: 'the comment saying it is live',
    gate: github(updatesTheComment, 'before')
  },
  { scenario: 'roll-over', at: 'deleting the old service', gate: aws('DeleteService', 'before') },
  { scenario: 'roll-over', at: 'the old service deleted', gate: aws('DeleteService', 'after') },
  {
    scenario: 'roll-over',
    at: "the old SHA's running removed",
    gate: github(removes('🎪 abc123f 🚦 running'), 'after')
  },

  { scenario: 'stop', at: 'removing the stop trigger', gate: github(removes(STOP), 'before') },
  { scenario: 'stop', at: 'the stop trigger removed', gate: github(removes(STOP), 'after') },
  { scenario: 'stop', at: 'deleting the service', gate: aws('DeleteService', 'before') },
  { scenario: 'stop', at: 'the service deleted', gate: aws('DeleteService', 'after') },
  {
    scenario: 'stop',
    at: "the SHA's running removed",
    gate: github(removes('🎪 def456a 🚦 running'), 'after')
  }
]

describe.concurrent('a sync killed at each point, then the post step, cleanup and a retry', () => {
  it.each(CASES)('$scenario, killed at $at', { timeout: 90_000 }, async (c) => {
    const w = await World.start()
    try {
      await drill(w, c)
    } finally {
      await w.stop()
    }
  })
})

async function drill(w: World, c: KillCase): Promise<void> {
  const started = Date.now()
  const log: string[] = []
  const step = (what: string, result: RunResult) => {
    log.push(`${what}: ${result.signal ?? `exit ${result.code}`}`)
    return result
  }

  // The situation before the run that gets killed.
  const pr = w.newPr([START], A)
  let event = 'labeled'
  let options: Parameters<World['sync']>[2] = { label: START }
  if (c.scenario !== 'first deploy') {
    expect((await w.sync(pr, 'labeled', { label: START })).code).toBe(0)
    w.github.updatePull(pr, { headSha: B })
    event = 'synchronize'
    options = { sender: 'writer' }
  }
  if (c.scenario === 'stop') {
    expect((await w.sync(pr, 'synchronize', { sender: 'writer' })).code).toBe(0)
    w.github.setLabels(pr, [...w.labels(pr), STOP])
    event = 'labeled'
    options = { label: STOP }
  }

  const gate = await c.gate(w)
  const killed = step(
    'killed run',
    await w.sync(pr, event, { ...options, killWhen: { at: gate.reached } })
  )
  await gate.drop()
  expect(killed.signal, `the run never reached the point: ${describeRun(killed)}`).toBe('SIGKILL')

  // The runner's post step, with what the killed step saved.
  const post = step('post step', await w.sync(pr, event, { ...options, state: killed.state }))
  expect(post.code, describeRun(post)).toBe(0)
  // A stop keeps no in-flight state: killed between deleting a service and removing its labels,
  // it leaves a SHA labelled running without a service, which cleanup tears down (checked next).
  if (c.scenario !== 'stop') {
    expect(restingProblems(w, pr), `after the post step: ${describeRun(post)}`).toEqual([])
  }

  // The scheduled cleanup.
  const cleanup = step('cleanup', await runCleanup(w))
  expect(cleanup.code, describeRun(cleanup)).toBe(0)
  expect(restingProblems(w, pr), `after cleanup: ${describeRun(cleanup)}`).toEqual([])

  // A maintainer who finds the PR not where it should be adds the trigger again.
  const target = c.scenario === 'first deploy' ? 'abc123f' : 'def456a'
  const done = () =>
    c.scenario === 'stop' ? goneProblems(w, pr) : convergedProblems(w, pr, target)
  if (done().length > 0) {
    const trigger = c.scenario === 'stop' ? STOP : START
    if (!w.labels(pr).includes(trigger)) w.github.setLabels(pr, [...w.labels(pr), trigger])
    const retry = step('retry', await w.sync(pr, 'labeled', { label: trigger }))
    expect(retry.code, describeRun(retry)).toBe(0)
  }
  expect(done(), `${log.join(', ')}; labels [${w.labels(pr).join(', ')}]`).toEqual([])
  console.log(`${c.scenario} @ ${c.at}: ${log.join(', ')} (${seconds(Date.now() - started)})`)
}

function runCleanup(w: World): Promise<RunResult> {
  return runAction({
    github: w.github,
    awsEndpoint: w.aws.url,
    eventName: 'schedule',
    event: { schedule: '0 */6 * * *' },
    inputs: { mode: 'cleanup' },
    env: FAST,
    timeoutMs: 60_000
  })
}
