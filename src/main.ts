import * as core from './runner/core.js'
import { oneLine } from './errors.js'
import { checkEventFile } from './config/event-file.js'
import { loadTemplate } from './config/template.js'
import { inFlightState } from './run/in-flight.js'
import { readInputs } from './config/inputs.js'
import { clientSecretOf } from './domain/sign-in.js'

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
    maskClientSecret()
    const inputs = readInputs((name) => core.getInput(name), process.env)
    core.setSecret(inputs.githubToken)
    checkEventFile(process.env)
    // check reads the template too, so that a bad one fails before anything is built.
    const deploys = inputs.mode === 'check' || inputs.mode === 'sync'
    const template = await loadTemplate(
      deploys ? inputs.aws.taskDefinitionPath : undefined,
      inputs.docker.context
    )
    // Loaded once the inputs are valid, so that a bad input fails at once.
    const { runMode } = await import('./runtime.js')
    await runMode(inputs, template)
  } catch (error) {
    if (core.isDebug() && error instanceof Error && error.stack) core.debug(error.stack)
    core.setFailed(oneLine(error))
  }
}

/** The OIDC client secret of load-balancer-authentication is masked before the inputs are read,
 * so that nothing printed from here on can show it. */
function maskClientSecret(): void {
  const secret = clientSecretOf(core.getInput('load-balancer-authentication'))
  if (secret !== undefined) core.setSecret(secret)
}

/** The post step: release what an interrupted sync held. Costs nothing when there is nothing. */
async function post(): Promise<void> {
  const inFlight = inFlightState.read()
  if (!inFlight) return
  maskClientSecret()
  const inputs = readInputs((name) => core.getInput(name), process.env)
  const { runPost } = await import('./runtime.js')
  await runPost(inputs, inFlight)
  inFlightState.clear()
}
