import { createHash } from 'node:crypto';

import type { Cluster, Redis } from 'ioredis';

import { INSTANCE_PAUSE_CAP_MS } from '../serverWait';
import { clampDelay, EASE_OFF_FADE_MS_PER_SECOND, EASE_OFF_MAX_MS, EASE_OFF_STEP_MS, SHARED_WINDOW_SAFETY_MS } from './window';

/**
 * The window of one instance and method held in Redis, for every process at once. Each
 * decision is one Lua script, so it is atomic, and it runs on Redis's clock, so processes
 * on several machines agree on time. Three keys per instance and method:
 *   starts  sorted set: one member per request start, scored by its time
 *   state   hash: pausedUntil (a 429's pause), ease and easeAt (the widening, fading),
 *           pacedAt (when the next evenly spaced start is due)
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
	if rate < 1 then return 1, second / rate, second / rate end
	return math.floor(rate), second, second / math.floor(rate)
end
`;

/**
 * KEYS: starts, state, rates. ARGV: rate, wanted, member prefix. Reserves up to `wanted`
 * starts, each at the earliest time the window and the spacing allow, but none further
 * ahead than one window: one round trip then grants a window's worth of starts, so a Redis
 * far away costs a little latency instead of the rate. Returns { wait, delay1, delay2, … }:
 * the delays (ms from now) of the starts reserved, as members `<prefix>:1`, `<prefix>:2`, …;
 * or, when none was, { wait }: how many ms to wait before asking again. The rate asked
 * counts for the whole window after this call: the lowest rate still counting is applied.
 */
const ACQUIRE = `${NOW}
local rate = tonumber(ARGV[1])
local wanted = math.max(1, math.min(100, math.floor(tonumber(ARGV[2]) or 1)))
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
local state = redis.call('HMGET', KEYS[2], 'pausedUntil', 'ease', 'easeAt', 'pacedAt')
local paused = tonumber(state[1]) or 0
if paused > now then return { math.ceil(paused - now) } end
local granted = { 0 }
if lowest == 0 then
	for i = 1, wanted do granted[i + 1] = 0 end
	return granted
end
local burst, window, spacing = shape(lowest, easeAt(state))
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local pacedAt = tonumber(state[4]) or 0
for i = 1, wanted do
	-- No start lies after the new one (each is at or after the latest), so the window holds
	-- room for it once the burst-th latest start has left it.
	local count = redis.call('ZCARD', KEYS[1])
	local at = math.max(now, pacedAt)
	if count > 0 then at = math.max(at, tonumber(redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2])) end
	if count >= burst then at = math.max(at, tonumber(redis.call('ZRANGE', KEYS[1], count - burst, count - burst, 'WITHSCORES')[2]) + window) end
	if at > now + window then
		if i == 1 then return { math.ceil(at - window - now) } end
		break
	end
	redis.call('ZADD', KEYS[1], at, ARGV[3] .. ':' .. i)
	-- As nextPacedStart in window.ts.
	if at - pacedAt > spacing / 2 then pacedAt = at end
	pacedAt = pacedAt + spacing
	granted[i + 1] = math.ceil(at - now)
end
redis.call('PEXPIRE', KEYS[1], math.ceil(window * 2) + 1000)
if #granted > 1 then
	redis.call('HSET', KEYS[2], 'pacedAt', pacedAt)
	if redis.call('PTTL', KEYS[2]) < window * 2 then redis.call('PEXPIRE', KEYS[2], math.ceil(window * 2) + 1000) end
end
return granted
`;

/**
 * KEYS: starts. ARGV: member, lateMs. The request was written to its socket `lateMs` after
 * its reserved time: count it from then. Told as a lag, not as "now": with Redis far away,
 * Redis's now when this arrives is a whole trip later than the request was sent.
 */
const SENT = `
local at = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
local late = tonumber(ARGV[2]) or 0
if at ~= nil and late > 0 then redis.call('ZADD', KEYS[1], at + late, ARGV[1]) end
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
 * what lies beyond what any process could have written now. Starts further ahead than any
 * reservation reaches (a clock stepped back) count as starting now, which is never fewer than were sent; a pause beyond
 * the cap, a widening beyond its maximum, a rate that is no number or counts for longer than
 * its own window, are dropped or brought within their bounds.
 */
const REPAIR = `${NOW}
local _, farthest = shape(1, ${EASE_OFF_MAX_MS})
for _, asked in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
	local value = tonumber(asked)
	if value ~= nil and value > 0 and value < 1 then farthest = math.max(farthest, select(2, shape(value, ${EASE_OFF_MAX_MS}))) end
end
for _, member in ipairs(redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now + farthest), '+inf')) do redis.call('ZADD', KEYS[1], now, member) end
local state = redis.call('HMGET', KEYS[2], 'pausedUntil', 'ease', 'easeAt', 'pacedAt')
if (tonumber(state[1]) or 0) > now + ${INSTANCE_PAUSE_CAP_MS} then redis.call('HDEL', KEYS[2], 'pausedUntil') end
local ease = tonumber(state[2])
if state[2] and (ease == nil or ease > ${EASE_OFF_MAX_MS} or ease < 0) then redis.call('HSET', KEYS[2], 'ease', ${EASE_OFF_MAX_MS}) end
local easeAt = tonumber(state[3])
if state[3] and (easeAt == nil or easeAt > now) then redis.call('HSET', KEYS[2], 'easeAt', now) end
local pacedAt = tonumber(state[4])
if state[4] and (pacedAt == nil or pacedAt > now + farthest) then redis.call('HDEL', KEYS[2], 'pacedAt') end
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
	greenApiAcquire(starts: string, state: string, rates: string, rate: number, wanted: number, memberPrefix: string): Promise<unknown>;
	greenApiSent(starts: string, member: string, lateMs: number): Promise<number>;
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

/** What one decision gave: starts reserved for this process, or how long to wait before asking again. */
export interface Decision {
	waitMs: number;
	/** Each reserved start: ms from when the answer came, and the member it is recorded as. */
	grants: { delayMs: number; member: string }[];
}

export async function acquire(client: LimiterCommands, keys: RedisKeys, perSecond: number, wanted: number, memberPrefix: string): Promise<Decision> {
	const answer = await client.greenApiAcquire(keys.starts, keys.state, keys.rates, perSecond, wanted, memberPrefix);
	// Anything but the script's own answer is read as a wait, bounded by the caller.
	const values = (Array.isArray(answer) ? answer : [answer]).map((value) => clampDelay(Number(value)));
	return { waitMs: values[0] ?? 0, grants: values.slice(1).map((delayMs, index) => ({ delayMs, member: `${memberPrefix}:${index + 1}` })) };
}

export async function markSent(client: LimiterCommands, keys: RedisKeys, member: string, lateMs: number): Promise<void> {
	await client.greenApiSent(keys.starts, member, Math.ceil(lateMs));
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
