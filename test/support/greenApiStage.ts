// The jest-free part of the test support: emulator + n8n's engine + our node. The offline demo
// (test/demo) runs it as a plain node script, so nothing here may touch jest's globals.
import { NodeConnectionTypes } from 'n8n-workflow';
import type { ICredentialDataDecryptedObject, IDataObject, INodeExecutionData, IRun } from 'n8n-workflow';

import { GreenApi as GreenApiCredential } from '../../credentials/GreenApi.credentials';
import { GreenApi } from '../../nodes/GreenApi/GreenApi.node';
import { tuningParameters } from '../../nodes/GreenApi/helpers/options';
import type { LimitedMethod } from '../../nodes/GreenApi/helpers/rateLimits';
import type { TuningKnob } from '../../nodes/GreenApi/helpers/options';
import { GreenApiEmulator } from '../emulator';
import type { EmulatorOptions } from '../emulator';
import { createEngine, startNode } from '../engine';
import type { Engine, EngineNode, EngineOptions } from '../engine';

export const NODE_TYPE = 'n8n-nodes-green-api.greenApi';
export const NODE_NAME = 'GREEN-API';

/** A token that is wrong for the emulator, and must never show up anywhere either. */
export const WRONG_TOKEN = 'wrong-token-that-must-stay-hidden';

export interface NodeRunOptions {
	/** The Chat ID parameter; by default an expression reading each item's chatId. */
	chatId?: unknown;
	/** Default: contact / getContactInfo. */
	resource?: string;
	operation?: string;
	/** Further parameters of the operation (groupId, returnAll, …). */
	parameters?: IDataObject;
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
	/** Every output in order, for operations whose outputs differ from Contact / Products. */
	outputs: INodeExecutionData[][];
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

/** n8n's engine knowing our node (under its community-package type name) and credential type. */
export function greenApiEngine(credentials: EngineOptions['credentials']): Engine {
	return createEngine({
		nodeTypes: { [NODE_TYPE]: new GreenApi() },
		credentialTypes: [new GreenApiCredential()],
		credentials,
	});
}

/** Runs `start` (emitting `items`) → `node`, and collects the node's outputs and error. */
export async function runAfterStart(engine: Engine, items: object[], node: EngineNode, start = 'Start'): Promise<NodeRun> {
	const run = await engine.run({
		nodes: [startNode(start, items), node],
		connections: { [start]: { main: [[{ node: node.name, type: NodeConnectionTypes.Main, index: 0 }]] } },
	});
	return {
		run,
		contacts: engine.output(run, node.name, 0),
		products: engine.output(run, node.name, 1),
		errors: engine.output(run, node.name, 2),
		outputs: [0, 1, 2].map((index) => engine.output(run, node.name, index)),
		error: engine.error(run, node.name),
	};
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

	const good = { apiUrl: emulator.url, mediaUrl: emulator.mediaUrl, idInstance: emulator.idInstance, token: emulator.token };
	const engine = greenApiEngine({
		good: { type: 'greenApi', data: good },
		wrongToken: { type: 'greenApi', data: { ...good, token: WRONG_TOKEN } },
		wrongInstance: { type: 'greenApi', data: { ...good, idInstance: '9999999999' } },
		refused: { type: 'greenApi', data: { ...good, apiUrl: refusedUrl } },
		ftpUrl: { type: 'greenApi', data: { ...good, apiUrl: ' ftp://example.invalid/ ' } },
	});

	return {
		emulator,
		engine,
		secrets: [emulator.token, WRONG_TOKEN],
		runNode: (items, { chatId = '={{ $json.chatId }}', options = {}, credential = 'good', onError, resource = 'contact', operation = 'getContactInfo', parameters = {} } = {}) =>
			runAfterStart(engine, items, {
				name: NODE_NAME,
				type: NODE_TYPE,
				parameters: { resource, operation, chatId: chatId as string, ...(parameters as object), options: withOwnKnobs(operation, options) as never },
				credentials: { greenApi: { id: credential, name: credential } },
				...(onError ? { onError } : {}),
			}),
		testCredential: (data) => engine.testCredential('greenApi', data),
		close: () => emulator.close(),
	};
}

const KNOBS: readonly string[] = ['requestsPerSecond', 'maxConcurrency', 'retries', 'timeout'] satisfies TuningKnob[];

/**
 * Tests name the tuning knobs plainly ({ requestsPerSecond: 0 }); each operation stores them
 * under names of its own (helpers/options.ts, tuningParameter), and this writes those.
 */
export function withOwnKnobs(operation: string, options: IDataObject): IDataObject {
	const knobs = Object.fromEntries(Object.entries(options).filter(([key]) => KNOBS.includes(key)));
	const others = Object.fromEntries(Object.entries(options).filter(([key]) => !KNOBS.includes(key)));
	return { ...others, ...tuningParameters(operation as LimitedMethod, knobs) };
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

export function chatIdsOf(items: INodeExecutionData[]): unknown[] {
	return items.map((item) => item.json.chatId);
}

export function pairedIndexes(items: INodeExecutionData[]): number[] {
	return items.map((item) => (item.pairedItem as { item: number }).item);
}
