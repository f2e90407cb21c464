// Who may open a preview behind the load balancer: the allowed-source-cidrs input, written as a
// `source-ip` condition of the PR's listener rule beside its host-header condition. ELB allows 5
// condition values per rule (not adjustable); the host takes one and, while a commit is pending,
// the pending header another, which leaves 3 for the CIDRs. A CIDR is IPv4 (`203.0.113.0/24`) or
// IPv6 (`2001:db8::/32`), written as its network address: one with host bits set is refused, as it
// would admit more or other addresses than its writer may think.

/** ELB's condition values per rule, less the host and the pending header. */
export const MAX_SOURCE_CIDRS = 3

export type CidrList = { readonly cidrs: readonly string[] } | { readonly problem: string }

/** The CIDRs of the input (comma- or newline-separated), or the one problem to report. */
export function parseSourceCidrs(value: string): CidrList {
  const items = value
    .split(/[,\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '')
  const cidrs: string[] = []
  for (const item of items) {
    const problem = cidrProblem(item)
    if (problem !== undefined) return { problem: `"${[...item].slice(0, 60).join('')}" ${problem}` }
    if (!cidrs.includes(item.toLowerCase())) cidrs.push(item.toLowerCase())
  }
  if (cidrs.length > MAX_SOURCE_CIDRS)
    return {
      problem: `lists ${cidrs.length} CIDRs; a listener rule takes at most ${MAX_SOURCE_CIDRS} (ELB allows 5 condition values per rule, and the host and the pending header take two)`
    }
  return { cidrs }
}

/** What is wrong with one CIDR, or undefined. */
export function cidrProblem(cidr: string): string | undefined {
  const slash = cidr.split('/')
  if (slash.length !== 2) return 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32'
  const [address = '', prefixText = ''] = slash
  if (!/^\d{1,3}$/.test(prefixText)) return 'has no prefix length after the /'
  const prefix = Number(prefixText)
  const bits = address.includes(':') ? ipv6Bits(address) : ipv4Bits(address)
  if (bits === undefined) return 'is not a CIDR such as 203.0.113.0/24 or 2001:db8::/32'
  if (prefix > bits.length) return `has a prefix length over ${bits.length}`
  if (bits.slice(prefix).includes('1'))
    return `has host bits set: its network is ${networkOf(address, bits, prefix)}`
  return undefined
}

function ipv4Bits(address: string): string | undefined {
  const parts = address.split('.')
  if (parts.length !== 4) return undefined
  if (parts.some((p) => !/^(0|[1-9]\d{0,2})$/.test(p) || Number(p) > 255)) return undefined
  return parts.map((p) => Number(p).toString(2).padStart(8, '0')).join('')
}

function ipv6Bits(address: string): string | undefined {
  const halves = address.toLowerCase().split('::')
  if (halves.length > 2) return undefined
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')))
  if (groups.flat().some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined
  const [head = [], tail = []] = groups
  const given = head.length + tail.length
  if (halves.length === 1 ? given !== 8 : given > 7) return undefined
  const all = [...head, ...Array<string>(8 - given).fill('0'), ...tail]
  return all.map((g) => parseInt(g, 16).toString(2).padStart(16, '0')).join('')
}

/** The network a CIDR with host bits set stands for, to suggest it. */
function networkOf(address: string, bits: string, prefix: number): string {
  const network = bits.slice(0, prefix).padEnd(bits.length, '0')
  if (!address.includes(':'))
    return `${[0, 8, 16, 24].map((i) => parseInt(network.slice(i, i + 8), 2)).join('.')}/${prefix}`
  const groups = Array.from({ length: 8 }, (_, i) =>
    parseInt(network.slice(i * 16, i * 16 + 16), 2).toString(16)
  )
  return `${groups.join(':')}/${prefix}`
}
