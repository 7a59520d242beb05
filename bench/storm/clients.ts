// The storm's clients. Ours is the app's own framework-free client: the real connection
// (src/realtime: jittered backoff, the server probe while waiting) with `ws` as its WebSocket, the inbox
// model (src/inbox) fed by its frames, and the resync the app runs on every open (resyncInbox): one `sync`
// over the socket, REST only when that gets no answer.
// The peer is socket.io-client 4.8 with its default reconnection (1–5 s, randomisation 0.5).
import { io } from 'socket.io-client'
import { WebSocket } from 'ws'
import { createInboxModel, inboxEventOf, resyncInbox, type InboxModel, type ResyncApi } from '../../src/inbox'
import { CloseCode, MessageType, Paths, type Envelope, type NotificationChannelMessage, type NotificationPage } from '../../src/protocol'
import { createConnection, inboxSyncOf, type WebSocketConstructor } from '../../src/realtime'
import { stormFetch } from './http-fetch'

/** Epoch ms of every socket attempt and every server probe our clients in this process made (the storm's timeline). */
export const attempts = { sockets: [] as number[], probes: [] as number[] }

/** `ws` that notes when each attempt starts. */
class CountedWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    attempts.sockets.push(Date.now())
    super(...args)
  }
}

export interface StormClient {
  /** Epoch ms when the client was last back (ours: open and resynced with every missed one held). */
  backAt: number | null
  /** Missed notifications it does not hold, and ids it holds twice. */
  tally: (missed: string[]) => { lost: number, duplicated: number }
  /** Epoch ms when its socket last opened (ours: before the resync; Socket.IO: the same as backAt). */
  openAt: number | null
  /** Epoch ms of the last time it lost the server. */
  downAt: number | null
  /** Resync attempts that failed (ours; a retried one counts too), and why the last one did. */
  failures: { count: number, last: string | null }
  /** Attempts the client gave up on itself (ours: no `connected` frame within its openTimeout). */
  abandoned: number
  close: () => void
}

/** A failed call with what the resync's retry reads (as the app's ApiError): status and Retry-After. */
class HttpFailure extends Error {
  constructor(message: string, readonly status: number, readonly retryAfterSec: number | null) {
    super(message)
  }
}

async function getData<T>(url: string, token: string): Promise<T> {
  const response = await stormFetch(url, { headers: { Accept: 'application/json', Authorization: `Bearer ${token}` } })
  const body = await response.json().catch(() => ({ success: false, message: 'no JSON body' })) as Envelope<T>
  if (!response.ok || !body.success) {
    const retryAfter = response.headers.get('Retry-After')
    throw new HttpFailure(`${url}: HTTP ${response.status} ${body.message}`, response.status, retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null)
  }
  return body.data as T
}

/** The app's two resync calls (src/api/notifications.ts) with this client's token. */
function resyncApi(base: string, token: string): ResyncApi {
  return {
    list: query => getData<NotificationPage>(`${base}${Paths.notifications}?${new URLSearchParams(Object.entries(query).map(([name, value]) => [name, String(value)]))}`, token),
    unreadCount: async () => (await getData<{ count: number }>(`${base}${Paths.unreadCount}`, token)).count,
  }
}

/** A failure's message with its cause (fetch says only "fetch failed"; the cause names the socket error). */
function whyFailed(error: unknown): string {
  if (!(error instanceof Error))
    return String(error)
  const cause = error.cause as { code?: string, message?: string } | undefined
  return cause ? `${error.message} (${cause.code ?? cause.message})` : error.message
}

/** Resolves once connected and resynced the first time. */
export function openTidingsClient(base: string, token: string, missedIds: () => string[] | null): Promise<StormClient> {
  const api = resyncApi(base, token)
  const inbox: InboxModel = createInboxModel({ limit: 500, fetchUnreadCount: api.unreadCount })
  // The options the app's websocket store gives the connection (src/stores/websocket.ts).
  const connection = createConnection<NotificationChannelMessage>({
    baseUrl: base,
    probePath: Paths.health,
    getToken: () => token,
    WebSocket: CountedWebSocket as unknown as WebSocketConstructor,
    fetch: (...args: Parameters<typeof fetch>) => {
      attempts.probes.push(Date.now())
      return stormFetch(...args)
    },
    window: null,
    document: null,
    navigator: null,
  })
  return new Promise((resolve, reject) => {
    let first = true
    /** Ends a resync's retries when the socket closes, as the app's store does. */
    let resyncRetry = new AbortController()
    const client: StormClient = {
      backAt: null,
      openAt: null,
      downAt: null,
      failures: { count: 0, last: null },
      abandoned: 0,
      tally(missed) {
        inbox.flush()
        const ids = inbox.items.map(item => item.id)
        return { lost: missed.filter(id => !inbox.get(id)).length, duplicated: ids.length - new Set(ids).size }
      },
      close: () => connection.dispose(),
    }
    connection.on('message', (message) => {
      const event = inboxEventOf(message)
      if (event)
        inbox.apply(event)
    })
    connection.on('close', ({ code }) => {
      resyncRetry.abort()
      client.downAt = Date.now()
      if (code === CloseCode.ClientAbandoned)
        client.abandoned++
    })
    connection.on('open', () => {
      client.openAt = Date.now()
      resyncRetry = new AbortController()
      const onRetry = (error: unknown) => {
        client.failures.count++
        client.failures.last = whyFailed(error)
      }
      // As the app's store does: over the open socket while it can (src/stores/notifications.ts runSync).
      resyncInbox(inbox, { ...api, sync: inboxSyncOf(connection) }, { retry: { signal: resyncRetry.signal, onRetry } }).then(() => {
        const missed = missedIds()
        if (first) {
          first = false
          resolve(client)
        }
        else if (missed && missed.every(id => inbox.get(id))) {
          client.backAt = Date.now()
        }
      }, (error: Error) => {
        client.failures.count++
        client.failures.last = whyFailed(error)
        if (first) {
          first = false
          connection.dispose()
          reject(error)
        }
        // Later: a failure that did not pass, or the socket closed; the next open resyncs, as in the app.
      })
    })
    connection.connect()
  })
}

/** Resolves once connected; counts the notifications it hears (Socket.IO replays none after a restart). */
export function openSocketIoClient(base: string, token: string): Promise<StormClient & { heard: () => number }> {
  const socket = io(base, { transports: ['websocket'], forceNew: true, auth: { token } })
  let heard = 0
  socket.on(MessageType.Notification, () => {
    heard++
  })
  return new Promise((resolve, reject) => {
    const client = {
      backAt: null as number | null,
      openAt: null as number | null,
      downAt: null as number | null,
      failures: { count: 0, last: null },
      abandoned: 0,
      heard: () => heard,
      tally: (missed: string[]) => ({ lost: Math.max(0, missed.length - heard), duplicated: 0 }),
      close: () => {
        socket.close()
      },
    }
    socket.on('disconnect', () => {
      client.downAt = Date.now()
    })
    socket.on('connect', () => {
      if (client.downAt === null)
        resolve(client)
      else
        client.backAt = client.openAt = Date.now()
    })
    socket.once('connect_error', (error) => {
      if (client.downAt === null && !socket.connected) {
        socket.close()
        reject(error)
      }
    })
  })
}
