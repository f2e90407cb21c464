// How a sync run ended, for its outputs, its summary and its exit code.

export type SyncOutcome =
  | { readonly kind: 'done' }
  | { readonly kind: 'claim-lost' }
  | { readonly kind: 'superseded'; readonly why: string }
  | { readonly kind: 'failed'; readonly phase: string; readonly cause: string }
