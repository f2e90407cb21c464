import * as core from '@actions/core'
import { InputError, oneLine } from './errors.js'
import { readInputs } from './inputs.js'

/** The action's entry point: every failure ends here as one readable line. */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs((name) => core.getInput(name), process.env)
    core.setSecret(inputs.githubToken)
    // Each mode is loaded on demand, so that check does not pay for the AWS SDK's start-up.
    switch (inputs.mode) {
      case 'check': {
        const [{ runCheck }, { context }, { createOctokit }, { pullRequestReader }] =
          await Promise.all([
            import('./modes/check.js'),
            import('@actions/github'),
            import('./github/client.js'),
            import('./github/pull-requests.js')
          ])
        const octokit = createOctokit(inputs.githubToken)
        await runCheck(inputs, {
          github: pullRequestReader(octokit, context.repo),
          runner: { eventName: context.eventName, payload: context.payload, actor: context.actor },
          now: Date.now
        })
        return
      }
      default:
        throw new InputError(
          `Mode "${inputs.mode}" is not available in this build of Showtime yet; use mode check.`
        )
    }
  } catch (error) {
    if (core.isDebug() && error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(oneLine(error))
  }
}
