import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { redisSettingsFrom } from '../../nodes/GreenApi/transport/limiter/redisConfig';

describe("the limiter's Redis, from n8n's own variables", () => {
	it('stays in-process outside queue mode', () => {
		expect(redisSettingsFrom({})).toBeUndefined();
		expect(redisSettingsFrom({ EXECUTIONS_MODE: 'regular', QUEUE_BULL_REDIS_HOST: 'redis' })).toBeUndefined();
	});

	it("uses n8n's defaults in queue mode: localhost:6379, db 0, prefix bull", () => {
		expect(redisSettingsFrom({ EXECUTIONS_MODE: 'queue' })).toEqual({
			kind: 'single',
			options: { host: 'localhost', port: 6379, db: 0, username: undefined, password: undefined },
			prefix: 'bull',
			label: 'Redis localhost:6379',
		});
	});

	it('reads host, port, db, user, password, TLS and prefix as n8n does', () => {
		const settings = redisSettingsFrom({
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: 'redis.internal',
			QUEUE_BULL_REDIS_PORT: '6380',
			QUEUE_BULL_REDIS_DB: '2',
			QUEUE_BULL_REDIS_USERNAME: 'n8n',
			QUEUE_BULL_REDIS_PASSWORD: 'pw',
			QUEUE_BULL_REDIS_TLS: 'true',
			QUEUE_BULL_REDIS_TLS_VALIDATE_CERTIFICATE: 'false',
			QUEUE_BULL_PREFIX: 'acme',
		});
		expect(settings).toMatchObject({
			kind: 'single',
			options: { host: 'redis.internal', port: 6380, db: 2, username: 'n8n', password: 'pw', tls: { rejectUnauthorized: false } },
			prefix: 'acme',
		});
		expect(settings?.label).not.toContain('pw');
	});

	it('reads a password from QUEUE_BULL_REDIS_PASSWORD_FILE', () => {
		const file = join(mkdtempSync(join(tmpdir(), 'redis-config-')), 'password');
		writeFileSync(file, 'from-file\n');
		const settings = redisSettingsFrom({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_PASSWORD_FILE: file });
		expect(settings).toMatchObject({ options: { password: 'from-file' } });
	});

	it('uses the cluster nodes when QUEUE_BULL_REDIS_CLUSTER_NODES is set', () => {
		const settings = redisSettingsFrom({ EXECUTIONS_MODE: 'queue', QUEUE_BULL_REDIS_CLUSTER_NODES: 'a:7000, b:7001', QUEUE_BULL_REDIS_PASSWORD: 'pw' });
		expect(settings).toMatchObject({ kind: 'cluster', nodes: [{ host: 'a', port: 7000 }, { host: 'b', port: 7001 }], options: { redisOptions: { password: 'pw' } } });
	});

	it('takes GREEN_API_REDIS_URL as a separate Redis, in any mode, and never logs its password', () => {
		const settings = redisSettingsFrom({ GREEN_API_REDIS_URL: 'redis://user:secret@limits.internal:6390/1' });
		expect(settings).toEqual({ kind: 'url', url: 'redis://user:secret@limits.internal:6390/1', prefix: 'bull', label: 'Redis limits.internal:6390' });
	});

	it('turns sharing off with GREEN_API_REDIS=off', () => {
		expect(redisSettingsFrom({ EXECUTIONS_MODE: 'queue', GREEN_API_REDIS: 'off' })).toBeUndefined();
	});
});
