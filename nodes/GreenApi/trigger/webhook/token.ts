import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { MIN_SECRET_LENGTH } from '../../transport/redact';

/** The Webhook Token as GREEN-API must send it: pasted values often carry spaces or a newline. */
export function webhookTokenOf(context: IHookFunctions | IWebhookFunctions): string {
	return String(context.getNodeParameter('webhookToken', '')).trim();
}

/**
 * Refuses, at activation, a token no request could ever match (the handler answers 401 to
 * every delivery then, and GREEN-API retries each for a day) or one too short to be kept
 * out of messages.
 */
export function requireWebhookToken(context: IHookFunctions): string {
	const token = webhookTokenOf(context);
	const todo = 'fill it in with a long random string (a password generator makes one); every notification without it is refused';
	if (token === '') throw new NodeOperationError(context.getNode(), `Webhook Token is empty: ${todo}`);
	if (token.length < MIN_SECRET_LENGTH) {
		throw new NodeOperationError(context.getNode(), `Webhook Token has only ${token.length} characters: ${todo}`);
	}
	return token;
}
