import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import type { RequestBody } from '../transport/body';
import type { Connection } from '../transport/connection';
import { GreenApiError } from '../transport/failures';
import { callGreenApi } from '../transport/request';
import type { CallOptions } from '../transport/request';
import { inChatOrder } from './chatOrder';
import { sendErrorItem, toNodeError } from './errors';
import type { Outcome } from './fetchAll';
import type { LimitedMethod } from './rateLimits';
import { startRun } from './runner';
import type { ItemRequest } from './runner';
import type { ItemParameters } from './parameters';

/** What one send may use: its method's call, limited, and retried only when nothing can have been taken. */
export interface SendContext {
	/** `body` undefined: a GET (reboot, logout and clearMessagesQueue change state, yet GREEN-API has them as GETs). */
	call<T>(method: string, body: RequestBody | undefined, read: (json: unknown) => T, extra?: Pick<CallOptions, 'host' | 'emptyAnswer'>): Promise<T>;
	context: IExecuteFunctions;
	connection: Connection;
	options: IDataObject;
}

/**
 * An operation that changes something in WhatsApp for each input item: a send, an edit, a
 * delete. Unlike a lookup, two equal items are two messages (no dedupe), and nothing is
 * retried that GREEN-API may have taken (policy.ts).
 */
export interface SendOperation<P> {
	/** The tuning knobs and limit of this operation (policy for its GREEN-API method). */
	method: LimitedMethod;
	/** What a failure that may hide a done change says, e.g. "GREEN-API may or may not have queued this message…". */
	unknown: string;
	/** Reads and validates one item; throws InputError before anything is sent. */
	read(item: ItemParameters, context: IExecuteFunctions, connection: Connection): P | Promise<P>;
	/** The chat whose order this item keeps. */
	chatOf(params: P): string;
	/** The fields an error item repeats, so a person sees which value failed. */
	given(params: P): IDataObject;
	send(send: SendContext, params: P): Promise<IDataObject>;
}

const CANCELLED = 'Not sent: the execution was cancelled before this item';
const HELD_FOR_ORDER =
	'Not sent: an earlier item to this chat failed, and sending this one first would change the order of the chat. Nothing was sent for this item';

/**
 * The execute() of a send: every item is read and checked before the first request (one bad
 * item sends nothing, unless errors continue); then each item is one call, in input order
 * per chat. Without "continue on fail" no item starts after the first failure, and the error
 * lists what was already queued; with it, items to a failed chat are held back, not sent.
 */
export function runSends<P>(operation: SendOperation<P>) {
	return async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
		const { node, connection, secrets, options, tuning, continueOnFail, requests } = await startRun(this, items.length, operation.method, (item, connection) => operation.read(item, this, connection), operation.given);

		const signal = this.getExecutionCancelSignal();
		const base: CallOptions = { perSecond: tuning.requestsPerSecond, maxRetries: tuning.retries, timeoutMs: tuning.timeoutMs, signal, changesState: { unknown: operation.unknown } };
		const send: SendContext = {
			call: (method, body, read, extra) => callGreenApi(connection, method, body, { ...base, ...extra }, read),
			context: this,
			connection,
			options,
		};
		const outcomes: Array<Outcome<IDataObject> | undefined> = requests.map((request) => (request.ok ? undefined : { ok: false, error: request.error }));
		let stopped = false;
		let fatal: Error | undefined;
		const failedChats = new Set<string>();
		const chats = requests.map((request) => (request.ok ? operation.chatOf(request.params) : undefined));
		await inChatOrder(chats, tuning.maxConcurrency, async (index) => {
			const request = requests[index] as ItemRequest<P> & { ok: true };
			const chat = chats[index] as string;
			if (stopped) return; // never started: the run ends with an earlier failure, which says so
			if (signal?.aborted) {
				outcomes[index] = { ok: false, error: new GreenApiError(CANCELLED, 'Run it again to send it.', undefined, false, 'notSent') };
				return;
			}
			if (fatal || failedChats.has(chat)) {
				outcomes[index] = { ok: false, error: fatal ? heldBack(fatal) : new GreenApiError(HELD_FOR_ORDER, 'Send it again once the earlier item went through.', undefined, false, 'notSent') };
				return;
			}
			try {
				outcomes[index] = { ok: true, value: await operation.send(send, request.params) };
			} catch (error) {
				const failure = error instanceof Error ? error : new Error(String(error));
				outcomes[index] = { ok: false, error: failure };
				failedChats.add(chat);
				if (failure instanceof GreenApiError && failure.fatal) fatal ??= failure;
				if (!continueOnFail) stopped = true;
			}
		});

		const output: INodeExecutionData[] = [];
		outcomes.forEach((outcome, index) => {
			if (outcome === undefined) return;
			if (outcome.ok) {
				output.push({ json: outcome.value, pairedItem: { item: index } });
				return;
			}
			const error = toNodeError(node, outcome.error, index, secrets);
			if (!continueOnFail) throw withProgress(error, outcomes, index);
			const sendState = outcome.error instanceof GreenApiError ? outcome.error.sendState : 'notSent';
			output.push(sendErrorItem(error, index, { ...requests[index].given, sendState: sendState ?? 'notSent' }, secrets, node.onError === 'continueErrorOutput'));
		});
		return [output];
	};
}

/** Items not started after a fatal failure fail the same way, without a request. */
function heldBack(fatal: Error): GreenApiError {
	const description = fatal instanceof GreenApiError ? fatal.description : '';
	return new GreenApiError(`Not sent: ${fatal.message}`, description, fatal instanceof GreenApiError ? fatal.httpCode : undefined, true, 'notSent');
}

/**
 * The run ends with this item's error, but earlier items to other chats may already be
 * queued: the error says which, so nobody sends them again by running the whole batch.
 */
function withProgress<E extends Error & { description?: string | null }>(error: E, outcomes: ReadonlyArray<Outcome<IDataObject> | undefined>, failed: number): E {
	const done = outcomes.flatMap((outcome, index) => (outcome?.ok ? [index] : []));
	const notStarted = outcomes.filter((outcome) => outcome === undefined).length;
	const parts = [
		done.length ? `Already done before the run stopped: ${done.length} item${done.length === 1 ? '' : 's'} (${listOf(done)}; counted from 0, as n8n's [item N]). Do not send those again.` : 'No other item was sent.',
		notStarted ? `${notStarted} item${notStarted === 1 ? ' was' : 's were'} not sent.` : '',
		outcomes.some((outcome, index) => index !== failed && outcome && !outcome.ok) ? 'Other items failed too: turn on "Continue (using error output)" to see each.' : '',
	];
	error.description = [error.description ?? '', ...parts].filter(Boolean).join(' ');
	return error;
}

function listOf(indexes: number[]): string {
	const shown = indexes.slice(0, 20).join(', ');
	return indexes.length > 20 ? `${shown} and ${indexes.length - 20} more` : shown;
}
