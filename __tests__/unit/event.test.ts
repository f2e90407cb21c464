import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/errors.js'
import { readEvent, resolveTargetSha } from '../../src/config/event.js'
import { dispatchEvent, pullRequestEvent } from '../../__fixtures__/events.js'

const HEAD = 'def456a' + '0'.repeat(33)
const TRIGGER = '🎪 ⚡ showtime-trigger-start'

describe('readEvent', () => {
  it.each(['pull_request_target', 'pull_request'])('reads a labeled %s event', (eventName) => {
    const target = readEvent(
      {
        eventName,
        payload: pullRequestEvent('labeled', { headSha: HEAD, label: TRIGGER, sender: 'alice' }),
        actor: 'bob'
      },
      {}
    )
    expect(target).toEqual({
      prNumber: 1234,
      event: { kind: 'labeled', sender: 'alice', label: TRIGGER, sha: HEAD },
      requestedSha: HEAD
    })
  })

  it.each(['unlabeled', 'synchronize', 'opened', 'reopened', 'closed'] as const)(
    'reads the %s action',
    (action) => {
      const target = readEvent(
        {
          eventName: 'pull_request_target',
          payload: pullRequestEvent(action, { headSha: HEAD }),
          actor: 'x'
        },
        {}
      )
      expect(target.event.kind).toBe(action)
    }
  )

  it('reads other pull request actions as events that deploy nothing', () => {
    const target = readEvent(
      {
        eventName: 'pull_request_target',
        payload: pullRequestEvent('edited', { headSha: HEAD }),
        actor: 'x'
      },
      {}
    )
    expect(target.event.kind).toBe('other')
  })

  it('reads a workflow_dispatch with pr_number and sha', () => {
    const target = readEvent(
      {
        eventName: 'workflow_dispatch',
        payload: dispatchEvent({ pr_number: '77', sha: 'ABC1234' }),
        actor: 'maintainer'
      },
      {}
    )
    expect(target).toEqual({
      prNumber: 77,
      event: { kind: 'dispatch', sender: 'maintainer', sha: 'abc1234' },
      requestedSha: 'abc1234'
    })
  })

  it('lets the pr-number and sha inputs override the event', () => {
    const payload = pullRequestEvent('synchronize', { headSha: HEAD })
    expect(
      readEvent({ eventName: 'pull_request', payload, actor: 'x' }, { sha: '1234567' }).requestedSha
    ).toBe('1234567')
    const other = readEvent({ eventName: 'pull_request', payload, actor: 'x' }, { prNumber: 99 })
    // The event is about PR 1234: its action and head say nothing about PR 99.
    expect(other).toEqual({ prNumber: 99, event: { kind: 'other', sender: 'maintainer' } })
  })

  it('uses GITHUB_ACTOR when the payload has no sender', () => {
    expect(
      readEvent({ eventName: 'schedule', payload: {}, actor: 'cron-bot' }, { prNumber: 5 }).event
    ).toEqual({
      kind: 'other',
      sender: 'cron-bot'
    })
  })

  it.each([
    [
      { eventName: 'push', payload: {}, actor: 'x' },
      'No pull request to act on: the push event names none; set the pr-number input.'
    ],
    [
      { eventName: 'workflow_dispatch', payload: dispatchEvent({}), actor: 'x' },
      /No pull request to act on/
    ],
    [
      { eventName: 'workflow_dispatch', payload: dispatchEvent({ pr_number: 'x1' }), actor: 'x' },
      'Input "pr_number (workflow_dispatch)" must be a pull request number'
    ],
    [
      {
        eventName: 'workflow_dispatch',
        payload: dispatchEvent({ pr_number: '1', sha: 'nothex!' }),
        actor: 'x'
      },
      'Input "sha (workflow_dispatch)" must be a commit SHA'
    ]
  ])('rejects %o with one line', (runner, message) => {
    expect(() => readEvent(runner, {})).toThrow(InputError)
    expect(() => readEvent(runner, {})).toThrow(message)
  })
})

describe('resolveTargetSha', () => {
  it('expands a prefix of the head, keeps another SHA, and defaults to the head', () => {
    expect(resolveTargetSha(undefined, HEAD)).toBe(HEAD)
    expect(resolveTargetSha('def456a', HEAD)).toBe(HEAD)
    expect(resolveTargetSha('abc1234', HEAD)).toBe('abc1234')
  })
})
