// Feature flags from the PR description, for apps that read them (Apache Superset does):
// `FEATURE_<WORD>=<value>` anywhere in the body, after a word boundary. Only `<prefix><WORD>` set
// to True or False ever reaches the container (the prefix is the feature-flag-prefix input, such
// as SUPERSET_FEATURE_); values that are not a clear yes or no are skipped and reported.

export interface FeatureFlag {
  readonly name: string
  readonly value: 'True' | 'False'
}

const FLAG = /\bFEATURE_(\w+)=(\w+)/g
const YES = new Set(['true', '1', 'yes'])
const NO = new Set(['false', '0', 'no'])

export function parseFeatureFlags(
  body: string,
  prefix: string
): { flags: FeatureFlag[]; skipped: string[] } {
  const byName = new Map<string, FeatureFlag>()
  const skipped: string[] = []
  for (const match of body.matchAll(FLAG)) {
    const [text, word = '', raw = ''] = match
    const value = raw.toLowerCase()
    const name = `${prefix}${word}`
    // A flag given twice keeps its last value (the Python tool passed both to the container).
    if (YES.has(value)) byName.set(name, { name, value: 'True' })
    else if (NO.has(value)) byName.set(name, { name, value: 'False' })
    else skipped.push(text)
  }
  return { flags: [...byName.values()], skipped }
}
