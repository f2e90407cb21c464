// How a sync run reports its end: its outputs (nothing synced when it lost its claim or was
// superseded), the systems a dry run simulated, and the line it ends with.

import { describe, expect, it } from 'vitest'
import { readLabels } from '../../src/domain/label-state.js'
import type { Decision } from '../../src/domain/planner.js'
import type { PullRequestSnapshot } from '../../src/domain/pull-request.js'
import { simulatedSystems, syncEnding, syncOutputs } from '../../src/presentation/sync-report.js'
import type { SyncOutcome } from '../../src/run/outcome.js'

const SHA = 'abc123f' + '0'.repeat(33)
const decision: Decision = {
  action: 'create_environment',
  reason: 'explicit_start_new_sha',
  message: 'the start trigger asks for abc123f to be deployed',
  buildNeeded: true,
  syncNeeded: true,
  targetSha: SHA,
  steps: [],
  needsPermission: false,
  needsEnvironmentCount: false,
  needsRunningCommit: false,
  needsStopOrigin: false
}
const pr: PullRequestSnapshot = {
  number: 7,
  state: 'open',
  headSha: SHA,
  author: 'a',
  isFork: false,
  labels: readLabels(['🎪 abc123f 🚦 building'])
}
const context = {
  imageRepository: 'apache/superset',
  addressing: { kind: 'task', containerPort: 8080 }
} as const

describe('the outputs', () => {
  it.each<[SyncOutcome, string, string]>([
    [{ kind: 'done' }, 'true', 'true'],
    [{ kind: 'failed', phase: 'build', cause: 'x' }, 'true', 'true'],
    [{ kind: 'claim-lost' }, 'false', 'false'],
    [{ kind: 'superseded', why: 'the PR was closed' }, 'false', 'false']
  ])('%o: sync_needed %s, build_needed %s', (outcome, sync, build) => {
    const outputs = syncOutputs(decision, pr, outcome, context)
    expect(outputs.sync_needed).toBe(sync)
    expect(outputs.build_needed).toBe(build)
    expect(outputs.status).toBe('building')
    expect(outputs.action_reason).toBe('explicit_start_new_sha')
  })
})

it.each([
  [{ github: false, aws: false, docker: false }, []],
  [{ github: true, aws: false, docker: true }, ['GitHub', 'Docker']],
  [{ github: true, aws: true, docker: true }, ['GitHub', 'AWS', 'Docker']]
])('a dry run of %o simulates %o', (dryRun, systems) => {
  expect(simulatedSystems(dryRun)).toEqual(systems)
})

describe('the line a run ends with', () => {
  it.each<[SyncOutcome, Decision['action'], ReturnType<typeof syncEnding>]>([
    [
      { kind: 'failed', phase: 'deploy', cause: 'no subnet' },
      'create_environment',
      { kind: 'failed', line: 'deploy failed: no subnet' }
    ],
    [{ kind: 'claim-lost' }, 'create_environment', { kind: 'notice', line: 'the sentence' }],
    [
      { kind: 'superseded', why: 'x' },
      'create_environment',
      { kind: 'notice', line: 'the sentence' }
    ],
    // A refused trigger is a decision, not a failure: a notice.
    [{ kind: 'done' }, 'blocked', { kind: 'notice', line: 'the sentence' }],
    [{ kind: 'done' }, 'create_environment', undefined],
    [{ kind: 'done' }, 'no_action', undefined]
  ])('%o after %s → %o', (outcome, action, ending) => {
    expect(syncEnding(outcome, { action }, 'the sentence')).toEqual(ending)
  })
})
