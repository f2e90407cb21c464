// What 30 previews cost a month at Superset's size, on on-demand Fargate, on Fargate Spot, and (a
// placeholder for the sleeping previews still to come, modelled from the same prices, not
// measured) asleep while nobody uses them. Pure arithmetic from published prices: no run.

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { REPO_ROOT } from '../__tests__/support/run-action.js'
import { table } from './markdown.js'

/** AWS list prices, Linux/x86, US West (Oregon), per hour. */
export const PRICES = {
  /** aws.amazon.com/fargate/pricing (the same in us-east-1 and us-west-2). */
  vcpu: 0.04048,
  gb: 0.004445,
  /** aws.amazon.com/vpc/pricing: a public IPv4 address, charged since 1 February 2024. */
  ipv4: 0.005,
  /** Fargate Spot moves with supply; AWS says "up to 70% off". The rates here are a published
   * observation (tomgregory.com, "AWS Fargate Spot vs. Fargate price comparison": $0.01334053 per
   * vCPU-hour and $0.00146489 per GB-hour, 67% off), not a quote for us-west-2 today. */
  spotVcpu: 0.01334053,
  spotGb: 0.00146489
} as const

/** Hours in an average month (365 × 24 / 12). */
const MONTH_HOURS = 730

/** The sleeping previews' model (not measured: previews cannot sleep yet): a preview is awake 3 hours
 * on each working day it lives (someone looks at it, then the idle timeout passes) and asleep the
 * rest, at no compute and with no public IP. */
const AWAKE_SHARE = (3 * 5) / (24 * 7)

export interface TaskSize {
  readonly vcpu: number
  readonly gb: number
  /** Where the size was read. */
  readonly source: string
}

/** Superset's template's size: cpu 512 units = 0.5 vCPU, memory 2048 MiB = 2 GB. */
export function supersetSize(): TaskSize {
  const path = join('examples', 'superset', 'task-definition.json')
  const template = JSON.parse(readFileSync(join(REPO_ROOT, path), 'utf8')) as {
    cpu: string
    memory: string
  }
  return { vcpu: Number(template.cpu) / 1024, gb: Number(template.memory) / 1024, source: path }
}

interface Way {
  readonly name: string
  /** Dollars an hour while the task runs, its public IPv4 address included. */
  readonly hourly: number
  /** The share of a preview's life its task runs. */
  readonly running: number
  readonly modelled: boolean
}

function ways(size: TaskSize): Way[] {
  const onDemand = size.vcpu * PRICES.vcpu + size.gb * PRICES.gb + PRICES.ipv4
  const spot = size.vcpu * PRICES.spotVcpu + size.gb * PRICES.spotGb + PRICES.ipv4
  return [
    {
      name: 'on-demand Fargate (`capacity-provider: FARGATE`)',
      hourly: onDemand,
      running: 1,
      modelled: false
    },
    {
      name: 'Fargate Spot (`capacity-provider: FARGATE_SPOT`)',
      hourly: spot,
      running: 1,
      modelled: false
    },
    {
      name: 'sleeping previews, on-demand (modelled; not built yet)',
      hourly: onDemand,
      running: AWAKE_SHARE,
      modelled: true
    },
    {
      name: 'sleeping previews on Fargate Spot (modelled; not built yet)',
      hourly: spot,
      running: AWAKE_SHARE,
      modelled: true
    }
  ]
}

const dollars = (value: number, digits = 2): string =>
  `$${value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`

/** The cost section of RESULTS.md. */
export function costSection(previews = 30, ttlHours = 48): string {
  const size = supersetSize()
  const all = ways(size)
  const onDemand = all[0] as Way
  const rows = all.map((way) => {
    const always = previews * MONTH_HOURS * way.hourly * way.running
    const lived = previews * ttlHours * way.hourly * way.running
    const saved = 1 - (way.hourly * way.running) / onDemand.hourly
    return [
      way.name,
      dollars(way.hourly, 4),
      `${Math.round(way.running * 100)} %`,
      dollars(always),
      dollars(lived),
      way === onDemand ? '—' : `${Math.round(saved * 100)} %`
    ]
  })
  return [
    '## 6. Monthly cost of 30 previews',
    '',
    `At Superset's size: ${size.vcpu} vCPU and ${size.gb} GB (\`cpu\` and \`memory\` of`,
    `\`${size.source}\`), Linux/x86 in us-west-2, each task with a public IPv4 address. Prices: on-demand`,
    `$${PRICES.vcpu} per vCPU-hour and $${PRICES.gb} per GB-hour ([Fargate pricing](https://aws.amazon.com/fargate/pricing/),`,
    `the same in us-east-1 and us-west-2); IPv4 $${PRICES.ipv4} an hour ([VPC pricing](https://aws.amazon.com/vpc/pricing/));`,
    `Fargate Spot $${PRICES.spotVcpu} per vCPU-hour and $${PRICES.spotGb} per GB-hour, a published observation`,
    '([tomgregory.com](https://tomgregory.com/aws/aws-fargate-spot-vs-fargate-price-comparison/), 67 % off;',
    'AWS says "up to 70 %", and the Spot price moves with supply). Two ways to count 30 previews: 30',
    `running all month (${MONTH_HOURS} hours each), or 30 a month that each live their ${ttlHours}-hour TTL.`,
    '',
    table(
      [
        'how they run',
        'per preview-hour running',
        'share of its life running',
        `30 all month`,
        `30 × ${ttlHours} h a month`,
        'saved vs on-demand'
      ],
      rows
    ),
    '',
    '**Modelled, not measured**: previews cannot sleep yet (issue #21, item 6). The sleeping rows',
    `assume a preview is awake ${Math.round(AWAKE_SHARE * 1000) / 10} % of its life (3 hours on each working day:`,
    'someone looks at it, then the idle timeout passes) and costs nothing asleep (no task, no public',
    'IPv4 address); waking it takes a Fargate start (section 5). Not included: image storage,',
    'CloudWatch logs, data transfer, and behind the load balancer its own hours (which replace the',
    "tasks' public IPv4 addresses).",
    ''
  ].join('\n')
}
