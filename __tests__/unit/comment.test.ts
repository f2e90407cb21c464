import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import {
  COMMENT_MARKER,
  type CommentEvent,
  type CommentFacts,
  renderComment
} from '../../src/presentation/comment.js'
import type { Notice } from '../../src/domain/planner.js'

const SHA = 'abc123f' + '0'.repeat(33)
const COMMIT = `[\`abc123f\`](https://github.com/apache/superset/commit/${SHA})`
const START = '`🎪 ⚡ showtime-trigger-start`'
const STOP = '`🎪 🛑 showtime-trigger-stop`'
const START_TRIGGER = '🎪 ⚡ showtime-trigger-start'
/** A commit whose SHA shares its first 7 characters with the one that runs as def456a. */
const FORGED = 'def456a' + '9'.repeat(33)
const CREATED = Date.UTC(2026, 10, 27, 9, 5, 59)
const EXPIRES = Date.UTC(2026, 10, 29, 9, 5)

const minimal: CommentFacts = {
  repository: 'apache/superset',
  serverUrl: 'https://github.com',
  sha: SHA
}
const full: CommentFacts = {
  ...minimal,
  runUrl: 'https://github.com/apache/superset/actions/runs/42',
  requester: 'maxime',
  createdAt: CREATED,
  ttl: '48h',
  expiresAt: EXPIRES
}

/** The `| key | value |` rows of the comment's table, in order. */
function rows(body: string): [string, string][] {
  return body
    .split('\n')
    .filter((line) => line.startsWith('| ') && line !== '| | |')
    .map((line) => {
      const cells = line.slice(2, -2).split(' | ')
      return [cells[0]!, cells.slice(1).join(' | ')]
    })
}

describe('renderComment', () => {
  it('is found again by its hidden marker', () => {
    expect(COMMENT_MARKER).toBe('<!-- showtime:status -->')
  })

  it('writes the whole comment of a live environment', () => {
    expect(renderComment({ kind: 'running', url: 'http://52.1.2.3:8080' }, full)).toBe(
      [
        COMMENT_MARKER,
        `### 🎪 Showtime: ${COMMIT} is live`,
        '',
        '| | |',
        '|---|---|',
        '| Status | 🟢 running |',
        '| URL | http://52.1.2.3:8080 |',
        `| Commit | ${COMMIT} |`,
        '| Requested by | @maxime |',
        '| Created | 2026-11-27 09:05 UTC |',
        '| Lifetime | 48h: expires 2026-11-29 09:05 UTC |',
        '| Run | [workflow run](https://github.com/apache/superset/actions/runs/42) |',
        '',
        `Stop it: add ${STOP} · Hold new commits: add \`🎪 🧊 showtime-freeze\` · Keep it longer: add \`🎪 ⌛ 1w\` · Rebuild: add ${START}`
      ].join('\n')
    )
  })

  it('writes the whole comment of a refused start label on a PR without an environment', () => {
    const notice: Notice = {
      about: 'unauthorised',
      trigger: '🎪 ⚡ showtime-trigger-start',
      login: 'visitor',
      roles: ['write', 'admin']
    }
    expect(renderComment({ kind: 'notice', notices: [notice] }, full)).toBe(
      [
        COMMENT_MARKER,
        '### 🎪 Showtime: start label ignored',
        '',
        '> [!NOTE]',
        `> @visitor may not start or stop environments: only users with the write, admin role on this repository may. ${START} was removed.`,
        ''
      ].join('\n')
    )
  })

  it('keeps the facts of the live environment under a notice, with the running recipes', () => {
    const body = renderComment(
      {
        kind: 'notice',
        notices: [{ about: 'collision', trigger: START_TRIGGER, sha: FORGED }],
        live: { status: 'running', url: 'http://52.1.2.3:8080' }
      },
      full
    )
    const lines = body.split('\n')
    expect(lines[1]).toBe(`### 🎪 Showtime: ${COMMIT} is live`)
    expect(lines[3]).toBe('> [!NOTE]')
    expect(lines[4]).toBe(
      `> \`${START_TRIGGER}\` was removed unused: the environment \`def456a\` runs another commit whose SHA starts with the same 7 characters as ${FORGED}, and an environment is named by those 7 characters. Stop it (add ${STOP}), then add ${START} again.`
    )
    expect(rows(body).slice(0, 2)).toEqual([
      ['Status', '🟢 running'],
      ['URL', 'http://52.1.2.3:8080']
    ])
    expect(lines.at(-1)).toContain('Rebuild: add')
  })

  it.each<[Notice, string, string]>([
    [
      { about: 'blocked', trigger: '🎪 ⚡ showtime-trigger-start' },
      'start label ignored',
      `${START} was removed unused: this PR carries \`🎪 🔒 showtime-blocked\`, and Showtime does nothing on it until a maintainer removes that label.`
    ],
    [
      { about: 'frozen', trigger: '🎪 ⚡ showtime-trigger-start' },
      'start label ignored',
      `${START} was removed unused: this PR is frozen (\`🎪 🧊 showtime-freeze\`). Remove the freeze label, then add ${START} again.`
    ],
    [
      {
        about: 'over-cap',
        holders: [
          { pr: 7, sha: 'aaaaaaa' },
          { pr: 8, sha: '' }
        ],
        cap: 2,
        trigger: '🎪 ⚡ showtime-trigger-start'
      },
      'no environment started',
      `2 environments run already, the most this repository allows (max-environments: 2): #7 (\`aaaaaaa\`), #8. Stop one (add ${STOP} on its PR) or wait for the scheduled cleanup, then add ${START} again. The start label was removed.`
    ],
    [
      { about: 'trigger-waiting', triggers: ['🎪 🛑 showtime-trigger-stop'] },
      'a label is waiting',
      `${STOP} is on this PR, but no run acted on it: its run was replaced by a newer one before it started. Only the run of the label's own event may act on it, so remove the label and add it again.`
    ]
  ])('%o: headline "%s", note "%s"', (notice, headline, note) => {
    const lines = renderComment({ kind: 'notice', notices: [notice] }, minimal).split('\n')
    expect(lines).toEqual([
      COMMENT_MARKER,
      `### 🎪 Showtime: ${headline}`,
      '',
      '> [!NOTE]',
      `> ${note}`,
      ''
    ])
  })

  it.each<[CommentEvent, boolean]>([
    [{ kind: 'building' }, true],
    [{ kind: 'running', url: 'http://10.0.0.1:9000' }, true],
    [{ kind: 'notice', notices: [], live: { status: 'running' } }, true],
    [{ kind: 'failed', cause: 'boom' }, false],
    [{ kind: 'torn-down', why: 'stopped' }, false]
  ])(
    "says once, in a fork's %o comment, that new commits wait for a maintainer (%s)",
    (event, said) => {
      const note = `New commits pushed to this PR's fork are not deployed on their own: this environment keeps the commit above. A maintainer who has reviewed the PR's newest commit deploys it by adding ${START}, which approves exactly the commit the PR shows at that moment.`
      expect(
        renderComment(event, { ...full, fork: true })
          .split('\n')
          .includes(note)
      ).toBe(said)
      expect(renderComment(event, full)).not.toContain(note)
    }
  )

  it('writes every notice of a run, one paragraph each', () => {
    const body = renderComment(
      {
        kind: 'notice',
        notices: [
          { about: 'collision', trigger: START_TRIGGER, sha: FORGED },
          { about: 'trigger-waiting', triggers: ['🎪 ⚡ showtime-trigger-start'] }
        ]
      },
      minimal
    )
    const quoted = body.split('\n').filter((l) => l.startsWith('>'))
    expect(quoted).toHaveLength(4)
    expect(quoted[2]).toBe('>')
  })

  it.each<[CommentEvent, string, [string, string][]]>([
    [{ kind: 'building' }, `building ${COMMIT}`, [['Status', '🏗️ building']]],
    [
      { kind: 'running', url: 'http://10.0.0.1:9000' },
      `${COMMIT} is live`,
      [
        ['Status', '🟢 running'],
        ['URL', 'http://10.0.0.1:9000']
      ]
    ],
    [
      { kind: 'failed', cause: 'the image did not build' },
      `${COMMIT} failed`,
      [
        ['Status', '❌ failed'],
        ['Cause', 'the image did not build']
      ]
    ],
    [{ kind: 'torn-down', why: 'stopped' }, 'environment stopped', [['Status', '🛑 torn down']]],
    [
      { kind: 'torn-down', why: 'closed' },
      'environment removed: the PR is closed',
      [['Status', '🛑 torn down']]
    ],
    [{ kind: 'torn-down', why: 'expired' }, 'environment expired', [['Status', '🛑 torn down']]]
  ])('%o: headline "%s", first rows %j', (event, headline, firstRows) => {
    const body = renderComment(event, minimal)
    const lines = body.split('\n')
    expect(lines[0]).toBe(COMMENT_MARKER)
    expect(lines[1]).toBe(`### 🎪 Showtime: ${headline}`)
    expect(lines[2]).toBe('')
    // With no optional facts, the table ends with the commit.
    expect(rows(body)).toEqual([...firstRows, ['Commit', COMMIT]])
    expect(lines.slice(3, 5)).toEqual(['| | |', '|---|---|'])
  })

  it.each<[CommentEvent, string]>([
    // Nothing to rebuild while it builds: only stopping it is offered.
    [{ kind: 'building' }, `Stop it: add ${STOP}`],
    [
      { kind: 'failed', cause: 'x' },
      `Retry: add ${START} again. The workflow run's log has the details.`
    ],
    [
      { kind: 'torn-down', why: 'closed' },
      'Every environment of this PR and its AWS resources are gone.'
    ],
    [
      { kind: 'torn-down', why: 'expired' },
      `Every environment of this PR and its AWS resources are gone. Bring it back: add ${START}.`
    ],
    [
      { kind: 'torn-down', why: 'stopped' },
      `Every environment of this PR and its AWS resources are gone. Bring it back: add ${START}.`
    ]
  ])('%o ends with the advice "%s"', (event, advice) => {
    const lines = renderComment(event, full).split('\n')
    expect(lines.at(-1)).toBe(advice)
    expect(lines.at(-2)).toBe('')
  })

  it('adds the optional facts in a fixed order, each only when it is known', () => {
    const event: CommentEvent = { kind: 'building' }
    expect(rows(renderComment(event, full)).map(([key]) => key)).toEqual([
      'Status',
      'Commit',
      'Requested by',
      'Created',
      'Lifetime',
      'Run'
    ])
    expect(rows(renderComment(event, { ...minimal, requester: 'maxime' }))).toContainEqual([
      'Requested by',
      '@maxime'
    ])
    expect(rows(renderComment(event, { ...minimal, createdAt: 0 }))).toContainEqual([
      'Created',
      '1970-01-01 00:00 UTC'
    ])
    expect(rows(renderComment(event, { ...minimal, runUrl: 'https://run' }))).toContainEqual([
      'Run',
      '[workflow run](https://run)'
    ])
  })

  it.each<[Partial<CommentFacts>, string | undefined]>([
    [{ ttl: '48h', expiresAt: EXPIRES }, '48h: expires 2026-11-29 09:05 UTC'],
    [{ ttl: 'close' }, 'close: kept until the PR closes'],
    [{ expiresAt: EXPIRES }, undefined],
    [{ ttl: '' }, undefined]
  ])('shows the lifetime of %o as %j', (facts, lifetime) => {
    const lifetimeRow = rows(renderComment({ kind: 'building' }, { ...minimal, ...facts })).find(
      ([key]) => key === 'Lifetime'
    )
    expect(lifetimeRow?.[1]).toBe(lifetime)
  })

  it('leaves out the creation time and lifetime of an environment that is gone', () => {
    const body = renderComment({ kind: 'torn-down', why: 'expired' }, full)
    expect(rows(body).map(([key]) => key)).toEqual(['Status', 'Commit', 'Requested by', 'Run'])
  })

  it('keeps a failure cause on one table row, with its pipes escaped', () => {
    const body = renderComment(
      { kind: 'failed', cause: 'docker build failed:\n  step 3 | exit 1 \n\nretry' },
      minimal
    )
    expect(body).toContain('| Cause | docker build failed: step 3 \\| exit 1 retry |')
  })

  it('shortens the commit to 7 characters and links the full SHA', () => {
    const body = renderComment({ kind: 'building' }, { ...minimal, sha: 'def456a' })
    expect(body.split('\n')[1]).toBe(
      '### 🎪 Showtime: building [`def456a`](https://github.com/apache/superset/commit/def456a)'
    )
  })

  it('always starts with the marker and never puts a line break in a table row (property)', () => {
    const eventArbitrary: fc.Arbitrary<CommentEvent> = fc.oneof(
      fc.constant({ kind: 'building' as const }),
      fc.webUrl().map((url) => ({ kind: 'running' as const, url })),
      fc
        .oneof(fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[a-z |\n\r]{1,30}$/))
        .map((cause) => ({ kind: 'failed' as const, cause })),
      fc
        .constantFrom('stopped' as const, 'closed' as const, 'expired' as const)
        .map((why) => ({ kind: 'torn-down' as const, why }))
    )
    const branches = new Branches('comment table', { 'a cause with a line break or a pipe': 0.02 })
    fc.assert(
      fc.property(eventArbitrary, (event) => {
        const body = renderComment(event, full)
        branches.run()
        branches.hit(
          'a cause with a line break or a pipe',
          event.kind === 'failed' && /[\r\n|]/.test(event.cause)
        )
        expect(body.startsWith(`${COMMENT_MARKER}\n### 🎪 Showtime: `)).toBe(true)
        const table = body.split('\n').filter((line) => line.startsWith('|'))
        // Header, separator, and one row per fact: a cause with line breaks or pipes adds none.
        expect(rows(body).map(([key]) => key)).toContain('Commit')
        expect(table).toHaveLength(rows(body).length + 2)
        for (const line of table) expect(line.endsWith(' |') || line === '|---|---|').toBe(true)
      }),
      { numRuns: 300 }
    )
    branches.check()
  })
})

describe("a failed task's diagnosis", () => {
  const diagnosis = {
    stopReason: 'Essential container in task exited | `x`',
    container: 'app',
    exitCode: 3,
    logLines: ['@admin <img src=x> [x](https://e.example)', '````', 'done']
  }
  const body = renderComment({ kind: 'failed', cause: 'crash-looping', diagnosis }, minimal)

  it('shows the stop reason and exit code as code spans, pipes escaped for the table', () => {
    expect(body).toContain('| Stop reason | `` Essential container in task exited \\| `x` `` |')
    expect(rows(body)).toContainEqual(['Exit code', '3 (container `app`)'])
  })

  it('quotes the log lines in a fence longer than any run of backticks in them', () => {
    expect(body).toContain(
      [
        'Last 3 log lines of `app`:',
        '',
        '`````text',
        '@admin <img src=x> [x](https://e.example)',
        '````',
        'done',
        '`````'
      ].join('\n')
    )
    // Nothing of them outside the fence.
    const outside = body.replace(/`````text[\s\S]*?\n`````/, '')
    expect(outside).not.toMatch(/@admin|<img|e\.example/)
  })

  it('names a task that ran without answering its health check, and shows no stop reason', () => {
    const timedOut = renderComment(
      {
        kind: 'failed',
        cause: 'health timeout',
        diagnosis: {
          unanswered: { task: 'abc|`d`', healthPath: '/health' },
          container: 'app',
          logLines: ['@admin still booting']
        }
      },
      minimal
    )
    expect(rows(timedOut)).toContainEqual([
      'Task',
      '`` abc\\|`d` ``: still running, it did not answer the health check at `/health` before the deadline'
    ])
    expect(timedOut).not.toContain('Stop reason')
    expect(timedOut).not.toContain('Exit code')
    expect(timedOut).toContain('Last 1 log lines of `app`:\n\n```text\n@admin still booting\n```')
  })

  it('shows no log block without lines', () => {
    const quiet = renderComment(
      { kind: 'failed', cause: 'x', diagnosis: { ...diagnosis, logLines: [] } },
      minimal
    )
    expect(quiet).not.toContain('log lines')
  })
})
