// Finding 8 of issue 16 in a real `n8n start`: publishing a webhook-mode trigger with "Set
// Webhook URL on Publish" and a blank Webhook Token is refused, naming the field, and the
// instance's settings are never written.
import { randomUUID } from 'node:crypto';

import type { N8nServer } from './server';
import { TRIGGER_NODE, TRIGGER_NODE_TYPE } from './trigger-workflows';

/** Creates the workflow as the editor saves it, then publishes it; the refusal's text (or 'published'). */
export async function publishWithBlankWebhookToken(server: N8nServer, cookie: string, credential: { id: string; name: string }): Promise<string> {
	const created = (await server.rest(cookie, '/rest/workflows', {
		name: 'e2e: webhook trigger with a blank token',
		active: false,
		settings: { executionOrder: 'v1' },
		connections: {},
		nodes: [
			{
				id: randomUUID(),
				name: TRIGGER_NODE,
				type: TRIGGER_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId: randomUUID(),
				parameters: { mode: 'webhook', webhookToken: '   ', setWebhookUrl: true },
				credentials: { greenApi: credential },
			},
		],
	})) as { data: { id: string; versionId: string } };
	try {
		await server.rest(cookie, `/rest/workflows/${created.data.id}/activate`, { versionId: created.data.versionId });
		return 'published';
	} catch (error) {
		return (error as Error).message;
	}
}
