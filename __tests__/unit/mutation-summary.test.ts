// The numbers `npm run mutation` writes to bench/MUTATION.md.

import { describe, expect, it } from 'vitest'
import {
  type EquivalentEntry,
  type MutationReport,
  type ReportMutant,
  originalText,
  renderMarkdown,
  summarise
} from '../../scripts/mutation-summary.js'

const SOURCE = ['const a = b > c', 'if (x) {', '  y()', '}'].join('\n')

function mutant(
  id: string,
  status: string,
  mutatorName: string,
  replacement: string,
  [startLine, startColumn, endLine, endColumn]: [number, number, number, number],
  statusReason?: string
): ReportMutant {
  return {
    id,
    status,
    mutatorName,
    replacement,
    location: {
      start: { line: startLine, column: startColumn },
      end: { line: endLine, column: endColumn }
    },
    ...(statusReason !== undefined && { statusReason })
  }
}

const report: MutationReport = {
  files: {
    'src/domain/b.ts': {
      source: SOURCE,
      mutants: [
        mutant('1', 'Killed', 'EqualityOperator', 'b >= c', [1, 11, 1, 16]),
        mutant('2', 'Survived', 'EqualityOperator', 'b < c', [1, 11, 1, 16]),
        mutant('3', 'Survived', 'BlockStatement', '{}', [2, 8, 4, 2]),
        mutant('4', 'Ignored', 'ConditionalExpression', 'true', [2, 5, 2, 6], 'x is always set')
      ]
    },
    'src/domain/a.ts': {
      source: SOURCE,
      mutants: [
        mutant('5', 'Killed', 'EqualityOperator', 'b >= c', [1, 11, 1, 16]),
        mutant('6', 'Timeout', 'BlockStatement', '{}', [2, 8, 4, 2]),
        mutant('7', 'NoCoverage', 'ConditionalExpression', 'false', [2, 5, 2, 6]),
        mutant('8', 'CompileError', 'ConditionalExpression', 'true', [2, 5, 2, 6])
      ]
    }
  }
}

const listed: EquivalentEntry[] = [
  {
    file: 'src/domain/b.ts',
    mutator: 'BlockStatement',
    line: 'if (x) {',
    original: '{\n    y()\n}',
    replacement: '{}',
    reason: 'y does nothing'
  },
  {
    file: 'src/domain/b.ts',
    mutator: 'EqualityOperator',
    line: 'const z = b > c', // the same mutant on another line
    original: 'b > c',
    replacement: 'b < c',
    reason: 'not this line'
  },
  {
    file: 'src/domain/other.ts',
    mutator: 'EqualityOperator',
    line: 'const a = b > c',
    original: 'b > c',
    replacement: 'b <= c',
    reason: 'a file this run did not mutate'
  }
]

describe('the mutation summary', () => {
  it('reads the text a mutant replaces, on one line or over several', () => {
    expect(originalText(SOURCE, mutant('x', 'Killed', 'M', '', [1, 11, 1, 16]))).toBe('b > c')
    expect(originalText(SOURCE, mutant('x', 'Killed', 'M', '', [2, 8, 4, 2]))).toBe('{\n  y()\n}')
  })

  it('counts each file, sets equivalent mutants apart and scores the rest', () => {
    const summary = summarise(report, listed)
    expect(summary.files).toEqual([
      {
        file: 'src/domain/a.ts',
        mutants: 4,
        killed: 1,
        timedOut: 1,
        survived: 0,
        noCoverage: 1,
        equivalent: 0,
        errors: 1,
        score: (100 * 2) / 3
      },
      {
        file: 'src/domain/b.ts',
        mutants: 4,
        killed: 1,
        timedOut: 0,
        survived: 1,
        noCoverage: 0,
        equivalent: 2,
        errors: 0,
        score: 50
      }
    ])
    expect(summary.total).toMatchObject({ mutants: 8, killed: 2, equivalent: 2, score: 60 })
    expect(summary.survivors).toEqual([
      {
        file: 'src/domain/a.ts',
        line: 2,
        lineText: 'if (x) {',
        mutator: 'ConditionalExpression',
        original: 'x',
        replacement: 'false',
        reason: 'NoCoverage'
      },
      {
        file: 'src/domain/b.ts',
        line: 1,
        lineText: 'const a = b > c',
        mutator: 'EqualityOperator',
        original: 'b > c',
        replacement: 'b < c',
        reason: 'Survived'
      }
    ])
    expect(summary.equivalents.map((e) => [e.line, e.reason])).toEqual([
      [2, 'y does nothing'],
      [2, 'x is always set']
    ])
    // Only entries of mutated files that matched nothing are stale.
    expect(summary.staleEntries).toEqual([listed[1]])
  })

  it('scores a file without mutants 100%', () => {
    expect(summarise({ files: { 'x.ts': { source: '', mutants: [] } } }, []).files[0]?.score).toBe(
      100
    )
  })

  it('writes the table, the survivors, the equivalent mutants and the stale entries', () => {
    const markdown = renderMarkdown(summarise(report, listed), {
      command: 'npm run mutation',
      stryker: '9.6.1',
      node: '20.20.2',
      date: '2026-01-01 00:00 UTC',
      minutes: 12.34,
      threshold: 90,
      reused: '5 of 8 mutant result(s) reused'
    })
    expect(markdown).toContain('Written by `npm run mutation`')
    expect(markdown).toContain(
      'Run of 2026-01-01 00:00 UTC on Node 20.20.2: 12.3 minutes (5 of 8 mutant result(s) reused).'
    )
    expect(markdown).toContain('| `src/domain/a.ts` | 66.67% | 4 | 1 | 1 | 0 | 1 | 0 | 1 |')
    expect(markdown).toContain('| **all files** | 60.00% | 8 | 2 | 1 | 1 | 1 | 2 | 1 |')
    expect(markdown).toContain('Below 90%: `src/domain/a.ts`, `src/domain/b.ts`.')
    expect(markdown).toContain(
      '| `src/domain/b.ts:1` | EqualityOperator | `b > c` | `b < c` | Survived |'
    )
    expect(markdown).toContain(
      '| `src/domain/b.ts:2` | BlockStatement | `{ y() }` | `{}` | y does nothing |'
    )
    expect(markdown).toContain('- `src/domain/b.ts` EqualityOperator: `b > c` → `b < c`')
  })
})
