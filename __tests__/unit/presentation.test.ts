// The job summaries and the links in them: titles first, links where people click, and every text
// from outside escaped on every path (a cause, a label, a message holding HTML changes nothing).

import fc from 'fast-check'
import { Branches } from '../../__fixtures__/branches.js'
import { describe, expect, it } from 'vitest'
import { HEAD, NOW, POLICY, event, pullRequest } from '../../__fixtures__/builders.js'
import { planCleanup } from '../../src/domain/cleanup-plan.js'
import { readLabels } from '../../src/domain/label-state.js'
import { type Decision, plan } from '../../src/domain/planner.js'
import { parseTtl } from '../../src/domain/ttl.js'
import { link, table, text } from '../../src/presentation/html.js'
import { consoleLinks, repositoryLinks } from '../../src/presentation/links.js'
import {
  type SummaryContext,
  renderCheckSummary,
  renderCleanupSummary,
  renderSetStateSummary,
  renderSyncSummary,
  syncSentence
} from '../../src/presentation/summary.js'

const TASK = { kind: 'task', containerPort: 8080 } as const
const HOSTILE = '<h1>owned</h1><script>alert(1)</script>" onclick="x'
const ctx: SummaryContext = {
  links: repositoryLinks('https://github.com', 'apache/superset'),
  console: consoleLinks('us-west-2', 'superset-ci', {
    group: '/ecs/showtime',
    streamPrefix: 'showtime',
    container: 'app'
  }),
  addressing: TASK,
  now: NOW
}
const RUNNING = [
  '🎪 def456a 🚦 running',
  '🎪 def456a 📅 2026-11-27T10-00',
  '🎪 def456a 🌐 52.1.2.3:8080',
  '🎪 def456a 🤡 maxime',
  '🎪 🎯 def456a',
  '🎪 ⌛ 48h'
]
const pr = pullRequest([...RUNNING, '🎪 def456a 📅 yesterday'])
const decide = (labels: string[]): Decision =>
  plan({
    pr: pullRequest(labels),
    event: event('labeled', '🎪 ⚡ showtime-trigger-start'),
    targetSha: HEAD,
    actor: { login: 'maintainer', permission: 'write' },
    now: NOW,
    policy: POLICY,
    runningCommit: HEAD
  })

/** No element but those the renderers write; no attribute but href. */
function onlyOurMarkup(html: string): void {
  const tags = [...html.matchAll(/<\/?([a-z0-9]+)([^>]*)>/g)]
  for (const [, name, attributes] of tags) {
    expect(['h2', 'h3', 'p', 'b', 'a', 'code', 'ul', 'li', 'table', 'tr', 'th', 'td']).toContain(
      name
    )
    expect(attributes?.trim() ?? '').toMatch(/^(href="[^"<>]*")?$/)
  }
}

describe('html', () => {
  it('escapes text and attributes, and links only web addresses', () => {
    expect(text(HOSTILE)).toBe(
      '&lt;h1&gt;owned&lt;/h1&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot; onclick=&quot;x'
    )
    expect(link('https://a.example/?q="x"', text('a'))).toBe(
      '<a href="https://a.example/?q=&quot;x&quot;">a</a>'
    )
    expect(link('javascript:alert(1)', text('a'))).toBe('a')
    expect(link(undefined, text('a'))).toBe('a')
    expect(table(['A'], [[text('<b>')]])).toBe(
      '<table><tr><th>A</th></tr><tr><td>&lt;b&gt;</td></tr></table>\n'
    )
  })

  it('never lets a text make markup (property)', () => {
    const branches = new Branches('no markup', { 'a text with markup': 0.15 })
    const markup = fc.stringMatching(/^[a-z <>"&'/=]{1,40}$/)
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'grapheme' }), markup), (value) => {
        branches.run().hit('a text with markup', /[<>"]/.test(value))
        expect(text(value)).not.toMatch(/[<>"]/)
      }),
      { numRuns: 500 }
    )
    branches.check()
  })
})

describe('links', () => {
  it('point at the PR, the commit, the service events and the task logs', () => {
    expect(ctx.links.pull(12)).toBe('https://github.com/apache/superset/pull/12')
    expect(ctx.links.commit('abc123f')).toBe('https://github.com/apache/superset/commit/abc123f')
    expect(ctx.console?.serviceEvents('pr-12-abc123f-service')).toBe(
      'https://us-west-2.console.aws.amazon.com/ecs/v2/clusters/superset-ci/services/pr-12-abc123f-service/events?region=us-west-2'
    )
    expect(ctx.console?.logs()).toBe(
      'https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#logsV2:log-groups/log-group/$252Fecs$252Fshowtime$3FlogStreamNameFilter$3Dshowtime$252Fapp'
    )
    expect(consoleLinks('eu-west-1', 'c', undefined).logs()).toBeUndefined()
    expect(
      consoleLinks('eu-west-1', 'c', { group: 'g', container: 'web', region: 'us-east-1' }).logs()
    ).toBe(
      'https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/g$3FlogStreamNameFilter$3Dweb'
    )
  })
})

describe('summaries', () => {
  const decision = decide(['🎪 ⚡ showtime-trigger-start'])

  it('start with their title, which links to the PR', () => {
    for (const html of [
      renderCheckSummary(pr, decision, ctx),
      renderSetStateSummary(pr, 'def456a', 'failed', 'OOM', ctx),
      renderSyncSummary(
        {
          pr,
          decision,
          outcome: { kind: 'done' },
          sentence: 'x',
          phases: [],
          simulated: []
        },
        ctx
      )
    ]) {
      expect(html).toMatch(
        /^<h2>🎪 Showtime (check|sync|set-state): <a href="https:\/\/github.com\/apache\/superset\/pull\/1234">PR #1234<\/a><\/h2>/
      )
    }
  })

  it('link the commit, the address, the service events and the logs of each environment', () => {
    const html = renderCheckSummary(pr, decide([...RUNNING, '🎪 ⚡ showtime-trigger-start']), ctx)
    expect(html).toContain(
      '<td>🎯 <a href="https://github.com/apache/superset/commit/def456a">def456a</a></td>'
    )
    expect(html).toContain('<a href="http://52.1.2.3:8080">http://52.1.2.3:8080</a>')
    expect(html).toContain('/services/pr-1234-def456a-service/events?region=us-west-2">')
    expect(html).toContain('>logs</a>')
    // The reason code comes with its sentence.
    expect(html).toContain('<code>explicit_start_force_rebuild</code>')
    expect(html).toContain('The start trigger rebuilds def456a, which is running')
  })

  it('escape every outside text on every path', () => {
    const failed = renderSyncSummary(
      {
        pr,
        decision,
        outcome: { kind: 'failed', phase: 'deploy', cause: HOSTILE },
        sentence: syncSentence(
          { kind: 'failed', phase: 'deploy', cause: HOSTILE },
          decision,
          pr,
          TASK
        ),
        phases: [{ name: 'claim', ms: 1200 }],
        simulated: ['AWS']
      },
      ctx
    )
    const setState = renderSetStateSummary(pr, 'def456a', 'failed', HOSTILE, ctx)
    const plan = planCleanup(
      {
        now: NOW,
        openPrs: [{ number: 7, labels: readLabels(RUNNING) }],
        closedPrs: [],
        services: []
      },
      {
        olderThan: parseTtl('48h')!,
        respectTtl: true,
        staleAfterMs: 7_200_000,
        maxEnvironments: 0,
        addressing: TASK,
        repository: 'apache/superset',
        adoptUntagged: false
      }
    )
    const cleanup = renderCleanupSummary(
      { plan, dryRun: true, totals: [HOSTILE], failures: [HOSTILE] },
      ctx
    )
    for (const html of [failed, setState, cleanup, renderCheckSummary(pr, decision, ctx)]) {
      expect(html).not.toContain('<h1>')
      expect(html).not.toContain('<script>')
      onlyOurMarkup(html)
    }
    expect(failed).toContain('<p>Cause: &lt;h1&gt;owned')
    expect(failed).toContain('Dry run: AWS only simulated')
    // Ignored labels are shown as they were written, escaped.
    expect(renderCheckSummary(pr, decision, ctx)).toContain('Ignored labels')
  })

  it("list what a sync left alone because it is not this repository's, and nothing when there is none", () => {
    const decision = decide(RUNNING)
    const summary = (leftAlone?: readonly string[]) =>
      renderSyncSummary(
        {
          pr,
          decision,
          outcome: { kind: 'done' },
          sentence: 'x',
          phases: [],
          simulated: [],
          ...(leftAlone && { leftAlone })
        },
        ctx
      )
    const why =
      'pr-1234-abc123f-service belongs to <other>/app, not apache/superset: it is left alone'
    expect(summary([why])).toContain(
      '<h3>Not ours: left alone</h3>\n<ul><li>pr-1234-abc123f-service belongs to &lt;other&gt;/app, not apache/superset: it is left alone</li></ul>'
    )
    expect(summary([])).not.toContain('Not ours')
    expect(summary()).not.toContain('Not ours')
  })

  it('say in words what a sync did', () => {
    const after = pullRequest(RUNNING.map((l) => l.replace('def456a', 'def456a')))
    expect(syncSentence({ kind: 'done' }, decision, after, TASK)).toBe(
      'def456a is live at http://52.1.2.3:8080.'
    )
    expect(syncSentence({ kind: 'claim-lost' }, decision, after, TASK)).toBe(
      'Another run claimed this PR first: this one does nothing.'
    )
    expect(
      syncSentence({ kind: 'superseded', why: 'the PR was closed' }, decision, after, TASK)
    ).toBe('Stopped: the PR was closed.')
    const refused = decide(['🎪 ⚡ showtime-trigger-start', '🎪 🔒 showtime-blocked'])
    expect(syncSentence({ kind: 'done' }, refused, after, TASK)).toMatch(
      /^Nothing was deployed: the 🎪 🔒 showtime-blocked label is present/
    )
  })
})

describe("a task's log stream in the console", () => {
  it('links the stream by its group and name, encoded twice as the console wants', () => {
    const links = consoleLinks('us-west-2', 'superset-ci', undefined)
    expect(links.taskLogs({ group: '/ecs/app', stream: 'ecs/app/abc' })).toBe(
      'https://us-west-2.console.aws.amazon.com/cloudwatch/home?region=us-west-2#logsV2:log-groups/log-group/$252Fecs$252Fapp/log-events/ecs$252Fapp$252Fabc'
    )
    expect(
      links
        .taskLogs({ group: 'g', stream: 's', region: 'eu-west-1' })
        .startsWith('https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#')
    ).toBe(true)
  })
})
