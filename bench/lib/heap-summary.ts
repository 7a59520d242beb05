// A heap snapshot reduced to "how many objects of each kind and how many bytes", so two snapshots can
// be compared: what a wave of connections left behind, by constructor name.
import { readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeHeapSnapshot } from 'node:v8'

export interface HeapGroup {
  count: number
  bytes: number
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[], node_types: [string[]] } }
  nodes: number[]
  strings: string[]
}

/** Takes a heap snapshot of this process and groups its nodes by `type:name` (e.g. `object:WsConnection`). */
export function heapSummary(): Record<string, HeapGroup> {
  const file = writeHeapSnapshot(join(tmpdir(), `tidings-bench-${process.pid}-${Date.now()}.heapsnapshot`))
  try {
    const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot
    const fields = snapshot.snapshot.meta.node_fields
    const types = snapshot.snapshot.meta.node_types[0]
    const width = fields.length
    const typeAt = fields.indexOf('type')
    const nameAt = fields.indexOf('name')
    const sizeAt = fields.indexOf('self_size')
    const groups: Record<string, HeapGroup> = {}
    for (let index = 0; index < snapshot.nodes.length; index += width) {
      const type = types[snapshot.nodes[index + typeAt]]
      // Strings are grouped by kind, not by their text.
      const name = type === 'string' || type === 'concatenated string' || type === 'sliced string' ? '' : snapshot.strings[snapshot.nodes[index + nameAt]]
      const key = `${type}:${name.slice(0, 80)}`
      const group = (groups[key] ??= { count: 0, bytes: 0 })
      group.count++
      group.bytes += snapshot.nodes[index + sizeAt]
    }
    return groups
  }
  finally {
    rmSync(file, { force: true })
  }
}

export interface HeapGrowth extends HeapGroup {
  key: string
}

/** Groups that grew the most in bytes from `before` to `after`. */
export function heapGrowth(before: Record<string, HeapGroup>, after: Record<string, HeapGroup>, top = 12): HeapGrowth[] {
  return Object.entries(after)
    .map(([key, group]) => ({ key, count: group.count - (before[key]?.count ?? 0), bytes: group.bytes - (before[key]?.bytes ?? 0) }))
    .filter(growth => growth.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top)
}
