// What set-state says besides its job summary: a commit set to failed is an error annotation on
// the run, with the cause the workflow gave (the error-message input) or a note that it gave none.

export interface SetStateReport {
  /** The error annotation, for a commit set to failed. */
  readonly error?: string
  /** The cause the job summary shows, when the workflow gave one. */
  readonly cause?: string
}

export function setStateReport(sha: string, status: string, errorMessage: string): SetStateReport {
  if (status !== 'failed') return {}
  return {
    error: `${sha} failed: ${errorMessage || 'no cause given (error-message input)'}`,
    ...(errorMessage && { cause: errorMessage })
  }
}
