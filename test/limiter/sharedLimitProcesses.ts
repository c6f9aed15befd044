// Starts several sharedLimitWorker processes at once against one instance and collects
// their results. From jest it runs the TypeScript through run-ts.js; from the compiled
// benchmark (.build) it runs the compiled worker.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

import type { WorkerResult } from './sharedLimitWorker';

export interface Target {
	url: string;
	idInstance: string;
	token: string;
}

export interface ProcessesOptions {
	processes: number;
	items: number;
	perSecond: number;
	/** What each process calls (default getContactInfo). */
	method?: 'getContactInfo' | 'checkWhatsapp';
	/** The shared Redis; undefined = each process limits on its own. */
	redisUrl?: string;
	timeoutMs?: number;
}

export interface ProcessesRun {
	results: WorkerResult[];
	/** Each process's stderr: n8n's log lines (warnings) and any crash. */
	logs: string[];
	ms: number;
}

function command(): string[] {
	if (__filename.endsWith('.js')) return [join(__dirname, 'sharedLimitWorker.js')];
	return [join(__dirname, 'run-ts.js'), join(__dirname, 'sharedLimitWorker.ts')];
}

function runOne(target: Target, options: ProcessesOptions, index: number): Promise<{ result: WorkerResult; log: string }> {
	const env: NodeJS.ProcessEnv = {
		PATH: process.env.PATH,
		NO_PROXY: '127.0.0.1,localhost',
		LIMIT_URL: target.url,
		LIMIT_ID: target.idInstance,
		LIMIT_TOKEN: target.token,
		LIMIT_ITEMS: String(options.items),
		LIMIT_RATE: String(options.perSecond),
		LIMIT_METHOD: options.method ?? 'getContactInfo',
		LIMIT_PREFIX: `79${index}${Date.now() % 1000}`,
		...(options.redisUrl ? { GREEN_API_REDIS_URL: options.redisUrl } : { GREEN_API_REDIS: 'off' }),
	};
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, command(), { env, stdio: ['ignore', 'pipe', 'pipe'] });
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		// A process that does not end by itself is a failure too: something held it open.
		const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
		child.once('error', reject);
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			const line = stdout.trim().split('\n').pop() ?? '';
			if (code !== 0 || !line.startsWith('{')) {
				reject(new Error(`worker ${index} ended with ${code ?? signal}:\n${stdout}\n${stderr}`));
				return;
			}
			resolve({ result: JSON.parse(line) as WorkerResult, log: stderr });
		});
	});
}

export async function runProcesses(target: Target, options: ProcessesOptions): Promise<ProcessesRun> {
	const started = performance.now();
	const runs = await Promise.all(Array.from({ length: options.processes }, (_, i) => runOne(target, options, i)));
	return { results: runs.map((run) => run.result), logs: runs.map((run) => run.log), ms: performance.now() - started };
}
