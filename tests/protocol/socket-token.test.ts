import { describe, expect, test } from 'vitest'
import { BEARER_SUBPROTOCOL_PREFIX, SUBPROTOCOL, socketTokenOf } from '../../src/protocol'

describe('the token a socket request carries', () => {
  test('is the query\'s token, before any bearer subprotocol', () => {
    expect(socketTokenOf('?token=abc.def.ghi', [SUBPROTOCOL, `${BEARER_SUBPROTOCOL_PREFIX}other`])).toBe('abc.def.ghi')
  })

  test('is the bearer subprotocol when the query has none, or an empty one', () => {
    for (const search of ['', '?', '?lang=zh', '?token=', '?token'])
      expect(socketTokenOf(search, [SUBPROTOCOL, `${BEARER_SUBPROTOCOL_PREFIX}jwt-1`]), search).toBe('jwt-1')
  })

  test('is null when neither carries one', () => {
    expect(socketTokenOf('?lang=zh', [SUBPROTOCOL])).toBeNull()
  })

  // The server reads the query without a full parse; whatever a client encodes must still read as
  // URLSearchParams reads it, or a token would be refused (or a different one accepted).
  test.each([
    'token=a.b.c',
    '?token=a.b.c&token=second',
    '?x=1&token=a%2Eb%2Ec&y=2',
    '?token=a+b',
    '?%74oken=encoded-key',
    '?tok%65n=one&token=two',
    '?token=%E4%BD%A0',
    '?token=bad%zzescape',
    '?token=a=b=c',
    '?&&token=after-empties',
    '?tokens=not-it&token=it',
  ])('reads %s as URLSearchParams does', (search) => {
    expect(socketTokenOf(search, [])).toBe(new URLSearchParams(search).get('token') || null)
  })
})
