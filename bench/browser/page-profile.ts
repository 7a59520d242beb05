// A CPU profile of the page's main thread (Chrome DevTools Protocol) over the burst, with minified
// positions mapped back through the build's source maps: which source files and functions the
// long tasks were made of.
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { SourceMapIndex, groupOf } from '../bundle/composition'
import { BUILD_DIR } from './app'

interface ProfileNode {
  id: number
  callFrame: { functionName: string, url: string, lineNumber: number, columnNumber: number }
}

interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

export interface PageHotSpot {
  /** Original source file (and line) or the browser's own work ((garbage collector), (program), ...). */
  where: string
  group: string
  selfMs: number
  share: number
}

export interface PageProfiler {
  stop: () => Promise<{ byFunction: PageHotSpot[], byGroup: PageHotSpot[] }>
}

export async function startPageProfile(page: Page): Promise<PageProfiler> {
  const session = await page.context().newCDPSession(page)
  await session.send('Profiler.enable')
  await session.send('Profiler.setSamplingInterval', { interval: 200 })
  await session.send('Profiler.start')
  return {
    async stop() {
      const { profile } = await session.send('Profiler.stop') as unknown as { profile: CpuProfile }
      await session.detach()
      return summarize(profile)
    },
  }
}

function summarize(profile: CpuProfile): { byFunction: PageHotSpot[], byGroup: PageHotSpot[] } {
  const maps = new Map<string, SourceMapIndex | null>()
  const mapFor = (url: string) => {
    if (!maps.has(url)) {
      const path = new URL(url).pathname
      maps.set(url, path.startsWith('/assets/') ? SourceMapIndex.load(join(BUILD_DIR, path)) : null)
    }
    return maps.get(url)!
  }
  const nodes = new Map(profile.nodes.map(node => [node.id, node]))
  const byFunction = new Map<string, { group: string, us: number }>()
  const byGroup = new Map<string, number>()
  let total = 0
  profile.samples.forEach((id, index) => {
    const node = nodes.get(id)
    const delta = profile.timeDeltas[index] ?? 0
    if (!node || node.callFrame.functionName === '(idle)')
      return
    total += delta
    const { url, lineNumber, columnNumber, functionName } = node.callFrame
    let where = functionName || '(anonymous)'
    let group = '(browser)'
    if (url) {
      const original = mapFor(url)?.lookup(lineNumber, columnNumber)
      if (original) {
        group = groupOf(original.source)
        // Sources are relative to the build folder; keep the part from node_modules/ or src/ on.
        const file = original.source.match(/(node_modules\/.*|src\/.*)$/)?.[1] ?? original.source
        where = `${original.name ?? functionName ?? '(anonymous)'} ${file}:${original.line}`
      }
      else {
        group = new URL(url).pathname
        where = `${functionName || '(anonymous)'} ${group}:${lineNumber + 1}`
      }
    }
    const entry = byFunction.get(where) ?? { group, us: 0 }
    entry.us += delta
    byFunction.set(where, entry)
    byGroup.set(group, (byGroup.get(group) ?? 0) + delta)
  })
  const spots = (entries: [string, { group: string, us: number }][]) => entries
    .sort((a, b) => b[1].us - a[1].us)
    .slice(0, 15)
    .map(([where, { group, us }]) => ({ where, group, selfMs: us / 1000, share: total ? us / total : 0 }))
  return {
    byFunction: spots([...byFunction]),
    byGroup: spots([...byGroup].map(([group, us]) => [group, { group, us }])),
  }
}
