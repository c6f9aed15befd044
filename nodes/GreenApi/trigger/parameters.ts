import { NodeOperationError } from 'n8n-workflow';
import type { IHookFunctions, ITriggerFunctions, IWebhookFunctions } from 'n8n-workflow';

import { toConnection } from '../transport/connection';
import { DEFAULT_EVENTS } from './description';
import type { Connection } from '../transport/connection';
import { buildFilter } from './notification/filters';
import type { ChatKind, NotificationFilter } from './notification/filters';

type Context = ITriggerFunctions | IWebhookFunctions | IHookFunctions;

export function filterFromParameters(context: Context): NotificationFilter {
	try {
		return buildFilter({
			// n8n fills in the default for a node saved without the field; the fallback matches it for any other caller.
			events: context.getNodeParameter('events', DEFAULT_EVENTS) as string[],
			chats: context.getNodeParameter('chats', 'all') as ChatKind,
			chatIds: String(context.getNodeParameter('chatIds', '')),
		});
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message);
	}
}

export async function connectionOf(context: Context): Promise<Connection> {
	const result = toConnection(await context.getCredentials('greenApi'));
	if (!result.ok) throw new NodeOperationError(context.getNode(), result.reason);
	return result.connection;
}
