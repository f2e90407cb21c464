// The CloudWatch side of the AWS emulator, driven by the real @aws-sdk/client-cloudwatch client and
// by Showtime's own adapter (src/aws/cloudwatch.ts): the protocol the client speaks, the request
// checked against the SDK's schemas and the API reference's limits, per-period sums of what a test
// recorded, and what IAM is asked.

import {
  CloudWatchClient,
  GetMetricDataCommand,
  type GetMetricDataCommandInput
} from '@aws-sdk/client-cloudwatch'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { requestMetrics } from '../../src/aws/cloudwatch.js'
import { requestMetricDimensions } from '../../src/domain/resources.js'
import { AwsEmulator } from '../support/aws-emulator.js'
import { SCHEMAS } from '../support/aws/cloudwatch.js'
import { ManualClock } from '../support/clock.js'
import { rejection } from '../support/http-emulator.js'

const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'x' }
const MINUTE = 60_000

let emu: AwsEmulator
let clock: ManualClock
let cloudwatch: CloudWatchClient
let listener: string

beforeEach(async () => {
  clock = new ManualClock()
  emu = await AwsEmulator.start({ clock })
  cloudwatch = new CloudWatchClient({
    region: 'us-west-2',
    endpoint: emu.url,
    credentials,
    maxAttempts: 1
  })
  listener = emu.elb.addLoadBalancer()
})
afterEach(async () => {
  cloudwatch.destroy()
  await emu.stop()
})

function query(id: string, groupArn: string): GetMetricDataCommandInput['MetricDataQueries'] {
  const dimensions = requestMetricDimensions(listener, groupArn)!
  return [
    {
      Id: id,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApplicationELB',
          MetricName: 'RequestCount',
          Dimensions: [
            { Name: 'TargetGroup', Value: dimensions.TargetGroup },
            { Name: 'LoadBalancer', Value: dimensions.LoadBalancer }
          ]
        },
        Period: 60,
        Stat: 'Sum'
      }
    }
  ]
}

describe('CloudWatch GetMetricData', () => {
  it('is what the SDK sends: JSON 1.0 to GraniteServiceVersion20100801, epoch-second times', async () => {
    const group = emu.elb.addTargetGroup('st-a1b2c3-1-abc123f')
    const now = clock.now()
    await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 10 * MINUTE),
        EndTime: new Date(now),
        MetricDataQueries: query('q0', group)
      })
    )
    const [request] = emu.requests
    expect(request).toMatchObject({ service: 'cloudwatch', action: 'GetMetricData', status: 200 })
    expect(emu.cloudwatch.queries[0]).toMatchObject({
      StartTime: (now - 10 * MINUTE) / 1000,
      EndTime: now / 1000
    })
  })

  it("checks members against the SDK's own schemas", () => {
    expect(SCHEMAS.GetMetricDataInput.required).toEqual([
      'MetricDataQueries',
      'StartTime',
      'EndTime'
    ])
    expect(SCHEMAS.MetricStat.required).toEqual(['Metric', 'Period', 'Stat'])
    expect(SCHEMAS.Dimension.required).toEqual(['Name', 'Value'])
    expect(SCHEMAS.MetricDataQuery.required).toEqual(['Id'])
  })

  it('sums what was recorded per period, newest first, and has no datapoint for a quiet one', async () => {
    const busy = emu.elb.addTargetGroup('st-a1b2c3-1-abc123f')
    const quiet = emu.elb.addTargetGroup('st-a1b2c3-2-def456a')
    const start = clock.now()
    emu.cloudwatch.recordRequests(busy, 3, start + 30_000)
    emu.cloudwatch.recordRequests(busy, 2, start + 50_000)
    emu.cloudwatch.recordRequests(busy, 7, start + 5 * MINUTE)
    emu.cloudwatch.recordRequests(busy, 100, start + 20 * MINUTE) // after the window
    const out = await cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(start),
        EndTime: new Date(start + 10 * MINUTE),
        ScanBy: 'TimestampDescending',
        MetricDataQueries: [...query('busy', busy)!, ...query('quiet', quiet)!]
      })
    )
    const [a, b] = out.MetricDataResults ?? []
    expect(a).toMatchObject({ Id: 'busy', Values: [7, 5], StatusCode: 'Complete' })
    expect(a?.Timestamps?.map((t) => t.getTime())).toEqual([start + 5 * MINUTE, start])
    expect(b).toMatchObject({ Id: 'quiet', Values: [], Timestamps: [] })
  })

  it('refuses what AWS refuses: a bad Id, a period that is not whole minutes, EndTime before StartTime', async () => {
    const group = emu.elb.addTargetGroup('st-a1b2c3-1-abc123f')
    const now = clock.now()
    const send = (input: Partial<GetMetricDataCommandInput>) =>
      rejection<Error>(
        cloudwatch.send(
          new GetMetricDataCommand({
            StartTime: new Date(now - MINUTE),
            EndTime: new Date(now),
            MetricDataQueries: query('q0', group),
            ...input
          })
        )
      )
    expect((await send({ MetricDataQueries: query('Q0', group) })).name).toBe(
      'InvalidParameterValueException'
    )
    const [first] = query('q0', group)!
    const odd = { ...first!, MetricStat: { ...first!.MetricStat!, Period: 90 } }
    expect((await send({ MetricDataQueries: [odd] })).name).toBe('InvalidParameterValueException')
    expect((await send({ EndTime: new Date(now - 2 * MINUTE) })).name).toBe(
      'InvalidParameterValueException'
    )
  })

  it('is authorised as cloudwatch:GetMetricData on any resource, and denied without it', async () => {
    const group = emu.elb.addTargetGroup('st-a1b2c3-1-abc123f')
    emu.setIamPolicy({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: ['ecs:ListServices'], Resource: '*' }]
    })
    const error = await rejection<Error>(
      cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(clock.now() - MINUTE),
          EndTime: new Date(clock.now()),
          MetricDataQueries: query('q0', group)
        })
      )
    )
    expect(error.name).toBe('AccessDenied')
    expect(emu.authorizations.at(-1)).toMatchObject({
      action: 'cloudwatch:GetMetricData',
      resource: '*',
      decision: expect.not.stringMatching(/^Allowed$/)
    })
  })
})

describe("Showtime's adapter", () => {
  it('asks for every target group in one call and answers each sum, 0 for none', async () => {
    const busy = emu.elb.addTargetGroup('st-a1b2c3-1-abc123f')
    const quiet = emu.elb.addTargetGroup('st-a1b2c3-2-def456a')
    const now = clock.now()
    emu.cloudwatch.recordRequests(busy, 4, now - 30 * MINUTE)
    emu.cloudwatch.recordRequests(busy, 1, now - 2 * MINUTE)
    const previous = process.env.AWS_ENDPOINT_URL_CLOUDWATCH
    process.env.AWS_ENDPOINT_URL_CLOUDWATCH = emu.url
    process.env.AWS_ACCESS_KEY_ID ??= credentials.accessKeyId
    process.env.AWS_SECRET_ACCESS_KEY ??= credentials.secretAccessKey
    try {
      const counts = await requestMetrics('us-west-2').requestCounts(
        [
          { key: '1:abc123f', dimensions: requestMetricDimensions(listener, busy)! },
          { key: '2:def456a', dimensions: requestMetricDimensions(listener, quiet)! }
        ],
        { from: now - 60 * MINUTE, to: now, periodSeconds: 60 }
      )
      expect(counts).toEqual(
        new Map([
          ['1:abc123f', 5],
          ['2:def456a', 0]
        ])
      )
      expect(emu.requests.filter((r) => r.service === 'cloudwatch')).toHaveLength(1)
    } finally {
      if (previous === undefined) delete process.env.AWS_ENDPOINT_URL_CLOUDWATCH
      else process.env.AWS_ENDPOINT_URL_CLOUDWATCH = previous
    }
  })
})
