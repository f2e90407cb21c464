import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { LOAD_BALANCER_QUOTAS, quotaRefusal } from '../../src/domain/load-balancer-quota.js'

const RULES = 'rules-per-application-load-balancer'
const GROUPS = 'target-groups-per-application-load-balancer'
const limits = (rules?: number, groups?: number) =>
  new Map([
    ...(rules === undefined ? [] : ([[RULES, rules]] as const)),
    ...(groups === undefined ? [] : ([[GROUPS, groups]] as const))
  ])
const both = { rule: true, targetGroup: true }

describe('the load balancer’s quotas', () => {
  it('names the quotas as DescribeAccountLimits does, with AWS’s defaults', () => {
    expect(LOAD_BALANCER_QUOTAS).toEqual({
      rules: { name: RULES, default: 100 },
      targetGroups: { name: GROUPS, default: 100 }
    })
  })

  it.each([
    // rules, groups, limits, needs, refused by
    [99, 99, limits(), both, undefined],
    [100, 99, limits(), both, 'rules'],
    [99, 100, limits(), both, 'groups'],
    [100, 100, limits(), { rule: false, targetGroup: false }, undefined],
    [100, 50, limits(), { rule: false, targetGroup: true }, undefined],
    [50, 100, limits(), { rule: true, targetGroup: false }, undefined],
    [100, 50, limits(200), both, undefined],
    [200, 50, limits(200), both, 'rules'],
    [10, 10, limits(undefined, 10), both, 'groups'],
    [10, 9, limits(10, 10), both, 'rules'],
    [0, 0, limits(0, 1), { rule: false, targetGroup: true }, undefined]
  ] as const)(
    '%i rules and %i target groups, limits %o, needs %o: %s',
    (rules, groups, l, needs, by) => {
      const refusal = quotaRefusal({ rules, targetGroups: groups, limits: l }, needs)
      if (by === undefined) expect(refusal).toBeUndefined()
      else
        expect(refusal).toContain(
          by === 'rules' ? `(${RULES})` : `(${GROUPS}, which AWS does not raise)`
        )
    }
  )

  it('says how many are used of how many, and what to do, in one line', () => {
    expect(quotaRefusal({ rules: 100, targetGroups: 3, limits: limits() }, both)).toBe(
      'the load balancer already has 100 of its 100 rules (rules-per-application-load-balancer): ' +
        'stop or expire previews, or ask AWS for a higher quota in Service Quotas'
    )
    expect(quotaRefusal({ rules: 3, targetGroups: 100, limits: limits() }, both)).toBe(
      'the load balancer already uses 100 of its 100 target groups (target-groups-per-application-load-balancer, ' +
        'which AWS does not raise): stop or expire previews, or give this repository a load balancer of its own'
    )
  })

  it('refuses exactly when something needed would pass its quota', () => {
    const shares = new Branches('refuses exactly when something needed would pass its quota', {
      refused: 0.2,
      allowed: 0.2
    })
    fc.assert(
      fc.property(
        fc.nat(120),
        fc.nat(120),
        fc.option(fc.nat(120), { nil: undefined }),
        fc.option(fc.nat(120), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        (rules, groups, ruleLimit, groupLimit, rule, targetGroup) => {
          shares.run()
          const refusal = quotaRefusal(
            { rules, targetGroups: groups, limits: limits(ruleLimit, groupLimit) },
            { rule, targetGroup }
          )
          const groupsFull = targetGroup && groups >= (groupLimit ?? 100)
          const rulesFull = rule && rules >= (ruleLimit ?? 100)
          expect(refusal !== undefined).toBe(groupsFull || rulesFull)
          if (groupsFull) expect(refusal).toContain(GROUPS)
          else if (rulesFull) expect(refusal).toContain(RULES)
          if (refusal !== undefined) expect(refusal).not.toMatch(/\n/)
          shares.hit('refused', refusal !== undefined)
          shares.hit('allowed', refusal === undefined)
        }
      ),
      { numRuns: 2000 }
    )
    shares.check()
  })
})
