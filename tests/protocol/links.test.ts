import { expect, test } from 'vitest'
import { classifyLink } from '../../src/protocol'

test('an app path is followed inside the app', () => {
  expect(classifyLink('/stocks/000001')).toEqual({ kind: 'internal', path: '/stocks/000001' })
  expect(classifyLink('/notifications?status=unread#top')).toEqual({ kind: 'internal', path: '/notifications?status=unread#top' })
})

test('an http or https address opens as an external page', () => {
  expect(classifyLink('https://example.com/report?id=1')).toEqual({ kind: 'external', href: 'https://example.com/report?id=1' })
  expect(classifyLink('http://example.com')).toEqual({ kind: 'external', href: 'http://example.com/' })
})

test.each([
  ['javascript:alert(1)'],
  ['JavaScript:alert(1)'],
  ['data:text/html,<script>alert(1)</script>'],
  ['//evil.example.com/path'],
  ['/\\evil.example.com'],
  ['vbscript:msgbox'],
  ['ftp://example.com/file'],
  ['stocks/000001'],
  [''],
])('%s is not followed at all', (link) => {
  expect(classifyLink(link)).toEqual({ kind: 'none' })
})

test('a missing link is not followed', () => {
  expect(classifyLink(null)).toEqual({ kind: 'none' })
  expect(classifyLink(undefined)).toEqual({ kind: 'none' })
})

test.each([
  ['/\t/evil.example.com'],
  ['/\n/evil.example.com'],
  ['/\r\n/evil.example.com'],
  ['\u0001/stocks/000001'],
  ['https://example.com/\tpath'],
  ['https://example.com/\u007F'],
])('%j, with a control character a browser would drop, is not followed', (link) => {
  expect(classifyLink(link)).toEqual({ kind: 'none' })
})
