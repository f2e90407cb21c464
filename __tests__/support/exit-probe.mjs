// Loaded into the bundle's process with `node --import` by __tests__/e2e/exit.test.ts. When the
// bundle's process exits, it writes to the file SHOWTIME_EXIT_PROBE names: the node version, the
// exit code, whether the event loop ran empty ('beforeExit') or process.exit() ended it, and what
// was still open then (process.getActiveResourcesInfo()). With SHOWTIME_EXIT_PROBE_LEAK=1 it
// first starts a referenced hour-long timer, as a dependency that forgets one would.
import { writeFileSync } from 'node:fs'

const file = process.env.SHOWTIME_EXIT_PROBE
// Processes the bundle starts (the fake docker) run without the probe.
delete process.env.NODE_OPTIONS
delete process.env.SHOWTIME_EXIT_PROBE

if (file && /dist[\\/]index\.js$/.test(process.argv[1] ?? '')) {
  if (process.env.SHOWTIME_EXIT_PROBE_LEAK === '1') setInterval(() => {}, 3_600_000)
  let loopRanEmpty = false
  process.once('beforeExit', () => {
    loopRanEmpty = true
  })
  process.once('exit', (code) => {
    const report = {
      version: process.version,
      code,
      loopRanEmpty,
      resources: process.getActiveResourcesInfo()
    }
    writeFileSync(file, JSON.stringify(report))
  })
}
