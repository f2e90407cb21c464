// Shared checks of the fault drills: what a PR and the cluster look like once a sync is over, read
// from the emulators (never from the action's own outputs) with the tests' own reader of the
// documented label forms (never the action's parser).

import { readPrLabels } from '../support/label-reader.js'
import type { RunResult } from '../support/run-action.js'
import type { World } from '../support/world.js'

/** `🎪 {sha} 🚦 building|deploying`: a status that only a live run may hold. */
const IN_PROGRESS = /^🎪 [0-9a-f]{7} 🚦 (?:building|deploying)$/

export function serviceOf(pr: number, sha: string): string {
  return `pr-${pr}-${sha}-service`
}

/** ACTIVE or DRAINING services named for the PR, sorted. */
export function prServices(world: World, pr: number): string[] {
  return world.activeServiceNames().filter((n) => n.startsWith(`pr-${pr}-`))
}

export function inProgressLabels(labels: readonly string[]): string[] {
  return labels.filter((l) => IN_PROGRESS.test(l))
}

/** The `::error::` lines core.setFailed prints (annotations with properties are not counted). */
export function failureLines(stdout: string): string[] {
  return stdout.split(/\r?\n/).filter((l) => l.startsWith('::error::'))
}

/** Every `::error …::` workflow command, annotations with a title included. */
export function errorCommands(stdout: string): string[] {
  return stdout.split(/\r?\n/).filter((l) => /^::error(?:\s[^:]*)?::/.test(l))
}

/** Why an error message is not one line a person can read, or undefined when it is. */
export function unreadable(message: string): string | undefined {
  if (message.trim() === '') return 'empty'
  if (/[\r\n]|%0A|%0D/i.test(message)) return 'spans several lines'
  if (message.length > 500) return `${message.length} characters long`
  if (/\[object |\bat .+:\d+:\d+\)?$|^undefined$|^null$|^Error$/.test(message))
    return 'a stack frame or an object, not a sentence'
  return undefined
}

/**
 * The PR serves `sha` and nothing else: it runs with its address and the only 🎯, no other
 * environment, stray or unreadable label is left, no trigger is pending, and the cluster holds
 * exactly its service. Returns what is wrong, or [] when converged.
 */
export function convergedProblems(world: World, pr: number, sha: string): string[] {
  const problems: string[] = []
  const read = readPrLabels(world.labels(pr))
  const status = read.statuses.get(sha)
  if (status !== 'running') problems.push(`${sha} is ${status ?? 'absent'}`)
  if (!read.addresses.has(sha)) problems.push(`${sha} has no address label`)
  if (read.pointers.join() !== sha) problems.push(`🎯 labels: [${read.pointers.join(', ')}]`)
  const others = [...read.statuses].filter(([s]) => s !== sha).map(([s, st]) => `${s} ${st}`)
  if (others.length > 0) problems.push(`other environments left: ${others.join(', ')}`)
  if (read.stray.length > 0) problems.push(`stray labels: ${read.stray.join(', ')}`)
  if (read.unreadable.length > 0) problems.push(`unreadable labels: ${read.unreadable.join(', ')}`)
  if (read.startTrigger || read.stopTrigger) problems.push('a trigger is still on the PR')
  const services = prServices(world, pr)
  if (services.join() !== serviceOf(pr, sha)) problems.push(`services: [${services.join(', ')}]`)
  return problems
}

/** The PR holds no environment at all: no 🎪 label but the TTL, no service. */
export function goneProblems(world: World, pr: number): string[] {
  const problems: string[] = []
  const left = world.labels(pr).filter((l) => l.startsWith('🎪 ') && !l.startsWith('🎪 ⌛ '))
  if (left.length > 0) problems.push(`labels left: ${left.join(', ')}`)
  const services = prServices(world, pr)
  if (services.length > 0) problems.push(`services left: ${services.join(', ')}`)
  return problems
}

/**
 * What must hold between runs, whatever happened: no SHA is left building or deploying, the SHA
 * that 🎯 points at runs and has its service, and every service of the PR belongs to a SHA
 * labelled running (nothing leaks). An old SHA still labelled running after its service was
 * deleted is tolerated while another one serves: an interrupted teardown, which cleanup finishes.
 */
export function restingProblems(world: World, pr: number): string[] {
  const problems: string[] = []
  const labels = world.labels(pr)
  const stuck = inProgressLabels(labels)
  if (stuck.length > 0) problems.push(`left in progress: ${stuck.join(', ')}`)
  const services = prServices(world, pr)
  const read = readPrLabels(labels)
  const running = [...read.statuses].filter(([, status]) => status === 'running').map(([s]) => s)
  const serving = read.activeSha
  if (serving !== undefined && !running.includes(serving))
    problems.push(`🎯 points at ${serving}, which is not running`)
  for (const sha of running) {
    if (services.includes(serviceOf(pr, sha))) continue
    const otherServes =
      serving !== undefined && serving !== sha && services.includes(serviceOf(pr, serving))
    if (!otherServes) problems.push(`${sha} is labelled running but has no service`)
  }
  for (const name of services) {
    if (!running.some((sha) => name === serviceOf(pr, sha)))
      problems.push(`service ${name} belongs to no running SHA`)
  }
  return problems
}

export function describeRun(result: RunResult): string {
  const how = result.signal ? `killed (${result.signal})` : `exit ${result.code}`
  return `${how}\n--- stdout (tail) ---\n${result.stdout.slice(-3000)}\n--- stderr ---\n${result.stderr.slice(-1000)}`
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`
}
