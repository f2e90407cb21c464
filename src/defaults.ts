// Every default in one place. action.yml declares the same input defaults for the runner (a test
// keeps the two equal); the code applies them too, because a workflow expression that evaluates
// to '' (`${{ inputs.x }}` on a pull_request event) reaches the action as an empty input.

export const INPUT_DEFAULTS = {
  'dry-run-github': 'false',
  'dry-run-aws': 'false',
  'dry-run-docker': 'false',
  'aws-sleep': '0',
  'ecs-cluster': 'superset-ci',
  subnets: 'subnet-0e15a5034b4121710,subnet-0e8efef4a72224974',
  'security-groups': 'sg-092ff3a6ae0574d91',
  'image-repository': 'apache/superset',
  'docker-target': 'ci',
  'docker-platform': 'linux/amd64',
  'build-args': 'INCLUDE_CHROMIUM=false\nLOAD_EXAMPLES_DUCKDB=true\n',
  'docker-context': '.',
  'container-port': '8080',
  'health-path': '/health',
  ttl: '48h',
  'older-than': '48h',
  'respect-ttl': 'true',
  'max-environments': '0',
  'allowed-permissions': 'write,maintain,admin',
  comment: 'true',
  deployments: 'true'
} as const satisfies Record<string, string>

/** Used when neither the aws-region input nor the AWS_REGION variable is set. */
export const DEFAULT_AWS_REGION = 'us-west-2'

/** A `building` or `deploying` environment older than this was left by a run that died (the job
 * timeout of the reference workflow is 90 minutes). */
export const STALE_IN_PROGRESS_MS = 2 * 60 * 60 * 1000

/** The actor recorded when the runner names none. */
export const UNKNOWN_ACTOR = 'unknown'
