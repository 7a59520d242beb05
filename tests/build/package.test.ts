// The checks that stand between `npm pack` and a consumer: the tarball check (tools/check-package.ts)
// and the declarations' alias rewrite (build/relative-dts-paths.ts), on small packages made here.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, expect, test } from 'vitest'
import { resolvableSpecifiers } from '../../build/relative-dts-paths'
import { packageProblems } from '../../tools/check-package'

const folders: string[] = []
afterEach(() => {
  for (const folder of folders.splice(0))
    rmSync(folder, { recursive: true, force: true })
})

/** A tarball laid out as npm pack lays one out (`package/…`), holding these files. */
function tarball(files: Record<string, string>): string {
  const folder = mkdtempSync(join(tmpdir(), 'tidings-pack-test-'))
  folders.push(folder)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(folder, 'package', path)), { recursive: true })
    writeFileSync(join(folder, 'package', path), content)
  }
  execFileSync('tar', ['-czf', join(folder, 'package.tgz'), '-C', folder, 'package'])
  return join(folder, 'package.tgz')
}

const manifest = (exports: Record<string, string>) => JSON.stringify({
  name: 'tidings',
  exports,
  dependencies: { zod: '^4' },
  peerDependencies: { vue: '^3' },
})

test('a tarball whose exports are packed and whose imports are declared passes', () => {
  const packed = tarball({
    'package.json': manifest({ '.': './dist-lib/index.js' }),
    'dist-lib/index.js': `import { ref } from "vue"\nimport * as z from "zod/mini"\nimport { readFile } from "node:fs"\nimport "./local.js"\n`,
  })
  expect(packageProblems(packed)).toEqual([])
})

test('names a package the built code imports that a consumer would not get installed', () => {
  const packed = tarball({
    'package.json': manifest({ '.': './dist-lib/index.js' }),
    'dist-lib/index.js': `import { useI18n } from "vue-i18n"\n`,
  })
  expect(packageProblems(packed)).toEqual(['dist-lib/index.js imports vue-i18n, which is neither a dependency nor a peer dependency'])
})

test('names a declaration that still imports through the @/ alias', () => {
  const packed = tarball({
    'package.json': manifest({ '.': './dist-lib/index.js' }),
    'dist-lib/index.js': '',
    'dist-lib/types/index.d.ts': `import type { Notification } from '@/protocol'\n`,
  })
  expect(packageProblems(packed)).toEqual(['dist-lib/types/index.d.ts imports @/protocol, which is neither a dependency nor a peer dependency'])
})

test('names an exports target that is not in the tarball', () => {
  const packed = tarball({
    'package.json': manifest({ '.': './dist-lib/index.js', './element-plus.css': './dist-lib/element-plus.css' }),
    'dist-lib/index.js': '',
  })
  expect(packageProblems(packed)).toEqual(['exports["./element-plus.css"] points at ./dist-lib/element-plus.css, which is not in the tarball'])
})

test('names sources packed beside the build', () => {
  const packed = tarball({
    'package.json': manifest({ '.': './dist-lib/index.js' }),
    'dist-lib/index.js': '',
    'src/main.ts': '',
  })
  expect(packageProblems(packed)).toEqual(['packed but not for consumers: src/main.ts'])
})

/** Declaration files that exist, as the build would have written them. */
const written = new Set([
  'dist-lib/types/src/api/http.d.ts',
  'dist-lib/types/src/protocol/index.d.ts',
  'dist-lib/types/src/components/notifications/NotificationBell.vue.d.ts',
  'dist-lib/types/src/stores/bell.d.ts',
])
const resolvable = (text: string, file: string) => resolvableSpecifiers(text, file, 'dist-lib/types', path => written.has(path))

test('a declaration importing through @/ imports the same file by a relative path instead', () => {
  expect(resolvable(`import { ApiError } from '@/api/http';\nexport type X = import("@/protocol").Notification`, 'dist-lib/types/src/stores/notifications.d.ts'))
    .toBe(`import { ApiError } from '../api/http.js';\nexport type X = import("../protocol/index.js").Notification`)
  expect(resolvable(`export * from '@/protocol'`, 'dist-lib/types/lib/index.d.ts')).toBe(`export * from '../src/protocol/index.js'`)
})

test('relative imports in declarations name the .js a Node ESM consumer resolves, components included', () => {
  expect(resolvable(`export { default as NotificationBell } from '../src/components/notifications/NotificationBell.vue';`, 'dist-lib/types/lib/element-plus.d.ts'))
    .toBe(`export { default as NotificationBell } from '../src/components/notifications/NotificationBell.vue.js';`)
  expect(resolvable(`import type { BellTab } from './bell';`, 'dist-lib/types/src/stores/x.d.ts')).toBe(`import type { BellTab } from './bell.js';`)
  expect(resolvable(`import type { Y } from './unknown';`, 'dist-lib/types/src/stores/x.d.ts')).toBe(`import type { Y } from './unknown';`)
})
