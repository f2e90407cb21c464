// A failed deploy readable on the PR, run as a workflow runs it: the bundle against the emulators.
// A crash-looping task's failure comment and job summary carry its stop reason, exit code and the
// last lines its container wrote to its awslogs stream (read with GetLogEvents), quoted so that
// nothing in them renders, pings or reaches the runner as a workflow command; the comment links
// the task's own log stream and not the service that the failure's clean-up deleted. A task that
// runs but never answers its health check (at its address, or behind the load balancer) is named,
// said to be still running, and its last lines come with it the same way.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { START, World } from '../support/world.js'

const A = 'abc123f' + '7'.repeat(33)
/** The Superset template's awslogs group and stream prefix (examples/superset). */
const GROUP = '/ecs/superset-ci'

/** What the PR's code prints before it exits: a mention, a link, HTML, markdown that would close
 * a code block, a workflow command and a terminal escape. */
const HOSTILE = [
  'Booting worker with pid: 7',
  '@octocat see https://evil.example/x <img src=x onerror=alert(1)>',
  '```',
  '</pre><script>alert(1)</script>',
  '::error::injected',
  '::add-mask::secret',
  '\u001b[31mModuleNotFoundError: superset_config\u001b[0m'
]

let world: World

beforeAll(async () => {
  world = await World.start()
  world.aws.logs.createGroup(GROUP)
})
afterAll(() => world.stop())
beforeEach(() => {
  world.app.healthy = true
  world.app.failingCommits.clear()
  world.aws.setBehaviour({ stabilizeMs: 50, taskExit: false, taskOutput: false })
})

describe('a crash-looping task', () => {
  it('fails with its stop reason, exit code and last log lines on the PR, escaped, and no link to the deleted service', async () => {
    const pr = world.newPr([START], A)
    world.app.healthy = false
    const filler = Array.from({ length: 30 }, (_, i) => `filler line ${i}`)
    world.aws.setBehaviour({
      taskExit: { afterMs: 300, exitCode: 3, output: [...filler, ...HOSTILE] }
    })
    world.aws.clearRequests()
    const result = await world.sync(pr, 'labeled', { label: START })
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toMatch(/crash-looping/)

    // The logs were read from the stream of the task that stopped last.
    const reads = world.aws.requests.filter((r) => r.action === 'GetLogEvents')
    expect(reads).toHaveLength(1)
    const read = reads[0]?.body as { logGroupName: string; logStreamName: string; limit: number }
    expect(read.logGroupName).toBe(GROUP)
    expect(read.logStreamName).toMatch(/^ecs\/superset-ci\/[0-9a-f]{32}$/)
    expect(world.aws.logs.streams(GROUP)).toContain(read.logStreamName)

    const comment = world.github.comments(pr).at(-1)?.body ?? ''
    expect(comment).toContain('❌ failed')
    expect(comment).toMatch(/\| Stop reason \| `Essential container in task exited` \|/)
    expect(comment).toMatch(/\| Exit code \| 3 \(container `superset-ci`\) \|/)
    // The last 20 lines, in a fence longer than the ``` the app printed; the escape sequence gone.
    const fenced = /Last 20 log lines of `superset-ci`:\n\n````text\n([\s\S]*?)\n````\n/.exec(
      comment
    )
    expect(fenced, comment).not.toBeNull()
    const lines = fenced![1]!.split('\n')
    expect(lines).toHaveLength(20)
    expect(lines.at(-1)).toBe('ModuleNotFoundError: superset_config')
    expect(lines).toContain('@octocat see https://evil.example/x <img src=x onerror=alert(1)>')
    expect(lines[0]).toBe('filler line 17')
    // Outside the fence, none of it.
    const outside = comment.replace(fenced![0], '')
    expect(outside).not.toMatch(/@octocat|evil\.example|<img|<script|::error::/)
    // The task's own stream, and no link to the service that the clean-up deleted.
    const stream = encodeURIComponent(read.logStreamName).replaceAll('%', '$25')
    expect(comment).toContain(`/log-events/${stream})`)
    expect(comment).not.toContain('/services/')
    expect(world.activeServiceNames(pr)).toEqual([])

    // The job log got the lines inside a stop-commands fence: none became a command.
    expect(result.commands.errors.join('\n')).not.toContain('injected')
    const at = result.stdout.indexOf('::error::injected')
    const before = result.stdout.slice(0, at)
    const token = [...before.matchAll(/^::stop-commands::([0-9a-f]{32})$/gm)].at(-1)?.[1]
    expect(token).toBeDefined()
    expect(before.slice(before.lastIndexOf(`::stop-commands::${token}`))).not.toContain(
      `::${token}::`
    )
    expect(result.stdout.slice(at)).toContain(`::${token}::`)

    // The job summary: the same facts, every line HTML-escaped.
    expect(result.summary).toContain('Stop reason: <code>Essential container in task exited</code>')
    expect(result.summary).toContain('Exit code: 3')
    expect(result.summary).toContain('&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(result.summary).not.toContain('<script>')
  })
})

describe('a task that runs but never becomes healthy', () => {
  /** A short health timeout: at this scale 1 h takes 7.2 s, 6 attempts of 10 minutes. */
  const shortTimeout = {
    inputs: { 'health-timeout': '1h', 'health-interval': '10m' },
    env: { SHOWTIME_TIME_SCALE: '0.002' }
  }
  const filler = Array.from({ length: 30 }, (_, i) => `filler line ${i}`)

  /** The task that ran (and logged) for the PR's commit, by its log stream. */
  const streamRead = () => {
    const reads = world.aws.requests.filter((r) => r.action === 'GetLogEvents')
    expect(reads).toHaveLength(1)
    return reads[0]?.body as { logGroupName: string; logStreamName: string }
  }

  /** The comment's log block: the last 20 lines, fenced; nothing of them outside it. */
  const expectFencedLines = (comment: string) => {
    const fenced = /Last 20 log lines of `superset-ci`:\n\n````text\n([\s\S]*?)\n````\n/.exec(
      comment
    )
    expect(fenced, comment).not.toBeNull()
    const lines = fenced![1]!.split('\n')
    expect(lines).toHaveLength(20)
    expect(lines[0]).toBe('filler line 17')
    expect(lines.at(-1)).toBe('ModuleNotFoundError: superset_config')
    expect(lines).toContain('@octocat see https://evil.example/x <img src=x onerror=alert(1)>')
    const outside = comment.replace(fenced![0], '')
    expect(outside).not.toMatch(/@octocat|evil\.example|<img|<script|::error::/)
  }

  /** In the job log the lines sit inside a stop-commands fence: none became a command. */
  const expectStopCommands = (stdout: string, errors: readonly string[]) => {
    expect(errors.join('\n')).not.toContain('injected')
    const at = stdout.indexOf('::error::injected')
    expect(at).toBeGreaterThan(0)
    const before = stdout.slice(0, at)
    const token = [...before.matchAll(/^::stop-commands::([0-9a-f]{32})$/gm)].at(-1)?.[1]
    expect(token).toBeDefined()
    expect(before.slice(before.lastIndexOf(`::stop-commands::${token}`))).not.toContain(
      `::${token}::`
    )
    expect(stdout.slice(at)).toContain(`::${token}::`)
  }

  it('at its address: named, still running, with its last log lines, escaped, and its stream linked', async () => {
    const pr = world.newPr([START], A)
    world.app.healthy = false
    world.aws.setBehaviour({ taskOutput: [...filler, ...HOSTILE] })
    world.aws.clearRequests()
    const result = await world.sync(pr, 'labeled', { label: START, ...shortTimeout })
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toMatch(
      /^health failed: .* failed its health check 6 times \(last: HTTP 503\)$/
    )

    const read = streamRead()
    expect(read.logGroupName).toBe(GROUP)
    const id = /^ecs\/superset-ci\/([0-9a-f]{32})$/.exec(read.logStreamName)?.[1]
    expect(id, read.logStreamName).toBeDefined()

    const comment = world.github.comments(pr).at(-1)?.body ?? ''
    expect(comment).toContain('❌ failed')
    expect(comment).toContain(
      `| Task | \`${id}\`: still running, it did not answer the health check at \`/health\` before the deadline |`
    )
    expect(comment).not.toContain('Stop reason')
    expect(comment).not.toContain('Exit code')
    expectFencedLines(comment)
    const stream = encodeURIComponent(read.logStreamName).replaceAll('%', '$25')
    expect(comment).toContain(`/log-events/${stream})`)
    expect(comment).not.toContain('/services/')
    expect(world.activeServiceNames().filter((n) => n.startsWith(`pr-${pr}-`))).toEqual([])

    expectStopCommands(result.stdout, result.commands.errors)
    expect(result.summary).toContain(
      `Task <code>${id}</code>: still running, it did not answer the health check at <code>/health</code>`
    )
    expect(result.summary).toContain('&lt;/pre&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(result.summary).not.toContain('<script>')
    expect(result.summary).not.toContain('Stop reason')
  })

  it('behind the load balancer: its target never healthy, the same diagnosis', async () => {
    const listener = world.aws.elb.addLoadBalancer()
    const balanced = {
      'load-balancer-listener-arn': listener,
      'preview-domain': 'preview.example.com',
      'assign-public-ip': 'false'
    }
    const pr = world.newPr([START], A)
    world.app.failingCommits.add(A.slice(0, 7))
    world.aws.setBehaviour({ taskOutput: [...filler, ...HOSTILE] })
    world.aws.clearRequests()
    const result = await world.sync(pr, 'labeled', {
      label: START,
      inputs: { ...balanced, ...shortTimeout.inputs },
      env: shortTimeout.env
    })
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toMatch(/had no healthy target in .* after \d+ checks/)

    const read = streamRead()
    const id = /^ecs\/superset-ci\/([0-9a-f]{32})$/.exec(read.logStreamName)?.[1]
    expect(id, read.logStreamName).toBeDefined()
    const comment = world.github.comments(pr).at(-1)?.body ?? ''
    expect(comment).toContain(
      `| Task | \`${id}\`: still running, it did not answer the health check at \`/health\` before the deadline |`
    )
    expect(comment).not.toContain('Stop reason')
    expectFencedLines(comment)
    expectStopCommands(result.stdout, result.commands.errors)
  })

  it('a task that never ran names no task and reads no log', async () => {
    const pr = world.newPr([START], A)
    world.aws.setBehaviour({ neverStable: true, taskOutput: HOSTILE })
    world.aws.clearRequests()
    try {
      const result = await world.sync(pr, 'labeled', { label: START, ...shortTimeout })
      expect(result.code).toBe(1)
      expect(world.aws.requests.filter((r) => r.action === 'GetLogEvents')).toEqual([])
      const comment = world.github.comments(pr).at(-1)?.body ?? ''
      expect(comment).toContain('❌ failed')
      expect(comment).not.toContain('| Task |')
      expect(comment).not.toContain('log lines')
    } finally {
      world.aws.setBehaviour({ neverStable: false })
    }
  })
})
