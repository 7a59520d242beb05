// Two "tabs" in one process: each a shared connection over one lock manager and Node's real
// BroadcastChannel, the leader's socket on msw's ws link. What followers receive is what the leader relays.
import { CloseCode, CloseReason, MessageType, parseNotificationChannelMessage, type Notification, type NotificationChannelMessage } from '../../src/protocol'
import { createConnection, createSharedConnection, type LockProvider, type RealtimeConnection } from '../../src/realtime'
import { notification, pushNotification, seed, socketsOf, useMswServer } from '../msw'
import { createLockManager } from './webLocks'

useMswServer()

let channelName = ''
let locks: LockProvider
const tabs: RealtimeConnection<NotificationChannelMessage>[] = []

beforeEach(() => {
  // A channel of its own per test: a relay still in flight from the previous test cannot arrive here.
  channelName = `leader-test-${crypto.randomUUID()}`
  locks = createLockManager()
})

afterEach(() => {
  tabs.splice(0).forEach(tab => tab.dispose())
})

/** Opens a tab; `timeline` lists its notifications' ids and its status changes, in the order it saw them. */
function openTab() {
  const token = seed.signedIn('admin')
  const tab = createSharedConnection<NotificationChannelMessage>({
    create: () => createConnection({ getToken: () => token, random: () => 0 }),
    parse: parseNotificationChannelMessage,
    locks,
    name: channelName,
  })
  tabs.push(tab)
  const timeline: string[] = []
  const notifications: string[] = []
  tab.on('message', (message) => {
    if (message.type === MessageType.Notification) {
      notifications.push(message.data.id)
      timeline.push(message.data.id)
    }
  })
  let status = tab.snapshot.status
  tab.on('state', (state) => {
    if (state.status !== status)
      timeline.push(`status:${state.status}`)
    status = state.status
  })
  tab.connect()
  return { tab, notifications, timeline }
}

/** A leader tab and a follower tab, both open. */
async function leaderAndFollower() {
  const leader = openTab()
  await vi.waitFor(() => expect(leader.tab.snapshot.status).toBe('open'))
  const follower = openTab()
  await vi.waitFor(() => expect(follower.tab.snapshot.status).toBe('open'))
  expect(leader.tab.isLeader).toBe(true)
  expect(follower.tab.isLeader).toBe(false)
  return { leader, follower }
}

function pushBurst(count: number): Notification[] {
  return Array.from({ length: count }, () => pushNotification(notification()))
}

const ids = (items: Notification[]) => items.map(item => item.id)

test('a burst of pushes reaches a follower tab complete and in order', async () => {
  const { leader, follower } = await leaderAndFollower()
  const pushed = ids(pushBurst(300))
  await vi.waitFor(() => expect(follower.notifications).toHaveLength(pushed.length), { timeout: 5000 })
  expect(follower.notifications).toEqual(pushed)
  expect(leader.notifications).toEqual(pushed)
  expect(follower.tab.snapshot.droppedFrames).toBe(0)
})

test('pushes sent just before the server drops the socket reach a follower before it shows the drop', async () => {
  const { follower } = await leaderAndFollower()
  const [client] = socketsOf()
  const start = follower.timeline.length
  const pushed = ids(pushBurst(50))
  // msw delivers each frame on a zero-delay timer; this close comes right after them.
  setTimeout(() => client!.close(CloseCode.GoingAway, CloseReason[CloseCode.GoingAway]), 0)
  const dropIndex = () => follower.timeline.slice(start).findIndex(entry => entry.startsWith('status:') && entry !== 'status:open')
  await vi.waitFor(() => expect(dropIndex()).toBeGreaterThanOrEqual(0), { timeout: 5000 })
  expect(follower.timeline.slice(start, start + dropIndex())).toEqual(pushed)
})

test('a leader tab that closes in the middle of a burst hands every push it received to the other tab', async () => {
  const { leader, follower } = await leaderAndFollower()
  const pushed = ids(pushBurst(50))
  await new Promise<void>((resolve) => {
    leader.tab.on('message', () => {
      if (leader.notifications.length === pushed.length)
        resolve()
    })
  })
  leader.tab.dispose() // the tab is closed before its next animation frame
  await vi.waitFor(() => expect(follower.notifications).toEqual(pushed), { timeout: 5000 })
  await vi.waitFor(() => expect(follower.tab.isLeader).toBe(true), { timeout: 5000 })
})
