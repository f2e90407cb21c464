// The deployed app, as the health check sees it: one GET, its status or why it did not answer.

import { oneLine } from '../errors.js'

/** `HTTP 200` when the app answers 200; otherwise its status or the reason there was none. */
export type HealthProbe = (url: string, timeoutMs: number) => Promise<string>

export const httpProbe: HealthProbe = async (url, timeoutMs) => {
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(Math.max(1, timeoutMs)),
      redirect: 'manual'
    })
    await response.body?.cancel()
    return `HTTP ${response.status}`
  } catch (error) {
    return oneLine(error)
  }
}

/** With dry-run-aws there is no app: it answers at once. */
export const dryRunProbe: HealthProbe = () => Promise.resolve('HTTP 200')
