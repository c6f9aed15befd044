// Workflow and credential JSON for `n8n import:*`, in the shape the editor saves.

/** How n8n names a community package's node: `<package name>.<description.name>`. */
export const GREEN_API_NODE_TYPE = 'n8n-nodes-green-api.greenApi';
export const GREEN_API_NODE = 'GREEN-API';

export interface CredentialRef {
	id: string;
	name: string;
}

export function greenApiCredential(ref: CredentialRef, data: { apiUrl: string; mediaUrl?: string; idInstance: string; token: string }): unknown {
	return { ...ref, type: 'greenApi', data };
}

export interface OperationSetup {
	resource?: string;
	operation: string;
	/** The operation's parameters besides resource and operation. */
	parameters: Record<string, unknown>;
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	/** A node of n8n's own between the items and GREEN-API (e.g. one that reads a file into binary data). */
	before?: { name: string; type: string; typeVersion: number; parameters: Record<string, unknown> };
}

/**
 * Manual Trigger → Code node emitting `items` → GREEN-API with the given operation. Its
 * outputs end there: they are read from the run data.
 */
export function operationWorkflow(id: string, name: string, credential: CredentialRef, items: readonly object[], setup: OperationSetup): unknown {
	const code = JSON.stringify(items.map((json) => ({ json })));
	const { resource = 'contact', operation, parameters, onError, before } = setup;
	const feeder = before?.name ?? 'Chats';
	return {
		id,
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-1`, name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: `${id}-2`, name: 'Chats', type: 'n8n-nodes-base.code', typeVersion: 2, position: [220, 0], parameters: { jsCode: `return ${code};` } },
			...(before ? [{ id: `${id}-4`, position: [330, 0], ...before }] : []),
			{
				id: `${id}-3`,
				name: GREEN_API_NODE,
				type: GREEN_API_NODE_TYPE,
				typeVersion: 1,
				position: [440, 0],
				parameters: { resource, operation, ...parameters },
				credentials: { greenApi: credential },
				...(onError ? { onError } : {}),
			},
		],
		connections: {
			Start: { main: [[{ node: 'Chats', type: 'main', index: 0 }]] },
			Chats: { main: [[{ node: feeder === 'Chats' ? GREEN_API_NODE : feeder, type: 'main', index: 0 }]] },
			...(before ? { [before.name]: { main: [[{ node: GREEN_API_NODE, type: 'main', index: 0 }]] } } : {}),
		},
	};
}

/** Get Contact Info with the chatId from each item, as the editor saves it today. */
export function contactInfoWorkflow(id: string, name: string, credential: CredentialRef, chatIds: readonly string[]): unknown {
	return operationWorkflow(
		id,
		name,
		credential,
		chatIds.map((chatId) => ({ chatId })),
		{ operation: 'getContactInfo', parameters: { chatId: '={{ $json.chatId }}', options: {} } },
	);
}
