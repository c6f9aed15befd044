import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import { normalizeChatId } from '../../helpers/chatId';
import { parseContact } from '../../helpers/contact';
import type { ParsedContact } from '../../helpers/contact';
import { InputError, toNodeError } from '../../helpers/errors';
import { fetchAll } from '../../helpers/fetchAll';
import { distinctChatIds, toOutputs } from '../../helpers/outputs';
import type { ItemRequest } from '../../helpers/outputs';
import { readTuning, tuningOptions } from '../../helpers/options';
import type { Tuning } from '../../helpers/options';
import { toConnection } from '../../transport/connection';
import type { Connection } from '../../transport/connection';
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

/** Each distinct chatId is fetched once; outputs follow the input items (see toOutputs). */
export async function execute(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
	const node = this.getNode();
	const connection = await readConnection(this);
	const tuning = readTuning(this.getNodeParameter('options', 0, {}) as IDataObject);
	if ('invalid' in tuning) throw new NodeOperationError(node, tuning.invalid);
	const continueOnFail = this.continueOnFail();
	const secrets = [connection.token];

	const requests = items.map((_, index) => readChatId(this, index));
	const firstBad = requests.findIndex((request) => !request.ok);
	if (firstBad !== -1 && !continueOnFail) {
		throw toNodeError(node, (requests[firstBad] as { error: InputError }).error, firstBad, secrets);
	}

	const signal = this.getExecutionCancelSignal();
	const outcomes = await fetchAll(distinctChatIds(requests), (chatId) => fetchContact(connection, chatId, tuning, signal), {
		concurrency: tuning.maxConcurrency,
		stopAtFirstFailure: !continueOnFail,
		signal,
	});
	return toOutputs(requests, outcomes, { node, continueOnFail, secrets });
}

async function readConnection(context: IExecuteFunctions): Promise<Connection> {
	const result = toConnection(await context.getCredentials('greenApi'));
	if (!result.ok) throw new NodeOperationError(context.getNode(), `GREEN-API credential: ${result.reason}`);
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
	const options = { perSecond: tuning.requestsPerSecond, maxRetries: tuning.retries, timeoutMs: tuning.timeoutMs, signal };
	return await callGreenApi(connection, METHOD, { chatId }, options, (json) => parseContact(json, chatId));
}
