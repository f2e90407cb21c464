// Request counts of the scheduled cleanup at repository scale. The emulators are seeded directly,
// as __tests__/e2e/cleanup.test.ts does: open PRs, a fifth of them with a running environment (a
// quarter of those past their 48h TTL), closed PRs that still carry labels and a service, and
// orphaned services that no PR names.

import { AwsEmulator } from '../__tests__/support/aws-emulator.js'
import { GitHubEmulator } from '../__tests__/support/github-emulator.js'
import { runAction } from '../__tests__/support/run-action.js'
import { FAST, TIME_SCALE } from '../__tests__/support/world.js'
import { ownershipTags } from '../src/domain/resources.js'
import { runningLabels } from './fixtures.js'
import { type Tally, tallyAws, tallyGitHub } from './tally.js'

const HOUR = 3_600_000
const FRESH_HOURS = 5
const EXPIRED_HOURS = 60

export interface CleanupScale {
  readonly openPrs: number
  readonly withEnvironment: number
  readonly expired: number
  readonly closedWithLeftovers: number
  readonly orphans: number
}

export interface CleanupMeasured {
  readonly scale: CleanupScale
  readonly github: Tally
  readonly aws: Tally
  readonly code: number | null
  readonly ms: number
  readonly servicesLeft: number
  /** Actions the run left for the next one, over its GitHub write budget (from its log). */
  readonly deferred: number
}

/** PRs whose environments or leftovers cleanup must act on. */
export function needingWork(scale: CleanupScale): number {
  return scale.expired + scale.closedWithLeftovers + scale.orphans
}

/** What must survive: the environments that are not expired. */
export function expectedServicesLeft(scale: CleanupScale): number {
  return scale.withEnvironment - scale.expired
}

function shortSha(pr: number): string {
  return pr.toString(16).padStart(7, '0')
}

function serviceName(pr: number): string {
  return `pr-${pr}-${shortSha(pr)}-service`
}

class Seeder {
  /** What Showtime tags its services with in the repository the runs act on. */
  private get ours() {
    return ownershipTags(this.github.fullName)
  }

  constructor(
    private readonly github: GitHubEmulator,
    private readonly aws: AwsEmulator
  ) {}

  /** A PR's running environment: its service and the labels sync leaves. */
  environment(pr: number, hoursAgo: number): string[] {
    this.aws.addService({
      serviceName: serviceName(pr),
      createdAt: new Date(Date.now() - hoursAgo * HOUR),
      tags: this.ours
    })
    return runningLabels(shortSha(pr), hoursAgo)
  }

  pull(pr: number, labels: string[], state: 'open' | 'closed' = 'open'): void {
    this.github.addPull({ number: pr, headSha: shortSha(pr).padEnd(40, '0'), labels, state })
  }

  /**
   * Every fifth open PR has an environment and every fourth of those has expired, so they spread
   * over all pages of the PR list; 2% as many closed PRs with leftovers and 3% orphaned services
   * (rounded up) take numbers above the open ones. Returns what it seeded.
   */
  seed(openPrs: number): CleanupScale {
    let withEnvironment = 0
    let expired = 0
    for (let pr = 1; pr <= openPrs; pr++) {
      if (pr % 5 !== 0) {
        this.pull(pr, pr % 7 === 0 ? ['bug'] : [])
        continue
      }
      const isExpired = (pr / 5) % 4 === 1
      this.pull(pr, this.environment(pr, isExpired ? EXPIRED_HOURS : FRESH_HOURS))
      withEnvironment++
      if (isExpired) expired++
    }
    const closedWithLeftovers = Math.ceil(openPrs * 0.02)
    for (let pr = openPrs + 1; pr <= openPrs + closedWithLeftovers; pr++)
      this.pull(pr, this.environment(pr, FRESH_HOURS), 'closed')
    const orphans = Math.ceil(openPrs * 0.03)
    const orphansFrom = 10 * openPrs + 1
    for (let pr = orphansFrom; pr < orphansFrom + orphans; pr++)
      this.aws.addService({ serviceName: serviceName(pr), tags: this.ours })
    return { openPrs, withEnvironment, expired, closedWithLeftovers, orphans }
  }
}

export async function measureCleanup(openPrs: number): Promise<CleanupMeasured> {
  const [github, aws] = await Promise.all([
    GitHubEmulator.start({ timeScale: TIME_SCALE }),
    AwsEmulator.start()
  ])
  try {
    const scale = new Seeder(github, aws).seed(openPrs)
    github.clearRequests()
    aws.clearRequests()
    const started = performance.now()
    const result = await runAction({
      github,
      awsEndpoint: aws.url,
      eventName: 'schedule',
      event: { schedule: '0 */6 * * *' },
      inputs: { mode: 'cleanup' },
      env: FAST,
      timeoutMs: 180_000
    })
    return {
      scale,
      github: tallyGitHub(github.requests),
      aws: tallyAws(aws.requests),
      code: result.code,
      ms: performance.now() - started,
      servicesLeft: aws.activeServices().length,
      deferred: Number(/(\d+) actions left for the next run/.exec(result.stdout)?.[1] ?? 0)
    }
  } finally {
    await Promise.all([github.stop(), aws.stop()])
  }
}
