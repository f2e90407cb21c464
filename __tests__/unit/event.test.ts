import { describe, expect, it } from 'vitest'
import { InputError } from '../../src/errors.js'
import { readEvent, resolveTargetSha } from '../../src/config/event.js'
import { dispatchEvent, pullRequestEvent } from '../../__fixtures__/events.js'

const HEAD = 'def456a' + '0'.repeat(33)
const OTHER = '1234567' + '8'.repeat(33)
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
      requestedSha: HEAD,
      payloadPullRequest: {
        number: 1234,
        state: 'open',
        headSha: HEAD,
        author: 'contributor',
        isFork: false,
        labels: [],
        body: '',
        comments: 0
      }
    })
  })

  it('reads the PR the payload shows: its labels, state, head repository and comments', () => {
    const read = (options: Partial<Parameters<typeof pullRequestEvent>[1]>) =>
      readEvent(
        {
          eventName: 'pull_request_target',
          payload: pullRequestEvent('synchronize', { headSha: HEAD, ...options }),
          actor: 'x'
        },
        {}
      ).payloadPullRequest
    expect(
      read({ labels: [TRIGGER, 'bug'], state: 'closed', body: 'FEATURE_X=true', comments: 3 })
    ).toMatchObject({
      labels: [TRIGGER, 'bug'],
      state: 'closed',
      body: 'FEATURE_X=true',
      comments: 3,
      isFork: false
    })
    expect(read({ headRepo: 'contributor/superset' })?.isFork).toBe(true)
    // A deleted fork has no head repository: untrusted too.
    expect(read({ headRepo: null })?.isFork).toBe(true)
  })

  it.each<[string, (pr: Record<string, unknown>) => void]>([
    ['no labels', (pr) => delete pr.labels],
    ['a label without a name', (pr) => (pr.labels = [{ id: 1 }])],
    ['no state', (pr) => delete pr.state],
    ['a short head', (pr) => ((pr.head as Record<string, unknown>).sha = 'abc123f')],
    ['no head repository field', (pr) => delete (pr.head as Record<string, unknown>).repo],
    ['no base repository', (pr) => delete pr.base]
  ])('reads nothing from a payload with %s: the PR is read from the API', (_what, spoil) => {
    const payload = pullRequestEvent('synchronize', { headSha: HEAD })
    spoil(payload.pull_request as Record<string, unknown>)
    expect(
      readEvent({ eventName: 'pull_request_target', payload, actor: 'x' }, {}).payloadPullRequest
    ).toBeUndefined()
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
        payload: dispatchEvent({ pr_number: '77', sha: HEAD.toUpperCase() }),
        actor: 'maintainer'
      },
      {}
    )
    expect(target).toEqual({
      prNumber: 77,
      event: { kind: 'dispatch', sender: 'maintainer', sha: HEAD },
      requestedSha: HEAD
    })
  })

  it('lets the pr-number and sha inputs override the event', () => {
    const payload = pullRequestEvent('synchronize', { headSha: HEAD })
    expect(
      readEvent({ eventName: 'pull_request', payload, actor: 'x' }, { sha: OTHER }).requestedSha
    ).toBe(OTHER)
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
      'Input "sha (workflow_dispatch)" must be a full commit SHA'
    ],
    [
      // The reviewed commit's short SHA: a fork can push another commit with the same prefix.
      {
        eventName: 'workflow_dispatch',
        payload: dispatchEvent({ pr_number: '1', sha: 'def456a' }),
        actor: 'x'
      },
      'Input "sha (workflow_dispatch)" must be a full commit SHA of 40 hex characters; got "def456a".'
    ]
  ])('rejects %o with one line', (runner, message) => {
    expect(() => readEvent(runner, {})).toThrow(InputError)
    expect(() => readEvent(runner, {})).toThrow(message)
  })
})

describe('resolveTargetSha', () => {
  it('takes the named commit as it is, and defaults to the head', () => {
    expect(resolveTargetSha(undefined, HEAD)).toBe(HEAD)
    expect(resolveTargetSha(OTHER, HEAD)).toBe(OTHER)
    // Never expanded: a commit that shares the head's first 7 characters stays itself.
    const forged = HEAD.slice(0, 7) + 'f'.repeat(33)
    expect(resolveTargetSha(forged, HEAD)).toBe(forged)
  })
})
