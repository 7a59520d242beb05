// The building blocks of the client's hand-written checks (./wire.ts, ./rest.ts). Each one takes what
// the zod/mini construct of the same name takes and outputs what it outputs (objects keep their declared
// keys only, defaults are filled in, optional keys stay absent), so the browser validates frames and
// replies without zod. tests/protocol/checks.property.test.ts holds every check to its schema.
// A check returns the value or throws a CheckError; the path is added on the way out, so a valid value
// costs no path bookkeeping. `runCheck` turns the throw into a result. The factories are marked free of
// side effects, so a consumer's bundler drops every check its code does not reach.

type Path = Array<string | number>

/**
 * Why a value was refused: where (`path`) and what was expected there (`reason`); the message says
 * both (`data.items.0.id: Invalid input: expected string, received number`), as `describeIssues`
 * words a zod failure.
 */
export class CheckError extends Error {
  /** The keys and indexes from the checked value down to the refused part; empty for the value itself. */
  readonly path: Path = []
  /** What was expected at `path`, as zod words it. */
  readonly reason: string
  constructor(reason: string) {
    super(`(root): ${reason}`)
    this.name = 'CheckError'
    this.reason = reason
  }

  /** Puts `key` in front of the path (the failure was inside the value at `key`). */
  within(key: string | number): void {
    this.path.unshift(key)
    this.message = `${this.path.join('.')}: ${this.reason}`
  }
}

/** A check: the value as its schema outputs it, or a thrown CheckError. `absent` says what a missing object key means. */
export type Check<T> = ((value: unknown) => T) & {
  /** As an object key, when absent: stays absent (`optional`) or gets a default (`withDefault`); else it fails. */
  readonly absent?: 'omit' | 'default'
}

/** What `runCheck` answers: the value, or why it was refused. */
export type CheckResult<T> = {
  /** The value passed. */
  ok: true
  /** The value as its schema outputs it. */
  value: T
} | {
  /** The value was refused. */
  ok: false
  /** Where and why, as `path: reason`. */
  message: string
}

/** Runs a check without throwing: the value, or a readable `path: reason` message. */
export function runCheck<T>(check: Check<T>, value: unknown): CheckResult<T> {
  try {
    return { ok: true, value: check(value) }
  }
  catch (error) {
    if (error instanceof CheckError)
      return { ok: false, message: error.message }
    throw error
  }
}

const fail = (reason: string): never => {
  throw new CheckError(reason)
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isNaN(value) ? 'NaN' : typeof value
}

const expected = (what: string, value: unknown): never => fail(`Invalid input: expected ${what}, received ${kindOf(value)}`)

/** Rethrows a failure found inside the part of a value at `key`, with `key` added to its path. */
function within(key: string | number, error: unknown): never {
  if (error instanceof CheckError)
    error.within(key)
  throw error
}

/** zod's `isObject`: anything `typeof` calls an object but null and arrays. */
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** zod's `isPlainObject` (what `z.record` takes): an object literal, `Object.create(null)` or alike. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (!isObject(value))
    return false
  const constructor = value.constructor as unknown
  if (typeof constructor !== 'function')
    return true
  const prototype = constructor.prototype as unknown
  return isObject(prototype) && Object.prototype.hasOwnProperty.call(prototype, 'isPrototypeOf')
}

export const unknown: Check<unknown> = value => value

export const string: Check<string> = value => typeof value === 'string' ? value : expected('string', value)

/** `z.string().check(z.minLength(1))`. */
export const nonEmptyString: Check<string> = value =>
  string(value) || fail('Too small: expected string to have >=1 characters')

/** `z.string().check(z.regex(pattern))`. */
// @__NO_SIDE_EFFECTS__
export function matching(pattern: RegExp): Check<string> {
  return (value) => {
    const text = string(value)
    return pattern.test(text) ? text : fail(`Invalid string: must match pattern ${String(pattern)}`)
  }
}

export const boolean: Check<boolean> = value => typeof value === 'boolean' ? value : expected('boolean', value)

/** `z.number()` (finite) with `z.gte(min)` / `z.lte(max)`; `positive` is `z.positive()`. */
// @__NO_SIDE_EFFECTS__
export function number(min = -Infinity, max = Infinity, positive = false): Check<number> {
  return (value) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      return expected('number', value)
    if (value < min || (positive && value <= 0))
      return fail(`Too small: expected number to be ${positive ? '>0' : `>=${min}`}`)
    return value <= max ? value : fail(`Too big: expected number to be <=${max}`)
  }
}

/** `z.number().check(z.int(), z.gte(min), z.lte(max))`: a safe integer. */
// @__NO_SIDE_EFFECTS__
export function integer(min = -Infinity, max = Infinity): Check<number> {
  const inRange = number(min, max)
  return (value) => {
    if (typeof value === 'number' && Number.isFinite(value) && !Number.isSafeInteger(value))
      return Number.isInteger(value) ? fail('Too big: expected int to be within the safe integer range') : expected('int', value)
    return inRange(value)
  }
}

/** `z.literal(value)` / `z.null()`. */
// @__NO_SIDE_EFFECTS__
export function literal<const T>(accepted: T): Check<T> {
  return value => value === accepted ? accepted : fail(`Invalid input: expected ${JSON.stringify(accepted)}`)
}

/** `z.enum(values)`. */
// @__NO_SIDE_EFFECTS__
export function oneOf<const T extends readonly string[]>(values: T): Check<T[number]> {
  const accepted: ReadonlySet<unknown> = new Set(values)
  return value => accepted.has(value) ? value as T[number] : fail(`Invalid option: expected one of ${values.map(item => JSON.stringify(item)).join('|')}`)
}

/** `z.nullable(check)`. */
// @__NO_SIDE_EFFECTS__
export function nullable<T>(check: Check<T>): Check<T | null> {
  return value => value === null ? null : check(value)
}

/** `z.optional(check)`: undefined passes; an object key that is absent stays absent. */
// @__NO_SIDE_EFFECTS__
export function optional<T>(check: Check<T>): Check<T | undefined> {
  return Object.assign((value: unknown) => value === undefined ? undefined : check(value), { absent: 'omit' as const })
}

/** `z._default(check, fallback)`: undefined (or an absent key) becomes `fallback`. */
// @__NO_SIDE_EFFECTS__
export function withDefault<T>(check: Check<T>, fallback: T): Check<T> {
  return Object.assign((value: unknown) => value === undefined ? fallback : check(value), { absent: 'default' as const })
}

/** `z.array(check)`, with `z.minLength(min)`. */
// @__NO_SIDE_EFFECTS__
export function array<T>(check: Check<T>, min = 0): Check<T[]> {
  return (value) => {
    if (!Array.isArray(value))
      return expected('array', value)
    const items: T[] = []
    try {
      for (const item of value)
        items.push(check(item))
    }
    catch (error) {
      within(items.length, error)
    }
    return items.length >= min ? items : fail(`Too small: expected array to have >=${min} items`)
  }
}

/** `z.record(z.string(), check)`: every own enumerable key but `__proto__`, which zod skips. */
// @__NO_SIDE_EFFECTS__
export function record<T>(check: Check<T>): Check<Record<string, T>> {
  return (value) => {
    if (!isPlainObject(value))
      return expected('record', value)
    const out: Record<string, T> = {}
    let key = ''
    try {
      for (key of Object.keys(value)) {
        if (key !== '__proto__')
          out[key] = check(value[key])
      }
    }
    catch (error) {
      within(key, error)
    }
    return out
  }
}

type Shape = Record<string, Check<unknown>>
type Output<S extends Shape> = { [K in keyof S]: ReturnType<S[K]> }

/**
 * `z.object(shape)`: the declared keys only (unknown ones are stripped). A key that is absent fails
 * unless its check is `optional` (stays absent) or `withDefault` (gets the default): every other check
 * refuses undefined (none of the protocol's required fields is `z.unknown()`).
 */
// @__NO_SIDE_EFFECTS__
export function object<S extends Shape>(shape: S): Check<Output<S>> {
  const keys = Object.keys(shape)
  return (value) => {
    if (!isObject(value))
      return expected('object', value)
    const out: Record<string, unknown> = {}
    let key = ''
    try {
      for (key of keys) {
        const check = shape[key]!
        const field = value[key]
        if (field === undefined && check.absent === 'omit') {
          if (key in value)
            out[key] = undefined
          continue
        }
        out[key] = check(field)
      }
    }
    catch (error) {
      within(key, error)
    }
    return out as Output<S>
  }
}

/** `z.union(checks)`: the first alternative that accepts the value. */
// @__NO_SIDE_EFFECTS__
export function union<T>(...checks: Array<Check<T>>): Check<T> {
  return (value) => {
    const reasons: string[] = []
    for (const check of checks) {
      try {
        return check(value)
      }
      catch (error) {
        if (!(error instanceof CheckError))
          throw error
        reasons.push(error.message)
      }
    }
    return fail(`Invalid input: none of its forms matched (${reasons.join(' | ')})`)
  }
}

/** `z.discriminatedUnion('type', ...)`: the check of the object's `type`; `types` lists the accepted ones. */
// @__NO_SIDE_EFFECTS__
export function byType<T>(checks: Record<string, Check<T>>): Check<T> & {
  /** The accepted values of `type`. */
  readonly types: ReadonlySet<string>
} {
  const check = (value: unknown): T => {
    if (!isObject(value))
      return expected('object', value)
    const type = value.type
    if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(checks, type)) {
      const error = new CheckError(`Invalid input: expected one of ${Object.keys(checks).map(name => JSON.stringify(name)).join('|')}`)
      error.within('type')
      throw error
    }
    return checks[type]!(value)
  }
  return Object.assign(check, { types: new Set(Object.keys(checks)) })
}
