// A PR's whole lifecycle under an IAM policy: the policy the README gives adopters, read from the
// README itself, and the lifecycle that needs every action of it (first deploy, forced rebuild,
// roll-over and stop, at the task's address and again behind the shared load balancer, then a
// scheduled cleanup that expires one environment and deletes an orphaned service, listener rule
// and target group).

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SUPERSET_INPUTS } from '../../__fixtures__/superset.js'
import { targetGroupName } from '../../src/domain/resources.js'
import type { IamPolicy, IamStatement } from './aws-iam.js'
import { REPO_ROOT, type RunResult, runAction } from './run-action.js'
import { FAST, START, STOP, type World } from './world.js'

/** The name of the shared load balancer the lifecycle runs behind. */
const LOAD_BALANCER = 'showtime-previews'

/** The JSON block of the README's "IAM policy" section, with this test account's values. */
export async function readmePolicy(account: string, region: string, cluster: string) {
  const readme = await readFile(join(REPO_ROOT, 'README.md'), 'utf8')
  const section = readme.slice(readme.indexOf('\n## IAM policy\n'))
  const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1]
  if (!json) throw new Error('README: no JSON policy under "## IAM policy"')
  const filled = json
    .replaceAll('REGION', region)
    .replaceAll('ACCOUNT', account)
    .replaceAll('CLUSTER', cluster)
    .replaceAll('LOAD_BALANCER', LOAD_BALANCER)
  return JSON.parse(filled) as IamPolicy & { Statement: IamStatement[] }
}

const actions = (s: IamStatement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action])

/** The policy without one action (the statement goes when it had no other). */
export function without(policy: { Statement: IamStatement[] }, action: string): IamPolicy {
  return {
    Statement: policy.Statement.flatMap((s) => {
      const kept = actions(s).filter((a) => a !== action)
      return kept.length === 0 ? [] : [{ ...s, Action: kept }]
    })
  }
}

export const actionsOf = (policy: { Statement: IamStatement[] }) =>
  policy.Statement.flatMap(actions)

/** The generic example template: its execution role is the one the README's policy passes. */
const TEMPLATE = join(REPO_ROOT, 'examples', 'task-definition.json')

const A = 'abc123f' + '4'.repeat(33)
const B = 'def456a' + '5'.repeat(33)

export interface Step {
  readonly name: string
  readonly result: RunResult
}

/**
 * Runs the lifecycle step after step and stops at the first step that fails; returns the steps
 * run. Each step is a run of the committed bundle, as a workflow would start it.
 */
export async function lifecycle(world: World): Promise<Step[]> {
  const steps: Step[] = []
  const inputs = { ...SUPERSET_INPUTS, 'task-definition': TEMPLATE }
  const listener = world.aws.elb.addLoadBalancer({ name: LOAD_BALANCER })
  const balanced = {
    ...inputs,
    'load-balancer-listener-arn': listener,
    'preview-domain': 'preview.example.com',
    'assign-public-ip': 'false'
  }
  const run = async (name: string, result: Promise<RunResult>) => {
    steps.push({ name, result: await result })
    return steps.at(-1)!.result.code === 0
  }
  for (const [mode, workflowInputs] of [
    ['', inputs],
    [' behind the load balancer', balanced]
  ] as const) {
    const pr = world.newPr([START], A)
    const add = (label: string) => world.github.setLabels(pr, [...world.github.labelsOn(pr), label])
    const sync = (name: string, action: string, label?: string) =>
      run(`${name}${mode}`, world.sync(pr, action, { workflowInputs, ...(label && { label }) }))
    if (!(await sync('first deploy', 'labeled', START))) return steps
    add(START)
    if (!(await sync('forced rebuild', 'labeled', START))) return steps
    world.github.updatePull(pr, { headSha: B })
    if (!(await sync('roll-over', 'synchronize'))) return steps
    add(STOP)
    if (!(await sync('stop', 'labeled', STOP))) return steps
  }

  // An environment two days old on another PR, and a service of ours that nothing names.
  const old = world.newPr([], A)
  const stamp = new Date(Date.now() - 50 * 3_600_000).toISOString()
  world.github.setLabels(old, [
    '🎪 abc123f 🚦 running',
    `🎪 abc123f 📅 ${stamp.slice(0, 13)}-${stamp.slice(14, 16)}`,
    '🎪 🎯 abc123f',
    '🎪 ⌛ 48h'
  ])
  const tags = { showtime_managed: 'true', repository: world.github.fullName }
  world.aws.addService({ serviceName: `pr-${old}-abc123f-service`, tags })
  world.aws.addService({ serviceName: 'pr-999999-0000000-service', tags })
  // A listener rule and a target group of ours that no environment uses any more.
  const orphan = world.aws.elb.addTargetGroup(
    targetGroupName(world.github.fullName, 999_999, '0000000'),
    tags
  )
  world.aws.elb.addRule(listener, {
    host: 'pr-999999.preview.example.com',
    priority: 49_999,
    targetGroupArns: [orphan],
    tags: { ...tags, pr: '999999' }
  })
  await run(
    'cleanup',
    runAction({
      github: world.github,
      awsEndpoint: world.aws.url,
      eventName: 'schedule',
      event: { schedule: '0 */6 * * *' },
      inputs: { mode: 'cleanup' },
      env: FAST,
      workflowInputs: balanced
    })
  )
  return steps
}
