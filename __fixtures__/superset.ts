// The inputs Apache Superset's workflow gives Showtime (examples/superset/showtime.yml): the end-to-end
// tests run as Superset does, so that their assertions keep Superset's names and arguments.

import { fileURLToPath } from 'node:url'

export const SUPERSET_TEMPLATE = fileURLToPath(
  new URL('../examples/superset/task-definition.json', import.meta.url)
)

export const SUPERSET_INPUTS: Readonly<Record<string, string>> = {
  'ecs-cluster': 'superset-ci',
  subnets: 'subnet-0e15a5034b4121710,subnet-0e8efef4a72224974',
  'security-groups': 'sg-092ff3a6ae0574d91',
  'image-repository': 'apache/superset',
  'docker-target': 'ci',
  'build-args': 'INCLUDE_CHROMIUM=false\nLOAD_EXAMPLES_DUCKDB=true',
  'feature-flag-prefix': 'SUPERSET_FEATURE_',
  'task-definition': SUPERSET_TEMPLATE
}
