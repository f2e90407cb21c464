// `npm run mutation`: StrykerJS over src/domain/** against the unit tests (stryker.config.mjs),
// then bench/MUTATION.md from its JSON report and the equivalent-mutant list.
//
//   npm run mutation                                   every file; rewrites bench/MUTATION.md and the
//                                                      committed incremental file
//   npm run mutation -- --mutate src/domain/labels.ts  one file (or glob) while working on it: starts
//                                                      from the committed incremental file, prints the
//                                                      table, leaves bench/ untouched
//   npm run mutation -- --report-only                  rewrites bench/MUTATION.md from the last report
//   npm run mutation -- --force                        ignores the incremental file (a full rerun)
//   npm run mutation -- --check                        runs nothing: fails unless bench/MUTATION.md
//                                                      exists and scores every file it lists >= 90%
//
// Other arguments go to `stryker run` (e.g. `--concurrency 2`). Stryker runs under `nice -n 19`
// with one test runner by default: the machine is shared.

import { spawn } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type EquivalentEntry,
  type MutationReport,
  renderMarkdown,
  summarise
} from './mutation-summary.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const INCREMENTAL = 'bench/mutation/stryker-incremental.json'
const EQUIVALENTS = 'bench/mutation/equivalent-mutants.json'
const REPORT = 'reports/mutation/mutation.json'
const PARTIAL_INCREMENTAL = 'reports/mutation/partial-incremental.json'
const PARTIAL_REPORT = 'reports/mutation/partial.json'
const MARKDOWN = 'bench/MUTATION.md'
const THRESHOLD = 90

const args = process.argv.slice(2)
if (args.includes('--check')) process.exit(checkMarkdown())
const reportOnly = args.includes('--report-only')
const partial = args.some((a) => a === '--mutate' || a === '-m' || a.startsWith('--mutate='))
const strykerArgs = args.filter((a) => a !== '--report-only')

/** `--check` (for CI, which never runs the mutation testing itself): the committed report exists and
 * every file in it scores at least THRESHOLD. Domain files it does not list yet are named. */
function checkMarkdown(): number {
  const file = path.join(root, MARKDOWN)
  if (!existsSync(file)) {
    console.error(`${MARKDOWN} is missing: run npm run mutation`)
    return 1
  }
  const rows = [...readFileSync(file, 'utf8').matchAll(/^\| `(src\/[^`]+)` \| ([\d.]+)% \|/gm)]
  const below = rows.filter(([, , score]) => Number(score) < THRESHOLD)
  for (const [, name, score] of below) console.error(`${name}: ${score}% < ${THRESHOLD}%`)
  const listed = new Set(rows.map(([, name]) => name))
  const domain = readdirSync(path.join(root, 'src/domain'))
    .filter((name) => name.endsWith('.ts'))
    .map((name) => `src/domain/${name}`)
  const missing = domain.filter((name) => !listed.has(name))
  if (missing.length > 0)
    console.log(`not measured yet (rerun npm run mutation): ${missing.join(', ')}`)
  console.log(`${MARKDOWN}: ${rows.length} files, ${below.length} below ${THRESHOLD}%`)
  return rows.length > 0 && below.length === 0 ? 0 : 1
}

function strykerVersion(): string {
  const require = createRequire(import.meta.url)
  const pkg = require('@stryker-mutator/core/package.json') as { version: string }
  return pkg.version
}

function runStryker(env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  const bin = path.join(root, 'node_modules', '.bin', 'stryker')
  const niced = process.platform !== 'win32' && existsSync('/usr/bin/nice')
  const [command, commandArgs] = niced
    ? ['/usr/bin/nice', ['-n', '19', bin, 'run', ...strykerArgs]]
    : [bin, ['run', ...strykerArgs]]
  return new Promise((resolve, reject) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit']
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk)
      output += chunk.toString()
    })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(root, file), 'utf8')) as T
}

/** "1085 of 2007 mutant result(s) are reused", from Stryker's log. */
function reuseLine(output: string): string | undefined {
  return /\d+ of \d+ mutant result\(s\) are reused/.exec(output)?.[0]
}

interface IncrementalMutant {
  readonly status: string
  readonly coveredBy?: readonly string[]
}

/**
 * StrykerJS reuses the result of a surviving mutant that no test covers (a static mutant: code run
 * when the module loads) without testing it again, even after the tests changed. Such results are
 * dropped from the incremental file before a run, so that those few mutants are always retested;
 * killed ones are still reused.
 */
function forgetUncoveredSurvivors(file: string): number {
  if (!existsSync(file)) return 0
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    files: Record<string, { mutants: IncrementalMutant[] }>
  }
  let dropped = 0
  for (const result of Object.values(report.files)) {
    const kept = result.mutants.filter(
      (m) =>
        !(m.status === 'Survived' || m.status === 'NoCoverage') || (m.coveredBy?.length ?? 0) > 0
    )
    dropped += result.mutants.length - kept.length
    result.mutants = kept
  }
  if (dropped > 0) writeFileSync(file, JSON.stringify(report, null, 2))
  return dropped
}

const started = Date.now()
let reused: string | undefined
if (!reportOnly) {
  mkdirSync(path.join(root, 'reports/mutation'), { recursive: true })
  let env: NodeJS.ProcessEnv = {}
  if (partial) {
    // A run over some files starts from the committed results but writes its own, so that the
    // committed incremental file always describes a full run.
    if (existsSync(path.join(root, INCREMENTAL)))
      copyFileSync(path.join(root, INCREMENTAL), path.join(root, PARTIAL_INCREMENTAL))
    env = { MUTATION_INCREMENTAL_FILE: PARTIAL_INCREMENTAL, MUTATION_JSON_REPORT: PARTIAL_REPORT }
  }
  const dropped = forgetUncoveredSurvivors(
    path.join(root, partial ? PARTIAL_INCREMENTAL : INCREMENTAL)
  )
  if (dropped > 0) console.log(`retesting ${dropped} surviving mutants that no test covers`)
  const result = await runStryker(env)
  reused = reuseLine(result.output)
  if (result.code !== 0) {
    console.error(`stryker exited with ${result.code}`)
    process.exit(result.code)
  }
}

const equivalents = existsSync(path.join(root, EQUIVALENTS))
  ? readJson<EquivalentEntry[]>(EQUIVALENTS)
  : []
const summary = summarise(readJson<MutationReport>(partial ? PARTIAL_REPORT : REPORT), equivalents)
const markdown = renderMarkdown(summary, {
  command: partial ? `npm run mutation -- ${strykerArgs.join(' ')}` : 'npm run mutation',
  stryker: strykerVersion(),
  node: process.versions.node,
  date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
  minutes: (Date.now() - started) / 60_000,
  threshold: THRESHOLD,
  ...(reused !== undefined && { reused })
})
if (partial) {
  console.log(`\n${markdown}`)
} else if (reportOnly && existsSync(path.join(root, MARKDOWN))) {
  // Keep the timing line of the run that produced the report.
  const previous = readFileSync(path.join(root, MARKDOWN), 'utf8')
  const runLine = previous.split('\n').find((l) => l.startsWith('Run of '))
  const current = markdown.split('\n')
  const at = current.findIndex((l) => l.startsWith('Run of '))
  if (runLine !== undefined && at !== -1) current[at] = runLine
  writeFileSync(path.join(root, MARKDOWN), current.join('\n'))
} else {
  writeFileSync(path.join(root, MARKDOWN), markdown)
}
if (!partial) console.log(`wrote ${MARKDOWN}`)

const below = summary.files.filter((f) => f.score < THRESHOLD)
for (const f of summary.files) {
  console.log(`${f.score.toFixed(2).padStart(7)}%  ${f.file}`)
}
if (below.length > 0) {
  console.error(`below ${THRESHOLD}%: ${below.map((f) => f.file).join(', ')}`)
  process.exit(1)
}
