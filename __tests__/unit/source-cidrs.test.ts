import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Branches } from '../../__fixtures__/branches.js'
import { MAX_SOURCE_CIDRS, cidrProblem, parseSourceCidrs } from '../../src/domain/source-cidrs.js'

describe('cidrProblem', () => {
  it.each([
    ['203.0.113.0/24', undefined],
    ['0.0.0.0/0', undefined],
    ['198.51.100.7/32', undefined],
    ['2001:db8::/32', undefined],
    ['::/0', undefined],
    ['2001:db8:0:0:0:0:0:1/128', undefined],
    ['fe80::1/128', undefined],
    ['203.0.113.0', 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32'],
    ['203.0.113.0/24/1', 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32'],
    ['203.0.113.0/', 'has no prefix length after the /'],
    ['203.0.113.0/x', 'has no prefix length after the /'],
    ['203.0.113.0/33', 'has a prefix length over 32'],
    ['2001:db8::/129', 'has a prefix length over 128'],
    ['256.0.0.0/8', 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32'],
    ['010.0.0.0/8', 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32'],
    ['10.0.0/8', 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32'],
    ['2001:db8:::/32', 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32'],
    ['2001:db8::1::/32', 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32'],
    ['1:2:3:4:5:6:7/64', 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32'],
    ['1:2:3:4:5:6:7:8:9/64', 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32'],
    ['10.0.0.1/8', 'has host bits set: its network is 10.0.0.0/8'],
    ['2001:db8::1/32', 'has host bits set: its network is 2001:db8:0:0:0:0:0:0/32']
  ])('%s → %s', (cidr, problem) => {
    expect(cidrProblem(cidr)).toBe(problem)
  })
})

describe('parseSourceCidrs', () => {
  it.each([
    ['', { cidrs: [] }],
    [' 203.0.113.0/24 ,\n2001:DB8::/32\n', { cidrs: ['203.0.113.0/24', '2001:db8::/32'] }],
    ['10.0.0.0/8,10.0.0.0/8', { cidrs: ['10.0.0.0/8'] }],
    [
      '10.0.0.0/8,nope',
      { problem: '"nope" is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32' }
    ],
    [
      // Cut at 60 characters, not 60 UTF-16 units: no half of an emoji in the message.
      'x'.repeat(59) + '🎪🎪',
      { problem: `"${'x'.repeat(59)}🎪" is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32` }
    ],
    [
      '10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,203.0.113.0/24',
      {
        problem:
          'lists 4 CIDRs; a listener rule takes at most 3 (ELB allows 5 condition values per rule, and the host and the pending header take two)'
      }
    ]
  ])('%j', (value, parsed) => {
    expect(parseSourceCidrs(value)).toEqual(parsed)
  })

  it('accepts exactly the network CIDRs of IPv4, up to the most a rule takes', () => {
    const branches = new Branches('network CIDRs of IPv4', {
      accepted: 0.2,
      'host bits': 0.14, // about 23%: one CIDR in ten is unmasked
      'too many': 0.13 // about 22%
    })
    const cidr = fc.record({
      octets: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }),
      prefix: fc.integer({ min: 0, max: 32 }),
      masked: fc.constantFrom(true, true, true, true, true, true, true, true, true, false)
    })
    fc.assert(
      fc.property(fc.array(cidr, { minLength: 1, maxLength: 5 }), (items) => {
        branches.run()
        const texts = items.map(({ octets, prefix, masked }) => {
          const value = octets.reduce((n, o) => n * 256 + o, 0)
          const kept = masked ? value - (value % 2 ** (32 - prefix)) : value
          const parts = [24, 16, 8, 0].map((s) => Math.floor(kept / 2 ** s) % 256)
          return { text: `${parts.join('.')}/${prefix}`, network: kept % 2 ** (32 - prefix) === 0 }
        })
        const parsed = parseSourceCidrs(texts.map((t) => t.text).join(','))
        const distinct = new Set(texts.map((t) => t.text)).size
        if (!texts.every((t) => t.network)) {
          branches.hit('host bits')
          expect(parsed).toMatchObject({ problem: expect.stringContaining('host bits set') })
        } else if (distinct > MAX_SOURCE_CIDRS) {
          branches.hit('too many')
          expect(parsed).toMatchObject({ problem: expect.stringContaining('at most 3') })
        } else {
          branches.hit('accepted')
          expect(parsed).toEqual({ cidrs: [...new Set(texts.map((t) => t.text))] })
        }
      }),
      { numRuns: 500 }
    )
    branches.check()
  })
})
