import { describe, expect, it } from 'vitest'
import { buildCommand } from '../../src/docker.js'
import { parseFeatureFlags } from '../../src/domain/feature-flags.js'
import { labelDefinition } from '../../src/domain/label-definitions.js'
import { readLabels } from '../../src/domain/label-state.js'
import { BLOCKED, FREEZE, TRIGGER_START, TRIGGER_STOP } from '../../src/domain/labels.js'
import { goLiveChange, setStateChange, statusChange } from '../../src/domain/status-change.js'
import { renderTaskDefinition, templateProblem } from '../../src/domain/task-definition.js'
import template from '../../src/aws/superset-task-definition.json' with { type: 'json' }

describe('label definitions (reference §1.4)', () => {
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

describe('feature flags from the PR body (reference §8.1)', () => {
  it('reads FEATURE_X=value after a word boundary, anywhere', () => {
    const body =
      'Enable FEATURE_ALERTS=true and\n```\nFEATURE_DASHBOARD_RBAC=0\n```\n-FEATURE_X=yes SOME_FEATURE_Y=true FEATURE_Z=tru'
    expect(parseFeatureFlags(body)).toEqual({
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
      'FEATURE_A=$(rm -rf) FEATURE_B=1;echo FEATURE_C=NO PATH=/x AWS_SECRET=1'
    )
    expect(flags).toEqual([
      { name: 'SUPERSET_FEATURE_B', value: 'True' },
      { name: 'SUPERSET_FEATURE_C', value: 'False' }
    ])
  })

  it('keeps the last value of a flag given twice, and reads nothing from an empty body', () => {
    expect(parseFeatureFlags('FEATURE_A=true FEATURE_A=false').flags).toEqual([
      { name: 'SUPERSET_FEATURE_A', value: 'False' }
    ])
    expect(parseFeatureFlags('')).toEqual({ flags: [], skipped: [] })
  })
})

describe('task definition', () => {
  it('sets the image, the port and the flags on the bundled Superset template', () => {
    const rendered = renderTaskDefinition(template, {
      image: 'apache/superset:pr-1-abc123f-ci',
      containerPort: 8088,
      flags: [{ name: 'SUPERSET_FEATURE_ALERTS', value: 'True' }]
    })
    const [app] = rendered.containerDefinitions ?? []
    expect(app?.image).toBe('apache/superset:pr-1-abc123f-ci')
    expect(app?.portMappings).toEqual([{ containerPort: 8088, hostPort: 8088, protocol: 'tcp' }])
    expect(app?.environment?.at(-1)).toEqual({ name: 'SUPERSET_FEATURE_ALERTS', value: 'True' })
    expect(app?.environment?.slice(0, 9)).toEqual(template.containerDefinitions[0]?.environment)
    expect(rendered.family).toBe('superset-ci')
    expect(rendered.cpu).toBe('512')
    expect(rendered.memory).toBe('2048')
  })

  it('replaces flags a template already carries', () => {
    const custom = {
      family: 'app',
      containerDefinitions: [
        {
          name: 'app',
          image: 'x',
          environment: [
            { name: 'SUPERSET_FEATURE_OLD', value: 'True' },
            { name: 'KEEP', value: '1' }
          ]
        }
      ]
    }
    const [app] =
      renderTaskDefinition(custom, { image: 'y', containerPort: 80, flags: [] })
        .containerDefinitions ?? []
    expect(app?.environment).toEqual([{ name: 'KEEP', value: '1' }])
  })

  it.each([
    [[], 'it is not a JSON object'],
    [{ containerDefinitions: [{}] }, 'it has no "family"'],
    [{ family: 'x', containerDefinitions: [] }, 'it has no "containerDefinitions"']
  ])('rejects a template %j: %s', (value, reason) => {
    expect(templateProblem(value)).toBe(reason)
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

describe('docker command', () => {
  it('is the design note’s command, every part from the inputs', () => {
    expect(
      buildCommand({
        image: 'apache/superset:pr-1234-abc123f-ci',
        target: 'ci',
        platform: 'linux/amd64',
        buildArgs: [
          { name: 'INCLUDE_CHROMIUM', value: 'false' },
          { name: 'LOAD_EXAMPLES_DUCKDB', value: 'true' }
        ],
        context: '.'
      }).join(' ')
    ).toBe(
      'buildx build --push --load --platform linux/amd64 --target ci --build-arg INCLUDE_CHROMIUM=false --build-arg LOAD_EXAMPLES_DUCKDB=true -t apache/superset:pr-1234-abc123f-ci .'
    )
  })

  it('adds the cache options and keeps odd values as single arguments', () => {
    const argv = buildCommand({
      image: 'r/i:t',
      target: 't',
      platform: 'linux/arm64',
      buildArgs: [{ name: 'A', value: 'x y; rm -rf /' }],
      context: 'dir with space',
      cacheFrom: 'type=registry,ref=r/c:x',
      cacheTo: 'type=registry,mode=max,ref=r/c:x'
    })
    expect(argv).toContain('A=x y; rm -rf /')
    expect(argv.slice(-7)).toEqual([
      '--cache-from',
      'type=registry,ref=r/c:x',
      '--cache-to',
      'type=registry,mode=max,ref=r/c:x',
      '-t',
      'r/i:t',
      'dir with space'
    ])
  })
})
