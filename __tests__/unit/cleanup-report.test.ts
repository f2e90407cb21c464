// What the scheduled cleanup says: one line per action, the budget's reason, the totals (done or,
// in a dry run, what would be done), and what was read.

import { describe, expect, it } from 'vitest'
import type { CleanupBudget } from '../../src/domain/cleanup-budget.js'
import type { CleanupAction, CleanupPlan } from '../../src/domain/cleanup-plan.js'
import {
  budgetReason,
  cleanupFailedLine,
  cleanupReadsLine,
  cleanupTotals,
  describeCleanupAction,
  reportsDryRun,
  routingReadLine
} from '../../src/presentation/cleanup-report.js'

const labels = { detach: ['🎪 abc123f 🚦 running'], deleteDefinition: ['🎪 abc123f 🤡 x'] }

describe('one line per action', () => {
  it.each<[CleanupAction, string]>([
    [
      { kind: 'teardown', pr: 1, sha: 'abc123f', labels, why: 'expired: 3d 0h old, TTL 48h' },
      'PR #1 abc123f: expired: 3d 0h old, TTL 48h'
    ],
    [
      { kind: 'close', pr: 2, services: ['a', 'b'], labels },
      'PR #2 is closed: tear down 2 services, remove its 🎪 labels'
    ],
    [
      { kind: 'abandoned', pr: 3, sha: 'abc123f', add: [], define: [], labels },
      'PR #3 abc123f: abandoned build marked failed'
    ],
    [{ kind: 'stray-labels', pr: 4, labels }, 'PR #4: remove 2 labels nothing reads'],
    [{ kind: 'orphan-service', service: 'pr-5-x', why: 'legacy' }, 'pr-5-x: legacy'],
    [
      { kind: 'orphan-rule', arn: 'a', host: 'pr-6.x', why: 'gone' },
      'the listener rule for pr-6.x: gone'
    ],
    [
      { kind: 'orphan-target-group', arn: 'a', name: 'st-1', why: 'gone' },
      'the target group st-1: gone'
    ],
    [{ kind: 'delete-definition', name: 'n' }, 'delete the unattached definition "n"'],
    [{ kind: 'create-definition', name: 'n' }, 'create the definition "n"'],
    [{ kind: 'fix-definition', name: 'n' }, 'colour the definition "n"']
  ])('%o → %s', (action, line) => {
    expect(describeCleanupAction(action)).toBe(line)
  })
})

const ceiling: CleanupBudget = {
  requests: Infinity,
  writes: 500,
  graphql: Infinity,
  boundBy: { kind: 'ceiling', writesPerHour: 500 }
}
const token: CleanupBudget = {
  ...ceiling,
  requests: 150,
  boundBy: { kind: 'token', leftAtStart: 300 }
}

it('says what bounds the budget', () => {
  expect(budgetReason(ceiling)).toBe("GitHub's 500 content-creating requests an hour")
  expect(budgetReason(token)).toBe(
    'half of the 300 GitHub requests the token had left when the run started'
  )
})

const plan = (partial: Partial<CleanupPlan> = {}): CleanupPlan => ({
  actions: [],
  rows: [],
  liveEnvironments: 3,
  maxEnvironments: 0,
  leftAlone: [],
  ...partial
})
const undertaken: CleanupAction[] = [
  { kind: 'teardown', pr: 1, sha: 'abc123f', labels, why: 'expired', announce: 'expired' },
  { kind: 'teardown', pr: 2, sha: 'abc123f', labels, why: 'expired' },
  { kind: 'orphan-rule', arn: 'a', host: 'h', why: 'w' },
  { kind: 'fix-definition', name: 'n' }
]

describe('the totals', () => {
  it('count what was done, and the writes made', () => {
    expect(
      cleanupTotals({
        plan: plan(),
        undertaken,
        deferred: 0,
        budget: ceiling,
        dryRun: { github: false, aws: false },
        loadBalancer: false,
        writesMade: 17
      })
    ).toEqual([
      '2 environments expired or removed',
      '0 closed PRs torn down',
      '0 abandoned builds marked failed',
      '0 orphaned services deleted',
      '0 unattached label definitions deleted',
      '0 static label definitions created',
      '1 static label definitions recoloured',
      '17 GitHub writes',
      '3 environments live'
    ])
  })

  it('in a dry run, say what would be done and the writes a real run would make', () => {
    expect(
      cleanupTotals({
        plan: plan({ maxEnvironments: 5, leftAlone: ['pr-9-abc123f-service'] }),
        undertaken,
        deferred: 4,
        budget: token,
        dryRun: { github: true, aws: false },
        loadBalancer: true,
        writesMade: 0
      })
    ).toEqual([
      '2 environments would expire or be removed',
      '0 closed PRs would be torn down',
      '0 abandoned builds would be marked failed',
      '0 orphaned services would be deleted',
      '1 orphaned listener rules would be deleted',
      '0 orphaned target groups would be deleted',
      '0 unattached label definitions would be deleted',
      '0 static label definitions would be created',
      '1 static label definitions would be recoloured',
      '7 GitHub writes would be made',
      '1 not ours: left alone (pr-9-abc123f-service)',
      '3 of at most 5 environments live',
      "4 actions left for the next run (over this run's budget: half of the 300 GitHub requests the token had left when the run started)"
    ])
  })

  it('counts the environments put to sleep, when there were any', () => {
    const sleep: CleanupAction = {
      kind: 'sleep',
      pr: 3,
      sha: 'def456a',
      service: 'pr-3-def456a-service',
      add: ['🎪 def456a 🚦 sleeping'],
      define: [],
      labels,
      why: 'asleep: no request in 1h'
    }
    const totals = (dryRun: boolean) =>
      cleanupTotals({
        plan: plan(),
        undertaken: [...undertaken, sleep],
        deferred: 0,
        budget: ceiling,
        dryRun: { github: dryRun, aws: dryRun },
        loadBalancer: true,
        writesMade: 0
      })
    expect(totals(false)).toContain('1 idle environments put to sleep')
    expect(totals(true)).toContain('1 idle environments would be put to sleep')
    expect(describeCleanupAction(sleep)).toBe('PR #3 def456a: asleep: no request in 1h')
  })

  it('lists what was found not ours when read again right before its deletion', () => {
    const why = 'pr-9-abc123f-service belongs to o/r, not apache/superset: it is left alone'
    const totals = cleanupTotals({
      plan: plan(),
      undertaken,
      deferred: 0,
      budget: token,
      dryRun: { github: false, aws: false },
      loadBalancer: false,
      writesMade: 3,
      leftAloneWhenActing: [why]
    })
    expect(totals.filter((t) => t.startsWith('not ours'))).toEqual([`not ours: ${why}`])
  })

  it('a dry run of AWS alone still counts the GitHub writes made', () => {
    const totals = cleanupTotals({
      plan: plan(),
      undertaken: [],
      deferred: 0,
      budget: ceiling,
      dryRun: { github: false, aws: true },
      loadBalancer: false,
      writesMade: 2
    })
    expect(totals).toContain('0 environments would expire or be removed')
    expect(totals).toContain('2 GitHub writes')
  })
})

describe('the log lines', () => {
  it('say what was read, ? where a read failed', () => {
    expect(
      cleanupReadsLine({
        open: 12,
        openWithLabels: 3,
        closedWithLabels: 1,
        definitions: 20,
        services: 4
      })
    ).toBe(
      '12 open PRs, 3 with 🎪 labels; 1 closed PRs with 🎪 labels; 20 🎪 label definitions; 4 ECS services'
    )
    expect(cleanupReadsLine({ openWithLabels: 0, closedWithLabels: 0 })).toBe(
      '? open PRs, 0 with 🎪 labels; 0 closed PRs with 🎪 labels; ? 🎪 label definitions; ? ECS services'
    )
    expect(
      routingReadLine({
        rules: 9,
        previewRules: 2,
        previewDomain: 'preview.example.com',
        targetGroups: 7,
        namedTargetGroups: 3
      })
    ).toBe("9 listener rules, 2 for preview.example.com; 7 target groups, 3 named like Showtime's")
    expect(cleanupFailedLine(['a: b', 'c: d'])).toBe(
      'cleanup finished with 2 failure(s); first: a: b'
    )
  })
})

it.each([
  [{ github: false, aws: false }, false],
  [{ github: true, aws: false }, true],
  [{ github: false, aws: true }, true],
  [{ github: true, aws: true }, true]
])('a dry run of %o reports what would be done: %s', (dryRun, dry) => {
  expect(reportsDryRun(dryRun)).toBe(dry)
})
