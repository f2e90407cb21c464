import * as core from '@actions/core'
import { oneLine } from './errors.js'
import { readInputs } from './inputs.js'
import { runState } from './run-state.js'

const POST_MARKER = 'showtime-post'

/** The action's entry point, for the main step and the post step: every failure ends here as one
 * readable line. */
export async function run(): Promise<void> {
  try {
    if (core.getState(POST_MARKER) === 'true') {
      await post()
      return
    }
    core.saveState(POST_MARKER, 'true')
    const inputs = readInputs((name) => core.getInput(name), process.env)
    core.setSecret(inputs.githubToken)
    // Loaded once the inputs are valid, so that a bad input fails at once.
    const { runMode } = await import('./runtime.js')
    await runMode(inputs)
  } catch (error) {
    if (core.isDebug() && error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(oneLine(error))
  }
}

/** The post step: release what an interrupted sync held. Costs nothing when there is nothing. */
async function post(): Promise<void> {
  const inFlight = runState.read()
  if (!inFlight) return
  const inputs = readInputs((name) => core.getInput(name), process.env)
  const { runPost } = await import('./runtime.js')
  await runPost(inputs, inFlight)
  runState.clear()
}
