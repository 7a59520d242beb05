// The Lua scripts behind the cluster's connection records (see keys.ts for the layout). Each runs
// atomically in Redis, so ten connects racing on three processes still end with exactly the limit open.
// A member whose process no longer renews its `alive:` key is a ghost: it is dropped wherever a script
// meets it and never counts, and evicting it needs no command.

/** Adds `ARGV[i]` (user) / `ARGV[i+1]` (member) pairs from `first` on, trimming each user to the limit. */
const ADD_AND_TRIM = `
local connectionsPrefix, alivePrefix, limit = ARGV[1], ARGV[2], tonumber(ARGV[3])
local evicted = {}
local function isAlive(member)
  local instance = string.match(member, '^([^|]+)|')
  return instance ~= nil and redis.call('EXISTS', alivePrefix .. instance) == 1
end
local function addAll(first)
  for i = first, #ARGV, 2 do
    local user, member = ARGV[i], ARGV[i + 1]
    local key = connectionsPrefix .. user
    redis.call('ZADD', key, redis.call('INCR', KEYS[2]), member)
    redis.call('SADD', KEYS[1], user)
    local count = redis.call('ZCARD', key)
    while count > limit do
      local oldest = redis.call('ZRANGE', key, 0, 0)[1]
      redis.call('ZREM', key, oldest)
      count = count - 1
      if isAlive(oldest) then
        table.insert(evicted, oldest)
      end
    end
  end
end
`

export const Scripts = {
  /**
   * KEYS: users, seq. ARGV: connectionsPrefix, alivePrefix, limit, user, member.
   * Records one notification socket or SSE stream; returns the members evicted to stay within the limit.
   */
  add: {
    numberOfKeys: 2,
    lua: `${ADD_AND_TRIM}
addAll(4)
return evicted`,
  },

  /** KEYS: connections(user), users. ARGV: member, user. Forgets one notification socket or SSE stream. */
  remove: {
    numberOfKeys: 2,
    lua: `
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('ZCARD', KEYS[1]) == 0 then
  redis.call('SREM', KEYS[2], ARGV[2])
end
return 0`,
  },

  /**
   * KEYS: users, seq. ARGV: connectionsPrefix, alivePrefix, limit, instanceId, then user/member pairs.
   * Replaces everything recorded for one process with what it holds now (after Redis lost data or
   * commands failed while it was away); returns the members evicted to stay within the limit.
   */
  resync: {
    numberOfKeys: 2,
    lua: `${ADD_AND_TRIM}
local mine = ARGV[4] .. '|'
for _, user in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = connectionsPrefix .. user
  for _, member in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    if string.sub(member, 1, #mine) == mine then
      redis.call('ZREM', key, member)
    end
  end
  if redis.call('ZCARD', key) == 0 then
    redis.call('SREM', KEYS[1], user)
  end
end
addAll(5)
return evicted`,
  },

  /**
   * KEYS: alive(instance), instances. ARGV: figures (JSON), ttlMs, instanceId.
   * Renews a process's figures and lease; returns 0 when the lease had lapsed (or Redis was emptied),
   * i.e. when the process's records must be written again.
   */
  beat: {
    numberOfKeys: 2,
    lua: `
local existed = redis.call('EXISTS', KEYS[1])
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
return existed`,
  },

  /**
   * KEYS: users, instances. ARGV: connectionsPrefix, alivePrefix, streamMark.
   * The cluster's counts: {{user, sockets, ...}, {instanceId, figures, ...}}, dropping ghosts on the way.
   * Members whose id starts with streamMark are SSE streams: they count against the limit, not here.
   */
  stats: {
    numberOfKeys: 2,
    lua: `
local connectionsPrefix, alivePrefix, streamMark = ARGV[1], ARGV[2], '|' .. ARGV[3]
local alive, instances, users = {}, {}, {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local figures = redis.call('GET', alivePrefix .. id)
  if figures then
    alive[id] = true
    table.insert(instances, id)
    table.insert(instances, figures)
  else
    redis.call('SREM', KEYS[2], id)
  end
end
for _, user in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  local key = connectionsPrefix .. user
  local live, sockets = 0, 0
  for _, member in ipairs(redis.call('ZRANGE', key, 0, -1)) do
    local instance = string.match(member, '^([^|]+)|')
    if instance ~= nil and alive[instance] then
      live = live + 1
      if string.sub(member, #instance + 1, #instance + #streamMark) ~= streamMark then
        sockets = sockets + 1
      end
    else
      redis.call('ZREM', key, member)
    end
  end
  if sockets > 0 then
    table.insert(users, user)
    table.insert(users, sockets)
  end
  if live == 0 then
    redis.call('SREM', KEYS[1], user)
  end
end
return {users, instances}`,
  },
} as const

export type ScriptName = keyof typeof Scripts
