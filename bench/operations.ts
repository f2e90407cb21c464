// Request counts of check, sync and set-state: each operation runs once on a fresh PR put in the
// state it needs, with the committed bundle against the emulators (waits shortened by FAST).

import { dispatchEvent } from '../__fixtures__/events.js'
import { type RunResult, runAction } from '../__tests__/support/run-action.js'
import { FAST, FREEZE, START, STOP, type World } from '../__tests__/support/world.js'
import { type Commit, freshCommit, runningLabels } from './fixtures.js'
import { type Tally, tallyAws, tallyGitHub } from './tally.js'

export type Mode = 'check' | 'sync' | 'set-state' | 'cleanup'

export interface Operation {
  readonly mode: Mode
  readonly name: string
  /** A column heading for the per-route tables. */
  readonly short: string
  /** The action_reason that shows the run did what the scenario means. */
  readonly expectedReason: string
  /** The Python tool's GitHub requests for the same work, where known. */
  readonly python?: number
  /** The GitHub request budget this operation is held to, where there is one. */
  readonly target?: string
  /** Puts a fresh PR in the state the operation needs and returns the run to measure. */
  readonly arrange: (world: World) => Promise<() => Promise<RunResult>>
}

export interface Measured {
  readonly operation: Operation
  readonly github: Tally
  readonly aws: Tally
  readonly code: number | null
  readonly reason: string
}

const CHECK_PYTHON = 5

/** A PR whose running environment is an older commit than its head. */
function prRunningOlder(world: World, extra: string[] = []): number {
  return world.newPr([...runningLabels(freshCommit().short), ...extra], freshCommit().sha)
}

function check(
  [name, short]: [string, string],
  expectedReason: string,
  target: string,
  arrange: Operation['arrange']
): Operation {
  return { mode: 'check', name, short, expectedReason, python: CHECK_PYTHON, target, arrange }
}

export const CHECKS: readonly Operation[] = [
  check(
    ['labeled: start trigger, by a maintainer', 'start'],
    'explicit_start_new_sha',
    '≤ 2',
    async (w) => {
      const pr = w.newPr([START], freshCommit().sha)
      return () => w.run('check', pr, 'labeled', { label: START })
    }
  ),
  check(['labeled: an unrelated label', 'bug'], 'not_a_deploy_event', '0', async (w) => {
    const pr = prRunningOlder(w, ['bug'])
    return () => w.run('check', pr, 'labeled', { label: 'bug' })
  }),
  check(['unlabeled: the freeze label', 'unfreeze'], 'auto_sync_new_commit', '≤ 2', async (w) => {
    const pr = prRunningOlder(w)
    return () => w.run('check', pr, 'unlabeled', { label: FREEZE })
  }),
  check(
    ['synchronize (same-repository branch)', 'push'],
    'auto_sync_new_commit',
    '1',
    async (w) => {
      const pr = prRunningOlder(w)
      return () => w.run('check', pr, 'synchronize', { sender: 'writer' })
    }
  ),
  check(
    ['synchronize from a fork, on a PR without 🎪 labels', 'fork push'],
    'no_environment',
    '0',
    async (w) => {
      const pr = w.newPr(['bug'], freshCommit().sha, { fork: true })
      return () => w.run('check', pr, 'synchronize', { sender: 'contributor' })
    }
  ),
  check(
    ['synchronize from a fork, on a PR with a preview', 'fork push, preview'],
    'fork_commit_needs_approval',
    '≤ 1',
    async (w) => {
      const pr = w.newPr(runningLabels(freshCommit().short), freshCommit().sha, { fork: true })
      return () => w.run('check', pr, 'synchronize', { sender: 'contributor' })
    }
  ),
  check(['opened', 'opened'], 'no_environment', '0', async (w) => {
    const pr = w.newPr([], freshCommit().sha)
    return () => w.run('check', pr, 'opened', { sender: 'contributor' })
  }),
  check(['reopened (its head still running)', 'reopened'], 'already_running', '0', async (w) => {
    const head = freshCommit()
    const pr = w.newPr(runningLabels(head.short), head.sha)
    // The service records the full commit it runs: that, not the labels, proves it.
    w.aws.addService({
      serviceName: `pr-${pr}-${head.short}-service`,
      tags: { showtime_managed: 'true', repository: 'apache/superset', sha: head.sha }
    })
    return () => w.run('check', pr, 'reopened')
  }),
  check(['closed', 'closed'], 'pr_closed', '1', async (w) => {
    const pr = prRunningOlder(w)
    w.github.updatePull(pr, { state: 'closed' })
    return () => w.run('check', pr, 'closed', { sender: 'contributor' })
  }),
  check(['workflow_dispatch', 'dispatch'], 'auto_sync_new_commit', '1', async (w) => {
    const pr = prRunningOlder(w)
    return () => dispatch(w, pr)
  })
]

function dispatch(world: World, pr: number): Promise<RunResult> {
  return runAction({
    github: world.github,
    eventName: 'workflow_dispatch',
    event: dispatchEvent({ pr_number: String(pr) }),
    inputs: { mode: 'check' },
    env: FAST
  })
}

/** A PR whose first deploy of a fresh commit has finished. */
async function deployed(world: World): Promise<{ pr: number; commit: Commit }> {
  const commit = freshCommit()
  const pr = world.newPr([START], commit.sha)
  const result = await world.sync(pr, 'labeled', { label: START })
  if (result.code !== 0) throw new Error(`setup deploy failed:\n${result.stdout.slice(-2000)}`)
  return { pr, commit }
}

export const SYNCS: readonly Operation[] = [
  {
    mode: 'sync',
    name: 'first deploy',
    short: 'first',
    expectedReason: 'explicit_start_new_sha',
    python: 44,
    // 20, and one read of the PR at each checkpoint (before the service, before going live).
    target: '≤ 22',
    arrange: async (w) => {
      const pr = w.newPr([START], freshCommit().sha)
      return () => w.sync(pr, 'labeled', { label: START })
    }
  },
  {
    mode: 'sync',
    name: 'roll-over to a new head',
    short: 'roll-over',
    expectedReason: 'auto_sync_new_commit',
    python: 47,
    target: '≤ 25',
    arrange: async (w) => {
      const { pr } = await deployed(w)
      w.github.updatePull(pr, { headSha: freshCommit().sha })
      return () => w.sync(pr, 'synchronize', { sender: 'writer' })
    }
  },
  {
    mode: 'sync',
    name: 'forced rebuild (start on the running commit)',
    short: 'rebuild',
    expectedReason: 'explicit_start_force_rebuild',
    arrange: async (w) => {
      const { pr } = await deployed(w)
      w.github.setLabels(pr, [...w.github.labelsOn(pr), START])
      return () => w.sync(pr, 'labeled', { label: START })
    }
  },
  {
    mode: 'sync',
    name: 'stop trigger on a running PR',
    short: 'stop',
    expectedReason: 'explicit_stop_trigger',
    python: 19,
    target: '≤ 12',
    arrange: async (w) => {
      const { pr } = await deployed(w)
      w.github.setLabels(pr, [...w.github.labelsOn(pr), STOP])
      return () => w.sync(pr, 'labeled', { label: STOP })
    }
  },
  {
    mode: 'sync',
    name: 'closed event on a running PR',
    short: 'close',
    expectedReason: 'pr_closed',
    arrange: async (w) => {
      const { pr } = await deployed(w)
      w.github.updatePull(pr, { state: 'closed' })
      return () => w.sync(pr, 'closed', { sender: 'contributor' })
    }
  },
  {
    mode: 'set-state',
    name: 'failed, on a running commit',
    short: 'set-state',
    expectedReason: 'set_state_failed',
    arrange: async (w) => {
      const { pr, commit } = await deployed(w)
      const inputs = { state: 'failed', sha: commit.sha, 'error-message': 'bench' }
      return () => w.run('set-state', pr, 'synchronize', { inputs })
    }
  }
]

export async function measure(world: World, operation: Operation): Promise<Measured> {
  const act = await operation.arrange(world)
  world.github.clearRequests()
  world.aws.clearRequests()
  const result = await act()
  return {
    operation,
    github: tallyGitHub(world.github.requests),
    aws: tallyAws(world.aws.requests),
    code: result.code,
    reason: result.outputs.action_reason ?? ''
  }
}

/** True when the run exited 0 with the action_reason the scenario means. */
export function asExpected(m: Measured): boolean {
  return m.code === 0 && m.reason === m.operation.expectedReason
}
