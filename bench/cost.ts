// What 30 previews cost a month at Superset's size, on on-demand Fargate, on Fargate Spot, and
// asleep while nobody uses them (sleep-after, behind the load balancer: the cleanup scales an idle
// preview to zero tasks, the start trigger wakes it). Pure arithmetic from published prices and
// from how sleeping works: no run (__tests__/e2e/sleep.test.ts runs sleep and wake).

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
  spotGb: 0.00146489,
  /** aws.amazon.com/elasticloadbalancing/pricing: an Application Load Balancer-hour (us-west-2),
   * shared by every preview behind it, LCUs aside. */
  loadBalancer: 0.0225,
  /** aws.amazon.com/cloudwatch/pricing: GetMetricData, per 1,000 metrics requested. */
  metricsPerThousand: 0.01
} as const

/** Hours in an average month (365 × 24 / 12). */
const MONTH_HOURS = 730

/**
 * How long a sleeping preview is awake, from how sleeping works: on each working day someone wakes
 * it (the start label: a Fargate start, no build) and uses it for an hour, then it
 * stays up for `sleep-after` (1 hour here) and until the next cleanup run finds it idle (hourly
 * here: half an hour on average). Nights and weekends it sleeps: no task, and behind the load
 * balancer no public IPv4 address either.
 */
const USE_HOURS = 1
const SLEEP_AFTER_HOURS = 1
const CLEANUP_INTERVAL_HOURS = 1
const AWAKE_HOURS = USE_HOURS + SLEEP_AFTER_HOURS + CLEANUP_INTERVAL_HOURS / 2
const AWAKE_SHARE = (AWAKE_HOURS * 5) / (24 * 7)

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
  // Behind the load balancer, tasks need no public IPv4 address.
  const balanced = size.vcpu * PRICES.vcpu + size.gb * PRICES.gb
  const balancedSpot = size.vcpu * PRICES.spotVcpu + size.gb * PRICES.spotGb
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
      name: 'sleeping when idle, on-demand (`sleep-after: 1h`, behind the load balancer)',
      hourly: balanced,
      running: AWAKE_SHARE,
      modelled: true
    },
    {
      name: 'sleeping when idle, on Fargate Spot (`sleep-after: 1h`, behind the load balancer)',
      hourly: balancedSpot,
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
    '**Sleeping when idle** is built (`sleep-after`, README "Sleeping when idle"): behind the load',
    "balancer, the scheduled cleanup reads each live preview's `RequestCount` (CloudWatch, one",
    '`GetMetricData` call for all of them) and scales one that served no request for `sleep-after` to',
    'zero tasks, marked `🎪 {sha} 🚦 sleeping`; the start trigger wakes it without a build, in a',
    'Fargate start (section 5); its TTL counts as before. `__tests__/e2e/sleep.test.ts` runs sleep,',
    'wake, expiry and stop on the emulators. The share of its life a preview runs is not measured but',
    `follows from that mechanism under a stated use: woken and used ${USE_HOURS} h on each working day, then \`sleep-after\` (${SLEEP_AFTER_HOURS} h),`,
    `then on average half the cleanup schedule (hourly: ${CLEANUP_INTERVAL_HOURS / 2} h) until a run finds it idle: ${AWAKE_HOURS} h a`,
    `working day, ${Math.round(AWAKE_SHARE * 1000) / 10} % of its life; nights and weekends asleep, at no cost (no task, and`,
    'behind the load balancer no public IPv4 address: its rows price the task alone). Sleeping needs',
    `the load balancer: $${PRICES.loadBalancer} an hour ($${(PRICES.loadBalancer * MONTH_HOURS).toFixed(2)} a month) shared by every preview, plus its LCUs;`,
    `the request counts cost $${PRICES.metricsPerThousand} per 1,000 metrics (30 previews read hourly: ${dollars((30 * MONTH_HOURS * PRICES.metricsPerThousand) / 1000)} a month).`,
    'Not included: image storage, CloudWatch logs, data transfer.',
    ''
  ].join('\n')
}
