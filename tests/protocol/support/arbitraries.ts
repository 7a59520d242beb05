// fast-check arbitraries read off a zod/mini schema's definition: values the schema accepts, built from
// its shape (every object key, optional keys sometimes absent or present as undefined, numbers at
// and inside their bounds, strings matching their pattern), and, with `mutate`, the same values with
// things broken at any depth: a wrong type, null, NaN, a number out of range, a bad literal, a key
// missing, an unknown key added. The checks' property tests feed both to a check and its schema.
import fc from 'fast-check'

interface Def {
  type: string
  shape?: Record<string, Schema>
  innerType?: Schema
  element?: Schema
  valueType?: Schema
  options?: Schema[]
  entries?: Record<string, string>
  values?: unknown[]
  checks?: Array<{ _zod: { def: CheckDef } }>
}
interface CheckDef { check: string, format?: string, pattern?: RegExp, value?: number, inclusive?: boolean, minimum?: number }
interface Schema { _zod: { def: Def, optin?: string } }

/** Values no field of the protocol takes, or takes only at a bound: each one a likely mistake. */
const junk = fc.constantFrom<unknown>(
  null, undefined, 0, -0, -1, 0.5, 1.5, 99.5, 100, 100.5, 101, 999, 1000, 4999, 5000, 2 ** 53, -(2 ** 53), Number.NaN,
  Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '', 'x', '24:00', '9:00', 'analysis', 'read', 'bearer', 'admin',
  'notification', 'progress', true, false, [], ['a'], {}, { a: 1 }, { toast: true },
)

const checksOf = (def: Def): CheckDef[] => (def.checks ?? []).map(check => check._zod.def)

/** With `mutate`, the valid values and, one time in four, a near miss: just outside a bound, a fraction, a bad string. */
function nearMisses<T>(valid: fc.Arbitrary<T>, misses: unknown[], mutate: boolean): fc.Arbitrary<unknown> {
  return mutate && misses.length ? fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...misses) }) : valid
}

function numberOf(def: Def, mutate: boolean): fc.Arbitrary<unknown> {
  let min = -1e6
  let max = 1e6
  let minExcluded = false
  let integer = false
  for (const check of checksOf(def)) {
    if (check.check === 'number_format')
      integer = true
    if (check.check === 'greater_than') {
      min = check.value!
      minExcluded = !check.inclusive
    }
    if (check.check === 'less_than')
      max = check.value!
  }
  const bounds = fc.constantFrom(...[min, max].filter(bound => !(minExcluded && bound === min)))
  const inside = integer
    ? fc.integer({ min: Math.ceil(minExcluded ? min + 1 : min), max: Math.floor(max) })
    : fc.double({ min, max, minExcluded, noNaN: true, noDefaultInfinity: true })
  const misses = [min, min - 1, min - 0.5, max + 0.5, max + 1, min + 0.5, 2 ** 53, -(2 ** 53), String(min)]
  return nearMisses(fc.oneof(inside, bounds), misses, mutate)
}

function stringOf(def: Def, mutate: boolean): fc.Arbitrary<unknown> {
  const checks = checksOf(def)
  const pattern = checks.find(check => check.format === 'regex')?.pattern
  if (pattern)
    return nearMisses(fc.stringMatching(pattern), ['24:00', '9:00', '12:60', ' 12:00', '12:00\n', ''], mutate)
  const minLength = checks.find(check => check.check === 'min_length')?.minimum ?? 0
  const valid = fc.oneof(fc.string({ minLength, maxLength: 12 }), fc.constantFrom('分析完成', '2025-10-23T12:00:00Z', 'a'.repeat(Math.max(minLength, 1))))
  return nearMisses(valid, ['', 0, null], mutate)
}

/** A record with own keys, `__proto__` included (as JSON.parse makes it) when mutating. */
function recordOf(values: fc.Arbitrary<unknown>, mutate: boolean): fc.Arbitrary<Record<string, unknown>> {
  const key = mutate ? fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__proto__', 'constructor', 'toString')) : fc.string({ maxLength: 6 })
  return fc.array(fc.tuple(key, values), { maxLength: 4 }).map((entries) => {
    const out: Record<string, unknown> = {}
    for (const [name, value] of entries)
      Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true })
    return out
  })
}

function objectOf(shape: Record<string, Schema>, mutate: boolean): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(shape)
  const fields = Object.fromEntries(keys.map(key => [key, arbitraryOf(shape[key]!, mutate)]))
  const requiredKeys = keys.filter(key => shape[key]!._zod.optin === undefined)
  const record = fc.record(fields, { requiredKeys })
  if (!mutate)
    return record
  const extraKeys = fc.dictionary(fc.constantFrom('extra', 'priority', 'id', 'type', 'data', '__proto__', 'constructor'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 })
  const dropped = fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...keys) })
  return fc.tuple(record, extraKeys, dropped).map(([value, extra, drop]) => {
    const out: Record<string, unknown> = { ...value }
    for (const [key, item] of Object.entries(extra)) {
      if (!(key in out))
        Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true })
    }
    if (drop !== null)
      delete out[drop]
    return out
  })
}

function validOf(schema: Schema, mutate: boolean): fc.Arbitrary<unknown> {
  const def = schema._zod.def
  switch (def.type) {
    case 'string': return stringOf(def, mutate)
    case 'number': return numberOf(def, mutate)
    case 'boolean': return fc.boolean()
    case 'null': return fc.constant(null)
    case 'unknown': return fc.jsonValue({ maxDepth: 2 })
    case 'enum': return nearMisses(fc.constantFrom(...Object.values(def.entries!)), ['spam', 'ANALYSIS', ''], mutate)
    case 'literal': return nearMisses(fc.constantFrom(...def.values!), [false, 99, 'Bearer', 'true', '100'], mutate)
    case 'optional':
    case 'default': return fc.option(arbitraryOf(def.innerType!, mutate), { nil: undefined, freq: 3 })
    case 'nullable': return fc.option(arbitraryOf(def.innerType!, mutate), { nil: null, freq: 3 })
    case 'array': {
      const minLength = checksOf(def).find(check => check.check === 'min_length')?.minimum ?? 0
      return nearMisses(fc.array(arbitraryOf(def.element!, mutate), { minLength, maxLength: 4 }), minLength ? [[]] : [], mutate)
    }
    case 'record': return recordOf(arbitraryOf(def.valueType!, mutate), mutate)
    case 'object': return objectOf(def.shape!, mutate)
    case 'union': return fc.oneof(...def.options!.map(option => arbitraryOf(option, mutate)))
    default: throw new Error(`no arbitrary for a zod ${def.type} schema: teach tests/protocol/support/arbitraries.ts`)
  }
}

/** Values of `schema`; with `mutate`, about one node in twelve replaced by junk, keys dropped and added. */
export function arbitraryOf(schema: unknown, mutate = false): fc.Arbitrary<unknown> {
  const valid = validOf(schema as Schema, mutate)
  return mutate ? fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: junk }) : valid
}
