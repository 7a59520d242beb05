// The message syntax Tidings' texts and the app's own use: the part of vue-i18n's they need, `{name}`
// placeholders and "one | many" or "zero | one | many" choices. Plain functions (no Vue), shared by
// the library's texts (src/plugin/text.ts) and the app's (src/i18n/), so neither needs vue-i18n.

/** Values for a message's `{name}` placeholders. */
export type TextValues = Record<string, unknown>

/** A catalogue of messages: strings, grouped in nested objects ("bell.title"). */
export interface MessageTable {
  readonly [key: string]: string | MessageTable
}

type Segment = string | { name: string }
const compiled = new Map<string, Segment[][]>()

/** The message at a dotted `key` of `table`, if there is one. */
export function lookupMessage(table: MessageTable | undefined, key: string): string | undefined {
  let node: unknown = table
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object')
      return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

function compile(message: string): Segment[][] {
  let choices = compiled.get(message)
  if (!choices) {
    choices = message.split(/\s*\|\s*/).map(choice =>
      choice.split(/(\{\s*\w+\s*\})/).filter(Boolean).map(part =>
        /^\{\s*\w+\s*\}$/.test(part) ? { name: part.slice(1, -1).trim() } : part))
    compiled.set(message, choices)
  }
  return choices
}

/** vue-i18n's default rule: two choices are one | many, three are zero | one | many. */
function choiceIndex(count: number, choices: number): number {
  const abs = Math.abs(count)
  const index = choices === 2 ? (abs === 1 ? 0 : 1) : Math.min(abs, 2)
  return Math.min(index, choices - 1)
}

/**
 * `message` filled with `values`; a number (or `count`) picks the choice of a "zero | one | many"
 * message and fills `{n}`/`{count}`, as vue-i18n's `t(key, n)` and `t(key, values, n)` do.
 */
export function formatMessage(message: string, values?: TextValues | number, count?: number): string {
  const named: TextValues = typeof values === 'number' ? { n: values, count: values } : { ...values }
  const choice = typeof values === 'number' ? values : count
  if (count !== undefined) {
    named.n ??= count
    named.count ??= count
  }
  const choices = compile(message)
  const segments = choices[choice === undefined ? 0 : choiceIndex(choice, choices.length)]
  return segments.map(part => typeof part === 'string' ? part : String(named[part.name] ?? '')).join('')
}
