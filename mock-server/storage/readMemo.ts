// A reconnect storm asks the same read thousands of times: every returning tab of a user resyncs with
// the same newest id held, and a list of a hundred missed rows cost the restarted server more than the
// handshake did. The memo answers a read again, without running it, for as long as the database is
// unchanged: a write on this connection moves `total_changes()`, a commit by any other connection (a
// second process on the same file, `npm run notify`) moves `data_version`, and either empties the memo.
import type { Db } from './db'

export interface ReadMemo {
  /** `run()`'s answer, or the one it gave for `key` while nothing was written since. */
  read: <T>(key: string, run: () => T) => T
}

/** Enough for every combination of filters a storm asks; past it the memo starts over. */
const MAX_ENTRIES = 512

export function createReadMemo(db: Db): ReadMemo {
  const versionOf = db.prepare('SELECT total_changes(), data_version FROM pragma_data_version').raw(true)
  const answers = new Map<string, unknown>()
  let version = ''

  return {
    read<T>(key: string, run: () => T): T {
      // Inside a transaction the rows read may yet be rolled back, which moves neither counter.
      if (db.inTransaction)
        return run()
      const [changes, dataVersion] = versionOf.get() as [number, number]
      const now = `${changes}:${dataVersion}`
      if (now !== version || answers.size >= MAX_ENTRIES) {
        answers.clear()
        version = now
      }
      if (answers.has(key))
        return answers.get(key) as T
      const answer = run()
      answers.set(key, answer)
      return answer
    },
  }
}
