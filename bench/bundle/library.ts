// Section "bundle", library part: what Tidings adds to a consumer's bundle. The package is built as
// it is packed (vite.lib.config.ts, into bench/.scratch/), then two tiny consumer entries are bundled
// and minified with Vite against it, the way an app that installed `tidings` would:
//   headless  createTidings, useNotifications, useUnreadCount from tidings/vue (+ what they pull from
//             `tidings` and zod); vue and pinia external (the app has them anyway). Budget 15 KB gzip.
//   bell      the prebuilt bell from tidings/element-plus; vue, pinia, element-plus and its icons
//             external, so the figure is Tidings' own code for the bell (Element Plus is the app's).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { composition, type GroupShare } from './composition'

export const HEADLESS_BUDGET = 15 * 1024
const HEADLESS_IMPORTS = ['createTidings', 'useNotifications', 'useUnreadCount']
/** The bell's export name in tidings/element-plus. */
const BELL_EXPORT = 'NotificationBell'
const PEERS = [/^vue$/, /^@vue\//, /^pinia$/, /^element-plus($|\/)/, /^@element-plus\//]

export interface ConsumerBundle {
  /** What the consumer entry imports, as written. */
  imports: string
  files: number
  bytes: number
  gzip: number
  /** Which source folders (src/stores, src/realtime…) and packages (zod…) the bytes come from. */
  composition: GroupShare[]
  /** Set when the entry could not be built (an export missing from the package). */
  error?: string
}

export interface LibraryBundleResult {
  headless: ConsumerBundle
  bell: ConsumerBundle
}

const SCRATCH = resolve('bench/.scratch', `library-${process.pid}`)

async function buildPackage(): Promise<string> {
  const outDir = join(SCRATCH, 'package')
  await build({ configFile: resolve('vite.lib.config.ts'), mode: 'browser', logLevel: 'warn', build: { outDir, emptyOutDir: true } })
  return outDir
}

async function bundleConsumer(name: string, imports: string, packageDir: string): Promise<ConsumerBundle> {
  const root = join(SCRATCH, name)
  mkdirSync(root, { recursive: true })
  writeFileSync(join(root, 'entry.js'), `export ${imports}\n`)
  try {
    await build({
      configFile: false,
      root,
      logLevel: 'warn',
      resolve: {
        alias: [
          { find: /^tidings$/, replacement: join(packageDir, 'index.js') },
          { find: /^tidings\/(vue|element-plus)$/, replacement: join(packageDir, '$1.js') },
        ],
      },
      build: {
        outDir: join(root, 'dist'),
        emptyOutDir: true,
        minify: true,
        // Hidden maps: the .js files stay byte for byte what is measured; the maps only attribute bytes.
        sourcemap: 'hidden',
        rolldownOptions: {
          input: join(root, 'entry.js'),
          external: id => PEERS.some(peer => peer.test(id)),
          preserveEntrySignatures: 'exports-only',
        },
      },
    })
  }
  catch (error) {
    // Rolldown's first line only counts the errors; the next lines say which export is missing.
    // Without the terminal colour codes of the message.
    const lines = (error as Error).message.replace(/\x1b\[[\d;]*m/g, '').split('\n').map(line => line.trim()).filter(Boolean)
    return { imports, files: 0, bytes: 0, gzip: 0, composition: [], error: lines.slice(0, 3).join(' ').slice(0, 300) }
  }
  const files = readdirSync(join(root, 'dist'), { recursive: true, encoding: 'utf8' }).filter(file => file.endsWith('.js'))
  const contents = files.map(file => readFileSync(join(root, 'dist', file)))
  return {
    imports,
    files: files.length,
    bytes: contents.reduce((sum, content) => sum + content.length, 0),
    gzip: contents.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0),
    composition: composition(files.map(file => join(root, 'dist', file))),
  }
}

export async function runLibraryBundle(): Promise<LibraryBundleResult> {
  try {
    const packageDir = await buildPackage()
    return {
      headless: await bundleConsumer('headless', `{ ${HEADLESS_IMPORTS.join(', ')} } from 'tidings/vue'`, packageDir),
      bell: await bundleConsumer('bell', `{ ${BELL_EXPORT} } from 'tidings/element-plus'`, packageDir),
    }
  }
  finally {
    rmSync(SCRATCH, { recursive: true, force: true })
  }
}
