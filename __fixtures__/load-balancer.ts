// A PR's listener rule and target groups behind the shared load balancer, for the unit tests of
// src/domain/load-balancer.ts.

import type {
  ClaimedRule,
  Route,
  RoutePreparation,
  RuleFacts
} from '../src/domain/load-balancer.js'
import { claim } from '../src/domain/ownership.js'

export const REPO = 'apache/superset'
export const TG = (name: string) =>
  `arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/${name}/0123456789abcdef`
export const A = TG('st-c28b44-12-abc123f')
export const B = TG('st-c28b44-12-def456a')
export const HOST = 'pr-12.preview.example.com'
export const OURS = { showtime_managed: 'true', repository: REPO }

/** PR 12's rule, serving A, with `overrides`, and the ownership rule's answer on its tags. */
export function rule(overrides: Partial<RuleFacts> = {}): ClaimedRule {
  const facts: RuleFacts = {
    arn: 'arn:rule/1',
    priority: 7,
    host: HOST,
    hosts: [HOST],
    forward: [{ arn: A, weight: 1 }],
    tags: OURS,
    ...overrides
  }
  const verdict = claim(
    { kind: 'listener-rule', name: facts.host, id: facts.arn, tags: facts.tags ?? {} },
    { repository: REPO, adoptUntagged: false },
    { namedByLabels: true }
  )
  return { ...facts, claim: verdict }
}

/**
 * What prepareRoute answers for `existing`: `expected` as written, or, where it is a route, the
 * change of `existing` into that route, with the route `existing` had as the one before.
 */
export function preparation(
  existing: ClaimedRule | undefined,
  expected: RoutePreparation | Route
): RoutePreparation {
  if ('kind' in expected) return expected
  if (!existing?.claim.ours) throw new Error('a route is only expected where a rule of ours exists')
  const { host, pendingSha, forward } = existing
  const previous = pendingSha === undefined ? { host, forward } : { host, pendingSha, forward }
  return { kind: 'modify', rule: existing.claim.owned, route: expected, previous }
}
