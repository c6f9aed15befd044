// n8n in queue mode for queueMode.e2e.test.ts: long-running main and worker processes (each
// in its own process group, killed with it), and the webhook workflow the test calls.
// The recipe is ../shared/N8N-ON-THIS-MACHINE.md ("Queue mode"), checked on this machine.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

import { tuningParameters } from '../../nodes/GreenApi/helpers/options';
import type { CredentialRef } from './workflows';

/** The node type of a package loaded from N8N_CUSTOM_EXTENSIONS. */
export const CUSTOM_GREEN_API_NODE_TYPE = 'CUSTOM.greenApi';
export const QUEUE_GREEN_API_NODE = 'GREEN-API';

export class Daemon {
	output = '';
	readonly #child: ChildProcess;

	constructor(
		readonly label: string,
		args: string[],
		options: { cwd: string; env: NodeJS.ProcessEnv },
	) {
		// detached: its own process group, which n8n's task runner joins; stop() ends them all.
		this.#child = spawn(process.execPath, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
		this.#child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
		this.#child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
	}

	get exited(): boolean {
		return this.#child.exitCode !== null || this.#child.signalCode !== null;
	}

	/** Resolves once `pattern` shows in the output; rejects on exit or after `timeoutMs`. */
	async waitFor(pattern: RegExp, timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (!pattern.test(this.output)) {
			if (this.exited) throw new Error(`${this.label} exited before ${pattern}:\n${this.output.slice(-3000)}`);
			if (Date.now() > deadline) throw new Error(`${this.label}: no ${pattern} after ${timeoutMs} ms:\n${this.output.slice(-3000)}`);
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	}

	/** SIGTERM to the group (n8n shuts down gracefully), SIGKILL after `graceMs`; true if it ended in time. */
	async stop(graceMs = 10_000): Promise<boolean> {
		const pid = this.#child.pid;
		if (pid === undefined || this.exited) return true;
		const exited = new Promise((resolve) => this.#child.once('exit', resolve));
		const signal = (name: NodeJS.Signals) => {
			try {
				process.kill(-pid, name);
			} catch {
				// already gone
			}
		};
		signal('SIGTERM');
		let graceful = true;
		const timer = setTimeout(() => ((graceful = false), signal('SIGKILL')), graceMs);
		await exited;
		clearTimeout(timer);
		// Whatever it left in its group (a task runner) goes too.
		signal('SIGKILL');
		return graceful;
	}
}

/**
 * Webhook (POST /webhook/<path>, answering with the last node's items once the execution is
 * done) → Code node making `count` distinct chatIds from `prefix` → GREEN-API Get Contact Info
 * at `perSecond`, errors as items so that every item is accounted for.
 */
export function webhookContactsWorkflow(id: string, path: string, credential: CredentialRef, perSecond: number): unknown {
	const code = [
		'const { prefix, count } = $input.first().json.body;',
		"return Array.from({ length: count }, (_, i) => ({ json: { chatId: `${prefix}${String(i).padStart(11 - prefix.length, '0')}@c.us` } }));",
	].join('\n');
	return {
		id,
		name: `e2e queue mode ${id}`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-1`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				webhookId: path,
				position: [0, 0],
				parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{ id: `${id}-2`, name: 'Chats', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: code } },
			{
				id: `${id}-3`,
				name: QUEUE_GREEN_API_NODE,
				type: CUSTOM_GREEN_API_NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				onError: 'continueRegularOutput',
				parameters: { resource: 'contact', operation: 'getContactInfo', chatId: '={{ $json.chatId }}', options: tuningParameters('getContactInfo', { requestsPerSecond: perSecond }) },
				credentials: { greenApi: credential },
			},
		],
		connections: {
			Webhook: { main: [[{ node: 'Chats', type: 'main', index: 0 }]] },
			Chats: { main: [[{ node: QUEUE_GREEN_API_NODE, type: 'main', index: 0 }]] },
		},
	};
}
