// Label changes for one SHA's status (issue #15: pinned where mutation testing found them loose).

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { labelSet, shortSha } from '../../__fixtures__/arbitraries.js'
import { readLabels } from '../../src/domain/label-state.js'
import { parseLabel } from '../../src/domain/labels.js'
import {
  goLiveChange,
  labelsAhead,
  setStateChange,
  statusChange,
  statusLabels
} from '../../src/domain/status-change.js'

const labels = readLabels([
  '🎪 abc123f 🚦 running',
  '🎪 abc123f 🌐 52.1.2.3:8080',
  '🎪 abc123f 🤡 maxime',
  '🎪 🎯 abc123f',
  '🎪 def456a 🚦 deploying',
  '🎪 def456a 🌐 10.0.0.1:8080',
  '🎪 🚦 def456a building',
  '🎪 def456a 📅 2026-11-27T10-00'
])

describe('status changes', () => {
  it("lists a SHA's status labels in any form, and no other SHA's", () => {
    expect(statusLabels(labels, 'def456a')).toEqual([
      '🎪 def456a 🚦 deploying',
      '🎪 🚦 def456a building'
    ])
    expect(statusLabels(labels, '1234567')).toEqual([])
  })

  it('keeps a status label that is already the new one', () => {
    expect(statusChange(labels, 'abc123f', 'running')).toEqual({
      add: ['🎪 abc123f 🚦 running'],
      remove: []
    })
  })

  it('goes live: replaces statuses and addresses, takes every other pointer down once', () => {
    expect(
      goLiveChange(labels, 'def456a', { ip: '10.0.0.1', port: 8080 }, [
        '🎪 🎯 abc123f',
        '🎪 🎯 7777777'
      ])
    ).toEqual({
      add: ['🎪 def456a 🚦 running', '🎪 def456a 🌐 10.0.0.1:8080', '🎪 🎯 def456a'],
      remove: [
        '🎪 def456a 🚦 deploying',
        '🎪 🚦 def456a building',
        '🎪 🎯 abc123f',
        '🎪 🎯 7777777'
      ]
    })
  })

  it('set-state on an existing show adds no 📅 or 🤡, and only running moves the pointer', () => {
    expect(setStateChange(labels, 'def456a', 'failed', { now: 0, actor: 'x' })).toEqual({
      add: ['🎪 def456a 🚦 failed'],
      remove: ['🎪 def456a 🚦 deploying', '🎪 🚦 def456a building']
    })
    expect(setStateChange(labels, 'def456a', 'running', { now: 0, actor: 'x' })).toEqual({
      add: ['🎪 def456a 🚦 running', '🎪 🎯 def456a'],
      remove: ['🎪 def456a 🚦 deploying', '🎪 🚦 def456a building', '🎪 🎯 abc123f']
    })
  })

  it('goes live from another address, keeping its own pointer', () => {
    const moved = readLabels([
      '🎪 abc123f 🚦 running',
      '🎪 abc123f 🌐 52.1.2.3:8080',
      '🎪 🎯 abc123f'
    ])
    expect(goLiveChange(moved, 'abc123f', { ip: '52.9.9.9', port: 8080 }, [])).toEqual({
      add: ['🎪 abc123f 🚦 running', '🎪 abc123f 🌐 52.9.9.9:8080', '🎪 🎯 abc123f'],
      remove: ['🎪 abc123f 🌐 52.1.2.3:8080']
    })
  })

  it('set-state running on the SHA that serves keeps its pointer', () => {
    expect(setStateChange(labels, 'abc123f', 'running', { now: 0, actor: 'x' })).toEqual({
      add: ['🎪 abc123f 🚦 running', '🎪 🎯 abc123f'],
      remove: []
    })
  })

  it('set-state on a new SHA dates it and names who asked', () => {
    expect(
      setStateChange(labels, '1234567', 'building', {
        now: Date.UTC(2026, 10, 27, 9, 5),
        actor: 'Jane Doe'
      })
    ).toEqual({
      add: ['🎪 1234567 🚦 building', '🎪 1234567 📅 2026-11-27T09-05', '🎪 1234567 🤡 Jane-Doe'],
      remove: []
    })
  })
})

describe('the labels defined while a SHA builds', () => {
  it('are its deploying and running statuses and its pointer, byte-exact', () => {
    expect(labelsAhead('abc123f')).toEqual([
      '🎪 abc123f 🚦 deploying',
      '🎪 abc123f 🚦 running',
      '🎪 🎯 abc123f'
    ])
  })

  it('are labels of that SHA only, each one the grammar reads back', () => {
    fc.assert(
      fc.property(shortSha, (sha) => {
        for (const label of labelsAhead(sha)) {
          const parsed = parseLabel(label)
          expect(parsed.kind === 'status' || parsed.kind === 'pointer', label).toBe(true)
          expect('sha' in parsed && parsed.sha, label).toBe(sha)
        }
      })
    )
  })

  it('cover everything going live adds behind a load balancer (where there is no address)', () => {
    fc.assert(
      fc.property(labelSet, shortSha, (names, sha) => {
        const ahead = labelsAhead(sha)
        for (const label of goLiveChange(readLabels(names), sha, undefined, []).add) {
          expect(ahead).toContain(label)
        }
      })
    )
  })
})
