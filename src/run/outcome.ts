// How a sync run ended, for its outputs, its summary and its exit code.

import type { TaskDiagnosis } from './diagnose.js'

export type SyncOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'claim-lost' }
  | { readonly kind: 'superseded'; readonly why: string }
  | {
      readonly kind: 'failed'
      readonly phase: string
      readonly cause: string
      /** What the failed task said, when the failure was its. */
      readonly diagnosis?: TaskDiagnosis
    }
