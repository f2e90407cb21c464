// The task-definition template: what ECS and Fargate accept (sizes in every form ECS reads), what
// a rendered definition keeps of the template, and where the app's logs go.

import { describe, expect, it } from 'vitest'
import {
  type TaskDefinitionTemplate,
  logLocation,
  renderTaskDefinition,
  templateProblem
} from '../../src/domain/task-definition.js'

const FARGATE = {
  family: 'showtime-preview',
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '512',
  memory: '1024',
  containerDefinitions: [{ name: 'app', image: 'placeholder' }]
}
const NEEDS_SIZES = 'Fargate needs task-level "cpu" and "memory", such as "256" and "512"'

describe('Fargate sizes', () => {
  it.each([
    ['1vCPU', '2GB'],
    [' 512 ', ' 1024 '],
    [' 1 vCPU ', ' 2 GB '],
    ['16 vCPU', '32 GB'],
    ['0.25 vCPU', '0.50 GB'],
    ['2048', '4096'],
    ['2048', '16384'],
    ['4096', '8192'],
    ['4096', '30720'],
    ['8192', '16384'],
    ['16384', '122880']
  ])('accept cpu %j with memory %j', (cpu, memory) => {
    expect(templateProblem({ ...FARGATE, cpu, memory })).toBeUndefined()
  })

  it.each([
    ['x1 vCPU', '2 GB'],
    ['1 vCPU of it', '2 GB'],
    ['1 vCPU', 'x2 GB'],
    ['1 vCPU', '2 GB more'],
    ['x512', '1024'],
    ['lots', '1024'],
    ['512', 'plenty'],
    [512.5, '1024'],
    ['0.1 vCPU', '1024'],
    [null, '1024']
  ])('read cpu %j with memory %j as no size', (cpu, memory) => {
    expect(templateProblem({ ...FARGATE, cpu, memory })).toBe(NEEDS_SIZES)
  })

  it.each([
    ['1024', '1024', 'allowed: 2048 to 8192 in steps of 1024'],
    ['1024', '9216', 'allowed: 2048 to 8192 in steps of 1024'],
    ['2048', '20480', 'allowed: 4096 to 16384 in steps of 1024'],
    ['4096', '31744', 'allowed: 8192 to 30720 in steps of 1024'],
    ['8192', '22528', 'allowed: 16384 to 61440 in steps of 4096']
  ])('refuse cpu %s with memory %s outside its range', (cpu, memory, allowed) => {
    expect(templateProblem({ ...FARGATE, cpu, memory })).toBe(
      `"memory" ${memory} does not fit "cpu" ${cpu} on Fargate (${allowed})`
    )
  })
})

describe('template checks', () => {
  it('quote at most 40 characters of a bad family', () => {
    const family = `${'x'.repeat(45)} y`
    expect(templateProblem({ ...FARGATE, family })).toBe(
      `its "family" must be 1 to 255 letters, digits, - or _ (got "${'x'.repeat(40)}")`
    )
  })

  it.each([
    [{ ...FARGATE, containerDefinitions: [null] }, 'containerDefinitions[0] is not an object'],
    [
      { ...FARGATE, containerDefinitions: [{ name: 'app' }, ['sidecar']] },
      'containerDefinitions[1] is not an object'
    ],
    [{ ...FARGATE, networkMode: undefined }, 'Fargate needs "networkMode": "awsvpc" (got null)'],
    [
      { ...FARGATE, requiresCompatibilities: 'FARGATE' },
      '"requiresCompatibilities" must include "FARGATE"'
    ]
  ])('refuse %j', (template, problem) => {
    expect(templateProblem(template)).toBe(problem)
  })
})

describe('rendering', () => {
  const render = (template: TaskDefinitionTemplate, flagPrefix?: string) =>
    renderTaskDefinition(template, {
      image: 'img',
      containerPort: 8080,
      variables: { SHOWTIME_PR: '7' },
      flags: [],
      ...(flagPrefix !== undefined && { flagPrefix }),
      tags: { repository: 'o/r' }
    })

  it('keeps variables whose names merely start like "undefined" when no flag prefix is set', () => {
    const rendered = render({
      ...FARGATE,
      containerDefinitions: [{ name: 'app', environment: [{ name: 'undefinedFLAG', value: '1' }] }]
    })
    expect(rendered.containerDefinitions?.[0]?.environment).toEqual([
      { name: 'undefinedFLAG', value: '1' },
      { name: 'SHOWTIME_PR', value: '7' }
    ])
  })

  it("drops the template's tags without a key and those Showtime writes", () => {
    const rendered = render({
      ...FARGATE,
      tags: [
        { value: 'orphan' },
        { key: 'team', value: 'web' },
        { key: 'repository', value: 'x/y' }
      ]
    })
    expect(rendered.tags).toEqual([
      { key: 'team', value: 'web' },
      { key: 'repository', value: 'o/r' }
    ])
  })

  it("keeps the app container's further port mappings after the container port", () => {
    const rendered = render({
      ...FARGATE,
      containerDefinitions: [
        {
          name: 'app',
          portMappings: [{ containerPort: 80 }, { containerPort: 9090, protocol: 'tcp' }]
        }
      ]
    })
    expect(rendered.containerDefinitions?.[0]?.portMappings).toEqual([
      { containerPort: 8080, hostPort: 8080, protocol: 'tcp' },
      { containerPort: 9090, protocol: 'tcp' }
    ])
  })
})

describe('log location', () => {
  const withLogs = (logConfiguration: unknown, name: string | null = 'app') => ({
    ...FARGATE,
    containerDefinitions: [{ ...(name !== null && { name }), logConfiguration }]
  })

  it('names the group, region, stream prefix and container of the awslogs driver', () => {
    expect(
      logLocation(
        withLogs({
          logDriver: 'awslogs',
          options: {
            'awslogs-group': '/ecs/previews',
            'awslogs-region': 'eu-west-1',
            'awslogs-stream-prefix': 'web'
          }
        })
      )
    ).toEqual({
      group: '/ecs/previews',
      region: 'eu-west-1',
      streamPrefix: 'web',
      container: 'app'
    })
  })

  it('leaves out the region and the prefix the template does not give', () => {
    expect(
      logLocation(withLogs({ logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/p' } }))
    ).toStrictEqual({ group: '/ecs/p', container: 'app' })
    expect(
      logLocation(
        withLogs({
          logDriver: 'awslogs',
          options: { 'awslogs-group': '/ecs/p', 'awslogs-region': '', 'awslogs-stream-prefix': '' }
        })
      )
    ).toStrictEqual({ group: '/ecs/p', container: 'app' })
  })

  it.each([
    ['another driver', withLogs({ logDriver: 'splunk', options: { 'awslogs-group': '/ecs/p' } })],
    ['no group', withLogs({ logDriver: 'awslogs', options: { 'awslogs-region': 'eu-west-1' } })],
    ['an empty group', withLogs({ logDriver: 'awslogs', options: { 'awslogs-group': '' } })],
    ['no options', withLogs({ logDriver: 'awslogs' })],
    ['no log configuration', withLogs(undefined)],
    [
      'a container without a name',
      withLogs({ logDriver: 'awslogs', options: { 'awslogs-group': '/ecs/p' } }, null)
    ],
    ['no containers', { family: 'f' }]
  ])('is unknown with %s', (_, template) => {
    expect(logLocation(template)).toBeUndefined()
  })
})
