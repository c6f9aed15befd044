// One plain Node process calling getContactInfo (or checkWhatsapp) through the product's transport (undici
// dispatcher, rate-limit interceptor, limiter): what one n8n worker does for one execution.
// The Redis it shares comes from the environment, as in n8n (GREEN_API_REDIS_URL here).
// Prints one JSON line: { ok, failed, ms }. It ends by itself: nothing may hold it open.
import { LoggerProxy } from 'n8n-workflow';

import { toConnection } from '../../nodes/GreenApi/transport/connection';
import { callGreenApi } from '../../nodes/GreenApi/transport/request';

export interface WorkerResult {
	ok: number;
	failed: number;
	ms: number;
	errors: string[];
}

async function main(): Promise<void> {
	const { LIMIT_URL, LIMIT_ID, LIMIT_TOKEN, LIMIT_ITEMS, LIMIT_RATE, LIMIT_PREFIX, LIMIT_METHOD } = process.env;
	// n8n's log, as a worker would have it: the limiter's warnings go to stderr.
	const log = (level: string) => (message: string) => process.stderr.write(`${level}: ${message}\n`);
	LoggerProxy.init({ error: log('error'), warn: log('warn'), info: log('info'), debug: () => {} } as never);

	const connected = toConnection({ apiUrl: LIMIT_URL ?? '', idInstance: LIMIT_ID ?? '', token: LIMIT_TOKEN ?? '' });
	if (!connected.ok) throw new Error(connected.reason);
	const count = Number(LIMIT_ITEMS);
	const chatIds = Array.from({ length: count }, (_, i) => `${LIMIT_PREFIX}${String(i).padStart(11 - (LIMIT_PREFIX ?? '').length, '0')}@c.us`);
	const started = performance.now();
	const errors: string[] = [];
	const outcomes = await Promise.all(
		chatIds.map((chatId) =>
			callGreenApi(connected.connection, LIMIT_METHOD === 'checkWhatsapp' ? 'checkWhatsapp' : 'getContactInfo', LIMIT_METHOD === 'checkWhatsapp' ? { phoneNumber: Number(chatId.slice(0, -5)) } : { chatId }, { perSecond: Number(LIMIT_RATE), maxRetries: 4, timeoutMs: 10_000 }).then(
				() => true,
				(error: Error) => (errors.push(error.message), false),
			),
		),
	);
	const ok = outcomes.filter(Boolean).length;
	const result: WorkerResult = { ok, failed: count - ok, ms: performance.now() - started, errors: [...new Set(errors)] };
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
	process.stderr.write(`${String(error)}\n`);
	process.exitCode = 1;
});
