// The trigger inside n8n-core's own contexts instead of fakes: a real Workflow (which fills in
// parameter defaults, as n8n does for a node saved without them), TriggerContext for poll mode,
// WebhookContext plus a WorkflowExecute run for webhook mode, and one "database row" for the
// workflow's static data, read and written where n8n 2.39.3 reads and writes it:
// - live-webhooks.ts loads the workflow, static data included, from the database for each request;
// - the execution a webhook starts loads it again (WorkflowRunner.run with loadStaticData) and
//   saves it when the run changed it (workflowExecuteAfter's newStaticData, hookFunctionsSave).
// A restart is a new EngineN8n on the same row, given a freshly loaded copy of the node's module.
import { ExecutionLifecycleHooks, TriggerContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IRun,
	ITriggerResponse,
	IWebhookData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import { GreenApi as GreenApiCredential } from '../../credentials/GreenApi.credentials';
import { buildAdditionalData } from '../engine/additional-data';
import { EngineCredentialsHelper } from '../engine/credentials-helper';
import { prepareServices } from '../engine/services';
import { EngineCredentialTypes, EngineNodeTypes } from '../engine/type-registries';

export const TRIGGER_TYPE = 'n8n-nodes-green-api.greenApiTrigger';
export const TRIGGER_NAME = 'GREEN-API Trigger';
const CREDENTIAL = { id: 'green-api-credential', name: 'GREEN-API account' };

/** What GREEN-API saw of one POST, and whether it started an execution. */
export interface Answer {
	status: number;
	started: boolean;
}

/** What a poll-mode emit produced: the item, and n8n's done-promise settled as a successful run. */
export interface Emitted {
	json: IDataObject;
}

let executionCounter = 0;

export class EngineN8n {
	/** The workflows table's staticData column, as JSON text: all that survives a restart. */
	staticDataRow = '{}';
	/** The items of every execution started, in start order. */
	readonly executions: IDataObject[][] = [];
	readonly emitted: Emitted[] = [];
	private readonly running = new Set<Promise<unknown>>();
	private readonly nodeTypes: EngineNodeTypes;
	private readonly credentialsHelper: EngineCredentialsHelper;
	private readonly ready: Promise<void>;

	constructor(
		private readonly nodeType: INodeType,
		private readonly parameters: IDataObject,
		private readonly credentials: ICredentialDataDecryptedObject,
		readonly workflowId = 'engine-workflow',
	) {
		this.nodeTypes = new EngineNodeTypes({ [TRIGGER_TYPE]: nodeType });
		const helper = new EngineCredentialsHelper(new EngineCredentialTypes({ greenApi: new GreenApiCredential() }, this.nodeTypes));
		this.credentialsHelper = helper;
		this.ready = (async () => {
			await prepareServices();
			await helper.store(CREDENTIAL.id, CREDENTIAL.name, 'greenApi', credentials);
		})();
	}

	/** n8n started again: the same database row, a new process (the caller loads the node's module afresh). */
	restarted(nodeType: INodeType): EngineN8n {
		const next = new EngineN8n(nodeType, this.parameters, this.credentials, this.workflowId);
		next.staticDataRow = this.staticDataRow;
		return next;
	}

	/** The workflow as n8n builds it from its database row. */
	workflow(): Workflow {
		const node: INode = {
			id: 'trigger',
			name: TRIGGER_NAME,
			type: TRIGGER_TYPE,
			typeVersion: 1,
			position: [0, 0],
			webhookId: 'abc',
			parameters: structuredClone(this.parameters) as INode['parameters'],
			credentials: { greenApi: CREDENTIAL },
		};
		const staticData = JSON.parse(this.staticDataRow) as IDataObject;
		return new Workflow({ id: this.workflowId, name: 'engine workflow', nodes: [node], connections: {}, active: true, nodeTypes: this.nodeTypes, staticData, settings: { executionOrder: 'v1' } });
	}

	/** The node's parameters after n8n filled in the defaults. */
	nodeParameters(): IDataObject {
		return this.workflow().getNode(TRIGGER_NAME)!.parameters as IDataObject;
	}

	/** Publishing in poll mode: trigger() in a TriggerContext whose emit records the item and ends its run successfully. */
	async activate(): Promise<ITriggerResponse> {
		await this.ready;
		const workflow = this.workflow();
		const emit = (data: INodeExecutionData[][], _response?: unknown, done?: { resolve(run: IRun): void }) => {
			this.emitted.push({ json: data[0][0].json });
			setImmediate(() => done?.resolve({ status: 'success', data: { resultData: { runData: {} } } } as unknown as IRun));
		};
		const fail = (error: Error) => {
			throw error;
		};
		const context = new TriggerContext(workflow, workflow.getNode(TRIGGER_NAME)!, buildAdditionalData(this.credentialsHelper), 'trigger', 'activate', emit, fail, fail);
		return (await this.nodeType.trigger!.call(context)) ?? {};
	}

	/**
	 * One POST as live-webhooks.ts handles it: a workflow loaded from the row, webhook() in a
	 * WebhookContext, and, when it returns items, the execution they start. The answer comes
	 * before that execution ends (responseMode onReceived); idle() waits for it.
	 */
	async deliver(body: unknown, headers: Record<string, string>): Promise<Answer> {
		await this.ready;
		const workflow = this.workflow();
		const node = workflow.getNode(TRIGGER_NAME)!;
		const response = { statusCode: 200, status: (code: number) => ((response.statusCode = code), response), send: () => response, end: () => response };
		const additionalData: IWorkflowExecuteAdditionalData = {
			...buildAdditionalData(this.credentialsHelper),
			httpRequest: { body, headers } as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
			httpResponse: response as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
		};
		const webhookData: IWebhookData = {
			httpMethod: 'POST',
			node: TRIGGER_NAME,
			path: 'notifications',
			webhookDescription: this.nodeType.description.webhooks![0],
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
		};
		const result = await this.nodeType.webhook!.call(new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null));
		if (result.noWebhookResponse) return { status: response.statusCode, started: false };
		if (!result.workflowData) return { status: 200, started: false };
		const items = result.workflowData[0];
		this.executions.push(items.map((item) => item.json));
		const run = this.execute(items).finally(() => this.running.delete(run));
		this.running.add(run);
		return { status: 200, started: true };
	}

	/** Every execution started so far has ended and saved what it changed. */
	async idle(): Promise<void> {
		while (this.running.size > 0) await Promise.all([...this.running]);
	}

	/** As WorkflowRunner.runMainProcess: static data loaded again from the row, saved back when the run changed it. */
	private async execute(items: INodeExecutionData[]): Promise<IRun> {
		const workflow = this.workflow();
		const node = workflow.getNode(TRIGGER_NAME)!;
		const runData = createRunExecutionData({ executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] } });
		const base = { id: this.workflowId, name: 'engine workflow', active: true, isArchived: false, activeVersionId: 'v1', createdAt: new Date(0), updatedAt: new Date(0), nodes: [node], connections: {} } as IWorkflowBase;
		const hooks = new ExecutionLifecycleHooks('webhook', String(++executionCounter), base);
		hooks.addHandler('workflowExecuteAfter', (_run: IRun, newStaticData?: IDataObject) => {
			if (newStaticData) this.staticDataRow = JSON.stringify(newStaticData);
		});
		return await new WorkflowExecute(buildAdditionalData(this.credentialsHelper, hooks), 'webhook', runData).processRunExecutionData(workflow);
	}
}
