// Every Redis key and channel name the cluster uses, under one prefix (REDIS_PREFIX, `tidings:` by default).
//   channels  <p>user:<user>       pushes for a user's notification sockets and SSE streams
//             <p>task:<task>       a task's progress, for its watchers
//             <p>instance:<id>     commands for one process (evict a connection)
//             <p>broadcast         commands for every process (close a signed-out session's connections)
//   keys      <p>conns:<user>      sorted set of the user's notification sockets, `<instance>|<connection>`,
//                                  and SSE streams, `<instance>|sse:<connection>` (one limit for both),
//                                  scored by a cluster-wide sequence (lowest = oldest)
//             <p>users             set of users that have such a sorted set
//             <p>seq               the sequence
//             <p>alive:<id>        a process's figures (JSON), expiring unless the process renews them
//             <p>instances         set of process ids that have announced themselves

export class ClusterKeys {
  readonly userChannelPrefix: string
  readonly taskChannelPrefix: string
  readonly broadcastChannel: string
  readonly connectionsPrefix: string
  readonly users: string
  readonly sequence: string
  readonly alivePrefix: string
  readonly instances: string

  constructor(readonly prefix: string) {
    this.userChannelPrefix = `${prefix}user:`
    this.taskChannelPrefix = `${prefix}task:`
    this.broadcastChannel = `${prefix}broadcast`
    this.connectionsPrefix = `${prefix}conns:`
    this.users = `${prefix}users`
    this.sequence = `${prefix}seq`
    this.alivePrefix = `${prefix}alive:`
    this.instances = `${prefix}instances`
  }

  userChannel(userId: string): string {
    return this.userChannelPrefix + userId
  }

  taskChannel(taskId: string): string {
    return this.taskChannelPrefix + taskId
  }

  instanceChannel(instanceId: string): string {
    return `${this.prefix}instance:${instanceId}`
  }

  connections(userId: string): string {
    return this.connectionsPrefix + userId
  }

  alive(instanceId: string): string {
    return this.alivePrefix + instanceId
  }
}

/** Marks an SSE stream's member: it counts against the limit but not in the stats' `users` (WebSockets). */
export const STREAM_MEMBER_MARK = 'sse:'

/** How a connection is named after the `|` of its member: its id, marked for SSE streams. */
export function memberIdOf(connection: { id: string, kind: string }): string {
  return connection.kind === 'sse' ? `${STREAM_MEMBER_MARK}${connection.id}` : connection.id
}

/** A notification socket's or SSE stream's member in its user's sorted set. */
export function memberOf(instanceId: string, memberId: string): string {
  return `${instanceId}|${memberId}`
}

/** The owning process and member id (see memberIdOf) of a member. */
export function parseMember(member: string): { instanceId: string, memberId: string } | null {
  const bar = member.indexOf('|')
  return bar > 0 ? { instanceId: member.slice(0, bar), memberId: member.slice(bar + 1) } : null
}
