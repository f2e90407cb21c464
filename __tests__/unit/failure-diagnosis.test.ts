import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  LOG_LINES,
  LOG_LINE_CHARS,
  failureLinks,
  safeLogLine,
  safeLogLines,
  stoppedTask,
  taskId,
  taskLogStream,
  unansweredTask
} from '../../src/domain/failure-diagnosis.js'
import type { TaskFacts } from '../../src/domain/task-watch.js'

const ARN = 'arn:aws:ecs:us-west-2:123456789012:task/superset-ci/0123456789abcdef0123456789abcdef'

function task(overrides: Partial<TaskFacts> = {}): TaskFacts {
  return {
    arn: ARN,
    taskDefinition: 'td:1',
    lastStatus: 'STOPPED',
    desiredStatus: 'STOPPED',
    containers: [],
    ...overrides
  }
}

describe('taskLogStream', () => {
  it.each([
    [
      'prefix, container, task id',
      { group: '/ecs/app', streamPrefix: 'ecs', container: 'web' },
      { group: '/ecs/app', stream: 'ecs/web/0123456789abcdef0123456789abcdef' }
    ],
    [
      'with its own region',
      { group: '/ecs/app', streamPrefix: 'p', container: 'web', region: 'eu-west-1' },
      {
        group: '/ecs/app',
        stream: 'p/web/0123456789abcdef0123456789abcdef',
        region: 'eu-west-1'
      }
    ],
    ['no prefix: no stream to name', { group: '/ecs/app', container: 'web' }, undefined],
    ['no awslogs', undefined, undefined]
  ])('%s', (_what, location, stream) => {
    expect(taskLogStream(location, ARN)).toEqual(stream)
  })

  it('takes the id of an old-format ARN too', () => {
    expect(taskId('arn:aws:ecs:us-west-2:123456789012:task/abc')).toBe('abc')
  })
})

describe('stoppedTask', () => {
  it.each([
    [
      'the app container exited',
      task({
        stoppedReason: 'Essential container in task exited',
        containers: [
          { name: 'sidecar', exitCode: 0 },
          { name: 'app', exitCode: 3 }
        ]
      }),
      { stopReason: 'Essential container in task exited', container: 'app', exitCode: 3 }
    ],
    [
      'the app container is named first in the template, even with exit code 0',
      task({
        stoppedReason: 'Essential container in task exited',
        containers: [
          { name: 'sidecar', exitCode: 137 },
          { name: 'app', exitCode: 0 }
        ]
      }),
      { stopReason: 'Essential container in task exited', container: 'app', exitCode: 0 }
    ],
    [
      'another container than the app failed',
      task({ stopCode: 'EssentialContainerExited', containers: [{ name: 'init', exitCode: 1 }] }),
      { stopReason: 'EssentialContainerExited', container: 'init', exitCode: 1 }
    ],
    [
      'it never started: a reason, no exit code',
      task({
        stoppedReason: 'CannotPullContainerError: pull access denied',
        containers: [{ name: 'app' }]
      }),
      { stopReason: 'CannotPullContainerError: pull access denied' }
    ],
    ['nothing known', task(), {}]
  ])('%s', (_what, facts, expected) => {
    expect(stoppedTask(facts, 'app')).toEqual(expected)
  })
})

describe('unansweredTask', () => {
  const running = task({ lastStatus: 'RUNNING', desiredStatus: 'RUNNING' })
  it.each([
    [
      'named by its id, with the health path and the app container',
      running,
      '/health',
      'app',
      {
        unanswered: { task: '0123456789abcdef0123456789abcdef', healthPath: '/health' },
        container: 'app'
      }
    ],
    [
      'without an awslogs container, no container',
      running,
      '/api/health',
      undefined,
      { unanswered: { task: '0123456789abcdef0123456789abcdef', healthPath: '/api/health' } }
    ],
    [
      'no stop reason or exit code, even when ECS reports some (it did not stop)',
      task({
        lastStatus: 'RUNNING',
        stoppedReason: 'Task stopping',
        containers: [{ name: 'app', exitCode: 1 }]
      }),
      '/health',
      'app',
      {
        unanswered: { task: '0123456789abcdef0123456789abcdef', healthPath: '/health' },
        container: 'app'
      }
    ],
    [
      'an old-format task ARN',
      task({ arn: 'arn:aws:ecs:us-west-2:123456789012:task/0123' }),
      '/',
      'app',
      { unanswered: { task: '0123', healthPath: '/' }, container: 'app' }
    ]
  ])('%s', (_what, facts, healthPath, container, expected) => {
    expect(unansweredTask(facts, healthPath, container)).toEqual(expected)
  })
})

describe('safeLogLines', () => {
  it.each([
    ['colours are taken out', ['\u001b[31mError\u001b[0m: boom'], ['Error: boom']],
    ['a title-setting sequence too', ['\u001b]0;pwned\u0007after'], ['after']],
    ['tabs become spaces, carriage returns split', ['a\tb\r\nc'], ['a b', 'c']],
    ['control, zero-width and direction characters go', ['x\u0000\u200by\u202ez\u2066'], ['xyz']],
    ['blank lines are dropped', ['one', '', '   ', 'two\n\n'], ['one', 'two']],
    [
      'a message of several lines gives each',
      ['Traceback:\n  File "x"\nError'],
      ['Traceback:', '  File "x"', 'Error']
    ],
    [
      'markdown, HTML and mentions stay as text (quoting them is the presentation)',
      ['@admin <b>hi</b> [x](http://e) ::error::x'],
      ['@admin <b>hi</b> [x](http://e) ::error::x']
    ]
  ])('%s', (_what, messages, lines) => {
    expect(safeLogLines(messages)).toEqual(lines)
  })

  it(`keeps the last ${LOG_LINES} lines, each at most ${LOG_LINE_CHARS} characters`, () => {
    const long = 'é'.repeat(LOG_LINE_CHARS + 5)
    const lines = safeLogLines([...Array.from({ length: 30 }, (_, i) => `line ${i}`), long])
    expect(lines).toHaveLength(LOG_LINES)
    expect(lines[0]).toBe('line 11')
    expect([...(lines.at(-1) ?? '')]).toHaveLength(LOG_LINE_CHARS)
    expect(lines.at(-1)?.endsWith('…')).toBe(true)
  })

  it('whatever the app writes: bounded lines of visible characters, the newest kept', () => {
    const branches = new Branches('bounded lines of visible characters', {
      'more lines than shown': 0.2,
      'a line cut': 0.1,
      'an escape sequence': 0.2
    })
    const mixed = fc.string({
      unit: fc.constantFrom(
        'a',
        'Z',
        ' ',
        '\t',
        '\u001b',
        '[',
        '3',
        'm',
        '\n',
        '\u0007',
        '\u202e',
        '@',
        '`',
        'é'
      ),
      maxLength: 80
    })
    const longLine = fc.string({
      unit: fc.constantFrom('a', ' ', '\u001b', '[', 'm', 'é', '𝒳'),
      minLength: LOG_LINE_CHARS - 20,
      maxLength: 2 * LOG_LINE_CHARS
    })
    const text = fc.oneof(mixed, longLine)
    const messages = fc.oneof(
      fc.array(text, { maxLength: 5 }),
      fc.array(text, { minLength: LOG_LINES + 5, maxLength: 2 * LOG_LINES })
    )
    fc.assert(
      fc.property(messages, (messages) => {
        branches.run()
        const lines = safeLogLines(messages)
        const raw = messages.flatMap((m) => m.split(/\r\n|\r|\n/)).filter((l) => l.trim() !== '')
        branches.hit('more lines than shown', raw.length > LOG_LINES)
        branches.hit(
          'an escape sequence',
          messages.some((m) => m.includes('\u001b'))
        )
        branches.hit(
          'a line cut',
          lines.some((l) => l.endsWith('…'))
        )
        expect(lines.length).toBeLessThanOrEqual(LOG_LINES)
        for (const line of lines) {
          expect([...line].length).toBeLessThanOrEqual(LOG_LINE_CHARS)
          // eslint-disable-next-line no-control-regex -- none of them may be left
          expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/)
          expect(line.trim()).not.toBe('')
        }
        // The newest line shown is the newest line written, made safe.
        const newest = [...raw]
          .reverse()
          .map(safeLogLine)
          .find((l) => l.trim() !== '')
        expect(lines.at(-1)).toBe(newest)
      })
    )
    branches.check()
  })
})

describe('failureLinks', () => {
  const links = { logsUrl: 'group', eventsUrl: 'events', runUrl: 'run' }
  it.each([
    [
      'the service was deleted: no events link',
      { serviceRemains: false },
      { logsUrl: 'group', runUrl: 'run' }
    ],
    ['the service remains: its events', { serviceRemains: true }, links],
    [
      "the task's stream replaces the group",
      { serviceRemains: false, taskLogsUrl: 'stream' },
      { logsUrl: 'stream', runUrl: 'run' }
    ]
  ])('%s', (_what, facts, expected) => {
    expect(failureLinks(links, facts)).toEqual(expected)
  })

  it('adds no link that was not there', () => {
    const links: { runUrl: string; logsUrl?: string } = { runUrl: 'run' }
    expect(failureLinks(links, { serviceRemains: true })).toEqual({ runUrl: 'run' })
  })
})
