// The example workflows, end to end: each one is read as GitHub would read it, the `with:` inputs
// of its `apache/showtime@v1` steps are resolved (repository variables, secrets, the check step's
// outputs) and handed to the committed bundle, which goes check → sync (a first deploy) → cleanup
// against the emulators, in a workspace laid out as the workflow's checkouts leave it: the
// task-definition template from the base branch at the workspace root, the PR's commit in a
// subfolder. Also checked on the files themselves: the PR is checked out into a subfolder without
// credentials, the template never comes from it, AWS is reached by OIDC, and every third-party
// action is pinned by commit SHA.

import { readFileSync, readdirSync } from 'node:fs'
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pushEvent } from '../../__fixtures__/events.js'
import { REPO_ROOT, type RunResult, runAction } from '../support/run-action.js'
import {
  type Context,
  SHOWTIME,
  type Step,
  find,
  isAction,
  isShowtime,
  readWorkflow,
  resolveInputs,
  stepsOf
} from '../support/example-workflows.js'
import { FAST, START, World } from '../support/world.js'

const SHA = 'a1b2c3d' + '4'.repeat(33)
const SHORT = SHA.slice(0, 7)
const PR_BODY = 'Adds a chart.\n\nFEATURE_ALERTS=true\n'

/** Repository variables as a repository that follows the README's quick start has them. */
const VARS = {
  SHOWTIME_AWS_ROLE_ARN: 'arn:aws:iam::123456789012:role/showtime-deploy',
  SHOWTIME_AWS_REGION: 'us-west-2',
  SHOWTIME_CLUSTER: 'showtime',
  SHOWTIME_SUBNETS: 'subnet-0123456789abcdef0,subnet-0fedcba9876543210',
  SHOWTIME_SECURITY_GROUPS: 'sg-0123456789abcdef0'
}

interface Example {
  /** The deploy workflow, and the cleanup and build-cache workflows that go with it. */
  readonly deploy: string
  readonly cleanup: string
  readonly cache: string
  /** The template this example's README section tells the user to commit on the base branch. */
  readonly template: string
  readonly vars: Record<string, string>
  /** The action that logs in to the registry before the build. */
  readonly login: string
  /** Extra permissions the workflow needs beyond Showtime's own and OIDC's. */
  readonly permissions?: Record<string, string>
}

const EXAMPLES: readonly Example[] = [
  {
    deploy: 'examples/showtime.yml',
    cleanup: 'examples/showtime-cleanup.yml',
    cache: 'examples/showtime-cache.yml',
    template: 'examples/task-definition.json',
    vars: {
      ...VARS,
      SHOWTIME_IMAGE_REPOSITORY: '123456789012.dkr.ecr.us-west-2.amazonaws.com/showtime/my-app'
    },
    login: 'aws-actions/amazon-ecr-login'
  },
  {
    deploy: 'examples/registries/dockerhub.yml',
    cleanup: 'examples/showtime-cleanup.yml',
    cache: 'examples/showtime-cache.yml',
    template: 'examples/task-definition.json',
    vars: { ...VARS, SHOWTIME_IMAGE_REPOSITORY: 'my-org/my-app' },
    login: 'docker/login-action'
  },
  {
    deploy: 'examples/registries/ghcr.yml',
    cleanup: 'examples/showtime-cleanup.yml',
    cache: 'examples/showtime-cache.yml',
    template: 'examples/registries/ghcr-task-definition.json',
    vars: { ...VARS, SHOWTIME_IMAGE_REPOSITORY: 'ghcr.io/my-org/my-app' },
    login: 'docker/login-action',
    permissions: { packages: 'write' }
  },
  {
    deploy: 'examples/superset/showtime.yml',
    cleanup: 'examples/superset/showtime-cleanup.yml',
    cache: 'examples/superset/showtime-cache.yml',
    template: 'examples/superset/task-definition.json',
    vars: { SHOWTIME_AWS_ROLE_ARN: VARS.SHOWTIME_AWS_ROLE_ARN },
    login: 'docker/login-action'
  }
]

// ------------------------------------------------------------------------------------------------
// Reading the workflows

interface RegisteredContainer {
  readonly image: string
  readonly portMappings: readonly { containerPort: number }[]
  readonly environment?: readonly { name: string; value: string }[]
  readonly [key: string]: unknown
}

interface RegisteredTaskDefinition {
  readonly family: string
  readonly executionRoleArn?: string
  readonly taskRoleArn?: string
  readonly containerDefinitions: readonly RegisteredContainer[]
}

/** Every workflow file under a folder of the repository, as repository-relative paths. */
function workflowFiles(folder: string): string[] {
  return readdirSync(join(REPO_ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.yml') || file.endsWith('.yaml'))
    .map((file) => join(folder, file))
    .sort()
}

/** GitHub's path filters: `*` within a folder, `**` across folders. */
function globMatches(glob: string, path: string): boolean {
  const pattern = glob
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((piece) => piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^/]*')
    )
    .join('.*')
  return new RegExp(`^${pattern}$`).test(path)
}

// ------------------------------------------------------------------------------------------------
// What every workflow file must hold

describe('example workflows as files', () => {
  const examples = workflowFiles('examples')

  it('every example workflow is exercised below', () => {
    const covered = new Set(EXAMPLES.flatMap((e) => [e.deploy, e.cleanup, e.cache]))
    expect(examples.filter((file) => !covered.has(file))).toEqual([])
  })

  const pinned = [...examples, ...workflowFiles('.github/workflows')]
  it.each(pinned)(
    '%s pins every third-party action by commit SHA, version in a comment',
    (file) => {
      const text = readFileSync(join(REPO_ROOT, file), 'utf8')
      const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)]
      if (file.startsWith('examples')) expect(uses.length).toBeGreaterThan(0)
      const thirdParty = uses.filter(([, ref = '']) => ref !== SHOWTIME && !ref.startsWith('./'))
      const unpinned = thirdParty.filter(
        ([, ref = '', rest = '']) =>
          !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@[0-9a-f]{40}$/.test(ref) ||
          !/^# v\d+\.\d+\.\d+$/.test(rest.trim())
      )
      expect(unpinned.map(([line]) => line.trim())).toEqual([])
    }
  )

  it('one action at one SHA carries the same version comment everywhere', () => {
    const versions = new Map<string, Set<string>>()
    for (const file of pinned) {
      const text = readFileSync(join(REPO_ROOT, file), 'utf8')
      for (const [, ref = '', rest = ''] of text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)) {
        if (!/@[0-9a-f]{40}$/.test(ref)) continue
        const action = ref.split('@')[0] ?? ''
        const seen = versions.get(action) ?? new Set<string>()
        seen.add(`${ref} ${rest.trim()}`)
        versions.set(action, seen)
      }
    }
    for (const [action, seen] of versions) expect([...seen], action).toHaveLength(1)
  })
})

// ------------------------------------------------------------------------------------------------
// Each example, on the files and end to end

describe.each(EXAMPLES)('$deploy', (example) => {
  const workflow = readWorkflow(example.deploy)
  const steps = stepsOf(workflow)
  const checkIndex = find(steps, (s) => isShowtime(s, 'check'), 'check step')
  const syncIndex = find(steps, (s) => isShowtime(s, 'sync'), 'sync step')
  const check = steps[checkIndex] as Step
  const sync = steps[syncIndex] as Step
  const cleanupWorkflow = readWorkflow(example.cleanup)
  const cleanupSteps = stepsOf(cleanupWorkflow)
  const cleanup = cleanupSteps[
    find(cleanupSteps, (s) => isShowtime(s, 'cleanup'), 'cleanup step')
  ] as Step
  const cacheWorkflow = readWorkflow(example.cache)
  const cacheSteps = stepsOf(cacheWorkflow)
  const warmIndex = find(cacheSteps, (s) => isShowtime(s, 'warm-cache'), 'warm-cache step')
  const warm = cacheSteps[warmIndex] as Step

  describe('the workflow file', () => {
    it('runs on pull_request_target for labels, pushes and closing, and on dispatch', () => {
      const target = workflow.on.pull_request_target as { types: string[] }
      expect(target.types).toEqual(
        expect.arrayContaining(['labeled', 'unlabeled', 'synchronize', 'closed'])
      )
      expect(workflow.on).toHaveProperty('workflow_dispatch')
    })

    it("asks for Showtime's permissions and OIDC's, nothing else", () => {
      expect(workflow.permissions).toEqual({
        contents: 'read',
        issues: 'write',
        'pull-requests': 'write',
        deployments: 'write',
        'id-token': 'write',
        ...example.permissions
      })
      expect(cleanupWorkflow.permissions).toMatchObject({ 'id-token': 'write' })
    })

    it('reads the template from the base branch, checked out before check', () => {
      const template = String(check.with?.['task-definition'] ?? '')
      expect(template).not.toBe('')
      const base = find(
        steps,
        (s) => isAction(s, 'actions/checkout') && s.with?.ref === undefined,
        'checkout of the base branch'
      )
      expect(base).toBeLessThan(checkIndex)
      const baseCheckout = steps[base] as Step
      expect(baseCheckout.if).toBeUndefined()
      expect(baseCheckout.with?.path).toBeUndefined()
      expect(baseCheckout.with?.['persist-credentials']).toBe(false)
      const sparse = String(baseCheckout.with?.['sparse-checkout'] ?? '').split('\n')
      expect(sparse).toContain(dirname(template))
    })

    it('checks out the PR into a subfolder without credentials, used only as build context', () => {
      const index = find(
        steps,
        (s) =>
          isAction(s, 'actions/checkout') &&
          s.with?.ref === '${{ steps.check.outputs.target_sha }}',
        'checkout of the PR'
      )
      const pr = steps[index] as Step
      expect(index).toBeGreaterThan(checkIndex)
      expect(index).toBeLessThan(syncIndex)
      expect(pr.if).toBe("steps.check.outputs.build_needed == 'true'")
      expect(pr.with?.['persist-credentials']).toBe(false)
      const path = String(pr.with?.path ?? '')
      expect(['', '.', './']).not.toContain(path)
      expect(sync.with?.['docker-context']).toBe(path)
      const template = String(sync.with?.['task-definition'])
      const inside = relative(path, template)
      expect(inside.startsWith('..') || isAbsolute(inside), template).toBe(true)
    })

    it('gives check the same settings as sync', () => {
      const settings = (step: Step) => {
        const { mode: _mode, sha: _sha, ...rest } = step.with ?? {}
        return rest
      }
      expect(settings(check)).toEqual(settings(sync))
      expect(sync.with?.sha).toBe('${{ steps.check.outputs.target_sha }}')
      expect(sync.if).toBe("steps.check.outputs.sync_needed == 'true'")
    })

    it('sets up a buildx builder before the build: the default docker driver exports no cache', () => {
      const buildx = find(
        steps,
        (s) => isAction(s, 'docker/setup-buildx-action'),
        'docker/setup-buildx-action'
      )
      expect(buildx).toBeGreaterThan(checkIndex)
      expect(buildx).toBeLessThan(syncIndex)
      expect(steps[buildx]?.if).toBe("steps.check.outputs.build_needed == 'true'")
    })

    it("has a cache workflow that only the default branch's pushes run, building as sync builds", () => {
      expect(Object.keys(cacheWorkflow.on).sort()).toEqual(['push', 'workflow_dispatch'])
      const push = cacheWorkflow.on.push as { branches?: string[] }
      expect(push.branches).toHaveLength(1)
      // Reads the code it builds, and nothing else: no token to write, no AWS.
      expect(cacheWorkflow.permissions).toEqual({ contents: 'read' })
      const buildx = find(
        cacheSteps,
        (s) => isAction(s, 'docker/setup-buildx-action'),
        'docker/setup-buildx-action in the cache workflow'
      )
      expect(buildx).toBeLessThan(warmIndex)
      const checkout = find(
        cacheSteps,
        (s) => isAction(s, 'actions/checkout'),
        'checkout in the cache workflow'
      )
      expect(cacheSteps[checkout]?.with?.['persist-credentials']).toBe(false)
      expect(cacheSteps[checkout]?.with?.ref).toBeUndefined()
      // The same build, so that PR builds hit the cache it writes.
      const build = (step: Step) =>
        Object.fromEntries(
          ['docker-target', 'docker-platform', 'build-args', 'build-cache', 'build-cache-name'].map(
            (name) => [name, step.with?.[name]]
          )
        )
      expect(build(warm)).toEqual(build(sync))
    })

    it('runs the cleanup on its schedule, by hand, and on a push of the Showtime files to the default branch', () => {
      expect(Object.keys(cleanupWorkflow.on).sort()).toEqual([
        'push',
        'schedule',
        'workflow_dispatch'
      ])
      const push = cleanupWorkflow.on.push as { branches?: string[]; paths?: string[] }
      expect(push.branches).toHaveLength(1)
      // The files the quick start commits: a push that adds or changes any of them runs it.
      const committed = [
        '.github/workflows/showtime.yml',
        '.github/workflows/showtime-cleanup.yml',
        '.github/workflows/showtime-cache.yml',
        String(check.with?.['task-definition'])
      ]
      for (const file of committed)
        expect(
          (push.paths ?? []).some((glob) => globMatches(glob, file)),
          file
        ).toBe(true)
      expect(
        (push.paths ?? []).some((glob) => globMatches(glob, '.github/workflows/ci.yml')),
        'a push of any other workflow'
      ).toBe(false)
    })

    it('reaches AWS by OIDC before sync and cleanup, and logs in to the registry before the build', () => {
      for (const [list, index] of [
        [steps, syncIndex],
        [cleanupSteps, cleanupSteps.indexOf(cleanup)]
      ] as const) {
        const aws = find(
          list,
          (s) => isAction(s, 'aws-actions/configure-aws-credentials'),
          'configure-aws-credentials'
        )
        expect(aws).toBeLessThan(index)
        const credentials = list[aws] as Step
        expect(credentials.with?.['role-to-assume']).toBe('${{ vars.SHOWTIME_AWS_ROLE_ARN }}')
        expect(credentials.with).not.toHaveProperty('aws-access-key-id')
        expect(credentials.with).not.toHaveProperty('aws-secret-access-key')
      }
      for (const step of [check, sync, cleanup]) expect(step.env ?? {}).toEqual({})
      const login = find(steps, (s) => isAction(s, example.login), example.login)
      expect(login).toBeGreaterThan(checkIndex)
      expect(login).toBeLessThan(syncIndex)
    })
  })

  describe('end to end with the committed bundle', () => {
    let world: World
    let workspace: string
    const template = JSON.parse(readFileSync(join(REPO_ROOT, example.template), 'utf8')) as {
      family: string
      executionRoleArn?: string
      containerDefinitions: Record<string, unknown>[]
    }
    const app = template.containerDefinitions[0] ?? {}
    const vars = example.vars

    /** What a first deploy left, read once: the tests below only read it, whatever their order. */
    interface Deployed {
      pr: number
      image: string
      check: RunResult
      sync: RunResult
      syncInputs: Record<string, string>
      labels: string[]
      builds: string[][]
      service: ReturnType<World['aws']['activeServices']>[number] | undefined
      registered: RegisteredTaskDefinition | undefined
    }
    let deployed: Deployed

    /** The example's inputs, with the port of the local app that plays the deployed one. */
    function inputsOf(step: Step, context: Context): Record<string, string> {
      const inputs = resolveInputs(step, context)
      if (inputs['container-port'] !== undefined) {
        expect(inputs['container-port']).toMatch(/^\d+$/)
        inputs['container-port'] = String(world.app.port)
      }
      return inputs
    }

    beforeAll(async () => {
      world = await World.start()
      workspace = await mkdtemp(join(tmpdir(), 'showtime-example-'))
      // As the two checkouts leave it: the base branch's template, the PR's commit in its folder.
      const templatePath = join(workspace, String(check.with?.['task-definition']))
      await mkdir(dirname(templatePath), { recursive: true })
      await copyFile(join(REPO_ROOT, example.template), templatePath)
      const context = join(workspace, String(sync.with?.['docker-context']))
      await mkdir(context, { recursive: true })
      await writeFile(join(context, 'Dockerfile'), 'FROM scratch\n')

      // check, then sync with the check step's outputs: a first deploy.
      const pr = world.newPr([START], SHA, { body: PR_BODY })
      const run = (mode: string, inputs: Record<string, string>) =>
        world.run(mode, pr, 'labeled', { label: START, inputs, workflowInputs: {}, cwd: workspace })
      const checked = await run('check', inputsOf(check, { vars }))
      const syncInputs = inputsOf(sync, { vars, check: checked.outputs })
      const synced = await run('sync', syncInputs)
      const service = world.aws
        .activeServices(syncInputs['ecs-cluster'])
        .find((s) => s.serviceName === `pr-${pr}-${SHORT}-service`)
      const registered = world.aws.taskDefinitions().find((t) => t.arn === service?.taskDefinition)
      deployed = {
        pr,
        image: `${resolveInputs(sync, { vars, check: {} })['image-repository']}:pr-${pr}-${SHORT}-ci`,
        check: checked,
        sync: synced,
        syncInputs,
        labels: world.labels(pr),
        builds: world.docker.calls(),
        service,
        registered: registered?.body as RegisteredTaskDefinition | undefined
      }
    }, 120_000)
    afterAll(async () => {
      await world.stop()
      await rm(workspace, { recursive: true, force: true })
    })

    function ok(result: RunResult): void {
      expect(result.commands.errors, result.stdout).toEqual([])
      expect(result.code, result.stdout).toBe(0)
    }

    const container = (): RegisteredContainer => {
      const first = deployed.registered?.containerDefinitions[0]
      expect(first, 'no task definition registered').toBeDefined()
      return first as RegisteredContainer
    }
    const environment = () => new Map((container().environment ?? []).map((e) => [e.name, e.value]))

    it('check accepts the inputs and decides to build and deploy', () => {
      ok(deployed.check)
      expect(deployed.check.outputs).toMatchObject({
        build_needed: 'true',
        sync_needed: 'true',
        action_needed: 'create_environment',
        target_sha: SHA
      })
    })

    it('sync builds, deploys, and the preview goes live', () => {
      const { pr, sync: synced, syncInputs, service } = deployed
      ok(synced)
      expect(synced.outputs).toMatchObject({
        status: 'running',
        url: `http://127.0.0.1:${world.app.port}`,
        image: deployed.image,
        service_name: `pr-${pr}-${SHORT}-service`
      })
      expect(deployed.labels).toEqual(
        expect.arrayContaining([`🎪 ${SHORT} 🚦 running`, `🎪 🎯 ${SHORT}`])
      )
      expect(deployed.builds).toHaveLength(1)

      // The service: the example's cluster and network, tagged as Showtime's.
      expect(service?.status).toBe('ACTIVE')
      expect(service?.networkConfiguration).toMatchObject({
        awsvpcConfiguration: {
          subnets: (syncInputs.subnets ?? '').split(','),
          securityGroups: (syncInputs['security-groups'] ?? '').split(',')
        }
      })
      expect(service?.tags).toMatchObject({
        showtime_managed: 'true',
        repository: world.github.fullName
      })
      expect(deployed.registered?.family).toBe(template.family)
      expect(deployed.registered?.executionRoleArn).toBe(template.executionRoleArn)
      expect(deployed.registered?.taskRoleArn).toBeUndefined()
    })

    it("builds the PR's folder, with only the target and build arguments the example sets", () => {
      const { syncInputs } = deployed
      expect(deployed.builds).toHaveLength(1)
      const build = deployed.builds[0] ?? []
      expect(build.at(-1)).toBe(syncInputs['docker-context'])
      expect(build[build.indexOf('-t') + 1]).toBe(deployed.image)
      const target = syncInputs['docker-target']
      if (target) expect(build[build.indexOf('--target') + 1]).toBe(target)
      else expect(build).not.toContain('--target')
      const buildArgs = (syncInputs['build-args'] ?? '').split('\n').filter((l) => l !== '')
      expect(build.filter((_a, i) => build[i - 1] === '--build-arg')).toEqual(buildArgs)
    })

    it('registers the template with the image and port, keeping what the user wrote', () => {
      // The image the build pushed, by the digest buildx reported.
      const built = world.docker.builds()
      expect(built.map((b) => b.image)).toEqual([deployed.image])
      const repository = deployed.image.slice(0, deployed.image.lastIndexOf(':'))
      expect(container().image).toBe(`${repository}@${built[0]?.digest}`)
      expect(container().portMappings[0]?.containerPort).toBe(world.app.port)
      for (const kept of ['name', 'logConfiguration', 'secrets', 'repositoryCredentials'])
        expect(container()[kept], kept).toEqual(app[kept])
      for (const e of (app.environment ?? []) as { name: string; value: string }[])
        expect(environment().get(e.name), e.name).toBe(e.value)
    })

    it('tells the container its PR, commit and repository', () => {
      expect(environment().get('SHOWTIME_PR')).toBe(String(deployed.pr))
      expect(environment().get('SHOWTIME_SHA')).toBe(SHORT)
      expect(environment().get('SHOWTIME_REPOSITORY')).toBe(world.github.fullName)
      // A public IP is known only once the task runs: no SHOWTIME_URL in this mode.
      expect(environment().has('SHOWTIME_URL')).toBe(false)
    })

    it('passes feature flags from the PR body only with a prefix, and only under it', () => {
      const prefix = deployed.syncInputs['feature-flag-prefix'] ?? ''
      expect(environment().get('SHOWTIME_PR')).toBe(String(deployed.pr))
      const flags = [...environment()].filter(([name]) => name.endsWith('FEATURE_ALERTS'))
      expect(flags).toEqual(prefix ? [[`${prefix}ALERTS`, 'True']] : [])
    })

    it("the cache workflow writes the scope the PR's build reads, on a push to the default branch", async () => {
      const branch = (cacheWorkflow.on.push as { branches: string[] }).branches[0] ?? ''
      const before = world.docker.calls().length
      const warmed = await runAction({
        github: world.github,
        awsEndpoint: world.aws.url,
        pathPrepend: [world.docker.dir],
        eventName: 'push',
        event: {
          ...pushEvent('0a1b2c3'.padEnd(40, '4'), `refs/heads/${branch}`),
          repository: { full_name: world.github.fullName, default_branch: branch }
        },
        inputs: resolveInputs(warm, { vars }),
        workflowInputs: {},
        env: FAST,
        cwd: workspace
      })
      ok(warmed)
      const [written = []] = world.docker.calls().slice(before)
      const option = (argv: string[], name: string) =>
        argv.flatMap((arg, i) => (argv[i - 1] === name ? [arg] : []))
      const [cacheTo = ''] = option(written, '--cache-to')
      const scope = /(?:^|,)scope=([^,]+)/.exec(cacheTo)?.[1]
      expect(scope).toBe('showtime-cache')
      const prBuild = deployed.builds[0] ?? []
      expect(option(prBuild, '--cache-from')).toContain(`type=gha,scope=${scope}`)
      expect(option(prBuild, '--cache-to').join(' ')).not.toContain(`scope=${scope},`)
      expect(written.at(-1)).toBe(String(warm.with?.['docker-context']))
    })

    it('cleanup, once the PR is closed, deletes the service and every 🎪 label', async () => {
      const { pr } = deployed
      expect(world.activeServiceNames()).toEqual([`pr-${pr}-${SHORT}-service`])
      world.github.updatePull(pr, { state: 'closed' })
      const swept = await runAction({
        github: world.github,
        awsEndpoint: world.aws.url,
        eventName: 'schedule',
        event: { schedule: '0 */6 * * *' },
        inputs: resolveInputs(cleanup, { vars, inputs: {} }),
        workflowInputs: {},
        env: FAST,
        cwd: workspace,
        timeoutMs: 120_000
      })
      ok(swept)
      expect(world.activeServiceNames()).toEqual([])
      expect(world.labels(pr).filter((l) => l.startsWith('🎪'))).toEqual([])
    }, 150_000)
  })
})

// ------------------------------------------------------------------------------------------------
// Day one: the labels a maintainer picks exist before the first PR

/** The labels a maintainer adds, with the colours the Python tool gave them (docs/reference/labels.md). */
const PICKER_LABELS = {
  '🎪 ⚡ showtime-trigger-start': 'FFD700',
  '🎪 🛑 showtime-trigger-stop': 'FFD700',
  '🎪 🧊 showtime-freeze': 'FFE4B5',
  '🎪 🔒 showtime-blocked': 'dc3545',
  '🎪 ⌛ 24h': 'FFE4B5',
  '🎪 ⌛ 48h': 'FFE4B5',
  '🎪 ⌛ 72h': 'FFE4B5',
  '🎪 ⌛ 1w': 'FFE4B5',
  '🎪 ⌛ close': 'FFE4B5'
}

describe.each([...new Set(EXAMPLES.map((e) => e.cleanup))])(
  '%s on the push that commits the Showtime files',
  (file) => {
    const example = EXAMPLES.find((e) => e.cleanup === file) as Example
    const cleanupSteps = stepsOf(readWorkflow(file))
    const cleanup = cleanupSteps[
      find(cleanupSteps, (s) => isShowtime(s, 'cleanup'), 'cleanup step')
    ] as Step
    const branch =
      (readWorkflow(file).on.push as { branches: string[] } | undefined)?.branches[0] ?? ''
    let world: World

    beforeAll(async () => {
      world = await World.start()
    })
    afterAll(async () => {
      await world.stop()
    })

    it('creates the labels a maintainer picks, with their colours, in a repository that has none', async () => {
      expect(world.github.definitions().size).toBe(0)
      const run = await runAction({
        github: world.github,
        awsEndpoint: world.aws.url,
        eventName: 'push',
        event: {
          ...pushEvent('0a1b2c3'.padEnd(40, '4'), `refs/heads/${branch}`),
          repository: { full_name: world.github.fullName, default_branch: branch }
        },
        inputs: resolveInputs(cleanup, { vars: example.vars, inputs: {} }),
        workflowInputs: {},
        env: FAST,
        timeoutMs: 120_000
      })
      expect(run.commands.errors, run.stdout).toEqual([])
      expect(run.code, run.stdout).toBe(0)
      const colours = Object.fromEntries(
        [...world.github.definitions()].map(([name, d]) => [name, d.color.toLowerCase()])
      )
      expect(colours).toEqual(
        Object.fromEntries(
          Object.entries(PICKER_LABELS).map(([name, colour]) => [name, colour.toLowerCase()])
        )
      )
    }, 150_000)

    it('a second push changes nothing: the labels are there', async () => {
      const before = world.github.definitions()
      const run = await runAction({
        github: world.github,
        awsEndpoint: world.aws.url,
        eventName: 'push',
        event: {
          ...pushEvent('1a1b2c3'.padEnd(40, '4'), `refs/heads/${branch}`),
          repository: { full_name: world.github.fullName, default_branch: branch }
        },
        inputs: resolveInputs(cleanup, { vars: example.vars, inputs: {} }),
        workflowInputs: {},
        env: FAST,
        timeoutMs: 120_000
      })
      expect(run.code, run.stdout).toBe(0)
      expect(world.github.definitions()).toEqual(before)
    }, 150_000)
  }
)

describe('a start label typed with the emoji variation selector', () => {
  const typed = '🎪 \u26A1\uFE0F showtime-trigger-start'
  const steps = stepsOf(readWorkflow('examples/showtime.yml'))
  const check = steps[find(steps, (s) => isShowtime(s, 'check'), 'check step')] as Step
  let world: World
  let workspace: string

  beforeAll(async () => {
    world = await World.start()
    workspace = await mkdtemp(join(tmpdir(), 'showtime-selector-'))
    const template = join(workspace, String(check.with?.['task-definition']))
    await mkdir(dirname(template), { recursive: true })
    await copyFile(join(REPO_ROOT, 'examples/task-definition.json'), template)
  })
  afterAll(async () => {
    await world.stop()
    await rm(workspace, { recursive: true, force: true })
  })

  it('is refused by check with a line naming the label to use, and nothing is built', async () => {
    const pr = world.newPr([typed], SHA)
    const checked = await world.run('check', pr, 'labeled', {
      label: typed,
      inputs: resolveInputs(check, { vars: EXAMPLES[0]!.vars }),
      workflowInputs: {},
      cwd: workspace
    })
    expect(checked.code, checked.stdout).toBe(0)
    expect(checked.outputs).toMatchObject({ build_needed: 'false', sync_needed: 'false' })
    expect(checked.commands.warnings.join('\n')).toContain(
      `ignored label "${typed}": typed with the emoji variation selector U+FE0F, so it is not Showtime's "🎪 ⚡ showtime-trigger-start"`
    )
    expect(world.labels(pr)).toEqual([typed])
  }, 60_000)
})
