// "Listen for test event" in webhook mode, through n8n-core's WorkflowExecute as n8n's
// WorkflowRunner starts a run from a test webhook call: the node first on the stack, with
// the items its webhook() returned as its input, in manual mode.
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type { IDataObject, INode, IRun, IWorkflowBase } from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { GreenApiTrigger } from '../../nodes/GreenApi/GreenApiTrigger.node';
import { buildAdditionalData } from '../engine/additional-data';
import { EngineCredentialsHelper } from '../engine/credentials-helper';
import { prepareServices, shutdownServices } from '../engine/services';
import { EngineCredentialTypes, EngineNodeTypes } from '../engine/type-registries';

const TYPE = 'n8n-nodes-green-api.greenApiTrigger';
const nodeTypes = new EngineNodeTypes({ [TYPE]: new GreenApiTrigger() });
/** Far beyond what the run needs; only bounds the test when the run never ends. */
const NEVER_MS = 15_000;

function workflowOf(mode: 'webhook' | 'poll'): Workflow {
	const node: INode = {
		id: 'trigger',
		name: 'GREEN-API Trigger',
		type: TYPE,
		typeVersion: 1,
		position: [0, 0],
		webhookId: 'abc',
		parameters: { mode, webhookToken: 'webhook-secret-of-this-test' },
	};
	return new Workflow({ id: 'wf', name: 'webhook test event', nodes: [node], connections: {}, active: false, nodeTypes, settings: { executionOrder: 'v1' } });
}

async function runFromTestWebhook(workflow: Workflow, items: IDataObject[]): Promise<IRun | 'still running'> {
	const node = workflow.getNode('GREEN-API Trigger')!;
	const runData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items.map((json) => ({ json }))] }, source: null }] },
	});
	const base = { id: workflow.id, name: 'webhook test event', active: false, isArchived: false, activeVersionId: null, createdAt: new Date(0), updatedAt: new Date(0), nodes: [node], connections: {} } as IWorkflowBase;
	const hooks = new ExecutionLifecycleHooks('manual', '1', base);
	const additionalData = buildAdditionalData(new EngineCredentialsHelper(new EngineCredentialTypes({}, nodeTypes)), hooks);
	const execution = new WorkflowExecute(additionalData, 'manual', runData).processRunExecutionData(workflow);
	let timer: NodeJS.Timeout | undefined;
	const bound = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), NEVER_MS)));
	try {
		const outcome = await Promise.race([execution, bound]);
		if (outcome === 'still running') execution.cancel();
		return outcome;
	} finally {
		clearTimeout(timer);
	}
}

beforeAll(prepareServices);
afterAll(shutdownServices);

describe('GREEN-API Trigger, "Listen for test event" in webhook mode', () => {
	it('the run started by the test webhook ends with the notification as the node\'s output', async () => {
		const sample = { type: 'incomingMessageReceived', chatId: '71234567890@c.us', text: 'test event' };
		const run = await runFromTestWebhook(workflowOf('webhook'), [sample]);
		expect(run).not.toBe('still running');
		if (run === 'still running') return;
		expect(run.status).toBe('success');
		expect(run.data.resultData.runData['GREEN-API Trigger'][0].data?.main[0]?.map((item) => item.json)).toEqual([sample]);
	});

	it('poll mode has no hidden resource/operation, so its runs still go through trigger()', () => {
		expect(workflowOf('poll').getNode('GREEN-API Trigger')!.parameters).not.toHaveProperty('operation');
		expect(workflowOf('webhook').getNode('GREEN-API Trigger')!.parameters).toMatchObject({ resource: 'webhook', operation: 'passOn' });
	});
});
