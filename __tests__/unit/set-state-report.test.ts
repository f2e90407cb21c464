// What set-state says: a commit set to failed is an error annotation with the workflow's cause.

import { expect, it } from 'vitest'
import { setStateReport } from '../../src/presentation/set-state-report.js'

it.each([
  ['running', '', {}],
  ['running', 'ignored for a state that is not failed', {}],
  ['building', '', {}],
  ['failed', 'OOM <killed>', { error: 'abc123f failed: OOM <killed>', cause: 'OOM <killed>' }],
  ['failed', '', { error: 'abc123f failed: no cause given (error-message input)' }]
])('set to %s with error-message %j → %o', (status, message, report) => {
  expect(setStateReport('abc123f', status, message)).toEqual(report)
})
