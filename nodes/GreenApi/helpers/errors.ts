import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INode, INodeExecutionData, JsonObject } from 'n8n-workflow';

import { GreenApiError } from '../transport/failures';
import { redact } from '../transport/redact';

/** An input problem, found before any request: the user has to change the item. */
export class InputError extends Error {}

/**
 * The error n8n shows for one item, named by its index. Every text is redacted once
 * more here: this is the one door through which failures leave the node.
 */
export function toNodeError(
	node: INode,
	failure: Error,
	itemIndex: number,
	secrets: readonly string[],
): NodeApiError | NodeOperationError {
	const message = `${redact(failure.message, secrets)} [item ${itemIndex}]`;
	if (failure instanceof InputError) {
		return new NodeOperationError(node, message, { itemIndex });
	}
	const description = failure instanceof GreenApiError ? redact(failure.description, secrets) : undefined;
	const httpCode = failure instanceof GreenApiError ? failure.httpCode : undefined;
	const response: JsonObject = { message, ...(description ? { description } : {}), ...(httpCode ? { httpCode } : {}) };
	return new NodeApiError(node, response, { message, description, httpCode, itemIndex });
}

/**
 * "On Error: Continue": the failure becomes this item's output. `error` lets n8n route it
 * to the error output when the node is set to "continue (using error output)".
 */
export function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number, chatId?: string): INodeExecutionData {
	const json: JsonObject = { error: error.message };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	if (chatId) json.chatId = chatId;
	return { json, error, pairedItem: { item: itemIndex } };
}
