// The runner's side of a step: inputs, workflow commands on stdout (::error::, ::group::, …), the
// file commands (GITHUB_OUTPUT, GITHUB_STATE) and the job summary, in the formats @actions/core
// writes (a unit test compares the two). Showtime does not import @actions/core itself: its entry
// module loads its OIDC client (@actions/http-client, undici, tunnel) and its platform helpers
// (@actions/exec) at start, about a megabyte that every run, `check` included, would compile and
// evaluate before its first line, and none of which Showtime uses.

import { AsyncLocalStorage } from 'node:async_hooks'
import { appendFileSync, constants, existsSync } from 'node:fs'
import { access, appendFile } from 'node:fs/promises'
import { EOL } from 'node:os'

/** Where an annotation points (`::error file=…,line=…::`). */
export interface AnnotationProperties {
  title?: string
  file?: string
  startLine?: number
  endLine?: number
  startColumn?: number
  endColumn?: number
}

export interface InputOptions {
  required?: boolean
  trimWhitespace?: boolean
}

/** A value as a command carries it: strings as they are, anything else as JSON. */
function commandValue(value: unknown): string {
  if (value === null || value === undefined) return ''
  return typeof value === 'string' || value instanceof String
    ? String(value)
    : JSON.stringify(value)
}

function escapeData(value: unknown): string {
  return commandValue(value).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: unknown): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

const holding = new AsyncLocalStorage<string[]>()

/**
 * Runs `body` with the workflow commands it issues (warnings, …) held back in `held`: while
 * another part of the step has fenced the log off with ::stop-commands:: (a build's output), a
 * command written meanwhile would be shown as text. `issueHeld` writes them once the fence is gone.
 */
export function holdCommands<T>(held: string[], body: () => Promise<T>): Promise<T> {
  return holding.run(held, body)
}

export function issueHeld(held: string[]): void {
  for (const line of held.splice(0)) process.stdout.write(line)
}

/** Writes `::command key=value,…::message` on stdout; empty properties are left out. */
export function issueCommand(
  command: string,
  properties: Readonly<Record<string, unknown>> = {},
  message: unknown = ''
): void {
  const props = Object.entries(properties)
    .filter(([, value]) => Boolean(value))
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',')
  const line = `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}${EOL}`
  const held = holding.getStore()
  if (held) held.push(line)
  else process.stdout.write(line)
}

/**
 * A heredoc delimiter for a file command, random as @actions/core's. Not from node:crypto, which
 * takes 15 ms to load on Node 24: the delimiter need not be unguessable, since a name or value
 * that contains it is refused.
 */
function heredocDelimiter(): string {
  const part = () => Math.random().toString(16).slice(2, 14).padEnd(12, '0')
  return `ghadelimiter_${part()}${part()}${part()}`
}

/** Appends `name<<delimiter` … `delimiter` to the file the runner named in GITHUB_<command>. */
function issueFileCommand(command: 'OUTPUT' | 'STATE', name: string, value: unknown): void {
  const file = process.env[`GITHUB_${command}`]
  if (!file) throw new Error(`Unable to find environment variable for file command ${command}`)
  if (!existsSync(file)) throw new Error(`Missing file at path: ${file}`)
  const delimiter = heredocDelimiter()
  const text = commandValue(value)
  if (name.includes(delimiter))
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`)
  if (text.includes(delimiter))
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`)
  appendFileSync(file, `${name}<<${delimiter}${EOL}${text}${EOL}${delimiter}${EOL}`, 'utf8')
}

/** An action input: INPUT_<NAME> (spaces as `_`, upper-cased), trimmed unless asked not to. */
export function getInput(name: string, options: InputOptions = {}): string {
  const value = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
  if (options.required && !value) throw new Error(`Input required and not supplied: ${name}`)
  return options.trimWhitespace === false ? value : value.trim()
}

export function setOutput(name: string, value: unknown): void {
  if (process.env.GITHUB_OUTPUT) return issueFileCommand('OUTPUT', name, value)
  process.stdout.write(EOL)
  issueCommand('set-output', { name }, commandValue(value))
}

/** Saved for the post step, which reads it back with getState. */
export function saveState(name: string, value: unknown): void {
  if (process.env.GITHUB_STATE) return issueFileCommand('STATE', name, value)
  issueCommand('save-state', { name }, commandValue(value))
}

export function getState(name: string): string {
  return process.env[`STATE_${name}`] ?? ''
}

/** Masks the value in the job's log from here on. */
export function setSecret(secret: string): void {
  issueCommand('add-mask', {}, secret)
}

export function isDebug(): boolean {
  return process.env.RUNNER_DEBUG === '1'
}

export function debug(message: string): void {
  issueCommand('debug', {}, message)
}

export function info(message: string): void {
  process.stdout.write(message + EOL)
}

function annotation(
  kind: 'error' | 'warning' | 'notice',
  message: string | Error,
  properties: AnnotationProperties
): void {
  const props =
    Object.keys(properties).length === 0
      ? {}
      : {
          title: properties.title,
          file: properties.file,
          line: properties.startLine,
          endLine: properties.endLine,
          col: properties.startColumn,
          endColumn: properties.endColumn
        }
  issueCommand(kind, props, message instanceof Error ? message.toString() : message)
}

export function error(message: string | Error, properties: AnnotationProperties = {}): void {
  annotation('error', message, properties)
}

export function warning(message: string | Error, properties: AnnotationProperties = {}): void {
  annotation('warning', message, properties)
}

export function notice(message: string | Error, properties: AnnotationProperties = {}): void {
  annotation('notice', message, properties)
}

/** Fails the step: exit code 1 once the process ends, and the message as an error annotation. */
export function setFailed(message: string | Error): void {
  process.exitCode = 1
  error(message)
}

export function startGroup(name: string): void {
  issueCommand('group', {}, name)
}

export function endGroup(): void {
  issueCommand('endgroup')
}

/** Runs `fn` inside a foldable group of the log. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  startGroup(name)
  try {
    return await fn()
  } finally {
    endGroup()
  }
}

/**
 * Appends HTML and a line break to the job summary (GITHUB_STEP_SUMMARY), as @actions/core's
 * `summary.addRaw(html, true).write()` does, with its error messages.
 */
export async function appendSummary(html: string): Promise<void> {
  const file = process.env.GITHUB_STEP_SUMMARY
  if (!file)
    throw new Error(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY. Check if your runtime environment supports job summaries.'
    )
  try {
    await access(file, constants.R_OK | constants.W_OK)
  } catch {
    throw new Error(
      `Unable to access summary file: '${file}'. Check if the file has correct read/write permissions.`
    )
  }
  await appendFile(file, `${html}${EOL}`, { encoding: 'utf8' })
}
