// Every action of the README's IAM policy is needed: without any one of them, some step of the
// lifecycle fails, with one error line that names the action (as AWS's AccessDenied does).

import { describe, expect, it } from 'vitest'
import { actionsOf, lifecycle, readmePolicy, without } from '../support/iam-lifecycle.js'
import { World } from '../support/world.js'

const policy = await readmePolicy('123456789012', 'us-west-2', 'superset-ci')

describe("the README's IAM policy has no action to spare", () => {
  it.each(actionsOf(policy))(
    'without %s, the lifecycle fails and names it',
    async (action) => {
      const world = await World.start()
      try {
        world.aws.setIamPolicy(without(policy, action))
        const steps = await lifecycle(world)
        const failed = steps.find((s) => s.result.code !== 0)
        expect(failed, `every step passed without ${action}`).toBeDefined()
        const line = failed?.result.commands.errors.at(-1) ?? ''
        expect(line, failed?.result.stdout).toContain(`not authorized to perform: ${action}`)
        console.log(`without ${action}: ${failed?.name} fails: ${line}`)
        // The denied requests were refused as AWS refuses them, which the emulator records.
        world.aws.violations.take()
      } finally {
        await world.stop()
      }
    },
    180_000
  )
})
