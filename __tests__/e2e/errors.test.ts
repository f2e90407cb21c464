// Error lines that say what to fix, end to end: each failure below ends the run with exactly one
// error line (core.setFailed), which names the cause and the remedy, and no stack trace.

import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { RunResult } from '../support/run-action.js'
import { START, World } from '../support/world.js'

const A = 'abc123f' + '6'.repeat(33)
let world: World

beforeAll(async () => {
  world = await World.start()
})
afterAll(() => world.stop())
beforeEach(() => world.aws.setClusters(undefined))

/** Exactly one error line, matching `line`, and the run failed without a stack trace. */
function failedWith(result: RunResult, line: RegExp): void {
  expect(result.code, result.stdout).toBe(1)
  expect(result.commands.errors, result.stdout).toHaveLength(1)
  expect(result.commands.errors[0]).toMatch(line)
  expect(result.stdout + result.stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/)
}

describe('the event file', () => {
  it('missing: one line naming GITHUB_EVENT_PATH, not a later "set the pr-number input"', async () => {
    const pr = world.newPr([START], A)
    const missing = join(tmpdir(), 'showtime-no-such-event.json')
    const result = await world.run('check', pr, 'labeled', {
      label: START,
      env: { GITHUB_EVENT_PATH: missing }
    })
    failedWith(result, /^The event file \(GITHUB_EVENT_PATH\) cannot be read: .*ENOENT/)
    expect(result.stdout).not.toContain('pr-number')
  })

  it('malformed: one line saying it is not JSON', async () => {
    const pr = world.newPr([START], A)
    const broken = join(tmpdir(), `showtime-broken-event-${pr}.json`)
    await writeFile(broken, '{"action": "labeled", ')
    const result = await world.run('check', pr, 'labeled', {
      label: START,
      env: { GITHUB_EVENT_PATH: broken }
    })
    failedWith(result, /^The event file \(GITHUB_EVENT_PATH\) is not valid JSON: .*showtime-broken/)
  })
})

describe('GitHub', () => {
  it('401: the token is not valid', async () => {
    const pr = world.newPr([START], A)
    world.github.injectFault({
      path: new RegExp(`/pulls/${pr}$`),
      status: 401,
      body: { message: 'Bad credentials', status: '401' }
    })
    const result = await world.run('check', pr, 'labeled', { label: START })
    failedWith(
      result,
      /^GitHub answered GET \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\} with 401: the github-token input is not a valid token/
    )
  })

  it('403 on a label write: names the permissions and the workflow trigger', async () => {
    const pr = world.newPr([START], A)
    world.github.injectFault({
      method: 'POST',
      path: new RegExp(`/issues/${pr}/labels$`),
      status: 403,
      body: { message: 'Resource not accessible by integration', status: '403' }
    })
    const result = await world.sync(pr, 'labeled', { label: START })
    failedWith(
      result,
      /GitHub refused POST .*labels with 403: the workflow's token needs `issues: write` and `pull-requests: write` under permissions:, and the workflow must run on pull_request_target/
    )
  })

  it('unreachable: says so after bounded retries', async () => {
    const pr = world.newPr([START], A)
    const result = await world.run('check', pr, 'labeled', {
      label: START,
      env: { GITHUB_API_URL: 'http://127.0.0.1:9/api/v3' }
    })
    failedWith(
      result,
      /^GitHub did not answer GET \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\} at http:\/\/127\.0\.0\.1:9\/api\/v3, after retries: check GITHUB_API_URL and the runner's network/
    )
  })
})

describe('AWS', () => {
  it('an unknown cluster: names it and the input', async () => {
    world.aws.setClusters(['superset-ci'])
    const pr = world.newPr([START], A)
    const result = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { 'ecs-cluster': 'previews' }
    })
    failedWith(
      result,
      /^deploy failed: ECS cluster "previews" \(the ecs-cluster input\) does not exist in us-west-2: check the name, and the region/
    )
  })

  it('AccessDenied: names the IAM action the policy lacks', async () => {
    world.aws.setIamPolicy({
      Statement: [
        { Effect: 'Allow', Action: ['ecs:*', 'iam:PassRole', 'ec2:*'], Resource: '*' },
        {
          Effect: 'Deny',
          Action: 'ecs:CreateService',
          Resource: '*'
        }
      ]
    })
    try {
      const pr = world.newPr([START], A)
      const result = await world.sync(pr, 'labeled', { label: START })
      failedWith(
        result,
        /^deploy failed: AWS denied ecs:CreateService: give the role the IAM policy of docs\/aws-setup.md/
      )
    } finally {
      world.aws.setIamPolicy(undefined)
      world.aws.violations.take()
    }
  })

  it('AccessDenied from the load balancer: names its IAM action, as for ECS', async () => {
    const listener = world.aws.elb.addLoadBalancer()
    world.aws.setIamPolicy({
      Statement: [
        {
          Effect: 'Allow',
          Action: ['ecs:*', 'iam:PassRole', 'ec2:*', 'elasticloadbalancing:*'],
          Resource: '*'
        },
        { Effect: 'Deny', Action: 'elasticloadbalancing:CreateTargetGroup', Resource: '*' }
      ]
    })
    try {
      const pr = world.newPr([START], A)
      const result = await world.sync(pr, 'labeled', {
        label: START,
        inputs: {
          'load-balancer-listener-arn': listener,
          'preview-domain': 'preview.example.com',
          'assign-public-ip': 'false'
        }
      })
      failedWith(
        result,
        /^deploy failed: AWS denied elasticloadbalancing:CreateTargetGroup: give the role the IAM policy of docs\/aws-setup.md .*\(AccessDenied: /
      )
    } finally {
      world.aws.setIamPolicy(undefined)
      world.aws.violations.take()
    }
  })

  it('unreachable: says so after bounded retries', async () => {
    const pr = world.newPr([START], A)
    const result = await world.sync(pr, 'labeled', {
      label: START,
      awsEndpoint: 'http://127.0.0.1:9'
    })
    failedWith(
      result,
      /^deploy failed: AWS ecs did not answer RegisterTaskDefinition in us-west-2, after retries: check the region and the runner's network/
    )
  })
})
