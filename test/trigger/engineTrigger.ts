// The trigger inside n8n-core's own contexts: a real TriggerContext (parameters with their
// defaults, the credential decrypted by the credentials helper, prepareBinaryData into the real
// BinaryDataService), and a webhook-started run through WorkflowExecute, as n8n runs them.
import { BinaryDataService, ExecutionLifecycleHooks, TriggerContext, WorkflowExecute } from 'n8n-core';
import type { IBinaryData, ICredentialDataDecryptedObject, IDataObject, INode, INodeExecutionData, IRun, ITriggerResponse, IWorkflowBase } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { GreenApi as GreenApiCredential } from '../../credentials/GreenApi.credentials';
import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { buildAdditionalData } from '../engine/additional-data';
import { EngineCredentialsHelper } from '../engine/credentials-helper';
import { Container, prepareServices } from '../engine/services';
import { EngineCredentialTypes, EngineNodeTypes } from '../engine/type-registries';

const TYPE = 'n8n-nodes-green-api.greenApiTrigger';
export const TRIGGER_NAME = 'GREEN-API Trigger';

export interface EngineTrigger {
	/** What each emit handed n8n: json and binary, as the first node's output. */
	emitted: INodeExecutionData[];
	errors: Error[];
	response: ITriggerResponse;
	close(): Promise<void>;
}

let counter = 0;

async function world(credentials: ICredentialDataDecryptedObject) {
	await prepareServices();
	const nodeTypes = new EngineNodeTypes({ [TYPE]: new GreenApiTrigger() });
	const helper = new EngineCredentialsHelper(new EngineCredentialTypes({ greenApi: new GreenApiCredential() }, nodeTypes));
	await helper.store('trigger-credential', 'GREEN-API account', 'greenApi', credentials);
	const id = `media-wf-${++counter}`;
	const workflowOf = (parameters: IDataObject) => {
		const node: INode = {
			id: 'trigger',
			name: TRIGGER_NAME,
			type: TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'abc',
			parameters: parameters as INode['parameters'],
			credentials: { greenApi: { id: 'trigger-credential', name: 'GREEN-API account' } },
		};
		// The Workflow fills in every parameter's default, as for a workflow n8n loaded.
		const workflow = new Workflow({ id, name: id, nodes: [node], connections: {}, active: true, nodeTypes, settings: { executionOrder: 'v1' } });
		return { workflow, node: workflow.getNode(TRIGGER_NAME)! };
	};
	return { helper, workflowOf };
}

/** Publishes a poll-mode trigger in a real TriggerContext; every execution it emits succeeds at once. */
export async function publishPollTrigger(parameters: IDataObject, credentials: ICredentialDataDecryptedObject): Promise<EngineTrigger> {
	const { helper, workflowOf } = await world(credentials);
	const { workflow, node } = workflowOf(parameters);
	const emitted: INodeExecutionData[] = [];
	const errors: Error[] = [];
	const context = new TriggerContext(
		workflow,
		node,
		buildAdditionalData(helper),
		'trigger',
		'activate',
		(data, _response, done) => {
			emitted.push(data[0][0]);
			setImmediate(() => done?.resolve({ status: 'success', data: { resultData: { runData: {} } } } as unknown as IRun));
		},
		(error) => void errors.push(error),
		(error) => void errors.push(error),
	);
	const response = await new GreenApiTrigger().trigger.call(context);
	return { emitted, errors, response, close: async () => await response.closeFunction?.() };
}

/**
 * The run a production webhook call starts: the trigger first on the stack with webhook()'s
 * items as its input (WorkflowRunner's way), here with the credential, so the pass-on operation
 * can download. Resolves with the node's output.
 */
export async function runWebhookItems(parameters: IDataObject, credentials: ICredentialDataDecryptedObject, items: INodeExecutionData[]): Promise<{ run: IRun; output: INodeExecutionData[] }> {
	const { helper, workflowOf } = await world(credentials);
	const { workflow, node } = workflowOf(parameters);
	const runData = createRunExecutionData({ executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] } });
	const base = { id: workflow.id, name: workflow.name, active: true, isArchived: false, activeVersionId: null, createdAt: new Date(0), updatedAt: new Date(0), nodes: [node], connections: {} } as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('webhook', String(++counter), base);
	const run = await new WorkflowExecute(buildAdditionalData(helper, hooks), 'webhook', runData).processRunExecutionData(workflow);
	return { run, output: run.data.resultData.runData[TRIGGER_NAME]?.[0]?.data?.main[0] ?? [] };
}

/** The bytes n8n stored for a binary field. */
export async function storedBytes(binary: IBinaryData | undefined): Promise<Buffer> {
	if (!binary) throw new Error('no binary data');
	return await Container.get(BinaryDataService).getAsBuffer(binary);
}
