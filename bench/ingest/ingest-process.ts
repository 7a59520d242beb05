// Runs the ingest comparison in a process of its own (memory readings are this process's alone):
// the same burst of pushed frames, each its own task as a socket delivers them, into our store and
// into the document's pattern, alternately, with a "view" effect reading what the bell and the list show.
import { createPinia, setActivePinia } from 'pinia'
import { effectScope, watchEffect, type Ref } from 'vue'
import { MAX_NOTIFICATIONS_PER_USER, MessageType, type Notification } from '../../src/protocol'
import { serve } from '../lib/ipc'
import { heapNow, settledMemory } from '../lib/memory'
import { createDocumentPatternStore } from './document-pattern'
import { createFloorStore } from './floor'
import { FRAME_MS, installNodeDom } from './node-dom'

export type Variant = 'store' | 'document-pattern' | 'floor'

export interface IngestRun {
  variant: Variant
  count: number
  /** From the first frame handed over to the view showing the last one. */
  ms: number
  /** Times the view effect re-ran during the burst. */
  viewUpdates: number
  /** Animation frames that ticked during the burst. */
  frames: number
  /** Highest heap (sampled every 100 frames, no forced GC) above the settled heap before the burst. */
  peakHeapBytes: number
  /** Heap still held after GC, above the settled heap before the burst. */
  retainedBytes: number
  /** Notifications the view holds at the end (our store is bounded). */
  held: number
  unreadShown: number
}

const clock = installNodeDom()
const { useNotificationsStore } = await import('../../src/stores/notifications')

interface IngestTarget {
  items: Readonly<Ref<readonly Notification[]>>
  unreadCount: Readonly<Ref<number>>
  addNotification: (data: Notification) => void
  /** Stops what the store left running (its badge recheck timer), so it cannot fire in a later run's burst. */
  dispose: () => void
}

function frames(count: number, offset: number): string[] {
  const base = Date.parse('2025-10-23T12:00:00Z')
  return Array.from({ length: count }, (_, index) => JSON.stringify({
    type: MessageType.Notification,
    data: {
      id: String(offset + index + 1),
      title: '分析完成',
      content: `${String(index % 1_000_000).padStart(6, '0')} 分析已完成`,
      type: 'analysis',
      link: `/stocks/${String(index % 1_000_000).padStart(6, '0')}`,
      source: 'analysis',
      created_at: new Date(base + offset + index).toISOString(),
      status: 'unread',
      archived: false,
      snoozed_until: null,
    } satisfies Notification,
  }))
}

function targetFor(variant: Variant): IngestTarget {
  setActivePinia(createPinia())
  if (variant === 'document-pattern')
    return { ...createDocumentPatternStore(), dispose: () => {} }
  if (variant === 'floor')
    return createFloorStore()
  const store = useNotificationsStore()
  // The way a socket's frame goes in (stores/websocket.ts: inboxEventOf, then the store's `ingest`).
  const ingest = store.ingest
  return {
    items: { get value() { return store.items } } as Ref<Notification[]>,
    unreadCount: { get value() { return store.unreadCount } } as Ref<number>,
    addNotification: item => ingest.apply({ type: 'arrived', item }),
    dispose: () => store.$dispose(),
  }
}

let offset = 0

/**
 * Where in a frame each variant's next burst starts, as a fraction of it: pushes do not wait for the
 * screen, so runs start at points spread over the frame (the golden-ratio sequence spreads any number
 * of runs evenly) instead of wherever the forced GCs before a run left the frame clock.
 */
const phaseRuns: Record<Variant, number> = { 'store': 0, 'document-pattern': 0, 'floor': 0 }
function nextPhase(variant: Variant): number {
  phaseRuns[variant] += 1
  return (phaseRuns[variant] * 0.618_033_988_75) % 1
}

async function run({ variant, count }: { variant: Variant, count: number }): Promise<IngestRun> {
  const burst = frames(count, offset)
  offset += count // the last frame's id is now `offset`
  const target = targetFor(variant)
  const scope = effectScope()
  let viewUpdates = 0
  let shown: string[] = []
  let unreadShown = 0
  const lastId = String(offset)
  // The server keeps a user's newest 1000, so our badge never claims more; the document's pattern counts all.
  const expectedBadge = variant === 'store' ? Math.min(count, MAX_NOTIFICATIONS_PER_USER) : count
  let peak = 0
  const sample = () => {
    const heap = heapNow()
    if (heap > peak)
      peak = heap
  }
  let done: () => void = () => {}
  const finished = new Promise<void>((resolve) => {
    done = resolve
  })
  scope.run(() => {
    // What the bell and the first screen of the list read: the badge and the newest rows.
    watchEffect(() => {
      viewUpdates++
      shown = target.items.value.slice(0, 20).map(item => item.title)
      unreadShown = target.unreadCount.value
      if (target.items.value[0]?.id === lastId && unreadShown === expectedBadge)
        done()
    })
  })
  viewUpdates = 0
  const before = (await settledMemory()).heapUsed
  peak = before
  await clock.afterFrame(nextPhase(variant) * FRAME_MS)
  const framesBefore = clock.frames
  const started = performance.now()
  let index = 0
  // Each frame is its own task, as a socket's message events are, so timers (frames) run between them.
  await new Promise<void>((resolve) => {
    const deliver = () => {
      const message = JSON.parse(burst[index++]) as { type: string, data: Notification }
      if (message.type === MessageType.Notification)
        target.addNotification(message.data)
      if (index % 100 === 0)
        sample()
      if (index < burst.length)
        setImmediate(deliver)
      else
        resolve()
    }
    setImmediate(deliver)
  })
  sample()
  await finished
  const ms = performance.now() - started
  sample()
  const held = target.items.value.length
  scope.stop()
  const after = (await settledMemory()).heapUsed
  target.dispose()
  void shown
  return {
    variant,
    count,
    ms,
    viewUpdates,
    frames: clock.frames - framesBefore,
    peakHeapBytes: peak - before,
    retainedBytes: after - before,
    held,
    unreadShown,
  }
}

serve({ run: (args: { variant: Variant, count: number }) => run(args) })
