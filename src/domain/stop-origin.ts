// Who added a trigger label, as the timeline tells it. A stop trigger whose own `labeled`
// run never came (a newer run replaced it in the workflow's concurrency group) is honoured by any
// run that sees it, but only once the timeline shows who added it: the label alone says nothing
// about who put it there.

/** A `labeled` or `unlabeled` event of an issue's timeline. */
export interface LabelEvent {
  readonly event: 'labeled' | 'unlabeled'
  readonly label: string
  readonly actor: string
}

/**
 * The user who added `label` last, while it is on the issue: the actor of the newest event about
 * it, when that event is its `labeled` one. `events` are the newest of the timeline, without gaps,
 * oldest first. Undefined when they do not say: no event about the label among them, or its newest
 * one removed it.
 */
export function lastAddedBy(events: readonly LabelEvent[], label: string): string | undefined {
  const newest = events.findLast((event) => event.label === label)
  return newest?.event === 'labeled' && newest.actor !== '' ? newest.actor : undefined
}
