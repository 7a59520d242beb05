// The load clients, one kind per server under test. Each reports a stamped frame through `onStamp` with
// as little work as possible before the clock is read: these are instruments, not applications.
import { get, type ClientRequest } from 'node:http'
import { io } from 'socket.io-client'
import { WebSocket, type RawData } from 'ws'
import { MessageType, Paths } from '../../src/protocol'
import { stampIn } from '../lib/payload'
import type { ClientKind, Endpoint } from './targets/types'

export interface LoadClient {
  /** Closes cleanly; resolves when the transport is gone. */
  close: () => Promise<void>
}

export type StampListener = (stamp: string) => void

const CONNECTED_MARKER = Buffer.from(`"type":"${MessageType.Connected}"`)
const HANDSHAKE_TIMEOUT_MS = 30_000

function openWs(endpoint: Endpoint, onStamp: StampListener, waitForConnectedFrame: boolean): Promise<LoadClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(endpoint.url, { perMessageDeflate: false, skipUTF8Validation: true, handshakeTimeout: HANDSHAKE_TIMEOUT_MS })
    let settled = false
    const closed = new Promise<void>(done => socket.once('close', () => done()))
    const client: LoadClient = {
      close: async () => {
        if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING)
          socket.close(1000)
        const timer = setTimeout(() => socket.terminate(), 5000)
        await closed
        clearTimeout(timer)
      },
    }
    const succeed = () => {
      settled = true
      resolve(client)
    }
    socket.on('message', (data: RawData) => {
      const stamp = stampIn(data as Buffer)
      if (stamp !== null)
        onStamp(stamp)
      else if (!settled && (data as Buffer).indexOf(CONNECTED_MARKER) >= 0)
        succeed()
    })
    socket.once('open', () => {
      if (!waitForConnectedFrame)
        succeed()
    })
    socket.once('close', (code) => {
      if (!settled) {
        settled = true
        reject(new Error(`closed with ${code} before connected`))
      }
    })
    socket.on('error', (error) => {
      if (!settled) {
        settled = true
        reject(error)
      }
    })
  })
}

function openSocketIo(endpoint: Endpoint, onStamp: StampListener): Promise<LoadClient> {
  return new Promise((resolve, reject) => {
    const socket = io(endpoint.url, {
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      timeout: HANDSHAKE_TIMEOUT_MS,
      auth: { token: endpoint.token },
    })
    socket.on(MessageType.Notification, (data: { content?: string }) => {
      const stamp = data.content ? stampIn(data.content) : null
      if (stamp !== null)
        onStamp(stamp)
    })
    socket.once('connect', () => resolve({
      close: () => new Promise<void>((done) => {
        if (socket.disconnected)
          return done()
        socket.once('disconnect', () => done())
        socket.disconnect()
      }),
    }))
    socket.once('connect_error', (error) => {
      socket.close()
      reject(error)
    })
  })
}

/** The EventSource compatibility stream (SPEC §1.5) read as raw HTTP: connected once `event: connected` arrives. */
function openSse(endpoint: Endpoint, onStamp: StampListener): Promise<LoadClient> {
  const base = new URL(endpoint.url.replace(/^ws/, 'http'))
  const url = `${base.origin}${Paths.stream}?token=${endpoint.token}`
  return new Promise((resolve, reject) => {
    let request: ClientRequest | null = null
    let settled = false
    let closed: Promise<void> = Promise.resolve()
    request = get(url, { agent: false, headers: { Accept: 'text/event-stream' }, timeout: HANDSHAKE_TIMEOUT_MS }, (response) => {
      closed = new Promise<void>(done => response.once('close', () => done()))
      if (response.statusCode !== 200) {
        settled = true
        response.resume()
        reject(new Error(`SSE answered ${response.statusCode}`))
        return
      }
      response.on('data', (chunk: Buffer) => {
        const stamp = stampIn(chunk)
        if (stamp !== null)
          onStamp(stamp)
        if (!settled && chunk.includes(`event: ${MessageType.Connected}`)) {
          settled = true
          resolve({
            close: async () => {
              request?.destroy()
              await closed
            },
          })
        }
      })
      response.on('error', () => {})
    })
    request.on('error', (error) => {
      if (!settled) {
        settled = true
        reject(error)
      }
    })
  })
}

export function openClient(kind: ClientKind, endpoint: Endpoint, onStamp: StampListener): Promise<LoadClient> {
  switch (kind) {
    case 'tidings': return openWs(endpoint, onStamp, true)
    case 'ws': return openWs(endpoint, onStamp, false)
    case 'socket.io': return openSocketIo(endpoint, onStamp)
    case 'sse': return openSse(endpoint, onStamp)
  }
}
