// Vitest setup: a test that makes no assertion fails, so that no test passes by asserting nothing.
// Tests of a `describe.concurrent` are not counted this way: vitest keeps one count for the global
// `expect`, so a concurrent neighbour's start would reset a test's count (the drills, the only
// concurrent tests, each assert what their case reached).
import { beforeEach, expect } from 'vitest'

beforeEach(({ task }) => {
  if (!task.concurrent) expect.hasAssertions()
})
