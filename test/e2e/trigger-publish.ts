// Publishing a trigger workflow as the editor does (save it, then publish through REST), to
// show in a real `n8n start` what activation refuses (issue 16, findings 5 to 8) and what it
// lets through. Returns 'published', or the refusal's text as n8n's REST API gives it.
import { randomUUID } from 'node:crypto';

import type { N8nServer } from './server';
import { TRIGGER_NODE, TRIGGER_NODE_TYPE } from './trigger-workflows';

export interface Published {
	outcome: string;
	workflowId: string;
	/** How long n8n took to answer the publish. */
	ms: number;
}

/** A workflow holding one GREEN-API Trigger with `parameters`, published. */
export async function publishTrigger(server: N8nServer, cookie: string, credential: { id: string; name: string }, parameters: Record<string, unknown>, name: string): Promise<Published> {
	const created = (await server.rest(cookie, '/rest/workflows', {
		name,
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
				parameters,
				credentials: { greenApi: credential },
			},
		],
	})) as { data: { id: string; versionId: string } };
	const started = Date.now();
	try {
		await server.rest(cookie, `/rest/workflows/${created.data.id}/activate`, { versionId: created.data.versionId });
		return { outcome: 'published', workflowId: created.data.id, ms: Date.now() - started };
	} catch (error) {
		return { outcome: refusal((error as Error).message), workflowId: created.data.id, ms: Date.now() - started };
	}
}

/** n8n's own message out of the REST error's (cut) JSON body, unescaped; else the whole text. */
function refusal(text: string): string {
	const quoted = /"message":"((?:[^"\\]|\\.)*)"/.exec(text)?.[1];
	if (quoted === undefined) return text;
	try {
		return JSON.parse(`"${quoted}"`) as string;
	} catch {
		return text;
	}
}

/** Finding 8: "Set Webhook URL on Publish" with a blank Webhook Token. */
export async function publishWithBlankWebhookToken(server: N8nServer, cookie: string, credential: { id: string; name: string }): Promise<string> {
	const { outcome } = await publishTrigger(server, cookie, credential, { mode: 'webhook', webhookToken: '   ', setWebhookUrl: true }, 'e2e: webhook trigger with a blank token');
	return outcome;
}
