// `npm run bench`: measures the committed bundle against the emulators and writes
// bench/RESULTS.md. Needs no network, Docker or AWS; takes a minute or two on two cores.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { REPO_ROOT } from '../__tests__/support/run-action.js'
import { FAST, START, World } from '../__tests__/support/world.js'
import { entryDigest, inspectBundle, loadedChunks } from './bundle.js'
import { type CleanupMeasured, measureCleanup } from './cleanup.js'
import { measureColdStart } from './cold-start.js'
import { measureLoadBalanced } from './load-balancer.js'
import { freshCommit, runningLabels } from './fixtures.js'
import { describeMachine, loadAverage, onPath } from './machine.js'
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
  progress(`cold start: ${COLD_START.warmups} warm-ups, ${COLD_START.runs} runs`)
  const coldStart = await measureColdStart(COLD_START.runs, COLD_START.warmups)
  progress(`full sync overhead: ${OVERHEAD.runs} runs`)
  const overhead = await measureOverhead(OVERHEAD.dockerMs, OVERHEAD.stabilizeMs, OVERHEAD.runs)
  const results: BenchResults = {
    machine,
    operations,
    loadBalanced,
    cleanup,
    coldStart,
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
