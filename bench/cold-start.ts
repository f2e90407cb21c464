// Cold start: `node dist/index.js` from spawn to exit for a check that needs one GitHub request
// (a push to a same-repository branch of a PR with a preview: a roll-out, which an event's payload
// alone does not decide), for a fail-fast exit on a bad input, and for a bare
// `node -e 0` as the floor any Node action pays, all three on one node binary (Node 24, the
// runtime GitHub runs the action with, and the machine's own). The three are interleaved so that
// noise on the machine spreads over all of them.

import { pullRequestEvent } from '../__fixtures__/events.js'
import { GitHubEmulator } from '../__tests__/support/github-emulator.js'
import { FAST, TIME_SCALE } from '../__tests__/support/world.js'
import { freshCommit, runningLabels } from './fixtures.js'
import type { NodeBinary } from './node24.js'
import { RunnerStep, type TimedExit, timeChild } from './runner.js'

export interface ColdStart {
  /** The node binary's version (`node --version`). */
  readonly node: string
  readonly checkMs: readonly number[]
  /** For each check: spawn to its first line on stdout (Node's start-up and loading the bundle). */
  readonly checkFirstLineMs: readonly number[]
  readonly failFastMs: readonly number[]
  readonly bareNodeMs: readonly number[]
  /** Problems with individual runs (wrong exit code or request count); empty when all were right. */
  readonly anomalies: readonly string[]
}

export async function measureColdStart(
  runs: number,
  warmups: number,
  node: NodeBinary
): Promise<ColdStart> {
  const github = await GitHubEmulator.start({ timeScale: TIME_SCALE })
  const pr = 1
  const head = freshCommit()
  const labels = [...runningLabels('abc123f'), 'bug']
  github.addPull({ number: pr, headSha: head.sha, labels })
  const step = await RunnerStep.prepare({
    github,
    eventName: 'pull_request_target',
    event: pullRequestEvent('synchronize', {
      number: pr,
      headSha: head.sha,
      labels,
      sender: 'writer'
    }),
    inputs: { mode: 'check' },
    env: FAST,
    node: node.path
  })
  const checkMs: number[] = []
  const checkFirstLineMs: number[] = []
  const failFastMs: number[] = []
  const bareNodeMs: number[] = []
  const anomalies: string[] = []
  const expect = (what: string, run: TimedExit, code: number, requests: number) => {
    if (run.code !== code || github.requests.length !== requests)
      anomalies.push(`${what}: exit ${run.code}, ${github.requests.length} GitHub requests`)
  }
  try {
    for (let i = 0; i < warmups + runs; i++) {
      const keep = i >= warmups
      github.clearRequests()
      const check = await step.start()
      expect('check', check, 0, 1)
      github.clearRequests()
      const failFast = await step.start({ INPUT_MODE: 'bogus' })
      expect('fail-fast', failFast, 1, 0)
      const bare = await timeChild(['-e', '0'], { PATH: process.env.PATH ?? '' }, process.cwd(), {
        node: node.path
      })
      if (keep) {
        checkMs.push(check.ms)
        checkFirstLineMs.push(check.lines[0]?.ms ?? check.ms)
        failFastMs.push(failFast.ms)
        bareNodeMs.push(bare.ms)
      }
    }
  } finally {
    await step.dispose()
    await github.stop()
  }
  return { node: node.version, checkMs, checkFirstLineMs, failFastMs, bareNodeMs, anomalies }
}
