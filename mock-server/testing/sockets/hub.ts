// The server's hub as far as its notifier uses it, over the fake sockets and streams; and the pushes
// tests make (a notification, a read change, a resync), sent through it as the server sends them.
import {
  notificationMessage,
  notificationReadMessage,
  resyncMessage,
  ResyncReason,
  type Notification,
  type NotificationChannelMessage,
} from '../../../src/protocol'
import { OutboundEvent, type Hub } from '../../hub'
import { storeNotification } from '../db'
import { socketsOf } from './notifications'
import { sendEvent, type StreamMessage } from './frames'
import { streamsOf } from './stream'

/**
 * An event goes to the user's sockets (its frame, built once by the protocol's builders) and SSE
 * streams (with its `id`, as Last-Event-ID would resume).
 */
export const mswHub: Pick<Hub, 'publish' | 'announceWake'> = {
  // One process: its wake timer is the only one, there is nobody to tell.
  announceWake() {},
  publish(username, event) {
    let reached = 0
    for (const client of socketsOf(username)) {
      client.send(event.wsFrame)
      reached++
    }
    for (const stream of streamsOf(username)) {
      sendEvent(stream, event.message as StreamMessage, event.id ?? undefined)
      reached++
    }
    return reached
  },
}

/**
 * Stores a notification for a user through the server's storage and pushes the stored row to their
 * sockets and streams, as the server's notifier does; returns it as stored, with the server's id.
 */
export function pushNotification(item: Notification, username = 'admin'): Notification {
  const stored = storeNotification(username, item)
  mswHub.publish(username, new OutboundEvent(notificationMessage(stored), stored.id))
  return stored
}

/** Sends a frame as it is to a user's sockets and streams: one the server's storage would not make (an extra field). */
export function pushFrame(frame: NotificationChannelMessage, username = 'admin', id?: string): void {
  mswHub.publish(username, new OutboundEvent(frame, id ?? null))
}

/** Tells a user's sockets and streams that read state changed elsewhere. */
export function pushRead(ids: [string, ...string[]] | 'all', username = 'admin'): void {
  mswHub.publish(username, new OutboundEvent(notificationReadMessage(ids)))
}

/** Tells a user's sockets and streams that pushes may have been missed, as a cluster process does after a Redis outage. */
export function pushResync(username = 'admin'): void {
  // No `id`: Last-Event-ID must not move.
  mswHub.publish(username, new OutboundEvent(resyncMessage(ResyncReason.MissedPushes)))
}
