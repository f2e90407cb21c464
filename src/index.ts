// The bundle's entry (action.yml runs it for the main step and the post step). Once run() is done
// (its outputs, state and summary written: file commands are synchronous appends and the summary
// is awaited), the process ends at once, with the exit code setFailed left (1) or 0. Nothing of
// Showtime's own keeps the event loop alive by then (the e2e test of the exit checks that), but a
// dependency's socket or timer must not keep a finished step waiting either.

import { run } from './main.js'
import { debug, isDebug } from './runner/core.js'

/**
 * Listed by process.getActiveResourcesInfo() without holding the step: the pipes or terminals of
 * stdout and stderr, and a file's close request (the summary's), listed after it has completed
 * until the garbage collector takes it.
 */
const NOT_HOLDING = new Set(['PipeWrap', 'TTYWrap', 'CloseReq'])

await run()

const holding = process.getActiveResourcesInfo().filter((resource) => !NOT_HOLDING.has(resource))
if (holding.length > 0 && isDebug())
  debug(`open at the end of the step, not waited for: ${holding.join(', ')}`)
await Promise.all([flushed(process.stdout), flushed(process.stderr)])
process.exit()

/** Resolves once everything written to the stream so far has been handed to the OS. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) resolve()
    else stream.write('', () => resolve())
  })
}
