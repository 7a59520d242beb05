// The client's hand checks (src/protocol/checks) are its zod schemas by other means: for values built
// from each schema's shape, and for the same values broken anywhere (tests/protocol/support/arbitraries.ts),
// a check accepts exactly what its schema accepts and then outputs a deep-equal value (stripped keys,
// filled defaults, absent optional keys absent). Every route of the table is held to its schema in
// RouteSchemas, so a route added to one table and not checked alike in the other fails here.
import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { ZodMiniType } from 'zod/mini'
import {
  notificationChannelMessageCheck,
  notificationChannelMessageSchema,
  notificationCheck,
  notificationSchema,
  parseNotificationChannelMessage,
  parseStreamClose,
  parseTaskChannelMessage,
  preferencesCheck,
  preferencesSchema,
  quietHoursCheck,
  quietHoursSchema,
  RouteSchemas,
  Routes,
  runCheck,
  streamCloseCheck,
  streamCloseSchema,
  syncedCheck,
  syncedSchema,
  taskChannelMessageCheck,
  taskChannelMessageSchema,
  taskCompletedCheck,
  taskCompletedSchema,
  taskFailedCheck,
  taskFailedSchema,
  taskProgressCheck,
  taskProgressSchema,
  textParamsCheck,
  textParamsSchema,
  type Check,
  type RouteName,
} from '../../src/protocol'
import { checkNotification } from '../../src/protocol/notificationCheck'
import { userOf } from '../../src/protocol/userCheck'
import { arbitraryOf } from './support/arbitraries'

/**
 * Deep-equal with the same prototypes and the same own keys (an absent key is not an undefined one).
 * Not `toStrictEqual` alone: it compares `a.constructor`, which a record with a key named `constructor`
 * (say `{constructor: []}` from two JSON.parse calls) makes differ between equal values.
 */
function expectSameValue(actual: unknown, expected: unknown): void {
  if (isDeepStrictEqual(actual, expected))
    return
  expect(actual).toStrictEqual(expected) // a readable diff when it fails
  expect.unreachable('the values differ in a prototype or an own key')
}

const RUNS = 300

/** Both verdicts and, on success, both outputs, compared key for key (a key present as undefined counts). */
function expectSameAsSchema(check: Check<unknown>, schema: ZodMiniType, value: unknown): void {
  const byZod = schema.safeParse(value)
  const byHand = runCheck(check, value)
  expect(byHand.ok, `zod ${byZod.success ? 'accepts' : 'refuses'} ${JSON.stringify(value)}`).toBe(byZod.success)
  if (byZod.success && byHand.ok)
    expectSameValue(byHand.value, byZod.data)
}

function holdsToSchema(check: Check<unknown>, schema: ZodMiniType): void {
  fc.assert(fc.property(arbitraryOf(schema), (value) => {
    expect(schema.safeParse(value).success).toBe(true)
    expectSameAsSchema(check, schema, value)
  }), { numRuns: RUNS / 3 })
  fc.assert(fc.property(arbitraryOf(schema, true), value => expectSameAsSchema(check, schema, value)), { numRuns: RUNS })
}

const pairs: Array<[string, Check<unknown>, ZodMiniType]> = [
  ['notification', notificationCheck, notificationSchema],
  ['text params', textParamsCheck, textParamsSchema],
  ['preferences', preferencesCheck, preferencesSchema],
  ['quiet hours', quietHoursCheck, quietHoursSchema],
  ['task progress', taskProgressCheck, taskProgressSchema],
  ['task completed', taskCompletedCheck, taskCompletedSchema],
  ['task failed', taskFailedCheck, taskFailedSchema],
  ['sync answer (synced)', syncedCheck, syncedSchema],
  ['notification-channel frame', notificationChannelMessageCheck, notificationChannelMessageSchema],
  ['task-channel frame', taskChannelMessageCheck, taskChannelMessageSchema],
  ['SSE close event', streamCloseCheck, streamCloseSchema],
]

describe('each hand check accepts and outputs exactly what its zod schema does', () => {
  test.each(pairs)('the %s check', (_name, check, schema) => holdsToSchema(check, schema))

  const restRoutes = (Object.keys(Routes) as RouteName[]).filter(name => Routes[name].kind === 'rest')
  test.each(restRoutes)('the reply check of the route %s', (name) => {
    holdsToSchema(Routes[name].check!, RouteSchemas[name]!)
  })

  test('the check of the stored user (userOf) takes what userSchema takes', () => {
    const schema = RouteSchemas.me
    fc.assert(fc.property(arbitraryOf(schema, true), (value) => {
      const byZod = schema.safeParse(value)
      expectSameValue(userOf(value), byZod.success ? byZod.data : null)
    }), { numRuns: RUNS })
  })

  test('the notification fast path only ever takes what zod takes, and outputs the same', () => {
    fc.assert(fc.property(arbitraryOf(notificationSchema, true), (value) => {
      const fast = checkNotification(value)
      const byZod = notificationSchema.safeParse(value)
      if (fast !== null)
        expectSameValue(fast, byZod.data)
      if (!byZod.success)
        expect(fast).toBeNull()
    }), { numRuns: RUNS })
  })
})

describe('the client parsers give what parsing with the schemas would', () => {
  const frames: Array<[string, (raw: unknown) => { ok: boolean, value?: unknown }, ZodMiniType]> = [
    ['notification socket', parseNotificationChannelMessage, notificationChannelMessageSchema],
    ['task socket', parseTaskChannelMessage, taskChannelMessageSchema],
  ]
  test.each(frames)('a %s frame, as text or decoded JSON, is taken exactly when its schema takes it', (_name, parse, schema) => {
    fc.assert(fc.property(arbitraryOf(schema, true), fc.boolean(), (frame, asText) => {
      const byZod = schema.safeParse(frame)
      // Text goes through JSON, which drops undefined values: compare with what zod makes of the same text.
      const raw = asText ? JSON.stringify(frame) : frame
      const expected = asText && raw !== undefined ? schema.safeParse(JSON.parse(raw as string)) : byZod
      const result = parse(raw)
      expect(result.ok).toBe(expected.success)
      if (result.ok)
        expectSameValue(result.value, expected.data)
    }), { numRuns: RUNS })
  })

  test('an SSE close event is read exactly when its schema takes it', () => {
    fc.assert(fc.property(arbitraryOf(streamCloseSchema, true), (data) => {
      const text = JSON.stringify(data) ?? 'undefined'
      const byZod = streamCloseSchema.safeParse(data === undefined ? undefined : JSON.parse(text))
      expectSameValue(parseStreamClose(text), byZod.success ? byZod.data : null)
    }), { numRuns: RUNS })
  })
})
