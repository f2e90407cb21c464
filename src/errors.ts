/** A problem with the action's inputs or event: reported as one line, never with a stack. */
export class InputError extends Error {
  override name = 'InputError'
}

/** One readable line for `core.setFailed`, whatever was thrown. */
export function oneLine(error: unknown): string {
  const text =
    error instanceof Error
      ? error.message || error.name
      : typeof error === 'string'
        ? error
        : (JSON.stringify(error) ?? String(error))
  const line = text.replace(/\s*\n\s*/g, ' ').trim()
  return line === '' ? 'unknown error' : line
}
