// Run as its own short-lived process while our server is down: opens the server's SQLite file as the
// server does, stores MISSED notifications for each load user, and prints their ids (JSON, by user).
import { openStorage } from '../../mock-server/storage/open'
import { LOAD_USERS } from '../fanout/targets/settings'
import { MISSED } from './settings'

const dbPath = process.argv[2]!
const storage = await openStorage({ dbPath, databaseUrl: null }, { shared: true })
const ids: Record<string, string[]> = Object.fromEntries(LOAD_USERS.map(user => [user, []]))
for (let i = 0; i < MISSED; i++) {
  const created = await storage.notifications.create([...LOAD_USERS], { title: `while down ${i}`, content: 'stored while the server was down', type: 'system' })
  created.forEach((item, index) => ids[LOAD_USERS[index]!]!.push(item.id))
}
await storage.close?.()
console.log(JSON.stringify(ids))
