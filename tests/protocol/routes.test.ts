import { expect, test } from 'vitest'
import { compilePath, pathOf, Paths, Routes } from '../../src/protocol'

test('a route\'s path is built with its segments URI-encoded', () => {
  expect(pathOf(Routes.markRead, { id: 'a/b c' })).toBe('/api/notifications/a%2Fb%20c/read')
  expect(Paths.taskSocket('t 1')).toBe('/api/ws/tasks/t%201')
})

test('a compiled path matches its own built paths and nothing longer', () => {
  const { pattern, names } = compilePath(Routes.markRead.path)
  expect(names).toEqual(['id'])
  expect(pattern.exec(pathOf(Routes.markRead, { id: '42' }))?.[1]).toBe('42')
  expect(pattern.test('/api/notifications/42/read/again')).toBe(false)
})
