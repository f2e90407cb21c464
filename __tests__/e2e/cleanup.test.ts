// cleanup end to end: the committed bundle, run as a scheduled workflow runs it, against the
// GitHub and ECS emulators seeded with environments that are fresh, expired, abandoned, closed
// and orphaned.

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { AwsEmulator } from '../support/aws-emulator.js'
import { GitHubEmulator } from '../support/github-emulator.js'
import { isPerShaLabel } from '../support/label-reader.js'
import { type RunResult, runAction } from '../support/run-action.js'
import { FAST, TIME_SCALE } from '../support/world.js'

const HOUR = 3_600_000
const OURS = { showtime_managed: 'true', repository: 'apache/superset' }
const THEIRS = { showtime_managed: 'true', repository: 'someone-else/other-app' }
let github: GitHubEmulator
let aws: AwsEmulator

beforeEach(async () => {
  ;[github, aws] = await Promise.all([
    GitHubEmulator.start({ timeScale: TIME_SCALE }),
    AwsEmulator.start()
  ])
})
afterEach(async () => {
  await Promise.all([github.stop(), aws.stop()])
})

function stamp(hoursAgo: number): string {
  const iso = new Date(Date.now() - hoursAgo * HOUR).toISOString()
  return `${iso.slice(0, 13)}-${iso.slice(14, 16)}`
}

function sha(n: number): string {
  return n.toString(16).padStart(7, '0')
}

/** The labels sync leaves on a PR whose environment runs, created `hoursAgo`. */
function environment(pr: number, hoursAgo: number, ttl = '48h'): string[] {
  const s = sha(pr)
  aws.addService({
    serviceName: `pr-${pr}-${s}-service`,
    createdAt: new Date(Date.now() - hoursAgo * HOUR),
    tags: OURS
  })
  return [
    `🎪 ${s} 🚦 running`,
    `🎪 ${s} 📅 ${stamp(hoursAgo)}`,
    `🎪 ${s} 🌐 52.0.0.1:8080`,
    `🎪 ${s} 🤡 someone`,
    `🎪 🎯 ${s}`,
    `🎪 ⌛ ${ttl}`
  ]
}

function cleanup(inputs: Record<string, string> = {}): Promise<RunResult> {
  return runAction({
    github,
    awsEndpoint: aws.url,
    eventName: 'schedule',
    event: { schedule: '0 */6 * * *' },
    inputs: { mode: 'cleanup', ...inputs },
    env: FAST,
    timeoutMs: 180_000
  })
}

const showtimeLabels = (n: number) => github.labelsOn(n).filter((l) => l.startsWith('🎪'))
const unattachedPerSha = () =>
  [...github.definitions().keys()].filter(
    (name) => isPerShaLabel(name) && github.issuesWithLabel(name).length === 0
  )

describe('cleanup', () => {
  it('expires by TTL, keeps the young, and says so in the summary', async () => {
    github.addPull({ number: 1, headSha: sha(1).padEnd(40, '0'), labels: environment(1, 50) })
    github.addPull({ number: 2, headSha: sha(2).padEnd(40, '0'), labels: environment(2, 10) })
    github.addPull({
      number: 3,
      headSha: sha(3).padEnd(40, '0'),
      labels: environment(3, 100, '1w')
    })
    github.addPull({
      number: 4,
      headSha: sha(4).padEnd(40, '0'),
      labels: environment(4, 30, '24h')
    })
    const result = await cleanup()
    expect(result.code, result.stdout).toBe(0)
    expect(showtimeLabels(1)).toEqual(['🎪 ⌛ 48h'])
    expect(showtimeLabels(2)).toHaveLength(6)
    expect(showtimeLabels(3)).toHaveLength(6)
    expect(showtimeLabels(4)).toEqual(['🎪 ⌛ 24h'])
    expect(
      aws
        .activeServices()
        .map((s) => s.serviceName)
        .sort()
    ).toEqual(['pr-2-0000002-service', 'pr-3-0000003-service'])
    expect(result.summary).toContain('expired: 2d 2h old, TTL 48h')
    expect(result.summary).toContain('2 environments expired or removed')
    expect(unattachedPerSha()).toEqual([])
    // The PR is told, in its sticky comment, how to bring the environment back.
    const told = github.comments(1).map((c) => c.body)
    expect(told).toHaveLength(1)
    expect(told[0]).toContain('environment expired')
    expect(told[0]).toContain('Bring it back: add `🎪 ⚡ showtime-trigger-start`')
    expect(github.comments(2)).toEqual([])
  })

  it('uses older-than for every PR when respect-ttl is false', async () => {
    github.addPull({
      number: 3,
      headSha: sha(3).padEnd(40, '0'),
      labels: environment(3, 100, '1w')
    })
    const result = await cleanup({ 'respect-ttl': 'false', 'older-than': '72h' })
    expect(result.code, result.stdout).toBe(0)
    expect(aws.activeServices()).toEqual([])
  })

  it('tears down closed PRs, deletes orphans, marks abandoned builds failed, prunes definitions', async () => {
    github.addPull({
      number: 10,
      headSha: sha(10).padEnd(40, '0'),
      labels: environment(10, 1),
      state: 'closed'
    })
    github.addPull({
      number: 11,
      headSha: sha(11).padEnd(40, '0'),
      labels: environment(11, 1),
      merged: true
    })
    // The creation label is kept as seeded: its stamp is taken once, not again a minute later.
    const abandonedAt = stamp(3)
    github.addPull({
      number: 12,
      headSha: sha(12).padEnd(40, '0'),
      labels: ['🎪 000000c 🚦 building', `🎪 000000c 📅 ${abandonedAt}`]
    })
    aws.addService({ serviceName: 'pr-12-000000c-service', tags: OURS })
    aws.addService({ serviceName: 'pr-99-0000063-service', tags: OURS })
    aws.addService({ serviceName: 'pr-98-service', tags: OURS })
    aws.addService({ serviceName: 'unrelated-api' })
    // Another repository's preview on the same cluster, and an untagged one of unknown origin.
    aws.addService({ serviceName: 'pr-12-1234567-service', tags: THEIRS })
    aws.addService({ serviceName: 'pr-97-service', tags: { showtime_managed: 'true' } })
    github.defineLabel('🎪 deadbee 🚦 running', 'FFD700')
    const result = await cleanup()
    expect(result.code, result.stdout).toBe(0)
    expect(showtimeLabels(10)).toEqual([])
    expect(showtimeLabels(11)).toEqual([])
    expect(showtimeLabels(12).sort()).toEqual(
      ['🎪 000000c 🚦 failed', `🎪 000000c 📅 ${abandonedAt}`].sort()
    )
    expect(
      aws
        .activeServices()
        .map((s) => s.serviceName)
        .sort()
    ).toEqual(['pr-12-1234567-service', 'pr-97-service', 'unrelated-api'])
    expect(result.summary).toContain('1 not ours: left alone (pr-97-service)')
    expect(github.definitions().has('🎪 deadbee 🚦 running')).toBe(false)
    expect(github.definitions().get('🎪 🛑 showtime-trigger-stop')?.color.toLowerCase()).toBe(
      'ffd700'
    )
    expect(unattachedPerSha()).toEqual([])
  })

  it('dry run prints the whole plan and changes nothing', async () => {
    github.addPull({ number: 1, headSha: sha(1).padEnd(40, '0'), labels: environment(1, 50) })
    github.addPull({
      number: 10,
      headSha: sha(10).padEnd(40, '0'),
      labels: environment(10, 1),
      state: 'closed'
    })
    aws.addService({ serviceName: 'pr-99-0000063-service', tags: OURS })
    const labelsBefore = [github.labelsOn(1), github.labelsOn(10)]
    github.clearRequests()
    const result = await cleanup({ 'dry-run-github': 'true', 'dry-run-aws': 'true' })
    expect(result.code, result.stdout).toBe(0)
    expect(github.writes()).toEqual([])
    // Reads are safe: the dry run lists the cluster, so that its plan is the real one.
    expect([...new Set(aws.requests.map((r) => r.action))].sort()).toEqual([
      'DescribeServices',
      'ListServices'
    ])
    expect(result.stdout).toContain('[dry-run-aws] would delete pr-99-0000063-service')
    expect([github.labelsOn(1), github.labelsOn(10)]).toEqual(labelsBefore)
    expect(result.stdout).toContain('[dry-run-aws] would delete pr-1-0000001-service')
    expect(result.stdout).toContain('[dry-run-aws] would delete pr-10-000000a-service')
    expect(result.stdout).toContain(
      '[dry-run-github] would delete the definition "🎪 0000001 🚦 running"'
    )
    expect(result.summary).toContain('Action planned')
  })

  it('the dry run plans exactly what the real run then does, on the same state', async () => {
    github.addPull({ number: 1, headSha: sha(1).padEnd(40, '0'), labels: environment(1, 50) })
    github.addPull({ number: 2, headSha: sha(2).padEnd(40, '0'), labels: environment(2, 5) })
    github.addPull({
      number: 10,
      headSha: sha(10).padEnd(40, '0'),
      labels: environment(10, 1),
      state: 'closed'
    })
    github.addPull({
      number: 12,
      headSha: sha(12).padEnd(40, '0'),
      labels: ['🎪 000000c 🚦 building', `🎪 000000c 📅 ${stamp(3)}`]
    })
    aws.addService({ serviceName: 'pr-12-000000c-service', tags: OURS })
    aws.addService({ serviceName: 'pr-99-0000063-service', tags: OURS })
    aws.addService({ serviceName: 'pr-98-service', tags: { showtime_managed: 'true' } })
    aws.addService({ serviceName: 'pr-97-1234567-service', tags: THEIRS })
    github.defineLabel('🎪 deadbee 🚦 running', 'FFD700')
    github.defineLabel('🎪 🧊 showtime-freeze', 'ededed')

    const dry = await cleanup({ 'dry-run-github': 'true', 'dry-run-aws': 'true' })
    expect(dry.code, dry.stdout).toBe(0)
    const planned = (prefix: string) =>
      dry.stdout
        .split('\n')
        .filter((line) => line.startsWith(`[${prefix}] would `))
        .map((line) => line.slice(`[${prefix}] would `.length))
    const plannedAws = planned('dry-run-aws').map((line) => line.replace(/^delete /, ''))
    const plannedGithub = planned('dry-run-github').filter(
      (line) => !line.startsWith('set the comment') && !line.startsWith('mark the')
    )
    const plannedComments = planned('dry-run-github').filter((l) => l.startsWith('set the comment'))

    github.clearRequests()
    aws.clearRequests()
    const real = await cleanup()
    expect(real.code, real.stdout).toBe(0)
    const repo = '/repos/apache/superset'
    const done = github.writes().flatMap((r) => {
      const label = (path: string) => decodeURIComponent(path.split('/').pop() ?? '')
      const issue = /\/issues\/(\d+)\//.exec(r.path)?.[1]
      if (r.method === 'DELETE' && r.path.startsWith(`${repo}/issues/`))
        return [`remove "${label(r.path)}" from #${issue}`]
      if (r.method === 'DELETE' && r.path.startsWith(`${repo}/labels/`))
        return [`delete the definition "${label(r.path)}"`]
      if (r.method === 'POST' && r.path === `${repo}/labels`)
        return [`create the definition "${(r.body as { name: string }).name}"`]
      if (r.method === 'PATCH' && r.path.startsWith(`${repo}/labels/`))
        return [`colour the definition "${label(r.path)}"`]
      if (r.method === 'POST' && /\/issues\/\d+\/labels$/.test(r.path)) {
        const names = (r.body as { labels: string[] }).labels.map((l) => `"${l}"`)
        return [`add ${names.join(', ')} to #${/\/issues\/(\d+)\/labels$/.exec(r.path)?.[1]}`]
      }
      return []
    })
    expect([...done].sort()).toEqual([...plannedGithub].sort())
    const comments = github
      .writes()
      .filter((r) => /\/issues\/\d+\/comments$|\/issues\/comments\/\d+$/.test(r.path))
    expect(comments).toHaveLength(plannedComments.length)
    const deleted = aws.requests
      .filter((r) => r.action === 'DeleteService')
      .map((r) => (r.body as { service: string }).service)
    expect([...deleted].sort()).toEqual([...plannedAws].sort())
    expect(plannedAws.sort()).toEqual([
      'pr-1-0000001-service',
      'pr-10-000000a-service',
      'pr-12-000000c-service',
      'pr-99-0000063-service'
    ])
    expect(plannedGithub).toContain('colour the definition "🎪 🧊 showtime-freeze"')
  })

  it("adopts the Python tool's untagged services that labels name only with adopt-untagged-services", async () => {
    const python = { showtime_managed: 'true' }
    github.addPull({ number: 1, headSha: sha(1).padEnd(40, '0'), labels: environment(1, 50) })
    // The Python tool's: untagged, named by PR 2's labels; and an orphan of it no label names.
    github.addPull({
      number: 2,
      headSha: sha(2).padEnd(40, '0'),
      labels: [`🎪 ${sha(2)} 🚦 running`, `🎪 ${sha(2)} 📅 ${stamp(50)}`, '🎪 ⌛ 48h']
    })
    aws.addService({ serviceName: `pr-2-${sha(2)}-service`, tags: python })
    aws.addService({ serviceName: 'pr-96-service', tags: python })

    const plain = await cleanup()
    expect(plain.code, plain.stdout).toBe(0)
    expect(aws.activeServices().map((s) => s.serviceName)).toEqual([
      `pr-2-${sha(2)}-service`,
      'pr-96-service'
    ])
    // Its labels go (the environment expired); the service stays, listed.
    expect(showtimeLabels(2)).toEqual(['🎪 ⌛ 48h'])
    expect(plain.summary).toContain(
      `2 not ours: left alone (pr-2-${sha(2)}-service, pr-96-service)`
    )

    github.setLabels(2, [`🎪 ${sha(2)} 🚦 running`, `🎪 ${sha(2)} 📅 ${stamp(50)}`, '🎪 ⌛ 48h'])
    const adopting = await cleanup({ 'adopt-untagged-services': 'true' })
    expect(adopting.code, adopting.stdout).toBe(0)
    expect(aws.activeServices().map((s) => s.serviceName)).toEqual(['pr-96-service'])
    expect(adopting.summary).toContain('1 not ours: left alone (pr-96-service)')
  })

  it('one failure does not stop the others, and fails the run at the end', async () => {
    github.addPull({ number: 1, headSha: sha(1).padEnd(40, '0'), labels: environment(1, 50) })
    github.addPull({ number: 2, headSha: sha(2).padEnd(40, '0'), labels: environment(2, 60) })
    aws.injectFault({
      action: 'DeleteService',
      type: 'AccessDeniedException',
      message: 'not allowed',
      times: 1
    })
    const result = await cleanup()
    expect(result.code).toBe(1)
    expect(result.commands.errors.at(-1)).toMatch(
      /^cleanup finished with 1 failure\(s\); first: PR #\d \d+: expired.*: AWS denied ecs:DeleteService: .*not allowed\)$/
    )
    // The other environment was still expired; the failed one keeps its labels for the next run.
    expect(aws.activeServices()).toHaveLength(1)
    expect([showtimeLabels(1).length, showtimeLabels(2).length].sort()).toEqual([1, 6])
    expect(result.summary).toContain('Failures')
  })
})

describe("cleanup removes a torn-down commit's image tag and task-definition revision", () => {
  const ECR_REPOSITORY = 'superset'
  const FAMILY = 'showtime-superset-ci'
  const imageInputs = () => ({
    'image-repository': `${aws.accountId}.dkr.ecr.${aws.region}.amazonaws.com/${ECR_REPOSITORY}`
  })
  /** A service as a deploy leaves it: its revision of the template's family, its image in ECR. */
  function deployed(
    pr: number,
    {
      tags = OURS,
      hoursAgo = 1,
      image = true
    }: { tags?: Record<string, string>; hoursAgo?: number; image?: boolean } = {}
  ): string {
    const name = `pr-${pr}-${sha(pr)}-service`
    aws.addService({
      serviceName: name,
      createdAt: new Date(Date.now() - hoursAgo * HOUR),
      tags,
      taskDefinitionFamily: tags === OURS ? FAMILY : 'showtime'
    })
    if (image) aws.ecr.putImage(ECR_REPOSITORY, `pr-${pr}-${sha(pr)}-ci`)
    else aws.ecr.createRepository(ECR_REPOSITORY)
    return aws.activeServices().find((s) => s.serviceName === name)!.taskDefinition
  }
  const deregistered = () =>
    aws
      .taskDefinitions()
      .filter((t) => t.deregisteredAtMs !== undefined)
      .map((t) => t.arn)
      .sort()
  const labelsOf = (pr: number, hoursAgo: number) => {
    const s = sha(pr)
    return [`🎪 ${s} 🚦 running`, `🎪 ${s} 📅 ${stamp(hoursAgo)}`, `🎪 🎯 ${s}`, '🎪 ⌛ 48h']
  }

  it('an expired, a closed and an orphaned environment lose theirs; the young and another repository keep theirs', async () => {
    aws.ecr.putImage(ECR_REPOSITORY, 'latest')
    const expired = deployed(1, { hoursAgo: 50 })
    const young = deployed(2, { hoursAgo: 5 })
    const closed = deployed(10)
    const orphan = deployed(99)
    // Another repository's preview on the same cluster, its image tag in the same repository.
    const theirs = deployed(12, { tags: THEIRS })
    github.addPull({ number: 1, headSha: sha(1).padEnd(40, '0'), labels: labelsOf(1, 50) })
    github.addPull({ number: 2, headSha: sha(2).padEnd(40, '0'), labels: labelsOf(2, 5) })
    github.addPull({
      number: 10,
      headSha: sha(10).padEnd(40, '0'),
      labels: labelsOf(10, 1),
      state: 'closed'
    })
    const result = await cleanup(imageInputs())
    expect(result.code, result.stdout).toBe(0)
    expect(result.commands.warnings, result.stdout).toEqual([])
    expect(
      aws
        .activeServices()
        .map((s) => s.serviceName)
        .sort()
    ).toEqual(['pr-12-000000c-service', 'pr-2-0000002-service'])
    expect(aws.ecr.tags(ECR_REPOSITORY)).toEqual(['latest', 'pr-12-000000c-ci', 'pr-2-0000002-ci'])
    expect(deregistered()).toEqual([expired, closed, orphan].sort())
    expect(deregistered()).not.toContain(young)
    expect(deregistered()).not.toContain(theirs)
    // One tag a call, the commit's own; nothing else is asked of ECR.
    const deletes = aws.requests.filter((r) => r.service === 'ecr')
    expect(deletes.map((r) => r.action)).toEqual([
      'BatchDeleteImage',
      'BatchDeleteImage',
      'BatchDeleteImage'
    ])
    expect(
      deletes.map((r) => JSON.stringify((r.body as { imageIds: unknown }).imageIds)).sort()
    ).toEqual(
      ['pr-1-0000001-ci', 'pr-10-000000a-ci', 'pr-99-0000063-ci'].map((tag) =>
        JSON.stringify([{ imageTag: tag }])
      )
    )
  })

  it('asks ECR nothing without an image repository, and deregisters only Showtime families', async () => {
    const orphan = deployed(99)
    // A service of ours that runs a revision of another family (the Python tool's): kept.
    aws.addService({ serviceName: 'pr-98-0000062-service', tags: OURS })
    const result = await cleanup()
    expect(result.code, result.stdout).toBe(0)
    expect(aws.activeServices()).toEqual([])
    expect(aws.requests.filter((r) => r.service === 'ecr')).toEqual([])
    expect(
      aws.requests
        .filter((r) => r.action === 'DeregisterTaskDefinition')
        .map((r) => (r.body as { taskDefinition: string }).taskDefinition)
    ).toEqual([orphan])
    expect(aws.ecr.tags(ECR_REPOSITORY)).toEqual(['pr-99-0000063-ci'])
  })

  it('a failing ECR or ECS call is a warning: the cleanup still succeeds, an image already gone is fine', async () => {
    deployed(1, { hoursAgo: 50 })
    deployed(2, { hoursAgo: 60 })
    // The orphan's image is gone already.
    deployed(99, { image: false })
    github.addPull({ number: 1, headSha: sha(1).padEnd(40, '0'), labels: labelsOf(1, 50) })
    github.addPull({ number: 2, headSha: sha(2).padEnd(40, '0'), labels: labelsOf(2, 60) })
    aws.injectFault({
      action: 'BatchDeleteImage',
      type: 'AccessDeniedException',
      message: 'not allowed to delete images',
      times: 1
    })
    aws.injectFault({
      action: 'DeregisterTaskDefinition',
      type: 'AccessDeniedException',
      message: 'not allowed to deregister',
      times: 1
    })
    const result = await cleanup(imageInputs())
    expect(result.code, result.stdout).toBe(0)
    expect(result.commands.errors, result.stdout).toEqual([])
    expect(
      result.commands.warnings.filter((w) => w.startsWith('could not delete the image'))
    ).toHaveLength(1)
    expect(
      result.commands.warnings.filter((w) => w.startsWith('could not deregister'))
    ).toHaveLength(1)
    expect(result.commands.warnings.join('\n')).toContain('not allowed to delete images')
    // Every environment went, and its labels with it.
    expect(aws.activeServices()).toEqual([])
    expect(showtimeLabels(1)).toEqual(['🎪 ⌛ 48h'])
    expect(showtimeLabels(2)).toEqual(['🎪 ⌛ 48h'])
    expect(result.summary).not.toContain('Failures')
    expect(deregistered()).toHaveLength(2)
    expect(result.stdout).toContain(`${ECR_REPOSITORY}:pr-99-0000063-ci was already gone`)
    // One of the two images could not be deleted: the lifecycle policy removes it later.
    expect(aws.ecr.tags(ECR_REPOSITORY)).toHaveLength(1)
  })

  it('the dry run prints the removals and asks ECR nothing', async () => {
    const orphan = deployed(99)
    const result = await cleanup({
      ...imageInputs(),
      'dry-run-github': 'true',
      'dry-run-aws': 'true'
    })
    expect(result.code, result.stdout).toBe(0)
    expect(result.stdout).toContain(`[dry-run-aws] would deregister ${orphan}`)
    expect(result.stdout).toContain(
      `[dry-run-aws] would delete the image ${ECR_REPOSITORY}:pr-99-0000063-ci`
    )
    expect(aws.requests.filter((r) => r.service === 'ecr')).toEqual([])
    expect(deregistered()).toEqual([])
    expect(aws.ecr.tags(ECR_REPOSITORY)).toEqual(['pr-99-0000063-ci'])
  })
})

describe('cleanup at repository scale', () => {
  it(
    '1,000 open PRs: 200 environments, 50 expired, 20 closed PRs, 30 orphans over 4 pages',
    { timeout: 300_000 },
    async () => {
      for (let n = 1; n <= 1000; n++) {
        const labels =
          n <= 150 ? environment(n, 5) : n <= 200 ? environment(n, 60) : n % 7 === 0 ? ['bug'] : []
        github.addPull({ number: n, headSha: sha(n).padEnd(40, '0'), labels })
      }
      for (let n = 2001; n <= 2020; n++) {
        github.addPull({
          number: n,
          headSha: sha(n).padEnd(40, '0'),
          labels: environment(n, 5),
          state: 'closed'
        })
      }
      for (let n = 3001; n <= 3030; n++)
        aws.addService({ serviceName: `pr-${n}-${sha(n)}-service`, tags: OURS })
      expect(aws.activeServices()).toHaveLength(250)

      // A fresh hour: the token has 1,000 requests, and a cleanup takes at most half of them.
      github.clearRequests()
      const first = await cleanup()
      expect(first.code, first.stdout.slice(-3000)).toBe(0)
      expect(github.requests.filter((r) => r.path !== '/graphql').length).toBeLessThanOrEqual(500)
      expect(first.summary).toContain(
        "left for the next run (over this run's budget: half of the 1000 GitHub requests the token had left when the run started)"
      )
      // Reads that grow with the repository: 10 pages of open PRs, a GraphQL page per 100 labels.
      const pages = github.requests.filter(
        (r) => r.method === 'GET' && /\/pulls$|\/repositories\/\d+\/pulls$/.test(r.path)
      )
      const scans = github.requests.filter((r) => r.operation?.startsWith('ShowtimeLabel'))
      expect(pages).toHaveLength(10)
      expect(scans.length).toBeLessThanOrEqual(25)
      // An expiry is told on the PR: its comment found and its deployments' states read.
      const lookups = github.requests.filter(
        (r) => r.path === '/graphql' && !r.operation?.startsWith('ShowtimeLabel')
      )
      expect(lookups.length).toBeLessThanOrEqual(2 * 50)
      // Reads that grow with the work: a closed PR's labels; an expired PR's comments and deployments.
      const perWork = github.requests.filter((r) => r.method === 'GET').length - pages.length
      expect(perWork).toBeLessThanOrEqual(20 + 2 * 50)

      // The next hour, the next scheduled run finishes the work.
      github.setRateLimitRemaining(1000)
      github.clearRequests()
      const second = await cleanup()
      expect(second.code, second.stdout.slice(-3000)).toBe(0)
      expect(second.summary).not.toContain('left for the next run')
      expect(aws.activeServices()).toHaveLength(150)
      for (let n = 151; n <= 200; n++) expect(showtimeLabels(n)).toEqual(['🎪 ⌛ 48h'])
      for (let n = 2001; n <= 2020; n++) expect(showtimeLabels(n)).toEqual([])
      expect(unattachedPerSha()).toEqual([])
      const line = (summary: string, what: string) =>
        Number(new RegExp(`(\\d+) ${what}`).exec(summary)?.[1] ?? NaN)
      for (const [what, expected] of [
        ['environments expired or removed', 50],
        ['closed PRs torn down', 20],
        ['orphaned services deleted', 30]
      ] as const) {
        expect(line(first.summary, what) + line(second.summary, what), what).toBe(expected)
      }
    }
  )
})
