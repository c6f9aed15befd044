import { ExecutionLifecycleHooks, InstanceSettings, WebhookContext, WorkflowExecute, validateUrlSignature } from 'n8n-core';
import type { IDataObject, INode, IRun, IRunExecutionData, IWebhookData, IWorkflowBase } from 'n8n-workflow';
import { SEND_AND_WAIT_OPERATION, Workflow, deepCopy } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import { EngineCredentialsHelper } from './credentials-helper';
import { engineNodes } from './index';
import type { EngineOptions, EngineWorkflow } from './index';
import { Container, prepareServices } from './services';
import { EngineStart, START_NODE_TYPE } from './start-node';
import { EngineCredentialTypes, EngineNodeTypes } from './type-registries';

/**
 * n8n's engine for executions that wait (putExecutionToWait) and resume. Resuming follows
 * the n8n CLI, which the engine package does not contain: WaitingWebhooks (n8n 2.39
 * packages/cli/src/webhooks/waiting-webhooks.ts) for a request to a resume link, and the
 * WaitTracker for a wait that runs out; both then hand the saved execution data to a new
 * WorkflowExecute, as n8n does after reading it back from its database.
 */
export interface Waiting {
	run: IRun;
	executionId: string;
	/** Gone once the execution resumed and finished, as n8n then answers every link with "No action required". */
	finished: boolean;
}

export interface Answer {
	status: number;
	headers: Record<string, string>;
	body: string;
	/** The resumed run, when the request resumed the execution. */
	resumed?: IRun;
}

export interface WaitingEngine {
	start(workflow: EngineWorkflow): Promise<Waiting>;
	/** A request to a resume link (method GET or POST, body as n8n parses a urlencoded form). */
	request(waiting: Waiting, method: 'GET' | 'POST', url: string, body?: IDataObject): Promise<Answer>;
	/** The wait runs out: n8n's WaitTracker starts the execution again, still marked as waiting. */
	timeOut(waiting: Waiting): Promise<IRun>;
}

const WORKFLOW_ID = 'test-waiting-workflow';
let lastExecutionId = 1000;

export function createWaitingEngine(options: EngineOptions): WaitingEngine {
	const nodeTypes = new EngineNodeTypes({ [START_NODE_TYPE]: new EngineStart(), ...options.nodeTypes });
	const credentialTypes = new EngineCredentialTypes(Object.fromEntries((options.credentialTypes ?? []).map((type) => [type.name, type])), nodeTypes);
	const credentialsHelper = new EngineCredentialsHelper(credentialTypes);
	const ready = (async () => {
		await prepareServices();
		for (const [id, { type, data, name }] of Object.entries(options.credentials ?? {})) await credentialsHelper.store(id, name ?? id, type, data);
	})();
	ready.catch(() => {});
	const saved = new Map<string, { workflowData: IWorkflowBase; data: IRunExecutionData }>();

	const workflowOf = (workflowData: IWorkflowBase) =>
		new Workflow({ id: WORKFLOW_ID, name: workflowData.name, nodes: deepCopy(workflowData.nodes), connections: deepCopy(workflowData.connections), active: false, nodeTypes, settings: { executionOrder: 'v1' } });
	const additionalData = (executionId: string, workflowData: IWorkflowBase) => buildAdditionalData(credentialsHelper, new ExecutionLifecycleHooks('webhook', executionId, workflowData));

	/** Resumes from the saved data, as n8n's WorkflowRunner does with a waiting execution. */
	async function resume(waiting: Waiting): Promise<IRun> {
		const { workflowData, data } = saved.get(waiting.executionId) as { workflowData: IWorkflowBase; data: IRunExecutionData };
		const run = await new WorkflowExecute(additionalData(waiting.executionId, workflowData), 'webhook', data).processRunExecutionData(workflowOf(workflowData));
		keep(waiting, workflowData, run);
		return run;
	}

	/** What n8n's database would hold: a deep copy, so nothing the test reads is shared with a later run. */
	function keep(waiting: Waiting, workflowData: IWorkflowBase, run: IRun) {
		waiting.run = run;
		waiting.finished = run.status !== 'waiting';
		saved.set(waiting.executionId, { workflowData, data: deepCopy(run.data) });
	}

	return {
		async start(definition) {
			await ready;
			const nodes = engineNodes(definition, nodeTypes);
			const workflowData: IWorkflowBase = { id: WORKFLOW_ID, name: 'Waiting workflow', active: false, isArchived: false, activeVersionId: null, createdAt: new Date(0), updatedAt: new Date(0), nodes, connections: deepCopy(definition.connections), settings: { executionOrder: 'v1' } };
			const executionId = String(++lastExecutionId);
			const workflow = workflowOf(workflowData);
			const start = Object.values(workflow.nodes).find((node) => node.type === START_NODE_TYPE) as INode;
			const run = await new WorkflowExecute(additionalData(executionId, workflowData), 'webhook').run({ workflow, startNode: start });
			const waiting: Waiting = { run, executionId, finished: false };
			keep(waiting, workflowData, run);
			return waiting;
		},

		async request(waiting, method, url, body = {}) {
			const { workflowData, data } = saved.get(waiting.executionId) as { workflowData: IWorkflowBase; data: IRunExecutionData };
			const parsed = new URL(url);
			const [executionId, suffix] = parsed.pathname.split('/').slice(-2);
			const page = (status: number, text: string): Answer => ({ status, headers: {}, body: text });
			if (executionId !== waiting.executionId) return page(404, `The execution "${executionId}" does not exist.`);
			const node = workflowData.nodes.find((candidate) => candidate.id === suffix);
			const isSendAndWait = node?.parameters.operation === SEND_AND_WAIT_OPERATION;
			if (isSendAndWait) {
				const signature = parsed.searchParams.get('signature') ?? '';
				if (!signature || !validateUrlSignature(signature, parsed, Container.get(InstanceSettings).hmacSignatureSecret)) return page(401, 'form-invalid-token');
			}
			if (waiting.finished) {
				if (isSendAndWait) return page(200, 'send-and-wait-no-action-required');
				return page(409, `The execution "${executionId} has finished already.`);
			}
			const lastNodeExecuted = data.resultData.lastNodeExecuted as string;
			const stackEntry = data.executionData!.nodeExecutionStack[0];
			const waitingNode = workflowData.nodes.find((candidate) => candidate.name === lastNodeExecuted) as INode;
			const nodeType = nodeTypes.getByNameAndVersion(waitingNode.type, waitingNode.typeVersion);
			const description = (nodeType.description.webhooks ?? []).find((webhook) => webhook.httpMethod === method && webhook.restartWebhook === true);
			if (!description || waitingNode.id !== suffix || !nodeType.webhook) return page(200, 'send-and-wait-no-action-required');

			// waiting-webhooks' getWebhookExecutionData: the node passes on what the webhook returns.
			stackEntry.node.disabled = true;
			data.waitTill = undefined;
			const runs = data.resultData.runData[lastNodeExecuted];
			runs.pop();

			const res = new FakeResponse();
			const extra = additionalData(waiting.executionId, workflowData);
			const query = Object.fromEntries(parsed.searchParams);
			extra.httpRequest = { method, url: parsed.pathname + parsed.search, originalUrl: parsed.pathname + parsed.search, query, body, headers: {}, params: {} } as never;
			extra.httpResponse = res as never;
			const webhookData: IWebhookData = { httpMethod: method, node: waitingNode.name, path: waitingNode.id, webhookDescription: description, workflowId: WORKFLOW_ID, workflowExecuteAdditionalData: extra };
			const workflow = workflowOf(workflowData);
			const context = new WebhookContext(workflow, workflow.getNode(waitingNode.name) as INode, extra, 'webhook', webhookData, [], data);
			const result = await nodeType.webhook.call(context);
			if (!result.workflowData) {
				return { status: res.statusCode, headers: res.headers, body: res.body };
			}
			stackEntry.data.main = result.workflowData;
			stackEntry.metadata = { ...stackEntry.metadata, forwardAllOutputs: true };
			saved.set(waiting.executionId, { workflowData, data });
			const resumed = await resume(waiting);
			const answered = res.ended ? { status: res.statusCode, headers: res.headers, body: res.body } : { status: 200, headers: { 'content-type': 'text/html' }, body: String(result.webhookResponse ?? '') };
			return { ...answered, resumed };
		},

		async timeOut(waiting) {
			return await resume(waiting);
		},
	};
}

/** The parts of Express's Response a node's webhook may use to write a page itself. */
class FakeResponse {
	statusCode = 200;
	headers: Record<string, string> = {};
	body = '';
	ended = false;
	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}
	status(code: number) {
		this.statusCode = code;
		return this;
	}
	end(body?: string) {
		this.body = body ?? '';
		this.ended = true;
		return this;
	}
	send(body?: string) {
		return this.end(body);
	}
}
