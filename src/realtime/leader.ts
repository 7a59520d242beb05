// One connection per browser, not per tab. Tabs queue for a Web Lock; the holder (the leader)
// runs the real connection and relays its state and frames (in batches, see relayBatch.ts) over a
// BroadcastChannel; the others (followers) mirror them. When the leader's tab closes the browser
// releases the lock and the next tab in the queue takes over at once. Without Web Locks every tab
// connects on its own.
import type { ClientMessage, ParseResult } from '@/protocol'
import { MessageType, TabChannelName } from '@/protocol'
import { createEmitter } from './emitter'
import { createRelayBatch } from './relayBatch'
import { SyncFailed } from './syncRequests'
import { createTabChannel, type BroadcastChannelConstructor, type TabChannel } from './tabChannel'
import { initialSnapshot, type ConnectionEvents, type ConnectionSnapshot, type RealtimeConnection } from './types'

/** The part of the Web Locks API we use (`navigator.locks`). */
export interface LockProvider {
  /** Runs `callback` while holding the named lock (Web Locks `navigator.locks.request`). */
  request(name: string, options: { signal?: AbortSignal }, callback: (lock: unknown) => Promise<void>): Promise<unknown>
}

/** `navigator.locks` where the browser has it. */
export function browserLocks(): LockProvider | null {
  const nav = (globalThis as { navigator?: { locks?: LockProvider } }).navigator
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null
}

type RelayMessage =
  | { kind: 'hello' }
  | { kind: 'state', snapshot: ConnectionSnapshot }
  /** The frames the leader received since its last batch, oldest first. */
  | { kind: 'frames', frames: unknown[] }
  | { kind: 'send', message: ClientMessage }
  | { kind: 'reconnect' }
  | { kind: 'resigned' }

export interface SharedConnectionOptions<M> {
  /** Builds the connection a leader tab holds. */
  create: () => RealtimeConnection<M>
  /** Validates frames relayed by the leader (another tab is still outside input). */
  parse: (raw: unknown) => ParseResult<M>
  /** Lock and channel name. @default TabChannelName.Notifications */
  name?: string
  /** Web Locks; null makes every tab connect on its own. @default browserLocks() */
  locks?: LockProvider | null
  /** BroadcastChannel implementation; null makes every tab connect on its own. @default globalThis.BroadcastChannel */
  BroadcastChannel?: BroadcastChannelConstructor | null
}

/** Frames not worth relaying: followers run no watchdog of their own. */
const localOnly = new Set<string>([MessageType.Heartbeat, MessageType.Pong])

export function createSharedConnection<M extends {
  /** The frame's message type (`MessageType`), by which the tabs tell frames apart. */
  type: string
}>(options: SharedConnectionOptions<M>): RealtimeConnection<M> {
  const locks = options.locks === undefined ? browserLocks() : options.locks
  const BroadcastChannelImpl = options.BroadcastChannel === undefined ? globalThis.BroadcastChannel : options.BroadcastChannel
  if (!locks || !BroadcastChannelImpl)
    return options.create()

  const name = options.name ?? TabChannelName.Notifications
  const emitter = createEmitter<ConnectionEvents<M>>()
  let role: 'none' | 'follower' | 'leader' = 'none'
  let snapshot: ConnectionSnapshot = { ...initialSnapshot }
  let inner: RealtimeConnection<M> | null = null
  let channel: TabChannel<RelayMessage> | null = null
  let abort: AbortController | null = null
  let resign: (() => void) | null = null
  let detachInner: (() => void)[] = []
  const relayedFrames = createRelayBatch<unknown>(frames => channel?.post({ kind: 'frames', frames }))

  /** Posts to the other tabs, after the frames still waiting in the batch (no message overtakes them). */
  function post(message: RelayMessage): void {
    relayedFrames.flush()
    channel?.post(message)
  }

  function mirror(next: ConnectionSnapshot): void {
    const wasOpen = snapshot.status === 'open'
    snapshot = next
    emitter.emit('state', snapshot)
    if (!wasOpen && snapshot.status === 'open')
      emitter.emit('open', undefined)
  }

  function becomeLeader(): Promise<void> {
    role = 'leader'
    const connection = options.create()
    inner = connection
    detachInner = [
      connection.on('state', (state) => {
        snapshot = state
        emitter.emit('state', state)
        post({ kind: 'state', snapshot: state })
      }),
      connection.on('open', () => emitter.emit('open', undefined)),
      connection.on('close', info => emitter.emit('close', info)),
      connection.on('invalid', info => emitter.emit('invalid', info)),
      connection.on('message', (message) => {
        emitter.emit('message', message)
        if (!localOnly.has(message.type))
          relayedFrames.add(message)
      }),
    ]
    connection.connect()
    return new Promise<void>((resolve) => {
      resign = resolve
    })
  }

  function onRelay(message: RelayMessage): void {
    // Frames come from the leader. A tab that has just taken over still applies its predecessor's
    // last batch, posted as it resigned: the lock can change hands before that message arrives.
    if (message.kind === 'frames') {
      receive(Array.isArray(message.frames) ? message.frames : [message.frames])
      return
    }
    if (role === 'leader' && inner) {
      if (message.kind === 'hello')
        post({ kind: 'state', snapshot: inner.snapshot })
      else if (message.kind === 'send')
        inner.send(message.message)
      else if (message.kind === 'reconnect')
        inner.reconnectNow()
      return
    }
    if (role !== 'follower')
      return
    if (message.kind === 'state') {
      mirror({ ...message.snapshot, droppedFrames: snapshot.droppedFrames })
    }
    else if (message.kind === 'resigned') {
      mirror({ ...snapshot, status: 'connecting', transport: null })
    }
  }

  /** Relayed frames are still outside input: each is validated, in order; bad ones are counted. */
  function receive(frames: unknown[]): void {
    let dropped = 0
    for (const frame of frames) {
      const result = options.parse(frame)
      if (result.ok)
        emitter.emit('message', result.value)
      else
        dropped++
    }
    if (dropped)
      mirror({ ...snapshot, droppedFrames: snapshot.droppedFrames + dropped })
  }

  function connect(): void {
    if (role !== 'none')
      return
    role = 'follower'
    channel = createTabChannel<RelayMessage>(name, BroadcastChannelImpl)
    channel.on(onRelay)
    mirror({ ...snapshot, status: 'connecting' })
    post({ kind: 'hello' })
    const controller = new AbortController()
    abort = controller
    locks!.request(name, { signal: controller.signal }, () => {
      if (controller.signal.aborted)
        return Promise.resolve()
      return becomeLeader()
    }).catch(() => {
      // Aborted while waiting in the queue: this tab disconnected before its turn came.
    })
  }

  function disconnect(): void {
    if (role === 'none')
      return
    if (role === 'leader') {
      // Detach first: followers should hear "resigned", not this tab's idle state.
      detachInner.forEach(detach => detach())
      detachInner = []
      inner?.dispose()
      inner = null
      post({ kind: 'resigned' })
    }
    abort?.abort()
    abort = null
    resign?.()
    resign = null
    channel?.close()
    channel = null
    role = 'none'
    mirror({ ...initialSnapshot, droppedFrames: snapshot.droppedFrames })
  }

  return {
    get snapshot() {
      return snapshot
    },
    get socket() {
      return inner?.socket ?? null
    },
    get isLeader() {
      return role === 'leader'
    },
    connect,
    disconnect,
    reconnectNow() {
      if (role === 'none')
        connect()
      else if (role === 'leader')
        inner?.reconnectNow()
      else
        post({ kind: 'reconnect' })
    },
    restart() {
      inner?.restart()
    },
    // Only the leader's socket answers a sync; a follower resyncs by REST.
    get canSync() {
      return role === 'leader' && !!inner?.canSync
    },
    sync(query) {
      return role === 'leader' && inner ? inner.sync(query) : Promise.reject(new SyncFailed('this tab does not hold the socket'))
    },
    send(message) {
      if (role === 'leader' && inner)
        return inner.send(message)
      // The leader sends it, or queues it until its connection opens.
      if (role === 'follower')
        post({ kind: 'send', message })
      return role === 'follower' && snapshot.status === 'open'
    },
    on: emitter.on,
    dispose() {
      disconnect()
      emitter.clear()
    },
  }
}
