// One logical connection to the server: it owns at most one transport at a time and decides
// when to reconnect. Every attempt gets a generation number; callbacks of an older generation
// are ignored, so a socket replaced by a token change can never close or feed its successor.
import { CloseCause, CloseCode, CloseReason, encodeMessage, MessageType, type ClientMessage } from '@/protocol'
import { pageHidden } from '@/utils/pageVisibility'
import { backoffDelay } from './backoff'
import { createEmitter } from './emitter'
import { resolveOptions, type ConnectionOptions } from './options'
import { createServerProbe, serverAnswers } from './serverProbe'
import { createSyncRequests, SyncFailed } from './syncRequests'
import { openEventStream, openWebSocket, type Transport } from './transports'
import { initialSnapshot, type ConnectionEvents, type ConnectionSnapshot, type RealtimeConnection, type TransportKind } from './types'
import { httpUrl, socketUrl } from './url'

/** Close code we use when we abandon a transport ourselves (watchdog, open timeout). */
const ABANDONED = CloseCode.ClientAbandoned

export function createConnection<M extends {
  /** The frame's message type (`MessageType`), by which listeners tell frames apart. */
  type: string
}>(options: ConnectionOptions<M> = {}): RealtimeConnection<M> {
  const config = resolveOptions(options)
  const emitter = createEmitter<ConnectionEvents<M>>()
  let snapshot: ConnectionSnapshot = { ...initialSnapshot, droppedFrames: 0 }
  let transport: Transport | null = null
  let generation = 0
  let opened = false
  let manualClose = true
  let refreshTried = false
  let failedOpens = 0
  let preferSse = false
  let heartbeatMs = config.heartbeatInterval
  let lastFrameAt = 0
  const queue: string[] = []
  /** `sync` requests in flight on the current socket (they end with it). */
  const syncs = createSyncRequests(config.syncTimeout)
  const timers = { retry: 0, watchdog: 0, open: 0, sseExpiry: 0 }
  // Probes the server while a reconnect waits (or after giving up); its return cuts the wait short.
  const probe = config.probePath
    ? createServerProbe({
        probe: () => serverAnswers(httpUrl(config.probePath!, config), config.fetch),
        interval: config.probeInterval,
        onBack: () => {
          if (!manualClose && (snapshot.status === 'reconnecting' || snapshot.status === 'offline'))
            reconnectNow()
        },
      })
    : null

  function update(change: Partial<ConnectionSnapshot>): void {
    snapshot = { ...snapshot, ...change }
    emitter.emit('state', snapshot)
  }

  function clearTimer(name: keyof typeof timers): void {
    if (timers[name])
      clearTimeout(timers[name])
    timers[name] = 0
  }

  function clearTimers(): void {
    for (const name of Object.keys(timers) as (keyof typeof timers)[])
      clearTimer(name)
    probe?.stop()
  }

  /** Drops the current transport without waiting for its close (a dead socket may never report one). */
  function dropTransport(code: number = CloseCode.Normal, reason = ''): void {
    syncs.failAll('the socket was closed')
    generation += 1
    transport?.close(code, reason)
    transport = null
    opened = false
    clearTimers()
  }

  function startAttempt(status: 'connecting' | 'reconnecting'): void {
    dropTransport()
    if (config.navigator?.onLine === false)
      return noNetwork()
    const token = config.getToken()
    if (!token) {
      update({ status: 'unauthorized', lastError: 'not signed in', transport: null })
      return
    }
    const attempt = generation
    const kind: TransportKind = preferSse && config.ssePath && config.EventSource ? 'sse' : 'websocket'
    const callbacks = {
      onOpen: () => {},
      onFrame: (raw: unknown) => attempt === generation && handleFrame(raw),
      onClose: (code: number, reason: string) => attempt === generation && handleClose(code, reason),
    }
    update({ status, transport: null })
    try {
      transport = kind === 'sse'
        ? openEventStream(httpUrl(config.ssePath!, config), token, config.EventSource!, callbacks)
        : openWebSocket(socketUrl(config.path, config), token, config.auth, config.WebSocket, callbacks)
    }
    catch (error) {
      // A malformed URL or a missing WebSocket: treated like a failed attempt, never thrown.
      transport = null
      handleClose(ABANDONED, (error as Error)?.message ?? 'could not open')
      return
    }
    timers.open = setTimeout(() => abandon('the server did not answer in time'), config.openTimeout) as unknown as number
  }

  /** Gives up on the current transport and proceeds as if it had closed. */
  function abandon(reason: string): void {
    if (!transport)
      return
    const current = transport
    transport = null
    generation += 1
    current.close(ABANDONED, reason)
    handleClose(ABANDONED, reason)
  }

  function armWatchdog(): void {
    clearTimer('watchdog')
    const limit = heartbeatMs * config.watchdogFactor
    const check = () => {
      const silentFor = Date.now() - lastFrameAt
      if (silentFor >= limit)
        abandon(`no frame for ${Math.round(silentFor / 1000)} s`)
      else
        timers.watchdog = setTimeout(check, limit - silentFor) as unknown as number
    }
    timers.watchdog = setTimeout(check, limit) as unknown as number
  }

  function markOpen(): void {
    opened = true
    failedOpens = 0
    clearTimer('open')
    update({ status: 'open', reconnectAttempts: 0, lastError: null, transport: transport?.kind ?? null })
    flushQueue()
    if (transport?.kind === 'sse') {
      timers.sseExpiry = setTimeout(() => {
        // Time to see whether WebSocket works again; one failure sends us back to SSE.
        preferSse = false
        failedOpens = config.sseAfterFailures - 1
        startAttempt('reconnecting')
      }, config.sseRetryWebSocketAfter) as unknown as number
    }
    emitter.emit('open', undefined)
  }

  function handleFrame(raw: unknown): void {
    lastFrameAt = Date.now()
    const result = config.parse(raw)
    if (!result.ok) {
      update({ droppedFrames: snapshot.droppedFrames + 1 })
      emitter.emit('invalid', { code: result.code, message: result.message })
      return
    }
    const message = result.value
    if (message.type === MessageType.Connected) {
      const seconds = (message as { data?: { heartbeat_interval?: unknown } }).data?.heartbeat_interval
      if (typeof seconds === 'number' && seconds > 0)
        heartbeatMs = seconds * 1000
      refreshTried = false
    }
    if (!opened)
      markOpen()
    if (!timers.watchdog)
      armWatchdog()
    if (!syncs.settle(message)) // a sync's answer goes to its caller only
      emitter.emit('message', message)
  }

  function handleClose(code: number, reason: string): void {
    const wasOpen = opened
    transport = null
    opened = false
    generation += 1
    clearTimers()
    syncs.failAll(reason || 'the socket closed')
    const description = reason || CloseReason[code] || `closed (${code})`
    emitter.emit('close', { code, reason })
    if (manualClose)
      return // a listener called disconnect()
    if (code === CloseCode.Unauthorized)
      return void onUnauthorized()
    if (code === CloseCode.Replaced)
      return update({ status: 'replaced', lastError: description, transport: null })
    if (code === CloseCode.TooManyRequests) {
      // The server works and refused us only for now: back off (never at once), and this is no reason for SSE.
      update({ lastError: description, transport: null })
      return scheduleReconnect(config.backoffBase)
    }
    if (!wasOpen)
      failedOpens += 1
    update({ lastError: description, transport: null })
    if (!preferSse && config.ssePath && config.EventSource && failedOpens >= config.sseAfterFailures)
      return void tryEventStream()
    scheduleReconnect()
  }

  async function onUnauthorized(): Promise<void> {
    if (refreshTried || !config.refreshToken)
      return update({ status: 'unauthorized', lastError: CloseReason[CloseCode.Unauthorized], transport: null })
    refreshTried = true
    update({ status: 'reconnecting', lastError: 'token expired, refreshing', transport: null })
    const expected = generation
    const refreshed = await config.refreshToken().catch(() => false)
    if (expected !== generation || manualClose)
      return // disconnected or restarted while refreshing
    if (refreshed)
      startAttempt('reconnecting')
    else
      update({ status: 'unauthorized', lastError: CloseReason[CloseCode.Unauthorized] })
  }

  async function tryEventStream(): Promise<void> {
    const expected = generation
    update({ status: 'reconnecting' })
    const httpWorks = await config.probeHttp().catch(() => false)
    if (expected !== generation || manualClose)
      return
    if (!httpWorks)
      return scheduleReconnect()
    preferSse = true
    startAttempt('reconnecting')
  }

  /** Waits the backoff delay (at least `atLeastMs`), then tries again; offline once the attempts are spent. */
  function scheduleReconnect(atLeastMs = 0): void {
    if (snapshot.reconnectAttempts >= config.maxReconnectAttempts) {
      update({ status: 'offline' })
      probe?.start()
      return
    }
    const delay = Math.max(atLeastMs, backoffDelay(snapshot.reconnectAttempts, {
      base: config.backoffBase,
      cap: config.backoffCap,
      jitter: config.jitter,
    }, config.random))
    update({ status: 'reconnecting', reconnectAttempts: snapshot.reconnectAttempts + 1 })
    timers.retry = setTimeout(() => startAttempt('reconnecting'), delay) as unknown as number
    probe?.start()
  }

  /** The browser has no network: say so at once (a socket may take a minute to notice) and wait for `online`. */
  function noNetwork(): void {
    dropTransport(ABANDONED, 'no network')
    update({ status: 'no-network', lastError: 'no network', transport: null })
  }

  function flushQueue(): void {
    while (queue.length && transport?.send(queue[0]!))
      queue.shift()
  }

  // The browser telling us the network is back, or the user looking at the tab again, are the
  // moments worth retrying after we gave up (or while we wait out a long backoff).
  const onOnline = () => {
    if (['offline', 'no-network'].includes(snapshot.status) || (snapshot.status === 'reconnecting' && timers.retry))
      reconnectNow()
  }
  const onOffline = () => {
    if (!manualClose && !['unauthorized', 'replaced'].includes(snapshot.status))
      noNetwork()
  }
  const onVisibility = () => {
    if (!pageHidden(config.document) && (snapshot.status === 'offline' || snapshot.status === 'no-network'))
      reconnectNow()
  }
  config.window?.addEventListener('online', onOnline)
  config.window?.addEventListener('offline', onOffline)
  config.document?.addEventListener('visibilitychange', onVisibility)

  function connect(): void {
    if (!manualClose && ['connecting', 'open', 'reconnecting'].includes(snapshot.status))
      return // already on it: a second connect() must not open a second socket
    manualClose = false
    refreshTried = false
    failedOpens = 0
    preferSse = false
    update({ reconnectAttempts: 0 })
    startAttempt('connecting')
  }

  function disconnect(): void {
    manualClose = true
    dropTransport(CloseCode.Normal, CloseCause.ClientDisconnect)
    queue.length = 0
    update({ status: 'idle', reconnectAttempts: 0, lastError: null, transport: null })
  }

  function reconnectNow(): void {
    if (manualClose)
      return connect()
    refreshTried = false
    update({ reconnectAttempts: 0 })
    startAttempt('reconnecting')
  }

  function restart(): void {
    if (manualClose)
      return
    refreshTried = false
    startAttempt(snapshot.status === 'connecting' ? 'connecting' : 'reconnecting')
  }

  function send(message: ClientMessage): boolean {
    const text = encodeMessage(message)
    if (opened && transport?.send(text))
      return true
    queue.push(text)
    if (queue.length > config.maxQueuedMessages)
      queue.shift()
    return false
  }

  const canSync = () => opened && transport?.kind === 'websocket' && syncs.supported

  return {
    get snapshot() {
      return snapshot
    },
    get socket() {
      return transport?.socket ?? null
    },
    isLeader: true,
    get canSync() {
      return canSync()
    },
    sync(query) {
      if (!canSync())
        return Promise.reject(new SyncFailed('no open WebSocket to sync over'))
      return syncs.request(query, frame => !!transport?.send(encodeMessage(frame)))
    },
    connect,
    disconnect,
    reconnectNow,
    restart,
    send,
    on: emitter.on,
    dispose() {
      disconnect()
      config.window?.removeEventListener('online', onOnline)
      config.window?.removeEventListener('offline', onOffline)
      config.document?.removeEventListener('visibilitychange', onVisibility)
      emitter.clear()
    },
  }
}
