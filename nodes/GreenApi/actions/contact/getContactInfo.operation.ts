import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normalizeChatId } from '../../helpers/chatId';
import { parseContact } from '../../helpers/contact';
import type { ParsedContact } from '../../helpers/contact';
import { errorItem, InputError, toNodeError } from '../../helpers/errors';
import { fetchAll } from '../../helpers/fetchAll';
import { readTuning, tuningOptions } from '../../helpers/options';
import type { Tuning } from '../../helpers/options';
import { toConnection } from '../../transport/connection';
import type { Connection } from '../../transport/connection';
import { answerFailure } from '../../transport/failures';
import { redact } from '../../transport/redact';
import { callGreenApi } from '../../transport/request';

const METHOD = 'getContactInfo';
const show = { resource: ['contact'], operation: ['getContactInfo'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Chat ID',
		name: 'chatId',
		type: 'string',
		required: true,
		default: '',
		placeholder: '71234567890@c.us or +7 123 456-78-90',
		description:
			'The personal chat to look up: a chat ID (…@c.us or …@lid) or a phone number in international format, written any usual way',
		displayOptions: { show },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: tuningOptions,
		displayOptions: { show },
	},
];

type ItemRequest = { ok: true; chatId: string } | { ok: false; error: InputError };

/**
 * Contact output: one item per input item, in input order. Products output: one item per
 * catalogue product of each contact. Each distinct chatId is fetched once.
 */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const connection = await readConnection(this);
	const tuning = readTuning(this.getNodeParameter('options', 0, {}) as IDataObject);
	if ('invalid' in tuning) throw new NodeOperationError(node, tuning.invalid);
	const continueOnFail = this.continueOnFail();

	const requests = items.map((_, index) => readChatId(this, index));
	const firstBad = requests.findIndex((request) => !request.ok);
	if (firstBad !== -1 && !continueOnFail) {
		throw toNodeError(node, (requests[firstBad] as { error: InputError }).error, firstBad, [connection.token]);
	}

	const chatIds = [...new Set(requests.flatMap((request) => (request.ok ? [request.chatId] : [])))];
	const signal = this.getExecutionCancelSignal();
	const outcomes = await fetchAll(chatIds, (chatId) => fetchContact(connection, chatId, tuning, signal), {
		concurrency: tuning.maxConcurrency,
		stopAtFirstFailure: !continueOnFail,
		signal,
	});

	const contacts: INodeExecutionData[] = [];
	const products: INodeExecutionData[] = [];
	const emitted = new Set<string>();
	requests.forEach((request, index) => {
		const outcome = request.ok ? outcomes.get(request.chatId) : { ok: false as const, error: request.error };
		if (outcome === undefined) return; // never started: an earlier item's failure ends the run
		if (!outcome.ok) {
			const error = toNodeError(node, outcome.error, index, [connection.token]);
			if (!continueOnFail) throw error;
			contacts.push(errorItem(error, index, request.ok ? request.chatId : undefined));
			return;
		}
		// Repeated chatIds share one answer; later items get their own copy so that a
		// downstream node editing one item cannot change another.
		const chatId = (request as { chatId: string }).chatId;
		const parsed = emitted.has(chatId) ? structuredClone(outcome.value) : outcome.value;
		emitted.add(chatId);
		contacts.push({ json: parsed.contact, pairedItem: { item: index } });
		for (const product of parsed.products) {
			products.push({ json: { ...product, chatId: parsed.contact.chatId ?? chatId }, pairedItem: { item: index } });
		}
	});
	return [contacts, products];
}

async function readConnection(context: IExecuteFunctions): Promise<Connection> {
	const data = await context.getCredentials('greenApi');
	const result = toConnection(data);
	if (!result.ok) {
		const reason = redact(result.reason, [String(data.token ?? '').trim()]);
		throw new NodeOperationError(context.getNode(), `GREEN-API credential: ${reason}`);
	}
	return result.connection;
}

function readChatId(context: IExecuteFunctions, index: number): ItemRequest {
	let value: unknown;
	try {
		value = context.getNodeParameter('chatId', index);
	} catch (error) {
		return { ok: false, error: new InputError(`Chat ID could not be read: ${(error as Error).message}`) };
	}
	const result = normalizeChatId(value);
	return result.ok ? result : { ok: false, error: new InputError(result.reason) };
}

async function fetchContact(connection: Connection, chatId: string, tuning: Tuning, signal?: AbortSignal): Promise<ParsedContact> {
	const body = await callGreenApi(connection, METHOD, { chatId }, {
		perSecond: tuning.requestsPerSecond,
		maxRetries: tuning.retries,
		timeoutMs: tuning.timeoutMs,
		signal,
	});
	try {
		return parseContact(body, chatId);
	} catch (error) {
		throw answerFailure((error as Error).message, { connection, method: METHOD, timeoutMs: tuning.timeoutMs, maxRetries: tuning.retries });
	}
}
