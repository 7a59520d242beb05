// Reads a V8 .cpuprofile (node --cpu-prof) and lists where the time went: self time per function,
// top first, with the share of all samples. Enough to name the function a fix has to change.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string, url: string, lineNumber: number }
  children?: number[]
}

interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  samples: number[]
  timeDeltas: number[]
}

/** A span of the shared monotonic clock in µs (V8 profile timestamps and process.hrtime read the same clock). */
export interface TimeWindow {
  fromUs: number
  toUs: number
}

export interface HotFunction {
  name: string
  where: string
  selfMs: number
  share: number
}

export function hotFunctions(path: string, top = 15, window?: TimeWindow): HotFunction[] {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map(node => [node.id, node]))
  const selfUs = new Map<string, { name: string, where: string, us: number }>()
  let total = 0
  let at = profile.startTime
  profile.samples.forEach((id, index) => {
    const node = byId.get(id)
    const delta = profile.timeDeltas[index] ?? 0
    at += delta
    if (window && (at < window.fromUs || at > window.toUs))
      return
    if (!node || node.callFrame.functionName === '(idle)')
      return
    total += delta
    const { functionName, url, lineNumber } = node.callFrame
    const file = url.startsWith('file://') ? relative(process.cwd(), new URL(url).pathname) : url
    const where = file ? `${file}:${lineNumber + 1}` : ''
    const key = `${functionName}@${where}`
    const entry = selfUs.get(key) ?? { name: functionName || '(anonymous)', where, us: 0 }
    entry.us += delta
    selfUs.set(key, entry)
  })
  return [...selfUs.values()]
    .sort((a, b) => b.us - a.us)
    .slice(0, top)
    .map(entry => ({ name: entry.name, where: entry.where, selfMs: entry.us / 1000, share: total ? entry.us / total : 0 }))
}

/** The main thread's profile in a --cpu-prof-dir: the largest file (the loader thread's is small). */
export function mainThreadProfile(dir: string): string | null {
  const files = readdirSync(dir).filter(name => name.endsWith('.cpuprofile')).map(name => join(dir, name))
  return files.sort((a, b) => statSync(b).size - statSync(a).size)[0] ?? null
}
