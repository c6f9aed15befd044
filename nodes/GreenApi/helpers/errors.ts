import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { GreenApiError } from '../transport/failures';
import { redact } from '../transport/redact';

const FIX_INPUT = "Nothing was sent for this item: fix its value (or the expression that makes it) and run again.";

/** An input problem, found before any request: the user has to change the item. */
export class InputError extends Error {
	readonly description = FIX_INPUT;

	/** `given`: the item's values as it gave them, shown on its error item. */
	constructor(
		message: string,
		readonly given: IDataObject = {},
	) {
		super(message);
	}
}

/** An item refused before any request; `given` is the value it was given. */
export function refuse(message: string, given: IDataObject = {}): InputError {
	return new InputError(message, given);
}

/**
 * The error n8n shows for one item. The item is named by `itemIndex` alone: n8n writes its
 * own item number next to the message, so one written here too would show two. Every text
 * is redacted once more here: this is the one door through which failures leave the node.
 */
export function toNodeError(
	node: INode,
	failure: Error,
	itemIndex: number,
	secrets: readonly string[],
): NodeApiError | NodeOperationError {
	const message = redact(failure.message, secrets);
	if (failure instanceof InputError) {
		return new NodeOperationError(node, message, { itemIndex, description: failure.description });
	}
	const description = failure instanceof GreenApiError ? redact(failure.description, secrets) : undefined;
	const httpCode = failure instanceof GreenApiError ? failure.httpCode : undefined;
	const response: JsonObject = { message, ...(description ? { description } : {}), ...(httpCode ? { httpCode } : {}) };
	return new NodeApiError(node, response, { message, description, httpCode, itemIndex });
}

/**
 * "On Error: Continue": the failure becomes this item's output, with the value the item
 * asked for (`given`, redacted). n8n keeps only `error` of an item that carries the error
 * object, so it is attached only to route the item to the error output (which then
 * shows the input item's fields next to it).
 */
export function errorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	given: IDataObject,
	secrets: readonly string[],
	toErrorOutput: boolean,
): INodeExecutionData {
	const json: JsonObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	for (const [key, value] of Object.entries(given)) json[key] = typeof value === 'string' ? redact(value, secrets) : (value as JsonObject[string]);
	return { json, ...(toErrorOutput ? { error } : {}), pairedItem: { item: itemIndex } };
}

/**
 * A failed send's item, carrying `sendState` so a workflow can route it ("notSent" may be sent
 * again, "unknown" must be checked first). n8n replaces the fields of an item that carries
 * the error object with its message alone, and sends an item to the error output when its
 * fields are only error, message and details: so for the error output everything rides in
 * `details` (n8n adds the input item's fields next to it), and in the regular output on top.
 */
export function sendErrorItem(
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	given: IDataObject & { sendState: string },
	secrets: readonly string[],
	toErrorOutput: boolean,
): INodeExecutionData {
	const { json } = errorItem(error, itemIndex, given, secrets, false);
	const { error: message, ...details } = json;
	return { json: toErrorOutput ? { error: message, details } : json, pairedItem: { item: itemIndex } };
}
