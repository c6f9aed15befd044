// Workflows with the GREEN-API Trigger for the real-n8n test, in the shape the editor saves.
import { tuningParameters } from '../../nodes/GreenApi/helpers/options';
import type { CredentialRef } from './workflows';

export const TRIGGER_NODE_TYPE = 'n8n-nodes-green-api.greenApiTrigger';
export const TRIGGER_NODE = 'GREEN-API Trigger';

function httpToSink(id: string, sinkUrl: string, body: string, position: [number, number]): unknown {
	return {
		id,
		name: 'Sink',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		position,
		parameters: { method: 'POST', url: sinkUrl, sendBody: true, specifyBody: 'json', jsonBody: body, options: {} },
	};
}

/**
 * Trigger (poll, acknowledge after the run) → GREEN-API Get Contact Info with the
 * trigger's chatId → HTTP Request posting the receiptId, text and the chatId of the contact found to the sink.
 */
export function pollWorkflow(id: string, credential: CredentialRef, sinkUrl: string): unknown {
	const body = `={{ JSON.stringify({ via: 'poll', receiptId: $('${TRIGGER_NODE}').item.json.receiptId, text: $('${TRIGGER_NODE}').item.json.text, contact: $json.chatId }) }}`;
	return {
		id,
		name: 'e2e: trigger poll → contact → sink',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-1`,
				name: TRIGGER_NODE,
				type: TRIGGER_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				parameters: { mode: 'poll', receiveTimeout: 5, acknowledge: 'afterFinished' },
				credentials: { greenApi: credential },
			},
			{
				id: `${id}-2`,
				name: 'GREEN-API',
				type: 'n8n-nodes-green-api.greenApi',
				typeVersion: 1,
				position: [220, 0],
				parameters: { resource: 'contact', operation: 'getContactInfo', chatId: '={{ $json.chatId }}', options: tuningParameters('getContactInfo', { requestsPerSecond: 0 }) },
				credentials: { greenApi: credential },
			},
			httpToSink(`${id}-3`, sinkUrl, body, [440, 0]),
		],
		connections: {
			[TRIGGER_NODE]: { main: [[{ node: 'GREEN-API', type: 'main', index: 0 }]] },
			'GREEN-API': { main: [[{ node: 'Sink', type: 'main', index: 0 }]] },
		},
	};
}

/** Trigger in webhook mode, setting the instance's webhook URL on activation → HTTP Request to the sink. */
export function webhookWorkflow(id: string, webhookId: string, webhookToken: string, credential: CredentialRef, sinkUrl: string): unknown {
	const body = "={{ JSON.stringify({ via: 'webhook', text: $json.text }) }}";
	return {
		id,
		name: 'e2e: trigger webhook → sink',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: `${id}-1`,
				name: TRIGGER_NODE,
				type: TRIGGER_NODE_TYPE,
				typeVersion: 1,
				position: [0, 0],
				webhookId,
				parameters: { mode: 'webhook', webhookToken, setWebhookUrl: true },
				credentials: { greenApi: credential },
			},
			httpToSink(`${id}-2`, sinkUrl, body, [220, 0]),
		],
		connections: { [TRIGGER_NODE]: { main: [[{ node: 'Sink', type: 'main', index: 0 }]] } },
	};
}
