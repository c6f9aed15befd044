import { NodeConnectionTypes } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, IRun } from 'n8n-workflow';

import { GreenApi as GreenApiCredential } from '../../credentials/GreenApi.credentials';
import { GreenApi } from '../../nodes/GreenApi/GreenApi.node';
import { GreenApiEmulator } from '../emulator';
import type { EmulatorOptions } from '../emulator';
import { createEngine, startNode } from '../engine';
import type { Engine, EngineNode } from '../engine';

export const NODE_TYPE = 'n8n-nodes-green-api.greenApi';
export const NODE_NAME = 'GREEN-API';

/** A token that is wrong for the emulator, and must never show up anywhere either. */
export const WRONG_TOKEN = 'wrong-token-that-must-stay-hidden';

export interface NodeRunOptions {
	/** The Chat ID parameter; by default an expression reading each item's chatId. */
	chatId?: unknown;
	options?: IDataObject;
	credential?: string;
	onError?: EngineNode['onError'];
}

export interface NodeRun {
	run: IRun;
	contacts: INodeExecutionData[];
	products: INodeExecutionData[];
	/** The third output, present when the node is set to "continue (using error output)". */
	errors: INodeExecutionData[];
	error: Error | undefined;
}

export interface GreenApiStage {
	emulator: GreenApiEmulator;
	engine: Engine;
	/** Every secret that must never leave the node: the real and a wrong token. */
	secrets: string[];
	runNode(items: object[], options?: NodeRunOptions): Promise<NodeRun>;
	testCredential(data: ICredentialDataDecryptedObject): ReturnType<Engine['testCredential']>;
	close(): Promise<void>;
}

/**
 * An emulator and n8n's engine with the GREEN-API node, and credentials pointing at the
 * emulator: `good`, `wrongToken`, `wrongInstance`, `refused` (a port nobody listens on) and
 * `ftpUrl` (not http).
 */
export async function startStage(emulatorOptions: EmulatorOptions = {}): Promise<GreenApiStage> {
	const emulator = await GreenApiEmulator.start(emulatorOptions);
	const closedPort = await GreenApiEmulator.start();
	const refusedUrl = closedPort.url;
	await closedPort.close();

	const good = { apiUrl: emulator.url, idInstance: emulator.idInstance, token: emulator.token };
	const engine = createEngine({
		nodeTypes: { [NODE_TYPE]: new GreenApi() },
		credentialTypes: [new GreenApiCredential()],
		credentials: {
			good: { type: 'greenApi', data: good },
			wrongToken: { type: 'greenApi', data: { ...good, token: WRONG_TOKEN } },
			wrongInstance: { type: 'greenApi', data: { ...good, idInstance: '9999999999' } },
			refused: { type: 'greenApi', data: { ...good, apiUrl: refusedUrl } },
			ftpUrl: { type: 'greenApi', data: { ...good, apiUrl: ' ftp://example.invalid/ ' } },
		},
	});

	return {
		emulator,
		engine,
		secrets: [emulator.token, WRONG_TOKEN],
		async runNode(items, { chatId = '={{ $json.chatId }}', options = {}, credential = 'good', onError } = {}) {
			const node: EngineNode = {
				name: NODE_NAME,
				type: NODE_TYPE,
				parameters: { resource: 'contact', operation: 'getContactInfo', chatId: chatId as string, options: options as never },
				credentials: { greenApi: { id: credential, name: credential } },
				...(onError ? { onError } : {}),
			};
			const run = await engine.run({
				nodes: [startNode('Start', items), node],
				connections: { Start: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } },
			});
			return {
				run,
				contacts: engine.output(run, NODE_NAME, 0),
				products: engine.output(run, NODE_NAME, 1),
				errors: engine.output(run, NODE_NAME, 2),
				error: engine.error(run, NODE_NAME),
			};
		},
		testCredential: (data) => engine.testCredential('greenApi', data),
		close: () => emulator.close(),
	};
}

/** Everything a secret could hide in: output items, run data, and every field of an error. */
export function exposedText(...values: unknown[]): string {
	const parts: string[] = [];
	for (const value of values) {
		if (value instanceof Error) {
			const { message, stack, cause } = value;
			parts.push(message, stack ?? '', JSON.stringify(value), String(cause ?? ''), JSON.stringify(cause ?? null));
			for (const key of Object.keys(value)) parts.push(JSON.stringify((value as unknown as Record<string, unknown>)[key]) ?? '');
		} else {
			parts.push(JSON.stringify(value) ?? String(value));
		}
	}
	return parts.join('\n');
}

/** Collects what is written to stdout and stderr while `action` runs. */
export async function captureOutput<T>(action: () => Promise<T>): Promise<{ result: T; output: string }> {
	const chunks: string[] = [];
	const spies = [process.stdout, process.stderr].map((stream) =>
		jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => {
			chunks.push(String(chunk));
			return true;
		}) as typeof stream.write),
	);
	try {
		return { result: await action(), output: chunks.join('') };
	} finally {
		for (const spy of spies) spy.mockRestore();
	}
}

export function chatIdsOf(items: INodeExecutionData[]): unknown[] {
	return items.map((item) => item.json.chatId);
}

export function pairedIndexes(items: INodeExecutionData[]): number[] {
	return items.map((item) => (item.pairedItem as { item: number }).item);
}
