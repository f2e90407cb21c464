// Every default in one place. action.yml declares the same input defaults for the runner (a test
// keeps the two equal); the code applies them too, because a workflow expression that evaluates
// to '' (`${{ inputs.x }}` on a pull_request event) reaches the action as an empty input.

export const INPUT_DEFAULTS = {
  'dry-run-github': 'false',
  'dry-run-aws': 'false',
  'dry-run-docker': 'false',
  'aws-sleep': '0',
  'docker-platform': 'linux/amd64',
  'docker-context': '.',
  'build-cache': 'gha',
  'build-cache-name': 'showtime-cache',
  'capacity-provider': 'FARGATE',
  'container-port': '8080',
  'health-path': '/health',
  ttl: '48h',
  'older-than': '48h',
  'respect-ttl': 'true',
  'sleep-after': 'never',
  'max-environments': '0',
  'allowed-permissions': 'write,maintain,admin',
  comment: 'true',
  deployments: 'true',
  'deployment-environment': 'showtime-preview',
  'adopt-untagged-services': 'false',
  'assign-public-ip': 'true',
  'health-timeout': '15m',
  'health-interval': '5s',
  'deregistration-delay': '30s'
} as const satisfies Record<string, string>

/** Used when neither the aws-region input nor the AWS_REGION variable is set. */
export const DEFAULT_AWS_REGION = 'us-west-2'

/** A `building` or `deploying` environment older than this was left by a run that died (the job
 * timeout of the example workflow is 90 minutes). */
export const STALE_IN_PROGRESS_MS = 2 * 60 * 60 * 1000

/** The actor recorded when the runner names none. */
export const UNKNOWN_ACTOR = 'unknown'

/** How long each wait of a deploy may take, in seconds. */
export const DEPLOY_TIMING = {
  /** Waiting for a DRAINING service of the same name to go away before re-creating it. */
  drainTimeout: 300,
  drainPoll: 5,
  /** Readiness check: one health request's timeout (the whole check's and the pause between
   * polls of the task and its health are the health-timeout and health-interval inputs). */
  healthRequestTimeout: 10,
  /** Behind the load balancer, once the new task runs: the pause between reads of its target's
   * health (ELB checks every 5 s, and a target turns healthy right after a check). */
  targetHealthPoll: 2
} as const

/**
 * SHOWTIME_TIME_SCALE (a number between 0 and 1) shortens every wait above by that factor. It
 * exists for the test suite and the demo, which run against emulators that answer in milliseconds.
 */
export function timeScale(env: NodeJS.ProcessEnv): number {
  const value = Number(env.SHOWTIME_TIME_SCALE)
  return value > 0 && value <= 1 ? value : 1
}

/** Every wait of a deploy, in seconds. */
export type Timing = { -readonly [K in keyof typeof DEPLOY_TIMING]: number } & {
  /** How long the health check may take in all, and the pause between its attempts. */
  healthTimeout: number
  healthInterval: number
}

/** The deploy's waits at a time scale; one request's timeout is not shortened: the app takes as
 * long to answer whatever the scale. */
export function scaledTiming(
  scale: number,
  health: { readonly timeoutSeconds: number; readonly intervalSeconds: number }
): Timing {
  const waits = {
    ...DEPLOY_TIMING,
    healthTimeout: health.timeoutSeconds,
    healthInterval: health.intervalSeconds
  }
  return Object.fromEntries(
    Object.entries(waits).map(([key, value]) => [
      key,
      key === 'healthRequestTimeout' ? value : value * scale
    ])
  ) as Timing
}

/** SHOWTIME_GITHUB_WRITE_INTERVAL_MS overrides the 1 s (3 s for comments) spacing that the
 * throttling plugin keeps between GitHub writes; for the test suite against the emulator. */
export function githubWriteInterval(env: NodeJS.ProcessEnv): number | undefined {
  const value = Number(env.SHOWTIME_GITHUB_WRITE_INTERVAL_MS)
  return env.SHOWTIME_GITHUB_WRITE_INTERVAL_MS !== undefined && value >= 0 ? value : undefined
}

/** A sync (or the check before it) with work to do does not start with fewer GitHub requests left
 * than this: a roll-over takes about 25, and the rest is left to the repository's other runs. */
export const SYNC_REQUEST_RESERVE = 50

/** GitHub allows 500 content-creating requests an hour: one cleanup run plans no more writes than
 * that, and leaves whole actions beyond it for the next run. */
export const CLEANUP_WRITE_BUDGET = 500
