import { describe, expect, it } from 'vitest'
import { buildCommand } from '../../src/docker/build.js'
import { parseFeatureFlags } from '../../src/domain/feature-flags.js'
import { labelDefinition } from '../../src/domain/label-definitions.js'
import { readLabels } from '../../src/domain/label-state.js'
import { BLOCKED, FREEZE, TRIGGER_START, TRIGGER_STOP } from '../../src/domain/labels.js'
import {
  commitLabels,
  failureChange,
  goLiveChange,
  setStateChange,
  statusChange
} from '../../src/domain/status-change.js'
import { renderTaskDefinition, templateProblem } from '../../src/domain/task-definition.js'
import template from '../../examples/superset/task-definition.json' with { type: 'json' }
import generic from '../../src/config/default-task-definition.json' with { type: 'json' }

describe("label definitions (the Python tool's colours)", () => {
  it.each([
    [TRIGGER_START, 'FFD700'],
    [TRIGGER_STOP, 'FFD700'],
    [FREEZE, 'FFE4B5'],
    [BLOCKED, 'dc3545'],
    ['🎪 ⌛ 48h', 'FFE4B5'],
    ['🎪 ⌛ close', 'FFE4B5'],
    ['🎪 abc123f 🚦 running', '28a745'],
    ['🎪 abc123f 🚦 building', 'FFD700'],
    ['🎪 abc123f 🚦 deploying', 'FFD700'],
    ['🎪 abc123f 🚦 failed', 'dc3545'],
    ['🎪 abc123f 🚦 updating', 'fd7e14'],
    ['🎪 abc123f 📅 2026-11-27T10-00', 'FFF9C4'],
    ['🎪 abc123f 🌐 52.1.2.3:8080', 'FFF9C4'],
    ['🎪 abc123f 🤡 maxime', 'FFF9C4'],
    ['🎪 🎯 abc123f', 'FFF9C4']
  ])('%s is coloured %s', (name, color) => {
    const definition = labelDefinition(name)
    expect(definition.color).toBe(color)
    expect(definition.description.length).toBeLessThanOrEqual(100)
    // GitHub rejects 4-byte characters in descriptions.
    expect([...definition.description].every((c) => c.codePointAt(0)! <= 0xffff)).toBe(true)
  })
})

describe('feature flags from the PR body', () => {
  it('reads FEATURE_X=value after a word boundary, anywhere', () => {
    const body =
      'Enable FEATURE_ALERTS=true and\n```\nFEATURE_DASHBOARD_RBAC=0\n```\n-FEATURE_X=yes SOME_FEATURE_Y=true FEATURE_Z=tru'
    expect(parseFeatureFlags(body, 'SUPERSET_FEATURE_')).toEqual({
      flags: [
        { name: 'SUPERSET_FEATURE_ALERTS', value: 'True' },
        { name: 'SUPERSET_FEATURE_DASHBOARD_RBAC', value: 'False' },
        { name: 'SUPERSET_FEATURE_X', value: 'True' }
      ],
      skipped: ['FEATURE_Z=tru']
    })
  })

  it('never lets anything but SUPERSET_FEATURE_<WORD> = True/False through', () => {
    const { flags } = parseFeatureFlags(
      'FEATURE_A=$(rm -rf) FEATURE_B=1;echo FEATURE_C=NO PATH=/x AWS_SECRET=1',
      'SUPERSET_FEATURE_'
    )
    expect(flags).toEqual([
      { name: 'SUPERSET_FEATURE_B', value: 'True' },
      { name: 'SUPERSET_FEATURE_C', value: 'False' }
    ])
  })

  it('keeps the last value of a flag given twice, and reads nothing from an empty body', () => {
    expect(parseFeatureFlags('FEATURE_A=true FEATURE_A=false', 'SUPERSET_FEATURE_').flags).toEqual([
      { name: 'SUPERSET_FEATURE_A', value: 'False' }
    ])
    expect(parseFeatureFlags('', 'SUPERSET_FEATURE_')).toEqual({ flags: [], skipped: [] })
  })

  it('names the flags with the prefix the feature-flag-prefix input gives', () => {
    expect(parseFeatureFlags('FEATURE_BETA=yes', 'MYAPP_FLAG_').flags).toEqual([
      { name: 'MYAPP_FLAG_BETA', value: 'True' }
    ])
  })
})

describe('task definition', () => {
  const variables = { SHOWTIME_PR: '1', SHOWTIME_SHA: 'abc123f', SHOWTIME_REPOSITORY: 'o/r' }
  const tags = { showtime_managed: 'true', repository: 'o/r' }

  it("sets the image, the port, the environment's variables, the flags and the tags", () => {
    const rendered = renderTaskDefinition(template, {
      image: 'apache/superset:pr-1-abc123f-ci',
      containerPort: 8088,
      variables,
      flags: [{ name: 'SUPERSET_FEATURE_ALERTS', value: 'True' }],
      flagPrefix: 'SUPERSET_FEATURE_',
      tags
    })
    const [app] = rendered.containerDefinitions ?? []
    expect(app?.image).toBe('apache/superset:pr-1-abc123f-ci')
    expect(app?.portMappings).toEqual([{ containerPort: 8088, hostPort: 8088, protocol: 'tcp' }])
    expect(app?.environment).toEqual([
      ...template.containerDefinitions[0]!.environment,
      { name: 'SHOWTIME_PR', value: '1' },
      { name: 'SHOWTIME_SHA', value: 'abc123f' },
      { name: 'SHOWTIME_REPOSITORY', value: 'o/r' },
      { name: 'SUPERSET_FEATURE_ALERTS', value: 'True' }
    ])
    expect(app?.secrets).toEqual(template.containerDefinitions[0]?.secrets)
    expect(rendered.family).toBe('showtime-superset-ci')
    expect(rendered.cpu).toBe('512')
    expect(rendered.memory).toBe('2048')
    expect(rendered.tags).toEqual([
      { key: 'showtime_managed', value: 'true' },
      { key: 'repository', value: 'o/r' }
    ])
  })

  it('replaces the flags and variables a template already carries, and keeps its other tags', () => {
    const custom = {
      ...generic,
      tags: [
        { key: 'team', value: 'web' },
        { key: 'repository', value: 'forged/repo' }
      ],
      containerDefinitions: [
        {
          name: 'app',
          image: 'x',
          environment: [
            { name: 'SUPERSET_FEATURE_OLD', value: 'True' },
            { name: 'SHOWTIME_PR', value: '999' },
            { name: 'KEEP', value: '1' }
          ]
        }
      ]
    }
    const rendered = renderTaskDefinition(custom, {
      image: 'y',
      containerPort: 80,
      variables,
      flags: [],
      flagPrefix: 'SUPERSET_FEATURE_',
      tags
    })
    expect(rendered.containerDefinitions?.[0]?.environment).toEqual([
      { name: 'KEEP', value: '1' },
      { name: 'SHOWTIME_PR', value: '1' },
      { name: 'SHOWTIME_SHA', value: 'abc123f' },
      { name: 'SHOWTIME_REPOSITORY', value: 'o/r' }
    ])
    expect(rendered.tags).toEqual([
      { key: 'team', value: 'web' },
      { key: 'showtime_managed', value: 'true' },
      { key: 'repository', value: 'o/r' }
    ])
  })

  it('leaves variables alone that merely look like flags when no prefix is set', () => {
    const custom = {
      ...generic,
      containerDefinitions: [
        { name: 'app', environment: [{ name: 'SUPERSET_FEATURE_OLD', value: 'True' }] }
      ]
    }
    const rendered = renderTaskDefinition(custom, {
      image: 'y',
      containerPort: 80,
      variables: {},
      flags: [],
      tags
    })
    expect(rendered.containerDefinitions?.[0]?.environment).toEqual([
      { name: 'SUPERSET_FEATURE_OLD', value: 'True' }
    ])
  })

  it('accepts the bundled generic template and the Superset one', () => {
    expect(templateProblem(generic)).toBeUndefined()
    expect(templateProblem(template)).toBeUndefined()
  })

  const fargate = { ...generic }
  it.each([
    [[], 'it is not a JSON object'],
    [{ containerDefinitions: [{}] }, 'it has no "family"'],
    [
      { ...fargate, family: 'my app' },
      'its "family" must be 1 to 255 letters, digits, - or _ (got "my app")'
    ],
    [{ ...fargate, containerDefinitions: [] }, 'it has no "containerDefinitions"'],
    [
      { ...fargate, containerDefinitions: [{ image: 'x' }] },
      'containerDefinitions[0] needs a "name" of 1 to 255 letters, digits, - or _'
    ],
    [{ ...fargate, networkMode: 'bridge' }, 'Fargate needs "networkMode": "awsvpc" (got "bridge")'],
    [
      { ...fargate, requiresCompatibilities: ['EC2'] },
      '"requiresCompatibilities" must include "FARGATE"'
    ],
    [
      { ...fargate, cpu: undefined },
      'Fargate needs task-level "cpu" and "memory", such as "256" and "512"'
    ],
    [
      { ...fargate, cpu: '300' },
      '"cpu" 300 is not a Fargate size (256, 512, 1024, 2048, 4096, 8192, 16384)'
    ],
    [
      { ...fargate, cpu: '256', memory: '4096' },
      '"memory" 4096 does not fit "cpu" 256 on Fargate (allowed: 512, 1024, 2048)'
    ],
    [
      { ...fargate, cpu: '1024', memory: '2500' },
      '"memory" 2500 does not fit "cpu" 1024 on Fargate (allowed: 2048 to 8192 in steps of 1024)'
    ]
  ])('rejects a template %j: %s', (value, reason) => {
    expect(templateProblem(value)).toBe(reason)
  })

  it.each([
    ['1 vCPU', '2 GB'],
    [512, 1024],
    ['0.25 vcpu', '0.5 GB'],
    ['8192', '61440'],
    ['16384', '32768']
  ])('accepts the Fargate size cpu %j, memory %j', (cpu, memory) => {
    expect(templateProblem({ ...fargate, cpu, memory })).toBeUndefined()
  })
})

describe('status changes', () => {
  const labels = readLabels([
    '🎪 abc123f 🚦 running',
    '🎪 abc123f 🌐 52.1.2.3:8080',
    '🎪 🎯 abc123f',
    '🎪 def456a 🚦 deploying',
    '🎪 def456a 🚦 building'
  ])

  it('replaces every status of the SHA', () => {
    expect(statusChange(labels, 'def456a', 'running')).toEqual({
      add: ['🎪 def456a 🚦 running'],
      remove: ['🎪 def456a 🚦 building', '🎪 def456a 🚦 deploying']
    })
  })

  it('goes live: running, address, and the only pointer', () => {
    expect(goLiveChange(labels, 'def456a', { ip: '10.0.0.9', port: 8080 }, [])).toEqual({
      add: ['🎪 def456a 🚦 running', '🎪 def456a 🌐 10.0.0.9:8080', '🎪 🎯 def456a'],
      remove: ['🎪 def456a 🚦 building', '🎪 def456a 🚦 deploying', '🎪 🎯 abc123f']
    })
  })

  it('set-state leaves other labels alone and creates a missing show', () => {
    expect(setStateChange(labels, 'abc123f', 'failed', { now: 0, actor: 'x' })).toEqual({
      add: ['🎪 abc123f 🚦 failed'],
      remove: ['🎪 abc123f 🚦 running']
    })
    expect(
      setStateChange(labels, '1234567', 'running', {
        now: Date.UTC(2026, 0, 2, 3, 4),
        actor: 'bot'
      })
    ).toEqual({
      add: [
        '🎪 1234567 🚦 running',
        '🎪 1234567 📅 2026-01-02T03-04',
        '🎪 1234567 🤡 bot',
        '🎪 🎯 1234567'
      ],
      remove: ['🎪 🎯 abc123f']
    })
  })
})

describe('what a failed run leaves on its commit', () => {
  const live = [
    '🎪 abc123f 🚦 building',
    '🎪 abc123f 🌐 10.0.0.9:8080',
    '🎪 🎯 abc123f',
    '🎪 def456a 🚦 running',
    '🎪 def456a 🌐 52.1.2.3:8080'
  ]

  it.each([
    [
      'a commit that served before stays running (a forced rebuild)',
      true,
      { add: ['🎪 abc123f 🚦 running'], remove: ['🎪 abc123f 🚦 building'] }
    ],
    [
      'a new commit fails, and what its go-live wrote comes off',
      false,
      {
        add: ['🎪 abc123f 🚦 failed'],
        remove: ['🎪 abc123f 🚦 building', '🎪 abc123f 🌐 10.0.0.9:8080', '🎪 🎯 abc123f']
      }
    ]
  ])('%s', (_name, servedBefore, change) => {
    expect(failureChange(readLabels(live), 'abc123f', servedBefore)).toEqual(change)
  })

  it("never touches another commit's labels", () => {
    for (const served of [true, false]) {
      const { add, remove } = failureChange(readLabels(live), 'abc123f', served)
      expect([...add, ...remove].filter((l) => l.includes('def456a'))).toEqual([])
    }
  })
})

describe('the labels of one commit', () => {
  it("are its environment's and its stray ones, and no other commit's", () => {
    const labels = readLabels([
      '🎪 abc123f 🚦 running',
      '🎪 abc123f 📅 2026-01-02T03-04',
      '🎪 🎯 abc123f',
      '🎪 bbbbbbb 🤡 someone',
      '🎪 🎯 bbbbbbb',
      '🎪 abc1234 🚦 running',
      '🎪 ⌛ 48h'
    ])
    expect(commitLabels(labels, 'abc123f').sort()).toEqual([
      '🎪 abc123f 📅 2026-01-02T03-04',
      '🎪 abc123f 🚦 running',
      '🎪 🎯 abc123f'
    ])
    // A commit with no status still has labels to take down.
    expect(commitLabels(labels, 'bbbbbbb').sort()).toEqual([
      '🎪 bbbbbbb 🤡 someone',
      '🎪 🎯 bbbbbbb'
    ])
    expect(commitLabels(labels, 'ccccccc')).toEqual([])
  })
})

describe('docker command', () => {
  const superset = {
    target: 'ci',
    platform: 'linux/amd64',
    buildArgs: [
      { name: 'INCLUDE_CHROMIUM', value: 'false' },
      { name: 'LOAD_EXAMPLES_DUCKDB', value: 'true' }
    ],
    context: '.',
    cacheFrom: [],
    cacheTo: []
  }

  it('is the design note’s command, every part from the inputs, pushed and not loaded', () => {
    expect(
      buildCommand(
        { ...superset, output: { kind: 'push', image: 'apache/superset:pr-1234-abc123f-ci' } },
        '/tmp/build/metadata.json'
      ).join(' ')
    ).toBe(
      'buildx build --push --platform linux/amd64 --target ci --build-arg INCLUDE_CHROMIUM=false --build-arg LOAD_EXAMPLES_DUCKDB=true --metadata-file /tmp/build/metadata.json -t apache/superset:pr-1234-abc123f-ci .'
    )
  })

  it('names the Dockerfile with --file when the input gives one, and only then', () => {
    const spec = {
      platform: 'linux/amd64',
      buildArgs: [],
      context: 'pr',
      cacheFrom: [],
      cacheTo: [],
      output: { kind: 'push', image: 'r/i:t' }
    } as const
    expect(buildCommand({ ...spec, dockerfile: 'pr/docker/Dockerfile.preview' })).toEqual([
      'buildx',
      'build',
      '--push',
      '--platform',
      'linux/amd64',
      '--file',
      'pr/docker/Dockerfile.preview',
      '-t',
      'r/i:t',
      'pr'
    ])
    expect(buildCommand(spec)).not.toContain('--file')
  })

  it('adds every cache value as its own option, and keeps odd values as single arguments', () => {
    const argv = buildCommand(
      {
        target: 't',
        platform: 'linux/arm64',
        buildArgs: [{ name: 'A', value: 'x y; rm -rf /' }],
        context: 'dir with space',
        cacheFrom: ['type=gha,scope=c-pr-1', 'type=gha,scope=c'],
        cacheTo: ['type=gha,scope=c-pr-1,mode=max'],
        output: { kind: 'push', image: 'r/i:t' }
      },
      'm.json'
    )
    expect(argv).toContain('A=x y; rm -rf /')
    expect(argv.slice(-11)).toEqual([
      '--cache-from',
      'type=gha,scope=c-pr-1',
      '--cache-from',
      'type=gha,scope=c',
      '--cache-to',
      'type=gha,scope=c-pr-1,mode=max',
      '--metadata-file',
      'm.json',
      '-t',
      'r/i:t',
      'dir with space'
    ])
  })

  it('builds the cache alone, with no tag and nothing pushed or loaded', () => {
    const argv = buildCommand({
      ...superset,
      cacheTo: ['type=gha,scope=c,mode=max'],
      output: { kind: 'cache-only' }
    })
    expect(argv.slice(0, 4)).toEqual(['buildx', 'build', '--output', 'type=cacheonly'])
    for (const absent of ['--push', '--load', '-t']) expect(argv).not.toContain(absent)
    expect(argv.slice(-3)).toEqual(['--cache-to', 'type=gha,scope=c,mode=max', '.'])
  })
})
