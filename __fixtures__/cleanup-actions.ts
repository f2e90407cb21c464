// fast-check generators for the scheduled cleanup's actions, as planCleanup writes them: every
// kind, with label removals of a few labels each, so that costs vary from nothing to a dozen
// writes and expiry announcements (which cost reads too) are common.

import fc from 'fast-check'
import type { CleanupAction, LabelRemoval } from '../src/domain/cleanup-plan.js'

const pr = fc.integer({ min: 1, max: 9999 })
const sha = fc.constantFrom('abc123f', 'def456a', '0000000', '1234567')
const label = fc.constantFrom(
  '🎪 abc123f 🚦 running',
  '🎪 abc123f 📅 2026-11-27T10-00',
  '🎪 abc123f 🌐 52.1.2.3:8080',
  '🎪 abc123f 🤡 maxime',
  '🎪 🎯 abc123f',
  '🎪 ⌛ 48h'
)
const labels = fc.uniqueArray(label, { maxLength: 4 })
const removal: fc.Arbitrary<LabelRemoval> = fc.record({ detach: labels, deleteDefinition: labels })
const service = fc.integer({ min: 1, max: 99 }).map((n) => `pr-${n}-abc123f-service`)
const arn = fc.integer({ min: 1, max: 99 }).map((n) => `arn:aws:elasticloadbalancing:x:${n}`)

export const cleanupAction: fc.Arbitrary<CleanupAction> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('teardown' as const),
      pr,
      sha,
      service,
      labels: removal,
      why: fc.constant('expired: 3d 0h old, TTL 48h'),
      announce: fc.constant('expired' as const)
    },
    { requiredKeys: ['kind', 'pr', 'sha', 'labels', 'why'] }
  ),
  fc.record({
    kind: fc.constant('close' as const),
    pr,
    services: fc.uniqueArray(service, { maxLength: 3 }),
    labels: removal
  }),
  fc.record(
    {
      kind: fc.constant('abandoned' as const),
      pr,
      sha,
      service,
      add: fc.constant(['🎪 abc123f 🚦 failed']),
      define: fc.subarray(['🎪 abc123f 🚦 failed']),
      labels: removal
    },
    { requiredKeys: ['kind', 'pr', 'sha', 'add', 'define', 'labels'] }
  ),
  fc.record(
    {
      kind: fc.constant('sleep' as const),
      pr,
      sha,
      service,
      add: fc.constant(['🎪 abc123f 🚦 sleeping']),
      define: fc.subarray(['🎪 abc123f 🚦 sleeping']),
      labels: removal,
      why: fc.constant('asleep: no request in 1h')
    },
    { requiredKeys: ['kind', 'pr', 'sha', 'add', 'define', 'labels', 'why'] }
  ),
  fc.record({ kind: fc.constant('stray-labels' as const), pr, labels: removal }),
  fc.record({ kind: fc.constant('orphan-service' as const), service, why: fc.constant('orphan') }),
  fc.record({
    kind: fc.constant('orphan-rule' as const),
    arn,
    host: fc.constant('pr-1.preview.example.com'),
    why: fc.constant('PR #1 has no environment to serve')
  }),
  fc.record({
    kind: fc.constant('orphan-target-group' as const),
    arn,
    name: fc.constant('st-0a1b2c-1-abc123f'),
    why: fc.constant('no environment abc123f of PR #1 is kept')
  }),
  fc.record({ kind: fc.constant('delete-definition' as const), name: label }),
  fc.record({ kind: fc.constant('create-definition' as const), name: label }),
  fc.record({ kind: fc.constant('fix-definition' as const), name: label })
)
