import { readFileSync } from 'node:fs';

import type { ClusterOptions, RedisOptions } from 'ioredis';

/**
 * Which Redis the limiter shares, read from the variables n8n itself reads for queue mode
 * (@n8n/config's ScalingModeConfig, n8n 2.39: QUEUE_BULL_REDIS_* and QUEUE_BULL_PREFIX,
 * each also as <NAME>_FILE), so that a worker needs no setting of ours. GREEN_API_REDIS_URL
 * names a separate Redis instead (and turns sharing on outside queue mode, e.g. for
 * several plain Node processes); GREEN_API_REDIS=off turns it off.
 */
export type RedisSettings =
	| { kind: 'url'; url: string; prefix: string; label: string }
	| { kind: 'single'; options: RedisOptions; prefix: string; label: string }
	| { kind: 'cluster'; nodes: Array<{ host: string; port: number }>; options: ClusterOptions; prefix: string; label: string };

type Env = NodeJS.ProcessEnv;

/** n8n reads NAME, or the contents of the file NAME_FILE names (for Docker secrets). */
function read(env: Env, name: string): string | undefined {
	const file = env[`${name}_FILE`];
	if (file) {
		try {
			return readFileSync(file, 'utf8').trim();
		} catch {
			return undefined;
		}
	}
	const value = env[name];
	return value === undefined || value === '' ? undefined : value;
}

function number(env: Env, name: string, fallback: number): number {
	const value = Number(read(env, name));
	return Number.isFinite(value) && read(env, name) !== undefined ? value : fallback;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
	const value = read(env, name);
	return value === undefined ? fallback : value === 'true';
}

export function redisSettingsFrom(env: Env = process.env): RedisSettings | undefined {
	if (env.GREEN_API_REDIS === 'off') return undefined;
	const prefix = read(env, 'QUEUE_BULL_PREFIX') ?? 'bull';
	const url = read(env, 'GREEN_API_REDIS_URL');
	if (url) return { kind: 'url', url, prefix, label: redisUrlLabel(url) };
	if (read(env, 'EXECUTIONS_MODE') !== 'queue') return undefined;

	const options: RedisOptions = {
		username: read(env, 'QUEUE_BULL_REDIS_USERNAME'),
		password: read(env, 'QUEUE_BULL_REDIS_PASSWORD'),
		db: number(env, 'QUEUE_BULL_REDIS_DB', 0),
	};
	if (flag(env, 'QUEUE_BULL_REDIS_DUALSTACK', false)) options.family = 0;
	if (flag(env, 'QUEUE_BULL_REDIS_TLS', false)) {
		options.tls = {
			servername: read(env, 'QUEUE_BULL_REDIS_TLS_SERVERNAME'),
			rejectUnauthorized: flag(env, 'QUEUE_BULL_REDIS_TLS_VALIDATE_CERTIFICATE', true),
		};
	}
	const nodes = (read(env, 'QUEUE_BULL_REDIS_CLUSTER_NODES') ?? '')
		.split(',')
		.filter((pair) => pair.trim().length > 0)
		.map((pair) => {
			const [host, port] = pair.trim().split(':');
			return { host, port: parseInt(port, 10) };
		});
	if (nodes.length > 0) {
		return { kind: 'cluster', nodes, options: { redisOptions: options }, prefix, label: `Redis cluster ${nodes.map((n) => `${n.host}:${n.port}`).join(',')}` };
	}
	const host = read(env, 'QUEUE_BULL_REDIS_HOST') ?? 'localhost';
	const port = number(env, 'QUEUE_BULL_REDIS_PORT', 6379);
	return { kind: 'single', options: { ...options, host, port }, prefix, label: `Redis ${host}:${port}` };
}

/** host:port of a redis:// URL, for log lines: never its password. */
export function redisUrlLabel(url: string): string {
	try {
		const parsed = new URL(url);
		return `Redis ${parsed.hostname}:${parsed.port || 6379}`;
	} catch {
		return 'Redis (GREEN_API_REDIS_URL)';
	}
}
