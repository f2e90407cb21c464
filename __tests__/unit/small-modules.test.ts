// The small modules of the core, pinned field by field (issue #15: what mutation testing found
// unchecked): label definitions, TTLs, the show helpers, permissions, templates and flags.

import { describe, expect, it } from 'vitest'
import { parseFeatureFlags } from '../../src/domain/feature-flags.js'
import { labelDefinition } from '../../src/domain/label-definitions.js'
import { PERMISSIONS, isPermission } from '../../src/domain/pull-request.js'
import {
  imageReference,
  imageTag,
  serviceBaseName,
  serviceName
} from '../../src/domain/resources.js'
import {
  STATUS_PRECEDENCE,
  createdAtMs,
  shortSha,
  statusClass,
  statusRank
} from '../../src/domain/show.js'
import { showUrl } from '../../src/domain/address.js'
import { readLabels } from '../../src/domain/label-state.js'
import { renderTaskDefinition, templateProblem } from '../../src/domain/task-definition.js'
import { type Ttl, longerTtl, parseTtl, ttlMilliseconds } from '../../src/domain/ttl.js'

describe('label definitions', () => {
  it.each([
    [
      '🎪 ⚡ showtime-trigger-start',
      'FFD700',
      'Showtime: create or rebuild the preview environment of this PR'
    ],
    [
      '🎪 🛑 showtime-trigger-stop',
      'FFD700',
      'Showtime: tear down every preview environment of this PR'
    ],
    ['🎪 🧊 showtime-freeze', 'FFE4B5', 'Showtime: do not roll out new commits automatically'],
    ['🎪 🔒 showtime-blocked', 'dc3545', 'Showtime: operations suspended on this PR'],
    ['🎪 ⌛ 48h', 'FFE4B5', 'Showtime: environment expires 48h after it was created'],
    ['🎪 ⌛ close', 'FFE4B5', 'Showtime: keep the environment until the PR closes'],
    ['🎪 ⌛ CLOSE', 'FFE4B5', 'Showtime: keep the environment until the PR closes'],
    ['🎪 abc123f 🚦 running', '28a745', 'Showtime: environment abc123f is running'],
    ['🎪 abc123f 🚦 weird', 'FFD700', 'Showtime: environment abc123f is weird'],
    [
      '🎪 abc123f 📅 2026-11-27T10-00',
      'FFF9C4',
      'Showtime: environment abc123f created 2026-11-27T10-00 UTC'
    ],
    [
      '🎪 abc123f 🌐 52.1.2.3:9000',
      'FFF9C4',
      'Showtime: environment abc123f at http://52.1.2.3:9000'
    ],
    ['🎪 abc123f 🤡 maxime', 'FFF9C4', 'Showtime: environment abc123f requested by maxime'],
    ['🎪 🎯 abc123f', 'FFF9C4', 'Showtime: abc123f is the active environment'],
    ['🎪 🏗️ abc123f', 'FFF9C4', 'Showtime: abc123f is being built'],
    ['🎪 abc123f ⌛ 24h', 'FFF9C4', 'Showtime: environment abc123f expires after 24h'],
    ['🎪 nonsense', 'FFF9C4', 'Showtime label'],
    ['bug', 'FFD700', '']
  ])('%s: %s, "%s"', (name, color, description) => {
    expect(labelDefinition(name)).toEqual({ color, description })
  })

  it('cuts a description at the 100 characters GitHub allows', () => {
    const login = `${'a'.repeat(35)}…`
    const { description } = labelDefinition(`🎪 abc123f 🤡 ${login}`)
    expect(description).toBe(`Showtime: environment abc123f requested by ${login}`)
    // GitHub keeps no longer label, but a definition is computed for any name it is given.
    const long = labelDefinition(`🎪 abc123f 🤡 ${'b'.repeat(90)}`).description
    expect(long).toBe(`Showtime: environment abc123f requested by ${'b'.repeat(57)}`)
  })
})

describe('TTLs', () => {
  it.each<[string, Ttl | undefined]>([
    ['24h', { kind: 'duration', hours: 24, text: '24h' }],
    ['3d', { kind: 'duration', hours: 72, text: '3d' }],
    ['2w', { kind: 'duration', hours: 336, text: '2w' }],
    [' 2W ', { kind: 'duration', hours: 336, text: '2w' }],
    ['9999h', { kind: 'duration', hours: 9999, text: '9999h' }],
    ['close', { kind: 'close', text: 'close' }],
    [' Close ', { kind: 'close', text: 'close' }],
    ['10000h', undefined],
    ['24', undefined],
    ['h', undefined],
    ['x24h', undefined],
    ['24hx', undefined],
    ['forever', undefined],
    ['', undefined]
  ])('parseTtl(%j) is %o', (text, ttl) => {
    expect(parseTtl(text)).toEqual(ttl)
  })

  it('counts hours in milliseconds, and close as forever', () => {
    expect(ttlMilliseconds(parseTtl('2h')!)).toBe(7_200_000)
    expect(ttlMilliseconds(parseTtl('close')!)).toBe(Number.POSITIVE_INFINITY)
  })

  it.each([
    ['24h', '48h', '48h'],
    ['48h', '24h', '48h'],
    ['1w', '168h', '168h'], // equal lengths: the smaller text wins, whatever the order
    ['168h', '1w', '168h'],
    ['close', '9999w', 'close'],
    ['9999w', 'close', 'close'],
    ['close', 'close', 'close']
  ])('the longer of %s and %s is %s', (a, b, longer) => {
    expect(longerTtl(parseTtl(a)!, parseTtl(b)!).text).toBe(longer)
  })
})

describe('show helpers', () => {
  it.each([
    ['building', 'in-progress'],
    ['deploying', 'in-progress'],
    ['built', 'in-progress'],
    ['running', 'running'],
    ['updating', 'running'],
    ['failed', 'failed'],
    ['sleeping', 'sleeping'],
    ['weird', 'unknown']
  ])('the status %s is %s', (status, cls) => {
    expect(statusClass(status)).toBe(cls)
  })

  it('ranks statuses furthest along the lifecycle first, unknown ones last', () => {
    expect(STATUS_PRECEDENCE).toEqual([
      'failed',
      'sleeping',
      'running',
      'updating',
      'deploying',
      'built',
      'building'
    ])
    expect(STATUS_PRECEDENCE.map(statusRank)).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(statusRank('weird')).toBe(7)
  })

  it('names the resources of one environment as the Python tool did', () => {
    const sha = 'ABC123F' + '9'.repeat(33)
    expect(shortSha(sha)).toBe('abc123f')
    expect(serviceBaseName(42, sha)).toBe('pr-42-abc123f')
    expect(serviceName(42, sha)).toBe('pr-42-abc123f-service')
    expect(imageTag(42, sha)).toBe('pr-42-abc123f-ci')
    expect(imageReference('apache/superset', 42, sha)).toBe('apache/superset:pr-42-abc123f-ci')
  })

  it.each([
    [{ ip: '52.1.2.3', port: 9000 }, 'http://52.1.2.3:9000'],
    [{ ip: '52.1.2.3' }, 'http://52.1.2.3:8088'],
    [{}, undefined],
    [{ ip: '', port: 80 }, undefined]
  ])('the URL of %o is %s', (address, url) => {
    const show = { sha: 'abc123f', status: 'running', labels: [], ...address }
    expect(showUrl(12, readLabels([]), show, { kind: 'task', containerPort: 8088 })).toBe(url)
  })

  it.each([
    [{ createdAt: '2026-11-27T10-00' }, Date.UTC(2026, 10, 27, 10)],
    [{ createdAt: 'yesterday' }, undefined],
    [{}, undefined]
  ])('the creation time of %o is %s', (show, ms) => {
    expect(createdAtMs(show)).toBe(ms)
  })
})

describe('permissions', () => {
  it('knows the six repository roles and nothing else', () => {
    expect(PERMISSIONS).toEqual(['admin', 'maintain', 'write', 'triage', 'read', 'none'])
    expect(PERMISSIONS.every(isPermission)).toBe(true)
    expect(['Admin', 'owner', '', 'pull'].some(isPermission)).toBe(false)
  })
})

describe('task definition templates', () => {
  it.each([
    [null, 'it is not a JSON object'],
    ['text', 'it is not a JSON object'],
    [[], 'it is not a JSON object'],
    [{ containerDefinitions: [{}] }, 'it has no "family"'],
    [{ family: '', containerDefinitions: [{}] }, 'it has no "family"'],
    [{ family: 7, containerDefinitions: [{}] }, 'it has no "family"'],
    [{ family: 'x' }, 'it has no "containerDefinitions"'],
    [{ family: 'x', containerDefinitions: {} }, 'it has no "containerDefinitions"'],
    [{ family: 'x', containerDefinitions: [] }, 'it has no "containerDefinitions"'],
    [{ family: 'x', containerDefinitions: [null] }, 'containerDefinitions[0] is not an object'],
    [
      { family: 'x', containerDefinitions: [{ name: 'a' }, 'b'] },
      'containerDefinitions[1] is not an object'
    ],
    [
      { family: 'x', containerDefinitions: [{}] },
      'containerDefinitions[0] needs a "name" of 1 to 255 letters, digits, - or _'
    ],
    [
      { family: 'x', containerDefinitions: [{ name: 'a' }] },
      'Fargate needs "networkMode": "awsvpc" (got null)'
    ],
    [
      { family: 'x', networkMode: 'awsvpc', containerDefinitions: [{ name: 'a' }] },
      '"requiresCompatibilities" must include "FARGATE"'
    ],
    [
      {
        family: 'x',
        networkMode: 'awsvpc',
        requiresCompatibilities: 'FARGATE',
        containerDefinitions: [{ name: 'a' }]
      },
      '"requiresCompatibilities" must include "FARGATE"'
    ],
    [
      {
        family: 'x',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        containerDefinitions: [{ name: 'a' }]
      },
      'Fargate needs task-level "cpu" and "memory", such as "256" and "512"'
    ],
    [
      {
        family: 'x',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: 256.5,
        memory: 512,
        containerDefinitions: [{ name: 'a' }]
      },
      'Fargate needs task-level "cpu" and "memory", such as "256" and "512"'
    ],
    [
      {
        family: 'x',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '0.3 vCPU',
        memory: '1 GB',
        containerDefinitions: [{ name: 'a' }]
      },
      'Fargate needs task-level "cpu" and "memory", such as "256" and "512"'
    ],
    [
      {
        family: 'x',
        networkMode: 'awsvpc',
        requiresCompatibilities: ['FARGATE'],
        cpu: '256',
        memory: '512',
        containerDefinitions: [{ name: 'a' }]
      },
      undefined
    ]
  ])('%j: %s', (template, problem) => {
    expect(templateProblem(template)).toBe(problem)
  })

  it('sets the first container and keeps the others and the extra port mappings', () => {
    const rendered = renderTaskDefinition(
      {
        family: 'app',
        containerDefinitions: [
          {
            name: 'app',
            image: 'old',
            portMappings: [{ containerPort: 1 }, { containerPort: 9090, protocol: 'udp' }],
            environment: [
              { name: 'SUPERSET_FEATURE_OLD', value: 'True' },
              { value: 'no name' },
              { name: 'KEEP', value: '1' }
            ]
          },
          { name: 'sidecar', image: 'proxy' }
        ]
      },
      {
        image: 'new',
        containerPort: 8088,
        variables: {},
        flags: [{ name: 'SUPERSET_FEATURE_NEW', value: 'False' }],
        flagPrefix: 'SUPERSET_FEATURE_',
        tags: { team: 'x' }
      }
    )
    expect(rendered).toEqual({
      family: 'app',
      tags: [{ key: 'team', value: 'x' }],
      containerDefinitions: [
        {
          name: 'app',
          image: 'new',
          portMappings: [
            { containerPort: 8088, hostPort: 8088, protocol: 'tcp' },
            { containerPort: 9090, protocol: 'udp' }
          ],
          environment: [
            { value: 'no name' },
            { name: 'KEEP', value: '1' },
            { name: 'SUPERSET_FEATURE_NEW', value: 'False' }
          ]
        },
        { name: 'sidecar', image: 'proxy' }
      ]
    })
  })

  it('gives a template without containers one container', () => {
    expect(
      renderTaskDefinition(
        { family: 'app' },
        { image: 'i', containerPort: 80, variables: {}, flags: [], tags: {} }
      )
    ).toEqual({
      family: 'app',
      tags: [],
      containerDefinitions: [
        {
          image: 'i',
          portMappings: [{ containerPort: 80, hostPort: 80, protocol: 'tcp' }],
          environment: []
        }
      ]
    })
  })
})

describe('feature flags', () => {
  it.each([
    ['FEATURE_A=true', [['SUPERSET_FEATURE_A', 'True']], []],
    ['FEATURE_A=1', [['SUPERSET_FEATURE_A', 'True']], []],
    ['FEATURE_A=Yes', [['SUPERSET_FEATURE_A', 'True']], []],
    ['FEATURE_A=FALSE', [['SUPERSET_FEATURE_A', 'False']], []],
    ['FEATURE_A=0', [['SUPERSET_FEATURE_A', 'False']], []],
    ['FEATURE_A=no', [['SUPERSET_FEATURE_A', 'False']], []],
    ['FEATURE_A=maybe', [], ['FEATURE_A=maybe']],
    ['FEATURE_A=2 FEATURE_B=on', [], ['FEATURE_A=2', 'FEATURE_B=on']],
    ['XFEATURE_A=true', [], []],
    ['FEATURE_=true', [], []],
    ['FEATURE_A=', [], []],
    ['feature_a=true', [], []]
  ])('%j gives %j, skipping %j', (body, flags, skipped) => {
    expect(parseFeatureFlags(body, 'SUPERSET_FEATURE_')).toEqual({
      flags: flags.map(([name, value]) => ({ name, value })),
      skipped
    })
  })
})
