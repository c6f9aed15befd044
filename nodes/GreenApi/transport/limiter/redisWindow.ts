import { createHash } from 'node:crypto';

import type { Cluster, Redis } from 'ioredis';

import { INSTANCE_PAUSE_CAP_MS } from '../serverWait';
import { clampDelay, EASE_OFF_FADE_MS_PER_SECOND, EASE_OFF_MAX_MS, EASE_OFF_STEP_MS, SHARED_WINDOW_SAFETY_MS } from './window';

/**
 * The window of one instance and method held in Redis, for every process at once. Each
 * decision is one Lua script, so it is atomic, and it runs on Redis's clock, so processes
 * on several machines agree on time. Three keys per instance and method:
 *   starts  sorted set: one member per request start, scored by its time
 *   state   hash: pausedUntil (a 429's pause), ease and easeAt (the widening, fading)
 *   rates   sorted set: each rate asked for, scored by when it stops counting
 */

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function easeAt(state)
	local ease = tonumber(state[2]) or 0
	local at = tonumber(state[3]) or now
	return math.max(0, ease - (now - at) * ${EASE_OFF_FADE_MS_PER_SECOND} / 1000)
end
local function shape(rate, ease)
	local second = 1000 + ${SHARED_WINDOW_SAFETY_MS} + ease
	if rate < 1 then return 1, second / rate end
	return math.floor(rate), second
end
`;

/**
 * KEYS: starts, state, rates. ARGV: rate, member. Returns 0 when the start is granted (and
 * recorded), else how many ms to wait before asking again. The rate asked counts for the
 * whole window after this call: the lowest rate still counting is the one applied.
 */
const ACQUIRE = `${NOW}
local rate = tonumber(ARGV[1])
if rate > 0 then
	local _, ownWindow = shape(rate, ${EASE_OFF_MAX_MS})
	local expires = now + ownWindow
	local current = tonumber(redis.call('ZSCORE', KEYS[3], ARGV[1]))
	if current == nil or current < expires then redis.call('ZADD', KEYS[3], expires, ARGV[1]) end
	redis.call('PEXPIRE', KEYS[3], math.ceil(ownWindow))
end
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
local lowest = 0
for _, asked in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
	local value = tonumber(asked)
	if value > 0 and (lowest == 0 or value < lowest) then lowest = value end
end
local state = redis.call('HMGET', KEYS[2], 'pausedUntil', 'ease', 'easeAt')
local paused = tonumber(state[1]) or 0
if paused > now then return math.ceil(paused - now) end
if lowest == 0 then return 0 end
local burst, window = shape(lowest, easeAt(state))
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count < burst then
	redis.call('ZADD', KEYS[1], now, ARGV[2])
	redis.call('PEXPIRE', KEYS[1], math.ceil(window) + 1000)
	return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], count - burst, count - burst, 'WITHSCORES')
return math.max(1, math.ceil(tonumber(oldest[2]) + window - now))
`;

/** KEYS: starts. ARGV: member. The request was written to its socket: count it from now. */
const SENT = `${NOW}
local at = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
if at ~= nil and at < now then redis.call('ZADD', KEYS[1], now, ARGV[1]) end
return 0
`;

/** KEYS: state. ARGV: delay. A 429: pause every process, and widen the window for a while. */
const PENALIZE = `${NOW}
local state = redis.call('HMGET', KEYS[1], 'pausedUntil', 'ease', 'easeAt')
local paused = math.max(tonumber(state[1]) or 0, now + math.min(${INSTANCE_PAUSE_CAP_MS}, tonumber(ARGV[1])))
local ease = math.min(${EASE_OFF_MAX_MS}, easeAt(state) + ${EASE_OFF_STEP_MS})
redis.call('HSET', KEYS[1], 'pausedUntil', paused, 'ease', ease, 'easeAt', now)
redis.call('PEXPIRE', KEYS[1], math.ceil(paused - now + ease * 1000 / ${EASE_OFF_FADE_MS_PER_SECOND}) + 1000)
return 0
`;

/**
 * KEYS: starts, state, rates. A decision asked for a wait no limiter could ask: bring back
 * what lies beyond what any process could have written now. Starts from the future (a clock
 * stepped back) count as starting now, which is never fewer than were sent; a pause beyond
 * the cap, a widening beyond its maximum, a rate that is no number or counts for longer than
 * its own window, are dropped or brought within their bounds.
 */
const REPAIR = `${NOW}
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. now, '+inf')) do redis.call('ZADD', KEYS[1], now, member) end
local state = redis.call('HMGET', KEYS[2], 'pausedUntil', 'ease', 'easeAt')
if (tonumber(state[1]) or 0) > now + ${INSTANCE_PAUSE_CAP_MS} then redis.call('HDEL', KEYS[2], 'pausedUntil') end
local ease = tonumber(state[2])
if state[2] and (ease == nil or ease > ${EASE_OFF_MAX_MS} or ease < 0) then redis.call('HSET', KEYS[2], 'ease', ${EASE_OFF_MAX_MS}) end
local easeAt = tonumber(state[3])
if state[3] and (easeAt == nil or easeAt > now) then redis.call('HSET', KEYS[2], 'easeAt', now) end
local rates = redis.call('ZRANGE', KEYS[3], 0, -1, 'WITHSCORES')
for i = 1, #rates, 2 do
	local rate = tonumber(rates[i])
	if rate == nil or rate <= 0 then redis.call('ZREM', KEYS[3], rates[i])
	else
		local _, ownWindow = shape(rate, ${EASE_OFF_MAX_MS})
		if tonumber(rates[i + 1]) > now + ownWindow then redis.call('ZADD', KEYS[3], now + ownWindow, rates[i]) end
	end
end
return 0
`;

export interface LimiterCommands {
	greenApiAcquire(starts: string, state: string, rates: string, rate: number, member: string): Promise<number>;
	greenApiSent(starts: string, member: string): Promise<number>;
	greenApiPenalize(state: string, delayMs: number): Promise<number>;
	greenApiRepair(starts: string, state: string, rates: string): Promise<number>;
}

/** ioredis loads each script once per connection (EVALSHA, EVAL on NOSCRIPT). */
export function defineLimiterCommands(client: Redis | Cluster): (Redis | Cluster) & LimiterCommands {
	client.defineCommand('greenApiAcquire', { numberOfKeys: 3, lua: ACQUIRE });
	client.defineCommand('greenApiSent', { numberOfKeys: 1, lua: SENT });
	client.defineCommand('greenApiPenalize', { numberOfKeys: 1, lua: PENALIZE });
	client.defineCommand('greenApiRepair', { numberOfKeys: 3, lua: REPAIR });
	return client as (Redis | Cluster) & LimiterCommands;
}

export interface RedisKeys {
	starts: string;
	state: string;
	rates: string;
}

/**
 * `<prefix>:green-api:limit:{<idInstance>:<method>}:…` from the limiter's key, which ends
 * with `<idInstance>|<method>` (whatever comes before, such as an API URL, is left out).
 * A part that is not a plain id or method name is hashed, so no odd text reaches Redis.
 * The braces keep one limiter's keys in one cluster slot.
 */
export function redisKeysFor(prefix: string, key: string): RedisKeys {
	const parts = key.split('|');
	const method = parts[parts.length - 1] ?? '';
	const idInstance = parts.length > 1 ? parts[parts.length - 2] : '';
	const safe = (part: string) => (/^[A-Za-z0-9_.-]{1,64}$/.test(part) ? part : createHash('sha256').update(part).digest('hex').slice(0, 16));
	const base = `${prefix}:green-api:limit:{${safe(idInstance)}:${safe(method)}}`;
	return { starts: `${base}:starts`, state: `${base}:state`, rates: `${base}:rates` };
}

export async function acquire(client: LimiterCommands, keys: RedisKeys, perSecond: number, member: string): Promise<number> {
	return clampDelay(Number(await client.greenApiAcquire(keys.starts, keys.state, keys.rates, perSecond, member)));
}

export async function markSent(client: LimiterCommands, keys: RedisKeys, member: string): Promise<void> {
	await client.greenApiSent(keys.starts, member);
}

export async function penalize(client: LimiterCommands, keys: RedisKeys, delayMs: number): Promise<void> {
	await client.greenApiPenalize(keys.state, clampDelay(delayMs));
}

export async function repair(client: LimiterCommands, keys: RedisKeys): Promise<void> {
	await client.greenApiRepair(keys.starts, keys.state, keys.rates);
}

/**
 * The longest wait a decision can ask of a process applying `perSecond` (0: none): the
 * capped 429 pause plus one window at the widest margin, at that rate or at 1/s, whichever
 * is lower (another process may ask a lower rate, down to GREEN-API's lowest limit). A
 * longer one is no decision of this limiter's: the shared state is broken.
 */
export function longestSharedWaitMs(perSecond: number): number {
	const rate = perSecond > 0 ? Math.min(perSecond, 1) : 1;
	return INSTANCE_PAUSE_CAP_MS + (1000 + SHARED_WINDOW_SAFETY_MS + EASE_OFF_MAX_MS) / rate;
}
