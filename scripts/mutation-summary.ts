// The mutation report in numbers: per-file counts and scores from StrykerJS's JSON report, with the
// equivalent mutants (a `// Stryker disable` comment with its reason, or an entry of
// `bench/mutation/equivalent-mutants.json`) set apart from the survivors. Pure: no I/O.

/** The parts of StrykerJS's JSON report (mutation-testing-report-schema) read here. */
export interface MutationReport {
  readonly files: Readonly<Record<string, ReportFile>>
}

export interface ReportFile {
  readonly source: string
  readonly mutants: readonly ReportMutant[]
}

export interface ReportMutant {
  readonly id: string
  readonly mutatorName: string
  readonly replacement?: string
  readonly status: string
  readonly statusReason?: string
  readonly static?: boolean
  readonly location: {
    readonly start: { readonly line: number; readonly column: number }
    readonly end: { readonly line: number; readonly column: number }
  }
}

/** One equivalent mutant of a file whose source carries no disable comment: recognised by its file,
 * mutator, the source line it starts on, the text it replaces and its replacement (whitespace runs
 * count as one space), so that it is still found after lines above it move, and no longer once its
 * line changes. */
export interface EquivalentEntry {
  readonly file: string
  readonly mutator: string
  readonly line: string
  readonly original: string
  readonly replacement: string
  readonly reason: string
}

export interface MutantLine {
  readonly file: string
  readonly line: number
  /** The source line the mutant starts on. */
  readonly lineText: string
  readonly mutator: string
  readonly original: string
  readonly replacement: string
  readonly reason?: string
}

export interface FileSummary {
  readonly file: string
  readonly mutants: number
  readonly killed: number
  readonly timedOut: number
  readonly survived: number
  readonly noCoverage: number
  /** Ignored by a disable comment or listed in the equivalent-mutant file. */
  readonly equivalent: number
  /** Mutants that do not compile or crash the test run: not counted in the score. */
  readonly errors: number
  /** (killed + timed out) / (killed + timed out + survived + no coverage), in percent. */
  readonly score: number
}

export interface Summary {
  readonly files: readonly FileSummary[]
  readonly total: FileSummary
  readonly survivors: readonly MutantLine[]
  readonly equivalents: readonly MutantLine[]
  /** Entries of the equivalent-mutant file that match no surviving mutant any more. */
  readonly staleEntries: readonly EquivalentEntry[]
}

const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

/** The source text a mutant replaces (locations are 1-based lines and columns). */
export function originalText(source: string, mutant: ReportMutant): string {
  const lines = source.split('\n')
  const { start, end } = mutant.location
  if (start.line === end.line) {
    return (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1)
  }
  return [
    (lines[start.line - 1] ?? '').slice(start.column - 1),
    ...lines.slice(start.line, end.line - 1),
    (lines[end.line - 1] ?? '').slice(0, end.column - 1)
  ].join('\n')
}

function matches(entry: EquivalentEntry, file: string, line: MutantLine): boolean {
  return (
    entry.file === file &&
    entry.mutator === line.mutator &&
    squash(entry.line) === squash(line.lineText) &&
    squash(entry.original) === squash(line.original) &&
    squash(entry.replacement) === squash(line.replacement)
  )
}

export function summarise(report: MutationReport, listed: readonly EquivalentEntry[]): Summary {
  const files: FileSummary[] = []
  const survivors: MutantLine[] = []
  const equivalents: MutantLine[] = []
  const used = new Set<EquivalentEntry>()
  for (const file of Object.keys(report.files).sort()) {
    const { source, mutants } = report.files[file]!
    const count = { killed: 0, timedOut: 0, survived: 0, noCoverage: 0, equivalent: 0, errors: 0 }
    for (const mutant of mutants) {
      const line: MutantLine = {
        file,
        line: mutant.location.start.line,
        lineText: source.split('\n')[mutant.location.start.line - 1] ?? '',
        mutator: mutant.mutatorName,
        original: originalText(source, mutant),
        replacement: mutant.replacement ?? ''
      }
      switch (mutant.status) {
        case 'Killed':
          count.killed++
          break
        case 'Timeout':
          count.timedOut++
          break
        case 'Ignored':
          count.equivalent++
          equivalents.push({ ...line, reason: mutant.statusReason ?? 'ignored' })
          break
        case 'Survived':
        case 'NoCoverage': {
          const entry = listed.find((e) => matches(e, file, line))
          if (entry) {
            used.add(entry)
            count.equivalent++
            equivalents.push({ ...line, reason: entry.reason })
          } else {
            if (mutant.status === 'Survived') count.survived++
            else count.noCoverage++
            survivors.push({ ...line, reason: mutant.status })
          }
          break
        }
        default: // CompileError, RuntimeError, Pending
          count.errors++
      }
    }
    files.push({ file, mutants: mutants.length, ...count, score: score(count) })
  }
  const sum = (key: keyof Omit<FileSummary, 'file' | 'score'>): number =>
    files.reduce((total, f) => total + f[key], 0)
  const totals = {
    killed: sum('killed'),
    timedOut: sum('timedOut'),
    survived: sum('survived'),
    noCoverage: sum('noCoverage'),
    equivalent: sum('equivalent'),
    errors: sum('errors')
  }
  return {
    files,
    total: { file: 'all files', mutants: sum('mutants'), ...totals, score: score(totals) },
    survivors,
    equivalents,
    staleEntries: listed.filter(
      (entry) => !used.has(entry) && Object.keys(report.files).includes(entry.file)
    )
  }
}

function score(count: {
  killed: number
  timedOut: number
  survived: number
  noCoverage: number
}): number {
  const detected = count.killed + count.timedOut
  const valid = detected + count.survived + count.noCoverage
  return valid === 0 ? 100 : (100 * detected) / valid
}

const cell = (text: string): string =>
  `\`${squash(text).replace(/\|/g, '\\|').replace(/`/g, "'").slice(0, 70)}\``

export interface RunFacts {
  readonly command: string
  readonly stryker: string
  readonly node: string
  readonly date: string
  readonly minutes: number
  readonly threshold: number
  readonly reused?: string
}

export function renderMarkdown(summary: Summary, facts: RunFacts): string {
  const pct = (n: number): string => `${n.toFixed(2)}%`
  const below = summary.files.filter((f) => f.score < facts.threshold)
  const lines = [
    '# Mutation testing of `src/domain`',
    '',
    `Written by \`${facts.command}\` (do not edit by hand): StrykerJS ${facts.stryker} with the vitest`,
    'runner over `src/domain/**/*.ts` and the unit tests (`vitest.mutation.config.ts`), static',
    'mutants included, incremental from `bench/mutation/stryker-incremental.json`.',
    '',
    `Run of ${facts.date} on Node ${facts.node}: ${facts.minutes.toFixed(1)} minutes` +
      (facts.reused ? ` (${facts.reused})` : '') +
      '.',
    '',
    'Score = (killed + timed out) / (killed + timed out + survived + no coverage). Equivalent mutants',
    '(below, with the reason) are left out of the score; so are mutants that do not compile.',
    '',
    '| file | score | mutants | killed | timed out | survived | no coverage | equivalent | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...[...summary.files, summary.total].map(
      (f) =>
        `| ${f === summary.total ? '**all files**' : `\`${f.file}\``} | ${pct(f.score)} | ${f.mutants} | ${f.killed} | ${f.timedOut} | ${f.survived} | ${f.noCoverage} | ${f.equivalent} | ${f.errors} |`
    ),
    '',
    below.length === 0
      ? `Every file scores at least ${facts.threshold}%.`
      : `Below ${facts.threshold}%: ${below.map((f) => `\`${f.file}\``).join(', ')}.`,
    ''
  ]
  lines.push('## Survivors', '')
  if (summary.survivors.length === 0) lines.push('None.', '')
  else {
    lines.push('| file:line | mutator | original | replacement | status |', '|---|---|---|---|---|')
    for (const s of summary.survivors) {
      lines.push(
        `| \`${s.file}:${s.line}\` | ${s.mutator} | ${cell(s.original)} | ${cell(s.replacement)} | ${s.reason} |`
      )
    }
    lines.push('')
  }
  lines.push(
    '## Equivalent mutants',
    '',
    'Mutants no test can tell from the original. Recorded either in the source, as',
    '`// Stryker disable next-line <mutator>: <reason>`, or, for files shared with other work, in',
    '`bench/mutation/equivalent-mutants.json` (file, mutator, original text, replacement, reason).',
    ''
  )
  if (summary.equivalents.length === 0) lines.push('None.', '')
  else {
    lines.push(
      '| file:line | mutator | original | replacement | why equivalent |',
      '|---|---|---|---|---|'
    )
    for (const e of summary.equivalents) {
      lines.push(
        `| \`${e.file}:${e.line}\` | ${e.mutator} | ${cell(e.original)} | ${cell(e.replacement)} | ${squash(e.reason ?? '').replace(/\|/g, '\\|')} |`
      )
    }
    lines.push('')
  }
  if (summary.staleEntries.length > 0) {
    lines.push(
      '## Stale entries of `equivalent-mutants.json`',
      '',
      'These entries match no surviving mutant any more (the code changed, or a test kills them now):',
      'delete them.',
      '',
      ...summary.staleEntries.map(
        (e) => `- \`${e.file}\` ${e.mutator}: ${cell(e.original)} → ${cell(e.replacement)}`
      ),
      ''
    )
  }
  return lines.join('\n')
}
