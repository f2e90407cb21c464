// `npm run demo`: plays a PR's whole Showtime lifecycle with the committed bundle, started the way
// a runner starts it, against the local GitHub and ECS/EC2 emulators, a fake docker and a local
// app that answers the health check. After each step it prints what a maintainer would see.

import { FREEZE, START, STOP, World } from '../__tests__/support/world.js'
import type { RunResult } from '../__tests__/support/run-action.js'

const FIRST = 'abc123f' + '0'.repeat(33)
const SECOND = 'def456a' + '0'.repeat(33)
const bold = (text: string) => `\u001b[1m${text}\u001b[0m`

const world = await World.start()
world.github.setPermission('helper', 'triage')

function daysAgo(days: number): string {
  const iso = new Date(Date.now() - days * 86_400_000).toISOString()
  return `${iso.slice(0, 13)}-${iso.slice(14, 16)}`
}

function heading(text: string): void {
  console.log(`\n${bold(`── ${text}`)}`)
}

function report(mode: string, result: RunResult): void {
  const o = result.outputs
  const verdict = result.code === 0 ? 'ok' : `failed: ${result.commands.errors.join('; ')}`
  console.log(`  ${mode}: ${o.action_needed ?? ''} (${o.action_reason ?? ''}) → ${verdict}`)
  if (mode === 'check')
    console.log(`    build_needed=${o.build_needed} sync_needed=${o.sync_needed}`)
  for (const warning of result.commands.warnings) console.log(`    warning: ${warning}`)
}

function labels(pr: number): void {
  const names = world.github.labelsOn(pr).filter((l) => l.startsWith('🎪'))
  console.log(`  PR labels: ${names.length === 0 ? '(no 🎪 labels)' : ''}`)
  for (const name of names) console.log(`    ${name}`)
  const services = world.activeServiceNames()
  console.log(`  ECS services: ${services.join(', ') || '(none)'}`)
  const comment = world.github.comments(pr).find((c) => c.body.includes('<!-- showtime:status -->'))
  if (comment) {
    console.log(`  PR comment (one, edited in place, #${comment.id}):`)
    for (const line of comment.body.split('\n').slice(1))
      if (line.trim()) console.log(`    │ ${line}`)
  }
  const deployments = world.github.deployments().filter((d) => d.task === `deploy:pr-${pr}`)
  for (const d of deployments) {
    console.log(
      `  deployment of ${d.sha.slice(0, 7)}: ${d.statuses.map((s) => s.state).join(' → ')}`
    )
  }
}

/** What the example workflow does: check, then sync when check says so. */
async function event(
  pr: number,
  action: string,
  options: { label?: string; sender?: string } = {}
) {
  world.github.clearRequests()
  const check = await world.run('check', pr, action, options)
  report('check', check)
  if (check.outputs.sync_needed === 'true') report('sync', await world.sync(pr, action, options))
  console.log(`  GitHub requests: ${world.github.requests.length}`)
  labels(pr)
}

try {
  console.log('Showtime demo: dist/index.js against the GitHub and ECS/EC2 emulators on 127.0.0.1')
  const pr = world.newPr([], FIRST)

  heading(`PR #${pr} is opened by a contributor`)
  await event(pr, 'opened', { sender: 'contributor' })

  heading(`Someone with the triage role adds "${START}"`)
  world.github.setLabels(pr, [START])
  await event(pr, 'labeled', { label: START, sender: 'helper' })

  heading(`A maintainer adds "${START}": build, deploy, health check, go live`)
  world.github.setLabels(pr, [START])
  await event(pr, 'labeled', { label: START, sender: 'maintainer' })

  heading('The author pushes def456a: blue-green roll-over')
  world.github.updatePull(pr, { headSha: SECOND })
  await event(pr, 'synchronize', { sender: 'maintainer' })

  heading(`A maintainer adds "${FREEZE}", then pushes again`)
  world.github.setLabels(pr, [...world.github.labelsOn(pr), FREEZE])
  world.github.updatePull(pr, { headSha: 'fedcba9' + '0'.repeat(33) })
  await event(pr, 'synchronize', { sender: 'maintainer' })

  heading('Two days pass; the scheduled cleanup runs')
  world.github.setLabels(
    pr,
    world.github
      .labelsOn(pr)
      .map((l) => (l.includes(' 📅 ') ? l.replace(/📅 .*/, `📅 ${daysAgo(2.5)}`) : l))
  )
  world.github.clearRequests()
  const cleanup = await world.run('cleanup', pr, 'closed', {})
  console.log(`  cleanup: ${cleanup.code === 0 ? 'ok' : cleanup.commands.errors.join('; ')}`)
  console.log(`  GitHub requests: ${world.github.requests.length}`)
  labels(pr)

  heading(`A maintainer brings it back with "${START}"`)
  world.github.setLabels(pr, [...world.github.labelsOn(pr).filter((l) => l !== FREEZE), START])
  await event(pr, 'labeled', { label: START, sender: 'maintainer' })

  heading(`A maintainer adds "${STOP}": everything is torn down`)
  world.github.setLabels(pr, [...world.github.labelsOn(pr), STOP])
  await event(pr, 'labeled', { label: STOP, sender: 'maintainer' })
} finally {
  await world.stop()
}
