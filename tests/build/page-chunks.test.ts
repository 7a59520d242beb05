// How the production build is cut into files (build/pageChunks.ts): the first signed-in page arrives in
// a few files rather than fifty, the login page still downloads none of the signed-in pages' code, and
// no chunk imports one that imports it back (its modules could run before those they use).
import { expect, test } from 'vitest'
import { pageChunks, useAppBuild } from './support/appBuild'

const appChunks = useAppBuild()

const SIGNED_IN_PAGE = /\/src\/views\/(shell\/AppLayout\.vue|NotificationsView\.vue|shell\/SessionConnection\.ts)$/

test('the first signed-in page downloads its code in a handful of files', async () => {
  const files = pageChunks(await appChunks(), SIGNED_IN_PAGE)
  expect(files.flatMap(chunk => chunk.moduleIds).some(id => id.endsWith('/src/inbox/model.ts'))).toBe(true)
  expect(files.length).toBeLessThanOrEqual(12)
}, 180_000)

test('the login page downloads none of the signed-in pages\' code', async () => {
  const modules = pageChunks(await appChunks(), /\/src\/views\/LoginView\.vue$/).flatMap(chunk => chunk.moduleIds)
  expect(modules.some(id => id.endsWith('/src/views/LoginView.vue'))).toBe(true)
  expect(modules.filter(id => /\/src\/(inbox|realtime|views\/shell|components\/notifications)\//.test(id))).toEqual([])
}, 180_000)

test('no chunk imports one that imports it back', async () => {
  const chunks = await appChunks()
  const byName = new Map(chunks.map(chunk => [chunk.fileName, chunk]))
  const cycles: string[] = []
  for (const start of chunks) {
    const path: string[] = []
    const visit = (name: string): void => {
      if (name === start.fileName && path.length) {
        cycles.push([...path, name].join(' → '))
        return
      }
      if (path.includes(name))
        return
      path.push(name)
      byName.get(name)?.imports.forEach(visit)
      path.pop()
    }
    visit(start.fileName)
  }
  expect(cycles).toEqual([])
}, 180_000)
