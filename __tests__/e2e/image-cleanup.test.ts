// What a teardown removes besides the service, run as a workflow runs it: the bundle against the
// emulators. Stopping a PR whose images are in ECR deletes its commit's tag there (BatchDeleteImage
// of that tag only) and deregisters the task-definition revision its environment ran; a foreign
// image of the same repository stays, and an image already gone is no error.

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { START, STOP, World } from '../support/world.js'

const A = 'abc123f' + 'a'.repeat(33)
const REPOSITORY = 'superset'

let world: World
let inputs: Record<string, string>

beforeAll(async () => {
  world = await World.start()
  const registry = `${world.aws.accountId}.dkr.ecr.${world.aws.region}.amazonaws.com`
  inputs = { 'image-repository': `${registry}/${REPOSITORY}` }
  world.aws.ecr.putImage(REPOSITORY, 'latest')
  world.aws.ecr.putImage(REPOSITORY, 'pr-9999-abc123f-ci')
})
afterAll(() => world.stop())

const stop = async (pr: number) => {
  world.github.setLabels(pr, [...world.github.labelsOn(pr), STOP])
  return world.sync(pr, 'labeled', { label: STOP, inputs })
}

describe('a teardown', () => {
  it("deletes the commit's image tag in ECR and deregisters its revision; a foreign image stays", async () => {
    const pr = world.newPr([START], A)
    const deployed = await world.sync(pr, 'labeled', { label: START, inputs })
    expect(deployed.commands.errors, deployed.stdout).toEqual([])
    // The build pushed the commit's tag (the fake docker pushes nowhere: the registry gets it here).
    world.aws.ecr.putImage(REPOSITORY, `pr-${pr}-abc123f-ci`)
    const ran = world.aws.services().find((s) => s.serviceName === `pr-${pr}-abc123f-service`)
    expect(ran?.taskDefinition).toBeDefined()

    world.aws.clearRequests()
    const stopped = await stop(pr)
    expect(stopped.commands.errors, stopped.stdout).toEqual([])
    expect(stopped.commands.warnings, stopped.stdout).toEqual([])

    const deletes = world.aws.requests.filter((r) => r.action === 'BatchDeleteImage')
    expect(deletes.map((r) => r.body)).toEqual([
      {
        registryId: world.aws.accountId,
        repositoryName: REPOSITORY,
        imageIds: [{ imageTag: `pr-${pr}-abc123f-ci` }]
      }
    ])
    expect(world.aws.ecr.tags(REPOSITORY)).toEqual(['latest', 'pr-9999-abc123f-ci'])

    const deregistered = world.aws.requests.filter((r) => r.action === 'DeregisterTaskDefinition')
    expect(deregistered.map((r) => r.body)).toEqual([{ taskDefinition: ran?.taskDefinition }])
    const revision = world.aws.taskDefinitions().find((t) => t.arn === ran?.taskDefinition)
    expect(revision?.deregisteredAtMs).toBeDefined()
    expect(world.activeServiceNames(pr)).toEqual([])
  })

  it('an image already gone is no error', async () => {
    const pr = world.newPr([START], A)
    const deployed = await world.sync(pr, 'labeled', { label: START, inputs })
    expect(deployed.commands.errors, deployed.stdout).toEqual([])
    const stopped = await stop(pr)
    expect(stopped.code, stopped.stdout).toBe(0)
    expect(stopped.commands.warnings, stopped.stdout).toEqual([])
    expect(stopped.stdout).toContain(`${REPOSITORY}:pr-${pr}-abc123f-ci was already gone`)
    expect(world.aws.ecr.tags(REPOSITORY)).toEqual(['latest', 'pr-9999-abc123f-ci'])
  })

  it('with another registry, nothing is asked of ECR', async () => {
    const pr = world.newPr([START], A)
    await world.sync(pr, 'labeled', { label: START })
    world.github.setLabels(pr, [...world.github.labelsOn(pr), STOP])
    world.aws.clearRequests()
    const stopped = await world.sync(pr, 'labeled', { label: STOP })
    expect(stopped.code, stopped.stdout).toBe(0)
    expect(world.aws.requests.filter((r) => r.service === 'ecr')).toEqual([])
  })
})
