// CloudWatch, for one question: how many requests the load balancer sent to each of some target
// groups in a window (`AWS/ApplicationELB` `RequestCount`, Sum). One GetMetricData call answers
// up to 500 of them; the SDK's paginator follows NextToken. Thin: it sums what CloudWatch answers
// and decides nothing (domain/sleep.ts does). A group that served nothing has no datapoint: 0.

import { CloudWatchClient, paginateGetMetricData } from '@aws-sdk/client-cloudwatch'
import { explainErrors } from './errors.js'

export interface RequestCountQuery {
  /** Echoed back as the key of its count. */
  readonly key: string
  readonly dimensions: { readonly LoadBalancer: string; readonly TargetGroup: string }
}

export interface RequestMetrics {
  /** The requests of each query's target group from `from` to `to` (epoch ms), by its key. */
  requestCounts(
    queries: readonly RequestCountQuery[],
    window: { readonly from: number; readonly to: number; readonly periodSeconds: number }
  ): Promise<Map<string, number>>
}

/** GetMetricData takes at most 500 queries a call. */
const QUERIES_PER_CALL = 500

export function requestMetrics(region: string): RequestMetrics {
  const cloudwatch = new CloudWatchClient({ region, maxAttempts: 5, customUserAgent: 'showtime' })
  explainErrors(cloudwatch, { service: 'cloudwatch', region })
  return {
    async requestCounts(queries, window) {
      const counts = new Map<string, number>()
      for (let start = 0; start < queries.length; start += QUERIES_PER_CALL) {
        const batch = queries.slice(start, start + QUERIES_PER_CALL)
        // Query ids must start with a lower-case letter: `q{index}` maps back to each key.
        const keys = new Map(batch.map((q, index) => [`q${start + index}`, q.key]))
        const pages = paginateGetMetricData(
          { client: cloudwatch },
          {
            StartTime: new Date(window.from),
            EndTime: new Date(window.to),
            ScanBy: 'TimestampDescending',
            MetricDataQueries: batch.map((q, index) => ({
              Id: `q${start + index}`,
              ReturnData: true,
              MetricStat: {
                Metric: {
                  Namespace: 'AWS/ApplicationELB',
                  MetricName: 'RequestCount',
                  Dimensions: [
                    { Name: 'TargetGroup', Value: q.dimensions.TargetGroup },
                    { Name: 'LoadBalancer', Value: q.dimensions.LoadBalancer }
                  ]
                },
                Period: window.periodSeconds,
                Stat: 'Sum'
              }
            }))
          }
        )
        for (const key of keys.values()) counts.set(key, 0)
        for await (const page of pages) {
          for (const result of page.MetricDataResults ?? []) {
            const key = keys.get(result.Id ?? '')
            if (key === undefined) continue
            const sum = (result.Values ?? []).reduce((a, b) => a + b, 0)
            counts.set(key, (counts.get(key) ?? 0) + sum)
          }
        }
      }
      return counts
    }
  }
}
