import { Cluster, Redis } from 'ioredis';
import { LoggerProxy } from 'n8n-workflow';

import { describeWait } from '../serverWait';
import { defineLimiterCommands } from './redisWindow';
import type { LimiterCommands } from './redisWindow';
import { redisSettingsFrom } from './redisConfig';
import type { RedisSettings } from './redisConfig';

/**
 * The one Redis connection of this process for the limiter, opened on first use.
 *
 * It never keeps n8n (or any process) alive and leaves nothing behind: the socket is
 * unref'd, it reconnects only when asked to (no reconnect timers of ioredis's own), and
 * it closes itself after a minute unused. When Redis is unreachable the limiter works
 * in-process (one warning in n8n's log per outage) and asks again a little later.
 */

export type LimiterClient = (Redis | Cluster) & LimiterCommands;

export interface SharedRedis {
	client: LimiterClient;
	prefix: string;
}

/** After a failure: limit in-process for this long, then try Redis again. */
export const REDIS_RETRY_AFTER_MS = 2000;
/** No request may wait longer than this on Redis: a hung server counts as a lost one. */
export const REDIS_COMMAND_TIMEOUT_MS = 1000;
const IDLE_CLOSE_MS = 60_000;

let settings: RedisSettings | undefined;
let settingsRead = false;
let shared: SharedRedis | undefined;
let downUntil = 0;
let down = false;
let idleTimer: ReturnType<typeof setTimeout> | undefined;

/** The shared Redis, or undefined: none configured, or it failed a moment ago. */
export function limiterRedis(): SharedRedis | undefined {
	if (!settingsRead) {
		settings = redisSettingsFrom();
		settingsRead = true;
	}
	if (!settings || performance.now() < downUntil) return undefined;
	if (!shared || shared.client.status === 'end') shared = { client: connect(settings), prefix: settings.prefix };
	clearTimeout(idleTimer);
	idleTimer = setTimeout(() => void closeLimiterRedis(), IDLE_CLOSE_MS);
	idleTimer.unref();
	return shared;
}

function connect(settings: RedisSettings): LimiterClient {
	const own = {
		// Queue commands only while connecting; a lost connection is not retried by ioredis.
		enableOfflineQueue: true,
		maxRetriesPerRequest: 0,
		retryStrategy: () => null,
		connectTimeout: REDIS_COMMAND_TIMEOUT_MS * 2,
		commandTimeout: REDIS_COMMAND_TIMEOUT_MS,
		enableReadyCheck: false,
	};
	let client: Redis | Cluster;
	if (settings.kind === 'url') client = new Redis(settings.url, own);
	else if (settings.kind === 'single') client = new Redis({ ...settings.options, ...own });
	else {
		client = new Cluster(settings.nodes, {
			...settings.options,
			redisOptions: { ...settings.options.redisOptions, ...own },
			clusterRetryStrategy: () => null,
			enableOfflineQueue: true,
		});
	}
	// Failures reach the limiter through the commands; this only keeps 'error' handled.
	client.on('error', () => {});
	client.on('connect', () => unref(client));
	client.on('ready', () => {
		if (!down) return;
		down = false;
		LoggerProxy.info(`GREEN-API rate limiter: ${settings.label} is back; the limit is shared again`);
	});
	return defineLimiterCommands(client);
}

function unref(client: Redis | Cluster): void {
	const connections = client instanceof Cluster ? client.nodes() : [client];
	for (const connection of connections) (connection as unknown as { stream?: { unref?: () => void } }).stream?.unref?.();
}

/**
 * A command failed or timed out: limit in-process for a while. The request that met it
 * is not lost: the limiter lets it through its own window instead.
 */
export function reportRedisFailure(error: unknown): void {
	downUntil = performance.now() + REDIS_RETRY_AFTER_MS;
	const client = shared?.client;
	shared = undefined;
	client?.disconnect();
	if (down) return;
	down = true;
	const reason = error instanceof Error ? error.message : String(error);
	LoggerProxy.warn(
		`GREEN-API rate limiter: ${settings?.label ?? 'Redis'} is unreachable (${reason}); each process limits GREEN-API requests on its own until it is back, so the workers together may exceed the rate`,
	);
}

const brokenKeys = new Set<string>();

/**
 * A decision asked for a wait longer than any this limiter can ask (`longestMs`): the shared
 * state of `what` is broken (a clock stepped back, keys written by something else, a server
 * that is no Redis). Said once per limiter and process: the request goes on at once.
 */
export function reportBrokenSharedState(what: string, askedMs: number, longestMs: number): void {
	if (brokenKeys.has(what)) return;
	brokenKeys.add(what);
	LoggerProxy.warn(
		`GREEN-API rate limiter: the shared state of ${what} in ${settings?.label ?? 'Redis'} asked to wait ${describeWait(askedMs)}, longer than the ${describeWait(longestMs)} the limiter can ask for (a clock stepped back, or its keys were written by something else); the keys were repaired, and requests go on under this process's own limit meanwhile`,
	);
}

/** Closes the connection (n8n shutting a worker down, a test ending); the next use reopens it. */
export async function closeLimiterRedis(): Promise<void> {
	clearTimeout(idleTimer);
	idleTimer = undefined;
	const client = shared?.client;
	shared = undefined;
	if (!client) return;
	try {
		await client.quit();
	} catch {
		client.disconnect();
	}
}

/** For tests and benchmarks: which Redis to share (undefined: none), instead of the environment. */
export async function useLimiterRedis(next: RedisSettings | undefined): Promise<void> {
	await closeLimiterRedis();
	settings = next;
	settingsRead = true;
	downUntil = 0;
	down = false;
	brokenKeys.clear();
}
