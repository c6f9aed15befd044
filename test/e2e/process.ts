// Child processes of the end-to-end test: every one bounded in time and killed with its
// whole process group, so that no n8n, task runner or npm outlives a failed test.
import { spawn } from 'node:child_process';
import type { ChildProcessByStdio } from 'node:child_process';
import type { Readable } from 'node:stream';

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	ms: number;
}

export interface RunOptions {
	cwd: string;
	env: NodeJS.ProcessEnv;
	timeoutMs: number;
	/** Names the command in errors and in the log line. */
	label: string;
}

const live = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		// already gone
	}
}

/** For afterAll and exit paths: whatever is still running is ended now. */
export function killAll(): void {
	for (const pid of live) killGroup(pid, 'SIGKILL');
	live.clear();
}
process.once('exit', killAll);

export function tail(text: string, lines = 40): string {
	return text.split('\n').slice(-lines).join('\n');
}

/** Runs a command to its end. Rejects only on time-out or spawn failure; exit codes are the caller's. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
	const started = Date.now();
	return new Promise((resolve, reject) => {
		// detached: its own process group, which n8n's task runners and npm's children join.
		const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
		if (child.pid !== undefined) live.add(child.pid);

		let timedOut = false;
		let hardKill: NodeJS.Timeout | undefined;
		const timer = setTimeout(() => {
			timedOut = true;
			if (child.pid === undefined) return;
			killGroup(child.pid, 'SIGTERM');
			hardKill = setTimeout(() => child.pid !== undefined && killGroup(child.pid, 'SIGKILL'), 5_000);
		}, options.timeoutMs);

		child.once('error', (error) => {
			clearTimeout(timer);
			reject(new Error(`${options.label}: could not start ${command}: ${error.message}`));
		});

		let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
		let closeGuard: NodeJS.Timeout | undefined;
		let done = false;
		const finish = (): void => {
			if (done) return;
			done = true;
			if (closeGuard) clearTimeout(closeGuard);
			if (hardKill) clearTimeout(hardKill);
			if (child.pid !== undefined) live.delete(child.pid);
			const result = { ...exit!, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), ms: Date.now() - started };
			if (timedOut) {
				reject(new Error(`${options.label}: no end after ${options.timeoutMs} ms, killed.\n--- stdout (tail)\n${tail(result.stdout)}\n--- stderr (tail)\n${tail(result.stderr)}`));
				return;
			}
			process.stderr.write(`[e2e] ${options.label}: exit ${result.code ?? result.signal} after ${(result.ms / 1000).toFixed(1)} s\n`);
			resolve(result);
		};
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			exit = { code, signal };
			// Whatever it left behind in its group goes too; that also closes pipes they held.
			if (child.pid !== undefined) killGroup(child.pid, 'SIGKILL');
			// A process that escaped the group could still hold the pipes open: stop waiting.
			closeGuard = setTimeout(() => {
				child.stdout.destroy();
				child.stderr.destroy();
				finish();
			}, 5_000);
		});
		child.once('close', () => {
			if (exit) finish();
		});
	});
}

/**
 * Starts a long-running command (`n8n start`) in its own process group, which killAll ends
 * too. The caller reads its output and ends it (see server.ts).
 */
export function startService(command: string, args: readonly string[], options: Omit<RunOptions, 'timeoutMs'>): ChildProcessByStdio<null, Readable, Readable> {
	const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	const pid = child.pid;
	if (pid !== undefined) {
		live.add(pid);
		child.once('exit', () => {
			// Task runners left in its group go with it.
			killGroup(pid, 'SIGKILL');
			live.delete(pid);
		});
	}
	return child;
}

/** Signals a whole process group started here (run or startService). */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
	killGroup(pid, signal);
}

/** Throws with the output's tail unless the command exited 0. */
export function expectSuccess(result: RunResult, label: string): RunResult {
	if (result.code !== 0) {
		throw new Error(`${label} exited ${result.code ?? result.signal}.\n--- stdout (tail)\n${tail(result.stdout)}\n--- stderr (tail)\n${tail(result.stderr)}`);
	}
	return result;
}

