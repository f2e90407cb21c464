// A PR's whole lifecycle under an IAM policy: the policy the setup docs give adopters, read from
// docs/aws-setup.md itself, and the lifecycle that needs every action of it. At the task's address and again
// behind the shared load balancer: first deploy, forced rebuild, a roll-over whose commit never
// becomes healthy (released again), a roll-over, then stop (at the address) or, behind the load
// balancer, sleep (a cleanup with sleep-after), wake and close; then a scheduled cleanup that expires one environment and deletes an orphaned
// service, listener rule and target group (and the image tag and revision of each service).

import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { SUPERSET_INPUTS } from '../../__fixtures__/superset.js'
import { targetGroupName } from '../../src/domain/resources.js'
import type { IamPolicy, IamStatement } from './aws-iam.js'
import { REPO_ROOT, type RunResult, runAction } from './run-action.js'
import { FAST, START, STOP, type World } from './world.js'

/** A 📅 label's time. */
function minuteStamp(ms: number): string {
  const iso = new Date(ms).toISOString()
  return `${iso.slice(0, 13)}-${iso.slice(14, 16)}`
}

/** The name of the shared load balancer the lifecycle runs behind. */
const LOAD_BALANCER = 'showtime-previews'
/** The ECR repository the lifecycle's images are pushed to (a teardown deletes their tags). */
const ECR_REPOSITORY = 'superset'
/** The awslogs group of the example template, where the crashing commit's task logs. */
const LOG_GROUP = '/ecs/showtime'

export interface PolicyValues {
  readonly account: string
  readonly region: string
  readonly cluster: string
  /** `owner/repo`, the value of the ownership tag. */
  readonly repository: string
}

export type ReadmePolicy = IamPolicy & { Statement: IamStatement[] }

/** Where adopters find the policy (the README links there). */
export const POLICY_DOC = join('docs', 'aws-setup.md')

/** The JSON blocks of the setup docs' "IAM policy" section, with this test account's values: the
 * policy, then the optional statement that adopts untagged services. */
async function readmeJson(values: PolicyValues): Promise<unknown[]> {
  const doc = await readFile(join(REPO_ROOT, POLICY_DOC), 'utf8')
  const start = doc.indexOf('\n## IAM policy\n')
  if (start === -1) throw new Error(`${POLICY_DOC}: no "## IAM policy" section`)
  const end = doc.indexOf('\n## ', start + 1)
  const section = doc.slice(start, end === -1 ? undefined : end)
  return [...section.matchAll(/```json\n([\s\S]*?)\n```/g)].map(([, json]) =>
    JSON.parse(
      json!
        .replaceAll('REGION', values.region)
        .replaceAll('ACCOUNT_ID', values.account)
        .replaceAll('CLUSTER', values.cluster)
        .replaceAll('LOAD_BALANCER', LOAD_BALANCER)
        .replaceAll('LOG_GROUP', LOG_GROUP)
        .replaceAll('ECR_REPOSITORY', ECR_REPOSITORY)
        .replaceAll('OWNER/REPO', values.repository)
    )
  )
}

export async function readmePolicy(values: PolicyValues): Promise<ReadmePolicy> {
  const [policy] = await readmeJson(values)
  if (!policy) throw new Error(`${POLICY_DOC}: no JSON policy under "## IAM policy"`)
  return policy as ReadmePolicy
}

/** The setup docs' optional statement for adopting the Python tool's untagged services. */
export async function readmeAdoptStatement(values: PolicyValues): Promise<IamStatement> {
  const [, statement] = await readmeJson(values)
  if (!statement) throw new Error(`${POLICY_DOC}: no optional statement under "## IAM policy"`)
  return statement as IamStatement
}

/** The setup docs' optional statement for Cognito sign-in (load-balancer-authentication). */
export async function readmeCognitoStatement(values: PolicyValues): Promise<IamStatement> {
  const [, , statement] = await readmeJson(values)
  if (!statement) throw new Error(`${POLICY_DOC}: no Cognito statement under "## IAM policy"`)
  return statement as IamStatement
}

/** The policy without the statement of that Sid (which must exist). */
export function without(policy: ReadmePolicy, sid: string): ReadmePolicy {
  if (!policy.Statement.some((s) => s.Sid === sid)) throw new Error(`no statement ${sid}`)
  return { ...policy, Statement: policy.Statement.filter((s) => s.Sid !== sid) }
}

const listed = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v])

/** Every action the policy allows somewhere (its Deny statements only narrow them). */
export function allowedActions(policy: ReadmePolicy): string[] {
  return [
    ...new Set(
      policy.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => listed(s.Action))
    )
  ].sort()
}

/** The generic example template: its execution role is the one the documented policy passes. */
const TEMPLATE = join(REPO_ROOT, 'examples', 'task-definition.json')

const A = 'abc123f' + '4'.repeat(33)
const B = 'def456a' + '5'.repeat(33)
/** The commit that never becomes healthy. */
const C = 'c0ffee1' + '6'.repeat(33)

export interface Step {
  readonly name: string
  readonly result: RunResult
}

export type Placement = 'at the address' | 'behind the load balancer'

/** A step went as it should: its exit code, and no refusal of AWS among its errors. */
const wentAsPlanned = (result: RunResult, code: number) =>
  result.code === code && !result.commands.errors.some((e) => e.includes('not authorized'))

/**
 * Runs the lifecycle step after step (each a run of the committed bundle, as a workflow would
 * start it) and stops at the first step that does not go as planned; returns the steps run.
 */
export async function lifecycle(
  world: World,
  placements: readonly Placement[] = ['at the address', 'behind the load balancer'],
  /** Inputs added behind the load balancer (such as load-balancer-authentication). */
  balancedInputs: Readonly<Record<string, string>> = {}
): Promise<Step[]> {
  const steps: Step[] = []
  const registry = `${world.aws.accountId}.dkr.ecr.${world.aws.region}.amazonaws.com`
  world.aws.ecr.createRepository(ECR_REPOSITORY)
  const inputs = {
    ...SUPERSET_INPUTS,
    'task-definition': TEMPLATE,
    'image-repository': `${registry}/${ECR_REPOSITORY}`
  }
  const listener = world.aws.elb.addLoadBalancer({ name: LOAD_BALANCER })
  const balanced = {
    ...inputs,
    'load-balancer-listener-arn': listener,
    'preview-domain': 'preview.example.com',
    'assign-public-ip': 'false',
    ...balancedInputs
  }
  const run = async (name: string, result: Promise<RunResult>, code = 0) => {
    steps.push({ name, result: await result })
    return wentAsPlanned(steps.at(-1)!.result, code)
  }
  for (const placement of placements) {
    const workflowInputs = placement === 'at the address' ? inputs : balanced
    const pr = world.newPr([START], A)
    const add = (label: string) => world.github.setLabels(pr, [...world.github.labelsOn(pr), label])
    const sync = (name: string, action: string, label?: string, code = 0) =>
      run(
        `${name} ${placement}`,
        world.sync(pr, action, { workflowInputs, ...(label && { label }) }),
        code
      )
    if (!(await sync('first deploy', 'labeled', START))) return steps
    add(START)
    if (!(await sync('forced rebuild', 'labeled', START))) return steps
    world.github.updatePull(pr, { headSha: C })
    // At the address its task crashes in a loop (its logs are read for the PR); behind the load
    // balancer, the load balancer's health check fails.
    if (placement === 'at the address') {
      world.aws.logs.createGroup(LOG_GROUP)
      world.app.healthy = false
      world.aws.setBehaviour({
        taskExit: { afterMs: 100, exitCode: 1, output: ['Traceback: boom'] }
      })
    } else world.app.failingCommits.add(C.slice(0, 7))
    try {
      if (!(await sync('failed roll-over', 'synchronize', undefined, 1))) return steps
    } finally {
      world.app.healthy = true
      world.app.failingCommits.clear()
      world.aws.setBehaviour({ taskExit: false })
    }
    world.github.updatePull(pr, { headSha: B })
    if (!(await sync('roll-over', 'synchronize'))) return steps
    if (placement === 'behind the load balancer') {
      // Idle for three hours: a cleanup with sleep-after puts it to sleep, the start trigger wakes it.
      const created = `🎪 ${B.slice(0, 7)} 📅 `
      world.github.setLabels(pr, [
        ...world.github.labelsOn(pr).filter((l) => !l.startsWith(created)),
        `${created}${minuteStamp(Date.now() - 3 * 3_600_000)}`
      ])
      const sleep = runAction({
        github: world.github,
        awsEndpoint: world.aws.url,
        eventName: 'schedule',
        event: { schedule: '0 * * * *' },
        inputs: { mode: 'cleanup', 'sleep-after': '1h' },
        env: FAST,
        workflowInputs
      })
      if (!(await run(`sleep ${placement}`, sleep))) return steps
      add(START)
      if (!(await sync('wake', 'labeled', START))) return steps
    }
    if (placement === 'at the address') {
      add(STOP)
      if (!(await sync('stop', 'labeled', STOP))) return steps
    } else {
      world.github.updatePull(pr, { state: 'closed' })
      if (!(await sync('close', 'closed'))) return steps
    }
  }

  // An environment two days old on another PR, and a service of ours that nothing names.
  const old = world.newPr([], A)
  world.github.setLabels(old, [
    '🎪 abc123f 🚦 running',
    `🎪 abc123f 📅 ${minuteStamp(Date.now() - 50 * 3_600_000)}`,
    '🎪 🎯 abc123f',
    '🎪 ⌛ 48h'
  ])
  const tags = { showtime_managed: 'true', repository: world.github.fullName }
  // Each as a deploy left it: a revision of the template's family, the commit's image in ECR.
  for (const serviceName of [`pr-${old}-abc123f-service`, 'pr-999999-0000000-service']) {
    world.aws.addService({ serviceName, tags, taskDefinitionFamily: 'showtime' })
    world.aws.ecr.putImage(ECR_REPOSITORY, serviceName.replace(/-service$/, '-ci'))
  }
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
