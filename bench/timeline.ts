// How long a preview takes, on a realistic timeline. Each operation runs as the example workflow
// runs it (the check step, then the sync step; the steps between them, checkouts, registry login
// and buildx set-up, are not counted) against the emulators, with the slow parts at published
// timings (a cached build, a Fargate task's start with its image pull, the app's boot, the load
// balancer's health checks at the target group's interval and threshold) shortened by SCALE, and
// the bundle's own waits shortened by the same factor (SHOWTIME_TIME_SCALE). GitHub's 1 s spacing
// between writes is kept as it is: the parts of a run that are only requests and writes run in
// real time and are measured as they are. Each figure is then put back together at full scale from
// its segments, which the emulators' records bound: a segment that holds a shortened wait (the
// build, the deploy's wait for the task, the wait until the bundle sees the app answer) is divided
// by SCALE, every other one is taken as measured.
//
// The detection lag depends on where the app's readiness falls between two polls, so every deploy
// runs once for each of APP_BOOTS, boot times spread evenly over one 5 s poll interval. Behind the
// load balancer a wake (the start trigger on a PR the cleanup put to sleep) is timed the same way:
// no build, its service's UpdateService back to one task, the task's start and the app's boot.

import { pullRequestEvent } from '../__fixtures__/events.js'
import type { EmulatorRequest } from '../__tests__/support/github-emulator.js'
import { FAST, START, STOP, World } from '../__tests__/support/world.js'
import { dateEnvironment, freshCommit, scheduledCleanup } from './fixtures.js'
import { table } from './markdown.js'
import type { NodeBinary } from './node24.js'
import { RunnerStep, type TimedExit } from './runner.js'
import { median } from './stats.js'

/** The slow parts, in seconds at full scale, with where the figures come from. */
export const PUBLISHED = {
  /** Fargate's start of a task: capacity, its network interface (about 10 s), and the pull of a
   * 1 GB image, which Fargate never caches: 30 to 60 s (AWS's "Fargate pull behavior" page; a
   * 2.7 GB image took 55 s, drorspei.com 2026; ENI about 10 s, qiita.com/kjm). */
  taskStart: 45,
  /** A build with a warm cache: 2 to 5 minutes for Superset (10 to 20 uncached). */
  build: 180
} as const

/** Superset's boot to its first answer of /health: 60 to 90 s (its ci image loads examples). One
 * deploy for each, spread evenly over one poll interval (`health-interval`, 5 s): boots a whole
 * interval apart would all fall at the same point between two polls. */
export const APP_BOOTS = [65, 66.25, 67.5, 68.75] as const

/** The factor applied to every emulated slow part and every wait of the bundle. */
export const SCALE = 0.05

export type Placement = 'public IP' | 'load balancer'
export type TimedOperation = 'first deploy' | 'roll-over' | 'stop' | 'wake'

/** One timed run, every figure in milliseconds at full scale. */
export interface TimelineRun {
  readonly placement: Placement
  readonly operation: TimedOperation
  /** The app's boot of this run, in seconds at full scale (a deploy's). */
  readonly bootSeconds?: number
  /** GitHub and AWS requests made before the build began (the DeleteService, for a stop; the
   * UpdateService, for a wake), and
   * between the app's readiness and its URL on the PR. */
  readonly requestsToBuild?: number
  readonly requestsInLag?: number
  /** From the check step's start to the build's (a deploy), or to the DeleteService (a stop). */
  readonly toBuildMs?: number
  readonly toDeletedMs?: number
  /** A wake's: from the check step's start to the UpdateService that scales its service back up. */
  readonly toUpdatedMs?: number
  /** From the app's first possible answer to the PR's labels saying it runs. */
  readonly lagMs?: number
  /** From the check step's start to the sync step's exit (the steps between them not counted). */
  readonly totalMs?: number
  readonly problem?: string
}

interface Timed {
  readonly startedAt: number
  readonly run: TimedExit
}

/** The world's emulators at published timings shortened by SCALE (the app booting in `bootSeconds`),
 * or (undefined) back at the tests' fast ones. */
function setTimings(world: World, bootSeconds: number | undefined): void {
  const scaled = bootSeconds !== undefined
  world.aws.setBehaviour({ stabilizeMs: scaled ? PUBLISHED.taskStart * 1000 * SCALE : 50 })
  world.aws.elb.useTargetGroupTimings(scaled ? SCALE : undefined)
  const bootMs = scaled ? bootSeconds * 1000 * SCALE : 0
  world.app.booted = (image) => {
    const at = world.aws.appReadyAt(bootMs, image)
    return at !== undefined && Date.now() >= at
  }
}

async function step(
  world: World,
  node: NodeBinary,
  mode: 'check' | 'sync',
  pr: number,
  event: { action: string; label?: string; sender?: string },
  inputs: Record<string, string>
): Promise<Timed> {
  const pull = world.github.pull(pr)
  const prepared = await RunnerStep.prepare({
    github: world.github,
    eventName: 'pull_request_target',
    event: pullRequestEvent(event.action, {
      number: pr,
      headSha: pull.headSha,
      sender: event.sender ?? 'maintainer',
      // The payload carries the PR as GitHub sends it: Showtime decides from it when it can.
      labels: world.github.labelsOn(pr),
      state: pull.state,
      body: pull.body,
      comments: world.github.comments(pr).length,
      headRepo: pull.headRepo,
      ...(event.label && { label: event.label })
    }),
    inputs: { mode, 'container-port': String(world.app.port), ...inputs },
    awsEndpoint: world.aws.url,
    pathPrepend: [world.docker.dir],
    // The bundle's waits shortened; its GitHub writes keep their 1 s spacing.
    env: { SHOWTIME_TIME_SCALE: String(SCALE) },
    node: node.path
  })
  try {
    const startedAt = Date.now()
    return { startedAt, run: await prepared.start() }
  } finally {
    await prepared.dispose()
  }
}

const isWrite = (r: EmulatorRequest) => r.method !== 'GET' && r.path !== '/graphql'

const addsLabel = (pr: number, label: string) => (r: EmulatorRequest) =>
  r.method === 'POST' &&
  r.path.endsWith(`/issues/${pr}/labels`) &&
  JSON.stringify(r.body).includes(JSON.stringify(label))

/** A first deploy of a fresh PR, fast: the state a roll-over or a stop starts from. */
async function deployedPr(world: World, inputs: Record<string, string>): Promise<number> {
  setTimings(world, undefined)
  await world.setDocker({ delayMs: 0 })
  const pr = world.newPr([START], freshCommit().sha)
  const result = await world.sync(pr, 'labeled', { label: START, inputs, env: FAST })
  if (result.code !== 0) throw new Error(`set-up deploy failed:\n${result.stdout.slice(-2000)}`)
  return pr
}

/** A PR deployed two hours ago and idle since, which the scheduled cleanup (`sleep-after: 1h`) put
 * to sleep, with the start trigger added: the state a wake starts from. */
async function sleepingPr(world: World, inputs: Record<string, string>): Promise<number> {
  const pr = await deployedPr(world, inputs)
  const short = world.github.pull(pr).headSha.slice(0, 7)
  dateEnvironment(world, pr, short, 2)
  const cleanup = await scheduledCleanup(world, { ...inputs, 'sleep-after': '1h' })
  if (!world.github.labelsOn(pr).includes(`🎪 ${short} 🚦 sleeping`))
    throw new Error(`set-up sleep failed:\n${cleanup.stdout.slice(-2000)}`)
  world.github.setLabels(pr, [...world.github.labelsOn(pr), START])
  return pr
}

async function timedRun(
  world: World,
  node: NodeBinary,
  placement: Placement,
  operation: TimedOperation,
  inputs: Record<string, string>,
  bootSeconds: number
): Promise<TimelineRun> {
  let pr: number
  let event: { action: string; label?: string; sender?: string }
  if (operation === 'first deploy') {
    pr = world.newPr([START], freshCommit().sha)
    event = { action: 'labeled', label: START }
  } else if (operation === 'wake') {
    pr = await sleepingPr(world, inputs)
    event = { action: 'labeled', label: START }
  } else {
    pr = await deployedPr(world, inputs)
    if (operation === 'roll-over') {
      world.github.updatePull(pr, { headSha: freshCommit().sha })
      event = { action: 'synchronize', sender: 'writer' }
    } else {
      world.github.setLabels(pr, [...world.github.labelsOn(pr), STOP])
      event = { action: 'labeled', label: STOP }
    }
  }
  setTimings(world, bootSeconds)
  const buildMs = PUBLISHED.build * 1000 * SCALE
  await world.setDocker({ delayMs: buildMs })
  world.github.clearRequests()
  world.aws.clearRequests()
  const buildsBefore = world.docker.builds().length
  const check = await step(world, node, 'check', pr, event, inputs)
  const sync = await step(world, node, 'sync', pr, event, inputs)
  const sha = world.github.pull(pr).headSha.slice(0, 7)
  const base = { placement, operation }
  /** Requests that arrived from `from` to `to` (epoch ms), on GitHub and AWS. */
  const requestsBetween = (from: number, to: number) =>
    [
      ...world.github.requests.map((r) => world.github.arrivalOf(r)),
      ...world.aws.requests.map((r) => world.aws.arrivalOf(r))
    ].filter((at) => at !== undefined && at >= from && at < to).length
  const labels = world.github.labelsOn(pr)
  const failed = (what: string) =>
    `${placement}, ${operation} (PR #${pr}): ${what}; check exit ${check.run.code}, sync exit ${sync.run.code}`
  const syncEnd = sync.startedAt + sync.run.ms
  if (operation === 'stop') {
    const deletion = world.aws.requests.find((r) => r.action === 'DeleteService')
    const deletedAt = deletion && world.aws.arrivalOf(deletion)
    if (
      sync.run.code !== 0 ||
      deletedAt === undefined ||
      labels.some((l) => l.startsWith('🎪 ' + sha))
    )
      return { ...base, problem: failed('not torn down') }
    return {
      ...base,
      toDeletedMs: check.run.ms + (deletedAt - sync.startedAt),
      requestsToBuild: requestsBetween(check.startedAt, deletedAt),
      totalMs: check.run.ms + sync.run.ms
    }
  }
  const dockerLine = sync.run.lines.findIndex((l) => l.text.startsWith('::group::docker '))
  const docker = sync.run.lines[dockerLine]
  const built = sync.run.lines.slice(dockerLine + 1).find((l) => l.text === '::endgroup::')
  // The task runs the image by the digest its build reported.
  const tag = `apache/superset:pr-${pr}-${sha}-ci`
  const digest = world.docker.builds().findLast((b) => b.image === tag)?.digest
  const image = digest === undefined ? tag : `apache/superset@${digest}`
  const readyAt = world.aws.appReadyAt(bootSeconds * 1000 * SCALE, image)
  const arrived = (r: EmulatorRequest) => world.github.arrivalOf(r) ?? 0
  const live = world.github.requests.find(addsLabel(pr, `🎪 ${sha} 🚦 running`))
  const liveAt = live && arrived(live)
  /** The first write the bundle made once the app answered: it had seen the app by then. */
  const seenAt = () =>
    world.github.requests
      .filter((r) => isWrite(r) && readyAt !== undefined && arrived(r) >= readyAt)
      .map(arrived)[0]

  /** A wake builds nothing: from the trigger to its UpdateService, then the task's start and the
   * app's boot (shortened), then the time until its URL is on the PR. */
  function wakeTimes(): TimelineRun {
    const update = world.aws.requests.find((r) => r.action === 'UpdateService')
    const updatedAt = update && world.aws.arrivalOf(update)
    const seen = seenAt()
    if (
      sync.run.code !== 0 ||
      world.docker.builds().length !== buildsBefore ||
      updatedAt === undefined ||
      readyAt === undefined ||
      liveAt === undefined ||
      seen === undefined
    )
      return { ...base, bootSeconds, problem: failed('not awake') }
    const toUpdated = check.run.ms + (updatedAt - sync.startedAt)
    const lag = (seen - readyAt) / SCALE + (liveAt - seen)
    return {
      ...base,
      bootSeconds,
      toUpdatedMs: toUpdated,
      lagMs: lag,
      totalMs: toUpdated + (readyAt - updatedAt) / SCALE + lag + (syncEnd - liveAt),
      requestsToBuild: requestsBetween(check.startedAt, updatedAt),
      requestsInLag: requestsBetween(readyAt, liveAt + 1)
    }
  }

  if (operation === 'wake') return wakeTimes()
  const service = world.aws.requests
    .filter((r) => r.action === 'CreateService' || r.action === 'UpdateService')
    .map((r) => world.aws.arrivalOf(r) ?? 0)
    .filter((at) => readyAt !== undefined && at <= readyAt)
    .at(-1)
  const seen = seenAt()
  if (
    sync.run.code !== 0 ||
    !docker ||
    !built ||
    readyAt === undefined ||
    liveAt === undefined ||
    service === undefined ||
    seen === undefined
  )
    return { ...base, bootSeconds, problem: failed('not live') }
  const buildEnd = sync.startedAt + built.ms
  // Shortened: the build's wait (the rest is starting docker), the task's start and the app's boot
  // after CreateService or UpdateService, and the time until the bundle's next poll sees the app.
  const build = PUBLISHED.build * 1000 + (built.ms - docker.ms - buildMs)
  const deploy = service - buildEnd + (readyAt - service) / SCALE
  const lag = (seen - readyAt) / SCALE + (liveAt - seen)
  const toBuild = check.run.ms + docker.ms
  return {
    ...base,
    bootSeconds,
    toBuildMs: toBuild,
    lagMs: lag,
    totalMs: toBuild + build + deploy + lag + (syncEnd - liveAt),
    requestsToBuild: requestsBetween(check.startedAt, sync.startedAt + docker.ms),
    requestsInLag: requestsBetween(readyAt, liveAt + 1)
  }
}

/** The operations timed at each placement: nothing sleeps at a public IP, so nothing wakes. */
const OPERATIONS: Record<Placement, readonly TimedOperation[]> = {
  'public IP': ['first deploy', 'roll-over', 'stop'],
  'load balancer': ['first deploy', 'roll-over', 'stop', 'wake']
}

/** Every operation, at the task's public IP and behind the load balancer: a deploy once for each of
 * APP_BOOTS, a stop once. */
export async function measureTimeline(
  node: NodeBinary,
  progress: (text: string) => void
): Promise<TimelineRun[]> {
  const runs: TimelineRun[] = []
  for (const placement of ['public IP', 'load balancer'] as const) {
    const world = await World.start()
    try {
      const inputs: Record<string, string> =
        placement === 'public IP'
          ? {}
          : {
              'load-balancer-listener-arn': world.aws.elb.addLoadBalancer(),
              'preview-domain': 'preview.example.com',
              'assign-public-ip': 'false'
            }
      for (const operation of OPERATIONS[placement]) {
        const boots = operation === 'stop' ? [APP_BOOTS[0]] : APP_BOOTS
        for (const boot of boots) {
          progress(`timeline, ${placement}: ${operation} (app boot ${boot} s)`)
          runs.push(await timedRun(world, node, placement, operation, inputs, boot))
        }
      }
    } finally {
      await world.stop()
    }
  }
  return runs
}

// ---------------------------------------------------------------------------------------------
// RESULTS.md

/** The figures this section had before the work of issue #21 on readiness and writes, kept so that
 * later runs show beside what they improved (not measured again: the code they measured is gone). */
const BEFORE = [
  ['public IP', 'first deploy', '8.0 s', '12.2 s (at most 22.0 s)', '325.7 s'],
  ['public IP', 'roll-over', '7.5 s', '8.7 s (at most 15.3 s)', '328.7 s'],
  ['public IP', 'stop', '0.7 s to DeleteService', '—', '10.6 s'],
  ['load balancer', 'first deploy', '7.6 s', '69.6 s (at most 76.0 s)', '382.6 s'],
  ['load balancer', 'roll-over', '7.6 s', '76.6 s (at most 84.6 s)', '395.8 s'],
  ['load balancer', 'stop', '0.7 s to DeleteService', '—', '9.5 s']
] as const

const seconds = (value: number) => `${value.toFixed(1)} s`

const mean = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length

/** One figure of the runs of a placement and an operation, in seconds: `how` of the runs that have
 * it, or undefined when none has. */
function figureOf(
  runs: readonly TimelineRun[],
  placement: Placement,
  operation: TimedOperation,
  figure: (r: TimelineRun) => number | undefined,
  how: (values: readonly number[]) => number
): number | undefined {
  const values = runs
    .filter((r) => r.placement === placement && r.operation === operation && !r.problem)
    .map(figure)
    .filter((v): v is number => v !== undefined)
  return values.length === 0 ? undefined : how(values) / 1000
}

const toBuild = (r: TimelineRun) => r.toBuildMs
const toDeleted = (r: TimelineRun) => r.toDeletedMs
const toUpdated = (r: TimelineRun) => r.toUpdatedMs
const lag = (r: TimelineRun) => r.lagMs
const total = (r: TimelineRun) => r.totalMs

export function timelineSection(runs: readonly TimelineRun[], node: string): string {
  const cell = (
    placement: Placement,
    operation: TimedOperation,
    figure: (r: TimelineRun) => number | undefined,
    how: (values: readonly number[]) => number = median
  ): string => {
    const value = figureOf(runs, placement, operation, figure, how)
    return value === undefined ? '—' : seconds(value)
  }
  const requests = (
    placement: Placement,
    operation: TimedOperation,
    figure: (r: TimelineRun) => number | undefined
  ): string => {
    const value = figureOf(runs, placement, operation, figure, median)
    return value === undefined ? '—' : String(value * 1000)
  }
  const rows = (['public IP', 'load balancer'] as const).flatMap((placement) =>
    OPERATIONS[placement].map((operation) => {
      const stop = operation === 'stop'
      const lagMean = cell(placement, operation, lag, mean)
      return [
        placement,
        operation,
        stop
          ? `${cell(placement, operation, toDeleted)} to DeleteService`
          : operation === 'wake'
            ? `${cell(placement, operation, toUpdated)} to UpdateService`
            : cell(placement, operation, toBuild),
        requests(placement, operation, (r) => r.requestsToBuild),
        stop
          ? '—'
          : `${lagMean} (at most ${cell(placement, operation, lag, (v) => Math.max(...v))})`,
        requests(placement, operation, (r) => r.requestsInLag),
        cell(placement, operation, total, mean)
      ]
    })
  )
  const problems = runs.flatMap((r) => (r.problem ? [r.problem] : []))
  return [
    '## 5. Timeline at published timings',
    '',
    'A first deploy, a roll-over and a stop of a PR, and behind the load balancer a wake (the start',
    'trigger on a PR the scheduled cleanup put to sleep), each run as the example workflow runs them',
    '(the check step, then the sync step; the steps between them are not counted), with the slow',
    `parts at published timings shortened by a factor of ${SCALE}, the bundle’s own waits too`,
    '(`SHOWTIME_TIME_SCALE`). GitHub’s 1 s spacing between writes is kept: what is only requests and',
    'writes runs in real time. Each figure is put back together at full scale from segments that the',
    'emulators’ records bound: the build, the wait from `CreateService`/`UpdateService` until the',
    'app answers, and the wait from then until the bundle’s next write are divided by the factor;',
    'the rest is as measured. Requests inside a divided segment count 20 times their time, so a',
    'detection lag here is a little longer than it would be. The detection lag depends on where the',
    'app’s readiness falls between two polls: each deploy runs once for each app boot of',
    `${APP_BOOTS.join(', ')} s, and the table gives the mean and the longest. The emulators answer in`,
    'milliseconds: on a runner, add the network latency of each request on the way (counted here,',
    `GitHub’s and AWS’s). The bundle runs on Node ${node}.`,
    '',
    table(
      ['slow part', 'at full scale', 'where the figure comes from'],
      [
        [
          'a build with a warm cache (the fake docker)',
          seconds(PUBLISHED.build),
          'Superset: 2 to 5 minutes warm, 10 to 20 uncached (issue #21)'
        ],
        [
          "Fargate's start of a task: capacity, network interface, image pull",
          seconds(PUBLISHED.taskStart),
          "30 to 60 s for a 1 GB image, never cached on Fargate (AWS's Fargate image-pull page; 55 s for 2.7 GB, drorspei.com 2026; ENI about 10 s)"
        ],
        [
          'the app’s boot, task running → /health answers',
          APP_BOOTS.map((b) => `${b} s`).join(', '),
          'Superset: 60 to 90 s'
        ],
        [
          'ECS reports the service stable',
          'when its task runs (behind the load balancer: once its target is healthy)',
          "the services-stable waiter's rule: one deployment, runningCount = desiredCount"
        ],
        [
          "the load balancer's health checks",
          "the target group's interval and healthy threshold, as Showtime creates it",
          "ELB's documented rule: a new target is healthy after the threshold of passed checks in a row"
        ]
      ]
    ),
    '',
    table(
      [
        'placement',
        'operation',
        'trigger → build start',
        'requests on the way',
        'app ready → URL on the PR (detection lag): mean (longest)',
        'requests on the way',
        'total wall time (mean)'
      ],
      rows
    ),
    '',
    '"Trigger" is the start of the check step; "app ready" the moment the new task’s app first',
    'answers its health path (task running + boot); "URL on the PR" the write that adds the',
    'commit’s `🚦 running` label (with its `🌐` address label at a public IP); a stop’s first',
    'figure runs to its `DeleteService`, a wake’s to the `UpdateService` that gives its service one',
    `task again. The totals hold the build (${PUBLISHED.build} s; a wake builds nothing) and, for a roll-over, the`,
    'old commit’s teardown.',
    '',
    'Before the readiness and write-ordering work of issue #21 (items 2 and 3), measured the same',
    'way on commit `e9db2c6` (7 December 2026, load average 5.5 to 2.7), for comparison:',
    '',
    table(
      [
        'placement',
        'operation',
        'trigger → build start',
        'detection lag: mean (longest)',
        'total wall time (mean)'
      ],
      BEFORE.map((row) => [...row])
    ),
    '',
    ...(problems.length > 0 ? ['Runs left out:', '', ...problems.map((p) => `- ${p}`), ''] : [])
  ].join('\n')
}

/** What the timeline part of a bench run measured, and under what load. */
export interface TimelineMeasured {
  readonly runs: readonly TimelineRun[]
  /** The version of the node that ran the bundle. */
  readonly node: string
  /** The 1-minute load average when the timeline began and ended. */
  readonly loadAtStart: number
  readonly loadAtEnd: number
}

const BEGIN = '<!-- timeline and cost: `npm run bench -- --timeline` rewrites from here -->'
const END = '<!-- timeline and cost: to here -->'

/** Sections 5 and 6, between the markers that let a timeline-only run replace them. */
export function timelineBlock(measured: TimelineMeasured, costSection: string): string {
  return [
    BEGIN,
    timelineSection(measured.runs, measured.node).replace(
      /\n$/,
      `\nThe 1-minute load average was ${measured.loadAtStart} when these runs began and ${measured.loadAtEnd} when they ended.\n`
    ),
    costSection,
    END,
    ''
  ].join('\n')
}

/** RESULTS.md with its timeline block replaced (or added before the anomalies). */
export function spliceTimeline(markdown: string, block: string): string {
  const begin = markdown.indexOf(BEGIN)
  const end = markdown.indexOf(END)
  if (begin !== -1 && end > begin)
    return markdown.slice(0, begin) + block + markdown.slice(end + END.length + 1)
  const anomalies = markdown.indexOf('\n## Anomalies')
  return anomalies === -1
    ? `${markdown}\n${block}`
    : `${markdown.slice(0, anomalies + 1)}${block}\n${markdown.slice(anomalies + 1)}`
}

/** One line per placement and operation, for the terminal. */
export function timelineSummary(measured: TimelineMeasured): string[] {
  const lines: string[] = []
  for (const placement of ['public IP', 'load balancer'] as const)
    for (const operation of OPERATIONS[placement]) {
      const figure = (
        f: (r: TimelineRun) => number | undefined,
        how: (values: readonly number[]) => number = median
      ) => {
        const value = figureOf(measured.runs, placement, operation, f, how)
        return value === undefined ? '—' : seconds(value)
      }
      lines.push(
        operation === 'stop'
          ? `timeline ${placement}, stop: to DeleteService ${figure(toDeleted)}, total ${figure(total, mean)}`
          : `timeline ${placement}, ${operation}: ` +
              (operation === 'wake'
                ? `to UpdateService ${figure(toUpdated)}, `
                : `to build ${figure(toBuild)}, `) +
              `lag ${figure(lag, mean)} (at most ${figure(lag, (v) => Math.max(...v))}), ` +
              `total ${figure(total, mean)}`
      )
    }
  return lines
}
