// Vitest setup: a test that makes no assertion fails, so that no test passes by asserting nothing.
// (Tests of a `describe.concurrent` are not counted this way; each of the drills' asserts.)
import { beforeEach, expect } from 'vitest'

beforeEach(() => {
  expect.hasAssertions()
})
