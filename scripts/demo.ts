// `npm run demo`: plays Showtime on the local GitHub emulator with the committed bundle, the way a
// runner would start it, and prints what a maintainer would see after each event.

import { GitHubEmulator } from '../__tests__/support/github-emulator.js'
import { type RunResult, runAction } from '../__tests__/support/run-action.js'
import { pullRequestEvent } from '../__fixtures__/events.js'

const START = '🎪 ⚡ showtime-trigger-start'
const FREEZE = '🎪 🧊 showtime-freeze'
const PR = 4242
const FIRST = 'abc123f' + '0'.repeat(33)
const SECOND = 'def456a' + '0'.repeat(33)

const github = await GitHubEmulator.start()
github.setPermission('maintainer', 'maintain')
github.setPermission('helper', 'triage')

function heading(text: string): void {
  console.log(`\n\u001b[1m── ${text}\u001b[0m`)
}

function show(result: RunResult): void {
  const o = result.outputs
  console.log(`  labels now: ${github.labelsOn(PR).join(' | ') || '(none)'}`)
  if (result.code !== 0) {
    console.log(`  check failed: ${result.commands.errors.join('; ')}`)
    return
  }
  console.log(`  check says: ${o.action_needed} (${o.action_reason})`)
  console.log(
    `    build_needed=${o.build_needed} sync_needed=${o.sync_needed} target_sha=${o.target_sha}`
  )
  for (const warning of result.commands.warnings) console.log(`    warning: ${warning}`)
  const requests = github.requests.map((r) => `${r.method} ${r.path}`)
  console.log(
    `    GitHub requests: ${requests.length} (${requests.join(', ')}); writes: ${github.writes().length}`
  )
}

async function check(
  action: string,
  options: { label?: string; sender?: string; head?: string } = {}
) {
  github.clearRequests()
  const head = options.head ?? FIRST
  return runAction({
    github,
    eventName: 'pull_request_target',
    event: pullRequestEvent(action, {
      number: PR,
      headSha: head,
      sender: options.sender ?? 'maintainer',
      ...(options.label && { label: options.label })
    }),
    inputs: { mode: 'check' }
  })
}

try {
  console.log('Showtime demo: the committed dist/index.js against the GitHub emulator on 127.0.0.1')

  heading(`PR #${PR} is opened by a contributor`)
  github.addPull({ number: PR, headSha: FIRST, author: 'contributor', title: 'Make charts faster' })
  show(await check('opened', { sender: 'contributor' }))

  heading(`A helper with the triage role adds "${START}"`)
  github.setLabels(PR, [START])
  show(await check('labeled', { label: START, sender: 'helper' }))

  heading(`A maintainer adds "${START}"`)
  show(await check('labeled', { label: START }))

  heading('sync builds and deploys abc123f (labels as sync leaves them)')
  github.setLabels(PR, [
    '🎪 abc123f 🚦 running',
    '🎪 abc123f 📅 2026-11-27T10-00',
    '🎪 abc123f 🌐 52.1.2.3:8080',
    '🎪 abc123f 🤡 maintainer',
    '🎪 🎯 abc123f',
    '🎪 ⌛ 48h'
  ])
  show(await check('labeled', { label: 'bug' }))

  heading('The author pushes def456a')
  github.updatePull(PR, { headSha: SECOND })
  show(await check('synchronize', { head: SECOND, sender: 'contributor' }))

  heading(`A maintainer freezes the PR with "${FREEZE}", then pushes again`)
  github.setLabels(PR, [...github.labelsOn(PR), FREEZE])
  show(await check('synchronize', { head: SECOND }))

  heading('Someone adds a label Showtime does not know')
  github.setLabels(PR, [...github.labelsOn(PR), '🎪 💥 surprise'])
  show(await check('labeled', { label: '🎪 💥 surprise', head: SECOND }))

  heading('The PR is closed')
  github.updatePull(PR, { state: 'closed' })
  show(await check('closed', { head: SECOND }))
} finally {
  await github.stop()
}
