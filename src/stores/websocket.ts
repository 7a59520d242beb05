// The document's WebSocket store (same names: ws, connected, connect, disconnect, send) over a
// connection that knows its state, backs off with jitter, watches heartbeats, refreshes an
// expired token once, shares one socket between the tabs, and never reconnects after disconnect().
import { acceptHMRUpdate, defineStore } from 'pinia'
import { computed, onScopeDispose, ref, shallowRef, watch } from 'vue'
import { apiFetch } from '@/api/http'
import { inboxEventOf } from '@/inbox'
import { CloseCode, ConnectionRoutes, MessageType, NotificationRoutes, parseNotificationChannelMessage, type ClientMessage, type NotificationChannelMessage } from '@/protocol'
import {
  createConnection,
  createSharedConnection,
  inboxSyncOf,
  type ConnectionOptions,
  type ConnectionStatus,
  type TransportKind,
} from '@/realtime'
import { tidingsContext } from '@/plugin/context'
import { useNotificationsStore } from './notifications'
import { connectionEvents } from './connectionEvents'
import { realtimeSettings } from './realtimeSettings'

const DEFAULT_MAX_RECONNECT_ATTEMPTS = 10

/** Whether plain HTTP reaches the API (decides whether the SSE fallback is worth trying). */
async function httpReachable(): Promise<boolean> {
  try {
    await apiFetch(NotificationRoutes.unreadCount.path, { noRefresh: true })
    return true
  }
  catch {
    return false
  }
}

export const useWebSocketStore = defineStore('websocket', () => {
  const session = tidingsContext()
  const notificationsStore = useNotificationsStore()
  const events = connectionEvents()
  const settings = realtimeSettings()

  const ws = shallowRef<WebSocket | null>(null)
  const status = ref<ConnectionStatus>('idle')
  const reconnectAttempts = ref(0)
  const lastError = ref<string | null>(null)
  const transport = ref<TransportKind | null>(null)
  const isLeader = ref(false)
  const droppedFrames = ref(0)
  const connected = computed(() => status.value === 'open')
  const maxReconnectAttempts = settings.connection.maxReconnectAttempts ?? DEFAULT_MAX_RECONNECT_ATTEMPTS

  const connectionOptions: ConnectionOptions<NotificationChannelMessage> = {
    ssePath: ConnectionRoutes.stream.path,
    probeHttp: httpReachable,
    // During a backoff the server's health (open, no token, a few bytes) shows within a second that it is back.
    probePath: ConnectionRoutes.health.path,
    baseUrl: session.baseUrl,
    ...settings.connection,
    path: ConnectionRoutes.notificationsSocket.path,
    parse: parseNotificationChannelMessage,
    maxReconnectAttempts,
    getToken: session.getToken,
    refreshToken: session.refreshToken,
  }
  const connection = createSharedConnection<NotificationChannelMessage>({
    create: () => createConnection(connectionOptions),
    parse: parseNotificationChannelMessage,
    locks: settings.locks,
    BroadcastChannel: settings.BroadcastChannel,
  })

  connection.on('state', (snapshot) => {
    status.value = snapshot.status
    reconnectAttempts.value = snapshot.reconnectAttempts
    lastError.value = snapshot.lastError
    transport.value = snapshot.transport
    droppedFrames.value = snapshot.droppedFrames
    ws.value = connection.socket
    isLeader.value = connection.isLeader
  })
  /** The server refused our token on the last close (a refresh may be under way). */
  let tokenRejected = false
  connection.on('close', ({ code }) => {
    tokenRejected = code === CloseCode.Unauthorized
    events.closed()
    notificationsStore.stopSyncRetry() // the next open resyncs afresh
  })
  // A resync rides on the socket while this tab holds it open (one `sync`, no REST requests).
  notificationsStore.syncOverSocket(() => inboxSyncOf(connection))
  connection.on('message', handleMessage)
  // Whatever arrived while we were away is on the server: fetch it on every (re)connect.
  connection.on('open', () => {
    tokenRejected = false
    void notificationsStore.sync()
    events.opened() // the preferences store, if the app has one, reads a change saved elsewhere meanwhile
  })
  connection.on('invalid', (frame) => {
    console.warn('[WS] dropped an invalid frame:', frame.message)
  })

  function handleMessage(message: NotificationChannelMessage): void {
    const event = inboxEventOf(message)
    if (event)
      notificationsStore.ingest.apply(event)
    else if (message.type === MessageType.Resync)
      void notificationsStore.sync() // pushes may have been lost on their way: resync as after a reconnect
    else if (message.type === MessageType.PreferencesUpdated)
      events.preferencesPushed(message.data.preferences)
    else if (message.type === MessageType.Error)
      lastError.value = message.data.message
    // connected, heartbeat, pong: the connection's watchdog already noted that the server is alive
  }

  /** Whether the app asked for a connection (connect() without a later disconnect()). */
  let wanted = false

  /** Opens the connection (a no-op while it is already open or on its way). */
  function connect(): void {
    wanted = true
    connection.connect()
  }

  /** Closes for good: no reconnect until connect() is called again. */
  function disconnect(): void {
    wanted = false
    connection.disconnect()
  }

  /** Sends at once when open, otherwise queues (bounded) until the next open. */
  function send(message: ClientMessage): boolean {
    return connection.send(message)
  }

  /** Skips the backoff wait (the "reconnect" button, or leaving the offline state). */
  function reconnectNow(): void {
    connection.reconnectNow()
  }

  // A new token (refresh, another tab) replaces the socket: exactly one stays open. Signing in
  // again after a logout or an "unauthorized" verdict reconnects if the app had asked for it.
  // No token any more (logout) closes it; an "unauthorized" verdict stays visible for the router.
  watch(() => session.getToken(), (next, previous) => {
    if (next === previous)
      return
    if (!next) {
      // A refused refresh ends the session too: the router must still see "unauthorized".
      const verdict = status.value === 'unauthorized' || tokenRejected ? 'unauthorized' : null
      connection.disconnect()
      if (verdict)
        status.value = verdict
      return
    }
    if (status.value === 'idle' || status.value === 'unauthorized' || status.value === 'replaced') {
      if (wanted)
        connection.connect()
      return
    }
    connection.restart()
  }, { flush: 'sync' })

  onScopeDispose(() => connection.dispose())

  return {
    /** The live WebSocket of this tab (null in a follower tab, on SSE, or when closed). */
    ws,
    /** Whether the connection is open. */
    connected,
    /** Where the connection is in its life (`ConnectionStatus`). */
    status,
    /** Reconnect attempts since the last successful open. */
    reconnectAttempts,
    /** After this many it goes `offline` (and retries on `online`, visibility or `reconnectNow`). */
    maxReconnectAttempts,
    /** Why the last connection ended or failed, in plain words; null after a clean open. */
    lastError,
    /** Which transport carries the connection (`websocket` or `sse`); null when none does. */
    transport,
    /** Whether this tab holds the connection for the others. */
    isLeader,
    /** Frames that failed validation and were dropped. */
    droppedFrames,
    /** Opens the connection (a no-op while it is already open or on its way). */
    connect,
    /** Closes for good: no reconnect until `connect()` is called again. */
    disconnect,
    /** Sends at once when open, otherwise queues (bounded) until the next open. */
    send,
    /** Skips the backoff wait. */
    reconnectNow,
  }
})

if (import.meta.hot)
  import.meta.hot.accept(acceptHMRUpdate(useWebSocketStore, import.meta.hot))
