// Requests per operation behind the shared load balancer (load-balancer-listener-arn): a first
// deploy, a roll-over, a stop, a wake and a cleanup, each on a PR of its own in a world of its own whose
// AWS emulator has one HTTPS listener, so that the cleanup sees only these PRs.

import { targetGroupName } from '../src/domain/resources.js'
import type { RunResult } from '../__tests__/support/run-action.js'
import { START, STOP, World } from '../__tests__/support/world.js'
import { dateEnvironment, freshCommit, scheduledCleanup } from './fixtures.js'
import { code, table } from './markdown.js'
import { type Measured, type Operation, asExpected, measure } from './operations.js'
import { type Tally } from './tally.js'

const DOMAIN = 'preview.example.com'

function operations(listener: string): Operation[] {
  const inputs = {
    'load-balancer-listener-arn': listener,
    'preview-domain': DOMAIN,
    'assign-public-ip': 'false'
  }
  const deployed = async (world: World) => {
    const commit = freshCommit()
    const pr = world.newPr([START], commit.sha)
    const result = await world.sync(pr, 'labeled', { label: START, inputs })
    if (result.code !== 0) throw new Error(`setup deploy failed:\n${result.stdout.slice(-2000)}`)
    return { pr, commit }
  }
  const cleanup = (world: World, extra: Record<string, string> = {}): Promise<RunResult> =>
    scheduledCleanup(world, { ...inputs, ...extra })
  return [
    {
      mode: 'sync',
      name: 'first deploy',
      short: 'first',
      expectedReason: 'explicit_start_new_sha',
      arrange: async (w) => {
        const pr = w.newPr([START], freshCommit().sha)
        return () => w.sync(pr, 'labeled', { label: START, inputs })
      }
    },
    {
      mode: 'sync',
      name: 'roll-over to a new head',
      short: 'roll-over',
      expectedReason: 'auto_sync_new_commit',
      arrange: async (w) => {
        const { pr } = await deployed(w)
        w.github.updatePull(pr, { headSha: freshCommit().sha })
        return () => w.sync(pr, 'synchronize', { sender: 'writer', inputs })
      }
    },
    {
      mode: 'sync',
      name: 'stop trigger on a running PR',
      short: 'stop',
      expectedReason: 'explicit_stop_trigger',
      arrange: async (w) => {
        const { pr } = await deployed(w)
        w.github.setLabels(pr, [...w.github.labelsOn(pr), STOP])
        return () => w.sync(pr, 'labeled', { label: STOP, inputs })
      }
    },
    {
      mode: 'sync',
      name: 'start trigger on a sleeping PR (a wake)',
      short: 'wake',
      expectedReason: 'explicit_start_wake',
      arrange: async (w) => {
        const { pr, commit } = await deployed(w)
        // Deployed two hours ago and idle since: the cleanup (sleep-after: 1h) puts it to sleep.
        dateEnvironment(w, pr, commit.short, 2)
        const asleep = await cleanup(w, { 'sleep-after': '1h' })
        if (!w.labels(pr).includes(`🎪 ${commit.short} 🚦 sleeping`))
          throw new Error(`setup sleep failed:\n${asleep.stdout.slice(-2000)}`)
        w.github.setLabels(pr, [...w.github.labelsOn(pr), START])
        return () => w.sync(pr, 'labeled', { label: START, inputs })
      }
    },
    {
      mode: 'cleanup',
      name: 'cleanup: one expired environment, one orphaned rule and target group',
      short: 'cleanup',
      expectedReason: '',
      arrange: async (w) => {
        const { pr, commit } = await deployed(w)
        dateEnvironment(w, pr, commit.short, 60)
        const tags = { showtime_managed: 'true', repository: w.github.fullName }
        const orphan = w.aws.elb.addTargetGroup(
          targetGroupName(w.github.fullName, 999_999, freshCommit().short),
          tags
        )
        w.aws.elb.addRule(listener, {
          host: `pr-999999.${DOMAIN}`,
          priority: 49_999,
          targetGroupArns: [orphan],
          tags: { ...tags, pr: '999999' }
        })
        return () => cleanup(w)
      }
    }
  ]
}

export async function measureLoadBalanced(progress: (text: string) => void): Promise<Measured[]> {
  const world = await World.start()
  try {
    const listener = world.aws.elb.addLoadBalancer()
    const measured: Measured[] = []
    for (const operation of operations(listener)) {
      progress(`behind the load balancer: ${operation.name}`)
      measured.push(await measure(world, operation))
    }
    return measured
  } finally {
    await world.stop()
  }
}

function matrix(measured: readonly Measured[], tallyOf: (m: Measured) => Tally): string {
  const tallies = measured.map(tallyOf)
  const routes = [...new Set(tallies.flatMap((t) => [...t.byRoute.keys()]))]
  return table(
    ['route', ...measured.map((m) => m.operation.short)],
    [
      ...routes.map((route) => [code(route), ...tallies.map((t) => t.byRoute.get(route) ?? 0)]),
      ['**total**', ...tallies.map((t) => t.total)]
    ]
  )
}

export function loadBalancerSection(measured: readonly Measured[]): string {
  const rows = measured.map((m) => [
    m.operation.name,
    asExpected(m) ? m.reason || '(none)' : `⚠ ${m.reason || '(none)'}, exit ${m.code}`,
    m.github.total,
    m.aws.total,
    m.aws.reads,
    m.aws.writes
  ])
  return [
    '### Behind a shared load balancer',
    '',
    'The same operations with `load-balancer-listener-arn` and `preview-domain` set and',
    '`assign-public-ip: false`, each on a fresh PR (the wake on one a cleanup with `sleep-after: 1h`',
    'put to sleep; the cleanup on a PR whose environment is 60 h old, with one orphaned listener',
    "rule and target group of the repository; the sleep's cleanup has created the label",
    'definitions a repository lacks, so this one measures a repository that has them). GitHub requests do',
    'not grow in this mode (no `🌐` label to write); the AWS requests add the load balancer’s.',
    'Polls (`DescribeServices` while ECS stabilises, `DescribeTargetHealth` until a target is',
    'healthy) depend on the emulator’s timings: ECS stabilises in 50 ms, its load balancer',
    'health-checks every 20 ms.',
    '',
    table(['operation', 'action_reason', 'GitHub', 'AWS', 'AWS reads', 'AWS writes'], rows),
    '',
    matrix(measured, (m) => m.aws),
    ''
  ].join('\n')
}
