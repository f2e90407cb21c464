// Shared checks of the fault drills: what a PR and the cluster look like once a sync is over, read
// from the emulators (never from the action's own outputs).

import { readLabels } from '../../src/domain/label-state.js'
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

/** One environment per SHA that has a 🚦 label, as the action reads the labels. */
export function shows(world: World, pr: number) {
  return readLabels(world.labels(pr)).shows
}

/**
 * The PR serves `sha` and nothing else: it runs with its address and the only 🎯, no other
 * environment or stray label is left, no start trigger is pending, and the cluster holds exactly
 * its service. Returns what is wrong, or [] when converged.
 */
export function convergedProblems(world: World, pr: number, sha: string): string[] {
  const problems: string[] = []
  const labels = world.labels(pr)
  const state = readLabels(labels)
  const target = state.shows.find((s) => s.sha === sha)
  if (target?.status !== 'running') problems.push(`${sha} is ${target?.status ?? 'absent'}`)
  if (target?.ip === undefined) problems.push(`${sha} has no address label`)
  if (state.activeSha !== sha) problems.push(`🎯 points at ${state.activeSha ?? 'nothing'}`)
  const pointers = labels.filter((l) => l.startsWith('🎪 🎯 '))
  if (pointers.length !== 1) problems.push(`${pointers.length} 🎯 labels`)
  const others = state.shows.filter((s) => s.sha !== sha).map((s) => `${s.sha} ${s.status}`)
  if (others.length > 0) problems.push(`other environments left: ${others.join(', ')}`)
  if (state.strayLabels.length > 0) problems.push(`stray labels: ${state.strayLabels.join(', ')}`)
  if (state.startTrigger || state.stopTrigger) problems.push('a trigger is still on the PR')
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
  const state = readLabels(labels)
  const running = state.shows.filter((s) => s.status === 'running').map((s) => s.sha)
  const serving = state.activeSha
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
