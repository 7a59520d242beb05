// Triage actions users see live (SPEC §3.2, §3.3): each is written to storage first, then pushed to every
// socket and stream of the user through the hub (and so to the other processes), like the notifier's.
// A single action that changed nothing (unread on an unread item) answers the item and pushes nothing.
import {
  notificationDeletedMessage,
  notificationUpdatedMessage,
  preferencesUpdatedMessage,
  UpdateReason,
  type BulkAction,
  type Notification,
  type Preferences,
  type PreferencesPatch,
  type UpdateReasonValue,
} from '../../src/protocol'
import { OutboundEvent, type Hub } from '../hub'
import type { PreferenceStore } from '../storage/preferences'
import type { TriageResult, TriageStore } from '../storage/triage'
import type { WakeScheduler } from './wakes'

export interface Triage {
  /** Each returns the notification as it now is, or null when the user has no such notification. */
  markUnread: (userId: string, id: string) => Promise<Notification | null>
  archive: (userId: string, id: string) => Promise<Notification | null>
  unarchive: (userId: string, id: string) => Promise<Notification | null>
  snooze: (userId: string, id: string, untilMs: number) => Promise<Notification | null>
  unsnooze: (userId: string, id: string) => Promise<Notification | null>
  /** One action on the user's items among `ids` (others are skipped); one push; returns how many changed. */
  bulk: (userId: string, ids: readonly string[], action: BulkAction) => Promise<number>
  preferences: (userId: string) => Promise<Preferences>
  /** Saves a part of the preferences and pushes them whole to the user's every tab and device. */
  updatePreferences: (userId: string, patch: PreferencesPatch) => Promise<Preferences>
}

const BULK_REASON: Record<Exclude<BulkAction, 'delete'>, UpdateReasonValue> = {
  read: UpdateReason.BulkRead,
  unread: UpdateReason.BulkUnread,
  archive: UpdateReason.BulkArchive,
  unarchive: UpdateReason.BulkUnarchive,
}

export interface TriageOptions {
  store: TriageStore
  preferences: PreferenceStore
  hub: Hub
  wakes: WakeScheduler
}

export function createTriage({ store, preferences, hub, wakes }: TriageOptions): Triage {
  function pushUpdated(userId: string, items: Notification[], reason: UpdateReasonValue): void {
    if (items.length > 0)
      hub.publish(userId, new OutboundEvent(notificationUpdatedMessage(items as [Notification, ...Notification[]], reason)))
  }

  async function pushed(userId: string, stored: Promise<TriageResult | null>, reason: UpdateReasonValue): Promise<Notification | null> {
    const result = await stored
    if (result?.changed)
      pushUpdated(userId, [result.notification], reason)
    return result?.notification ?? null
  }

  return {
    markUnread: (userId, id) => pushed(userId, store.markUnread(userId, id), UpdateReason.Unread),
    archive: (userId, id) => pushed(userId, store.archive(userId, id), UpdateReason.Archive),
    unarchive: (userId, id) => pushed(userId, store.unarchive(userId, id), UpdateReason.Unarchive),
    async snooze(userId, id, untilMs) {
      const result = await store.snooze(userId, id, untilMs)
      if (result)
        wakes.snoozed(untilMs)
      return pushed(userId, Promise.resolve(result), UpdateReason.Snooze)
    },
    unsnooze: (userId, id) => pushed(userId, store.unsnooze(userId, id), UpdateReason.Unsnooze),

    async bulk(userId, ids, action) {
      if (action === 'delete') {
        const deleted = await store.bulkDelete(userId, ids)
        if (deleted.length > 0)
          hub.publish(userId, new OutboundEvent(notificationDeletedMessage(deleted as [string, ...string[]])))
        return deleted.length
      }
      const changed = await store.bulkUpdate(userId, ids, action)
      pushUpdated(userId, changed, BULK_REASON[action])
      return changed.length
    },

    preferences: userId => preferences.get(userId),
    async updatePreferences(userId, patch) {
      const saved = await preferences.update(userId, patch)
      hub.publish(userId, new OutboundEvent(preferencesUpdatedMessage(saved)))
      return saved
    },
  }
}
