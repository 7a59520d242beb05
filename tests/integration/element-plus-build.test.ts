// The app build's cuts in Element Plus's dependencies (build/slimElementPlus.ts): they must keep
// holding as the packages and the app change.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as allIcons from '@element-plus/icons-vue'
import { iconPerModule, iconsFile } from '../../build/slimElementPlus'

type Load = (id: string) => string | { code: string } | null

function load(id: string): string {
  const plugin = iconPerModule()
  const result = (plugin.load as unknown as Load)(id)
  return typeof result === 'string' ? result : result?.code ?? ''
}

function vueFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap(entry =>
    entry.isDirectory() ? vueFiles(join(dir, entry.name)) : entry.name.endsWith('.vue') ? [join(dir, entry.name)] : [])
}

test('every icon of the package is offered under its own name, each from a module of its own', () => {
  const index = load(`${iconsFile()}?tidings-icons`)
  const offered = [...index.matchAll(/export \{ default as (\w+) \} from "[^"]*\?tidings-icon=(\w+)"/g)]
  expect(offered.map(([, name]) => name).sort()).toEqual(Object.keys(allIcons).sort())
  const bell = offered.find(([, name]) => name === 'Bell')!
  const module = load(`${iconsFile()}?tidings-icon=${bell[2]}`)
  expect(module).toContain('name: "Bell"')
  expect(module).not.toContain('name: "BellFilled"')
  expect(module).toMatch(/export default bell_default/)
})

test('no button in the app sets ElButton\'s color prop, whose colour code the build leaves out', () => {
  const coloured = vueFiles('src').filter(file =>
    /<el-button\b[^>]*\s:?color=/i.test(readFileSync(file, 'utf8')) || /<ElButton\b[^>]*\s:?color=/.test(readFileSync(file, 'utf8')))
  expect(coloured).toEqual([])
})
