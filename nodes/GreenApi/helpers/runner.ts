import { NodeOperationError } from 'n8n-workflow';
import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { toConnection } from '../transport/connection';
import type { Connection } from '../transport/connection';
import { callGreenApi } from '../transport/request';
import type { CallOptions } from '../transport/request';
import { errorItem, InputError, toNodeError } from './errors';
import { fetchAll } from './fetchAll';
import type { Outcome } from './fetchAll';
import { readTuning } from './options';
import type { Tuning } from './options';
import { ItemParameters } from './parameters';
import type { LimitedMethod } from './rateLimits';

/** What one operation's fetch may use: the call to its method, already limited and retried. */
export interface FetchContext {
	/** `query`: a GET's URL parameters (getIncomingStatuses' ?minutes=). */
	call<T>(body: IDataObject | undefined, read: (json: unknown) => T, query?: CallOptions['query']): Promise<T>;
	context: IExecuteFunctions;
	connection: Connection;
	options: IDataObject;
	tuning: Tuning;
	signal?: AbortSignal;
}

export interface OutputItem {
	output: number;
	item: { json: IDataObject; binary?: IBinaryKeyData };
}

/**
 * An operation that turns each input item into one GREEN-API request (shared by the items
 * asking the same thing) and its answer into output items.
 */
export interface PerItemOperation<P, A> {
	method: LimitedMethod;
	/** Reads and validates one item; throws InputError before anything is sent. */
	read(item: ItemParameters): P;
	/** Items with the same key share one request and its answer. */
	keyOf(params: P): string;
	/** The fields an error item repeats, so a person sees which value failed. */
	given(params: P): IDataObject;
	fetch(fetch: FetchContext, params: P): Promise<A>;
	/**
	 * The answer as output items, once per item. It must not change the answer, which items
	 * asking the same thing share; the runner copies what a repeated request emits.
	 */
	toItems(answer: A, params: P, options: IDataObject): OutputItem[];
	outputCount(options: IDataObject): number;
	/** Where a failed item goes with "On Error: Continue" (regular output); default the first. */
	failedOutput?(options: IDataObject): number;
}

export type ItemRequest<P> = { ok: true; key: string; params: P; given: IDataObject } | { ok: false; error: InputError; given: IDataObject };

/**
 * The execute() of a per-item operation: read every item first (a bad item stops the run
 * before anything is sent, unless errors continue), fetch each distinct request once,
 * then build the outputs, every input item ending as its results or one error item, in
 * order and paired to it.
 */
export function runPerItem<P, A>(operation: PerItemOperation<P, A>) {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
		const { node, connection, secrets, options, tuning, continueOnFail, requests } = await startRun(this, items.length, operation.method, (item) => operation.read(item), operation.given, operation.keyOf);

		const signal = this.getExecutionCancelSignal();
		const callOptions: CallOptions = { perSecond: tuning.requestsPerSecond, maxRetries: tuning.retries, timeoutMs: tuning.timeoutMs, signal };
		const fetchContext: FetchContext = {
			call: (body, read, query) => callGreenApi(connection, operation.method, body, query ? { ...callOptions, query } : callOptions, read),
			context: this,
			connection,
			options,
			tuning,
			signal,
		};
		const distinct = new Map<string, P>();
		for (const request of requests) if (request.ok && !distinct.has(request.key)) distinct.set(request.key, request.params);
		const outcomes = await fetchAll([...distinct.keys()], (key) => operation.fetch(fetchContext, distinct.get(key) as P), {
			concurrency: tuning.maxConcurrency,
			stopAtFirstFailure: !continueOnFail,
			signal,
		});
		if (items.length > 1 && !dependsOnItems(node.parameters)) this.addExecutionHints({ message: sameForEveryItem(items.length), location: 'outputPane' });
		return buildOutputs(operation, requests, outcomes, { node, continueOnFail, secrets, options });
	};
}

/** What every execute() starts with: the credential, the options, and every item read and checked. */
export interface RunStart<P> {
	node: INode;
	connection: Connection;
	secrets: readonly string[];
	options: IDataObject;
	tuning: Tuning;
	continueOnFail: boolean;
	requests: Array<ItemRequest<P>>;
}

/**
 * Reads the credential, the options and every item before the first request: a bad option,
 * or (unless errors continue) a bad item, stops the run with nothing sent.
 */
export async function startRun<P>(
	context: IExecuteFunctions,
	count: number,
	method: LimitedMethod,
	read: (item: ItemParameters, connection: Connection) => P | Promise<P>,
	given: (params: P) => IDataObject,
	keyOf?: (params: P) => string,
): Promise<RunStart<P>> {
	const node = context.getNode();
	const connection = await readConnection(context);
	const secrets = connection.secrets;
	const options = (context.getNodeParameter('options', 0, {}) ?? {}) as IDataObject;
	const tuning = readTuning(options, method, secrets);
	if ('invalid' in tuning) throw new NodeOperationError(node, tuning.invalid);
	const continueOnFail = context.continueOnFail();
	const requests: Array<ItemRequest<P>> = [];
	for (let index = 0; index < count; index++) {
		requests.push(await readItem((item) => read(item, connection), new ItemParameters(context, index, secrets), given, keyOf));
	}
	const firstBad = requests.findIndex((request) => !request.ok);
	if (firstBad !== -1 && !continueOnFail) throw toNodeError(node, (requests[firstBad] as { error: Error }).error, firstBad, secrets);
	return { node, connection, secrets, options, tuning, continueOnFail, requests };
}

/** An expression anywhere in the parameters may read the item; fixed values cannot. */
function dependsOnItems(parameters: unknown): boolean {
	if (typeof parameters === 'string') return parameters.startsWith('=');
	if (typeof parameters !== 'object' || parameters === null) return false;
	return Object.values(parameters).some(dependsOnItems);
}

function sameForEveryItem(count: number): string {
	return `This node ran once for each of its ${count} input items with the same parameters (no expression reads the items), so each item got the same result. To run it once, turn on "Execute Once" in the node's Settings.`;
}

async function readConnection(context: IExecuteFunctions): Promise<Connection> {
	const result = toConnection(await context.getCredentials('greenApi'));
	if (!result.ok) throw new NodeOperationError(context.getNode(), `GREEN-API credential: ${result.reason}`);
	return result.connection;
}

/** One item read and checked; a refusal becomes its InputError (anything else thrown says it could not be read). */
async function readItem<P>(read: (item: ItemParameters) => P | Promise<P>, item: ItemParameters, given: (params: P) => IDataObject, keyOf: (params: P) => string = () => ''): Promise<ItemRequest<P>> {
	try {
		const params = await read(item);
		return { ok: true, key: keyOf(params), params, given: given(params) };
	} catch (error) {
		const failure = error instanceof InputError ? error : new InputError(`This item could not be read: ${String((error as Error)?.message ?? error)}`);
		return { ok: false, error: failure, given: failure.given };
	}
}

export interface BuildContext {
	node: INode;
	continueOnFail: boolean;
	secrets: readonly string[];
	options: IDataObject;
}

/** Without "continue on fail" the first failing item, in input order, ends the run. */
export function buildOutputs<P, A>(
	operation: PerItemOperation<P, A>,
	requests: ReadonlyArray<ItemRequest<P>>,
	outcomes: ReadonlyMap<string, Outcome<A>>,
	{ node, continueOnFail, secrets, options }: BuildContext,
): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = Array.from({ length: operation.outputCount(options) }, () => []);
	const emitted = new Set<string>();
	requests.forEach((request, index) => {
		const outcome = request.ok ? outcomes.get(request.key) : { ok: false as const, error: request.error };
		if (outcome === undefined) return; // never started: an earlier item's failure ends the run
		const result = outcome.ok ? itemsOf(operation, outcome.value, request as ItemRequest<P> & { ok: true }, emitted, options) : outcome;
		if (!result.ok) {
			const error = toNodeError(node, result.error, index, secrets);
			if (!continueOnFail) throw error;
			// n8n moves items carrying their error to its error output when that is chosen.
			outputs[operation.failedOutput?.(options) ?? 0].push(errorItem(error, index, request.given, secrets, node.onError === 'continueErrorOutput'));
			return;
		}
		for (const { output, item } of result.value) outputs[output].push({ ...item, pairedItem: { item: index } });
	});
	return outputs;
}

/**
 * Repeated requests share one answer; later items get their own copy of what they emit (not
 * of the whole answer: a 200,000-contact list limited to 50 copies 50), so that a downstream
 * node editing one item cannot change another. Whatever the answer holds, a failure here
 * stays this item's error and cannot end the others.
 */
function itemsOf<P, A>(
	operation: PerItemOperation<P, A>,
	answer: A,
	request: { key: string; params: P },
	emitted: Set<string>,
	options: IDataObject,
): Outcome<OutputItem[]> {
	try {
		const items = operation.toItems(answer, request.params, options);
		const own = emitted.has(request.key) ? structuredClone(items) : items;
		emitted.add(request.key);
		return { ok: true, value: own };
	} catch (error) {
		return { ok: false, error: new Error(`GREEN-API's answer could not be turned into items (${(error as Error)?.name ?? 'error'})`) };
	}
}
