import { CredentialTestContext, ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IConnections,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
} from 'n8n-workflow';
import { UserError, Workflow, deepCopy } from 'n8n-workflow';

import { buildAdditionalData } from './additional-data';
import { EngineCredentialsHelper } from './credentials-helper';
import { prepareServices } from './services';
import { EngineStart, START_NODE_TYPE } from './start-node';
import { EngineCredentialTypes, EngineNodeTypes } from './type-registries';

export { EngineStart, START_NODE_TYPE } from './start-node';
export {
	activeExpressionEngine,
	shutdownServices as shutdown,
	useExpressionEngine,
	type ExpressionEngineName,
} from './services';

/** Node settings passed through unchanged (n8n reads them in WorkflowExecute). */
type NodeSettings = Partial<
	Pick<
		INode,
		| 'disabled'
		| 'alwaysOutputData'
		| 'executeOnce'
		| 'retryOnFail'
		| 'maxTries'
		| 'waitBetweenTries'
	>
>;

export interface EngineNode extends NodeSettings {
	name: string;
	type: string;
	/** Defaults to the newest version of the type. */
	typeVersion?: number;
	parameters?: INodeParameters;
	credentials?: Record<string, { id: string; name: string }>;
	continueOnFail?: boolean;
	onError?: 'stopWorkflow' | 'continueRegularOutput' | 'continueErrorOutput';
}

export interface EngineWorkflow {
	nodes: EngineNode[];
	connections: IConnections;
}

export interface Engine {
	/**
	 * Runs the workflow in 'manual' mode from `startNode` (default: the only start
	 * node, else n8n's own choice). Node failures come back inside the IRun (see
	 * error()); problems n8n refuses to start with (unknown node type, missing
	 * required parameter) reject. Aborting the signal cancels the execution like the
	 * editor's Stop button: the running node sees its abort signal and the run
	 * resolves, with status 'canceled', once that node returns.
	 */
	run(
		workflow: EngineWorkflow,
		options?: { startNode?: string; signal?: AbortSignal },
	): Promise<IRun>;
	/** Items of the last run of that node on that output; [] if it did not run. */
	output(run: IRun, nodeName: string, outputIndex?: number): INodeExecutionData[];
	/** The node's error (with nodeName) or the execution's error, as an Error. */
	error(run: IRun, nodeName?: string): Error | undefined;
	testCredential(
		credentialType: string,
		data: ICredentialDataDecryptedObject,
	): Promise<INodeCredentialTestResult>;
	/** What the credential store holds for that id: n8n's ciphertext, never the clear data. */
	ciphertext(credentialId: string): string | undefined;
}

export interface EngineOptions {
	nodeTypes: Record<string, INodeType | IVersionedNodeType>;
	credentialTypes?: ICredentialType[];
	credentials?: Record<
		string,
		{ type: string; data: ICredentialDataDecryptedObject; name?: string }
	>;
}

/** A start node (START_NODE_TYPE) emitting these items as its output. */
export function startNode(name: string, items: object[]): EngineNode {
	return { name, type: START_NODE_TYPE, parameters: { items: JSON.stringify(items) } };
}

const WORKFLOW_ID = 'test-engine-workflow';
let lastExecutionId = 0;

/** A definition's nodes as the engine takes them: ids and positions by declaration order, settings copied. */
export function engineNodes(definition: EngineWorkflow, nodeTypes: EngineNodeTypes): INode[] {
	return definition.nodes.map(({ name, type, typeVersion, parameters, credentials, ...settings }, index) => ({
		id: `node-${index + 1}`,
		name,
		type,
		typeVersion: typeVersion ?? nodeTypes.latestVersion(type),
		// Declaration order is also n8n's (v1) order for siblings: it sorts by position.
		position: [index * 200, 0],
		parameters: deepCopy(parameters ?? {}),
		...(credentials && { credentials: deepCopy(credentials) }),
		...settings,
	}));
}

export function createEngine(options: EngineOptions): Engine {
	const nodeTypes = new EngineNodeTypes({
		[START_NODE_TYPE]: new EngineStart(),
		...options.nodeTypes,
	});
	const credentialTypes = new EngineCredentialTypes(
		Object.fromEntries((options.credentialTypes ?? []).map((type) => [type.name, type])),
		nodeTypes,
	);
	const credentialsHelper = new EngineCredentialsHelper(credentialTypes);

	const ready = (async () => {
		await prepareServices();
		for (const [id, { type, data, name }] of Object.entries(options.credentials ?? {})) {
			await credentialsHelper.store(id, name ?? id, type, data);
		}
	})();
	// Reported by the first run()/testCredential(), not as an unhandled rejection.
	ready.catch(() => {});

	return {
		async run(definition, { startNode: startName, signal } = {}) {
			await ready;
			const nodes = engineNodes(definition, nodeTypes);
			const connections = deepCopy(definition.connections);
			const workflow = new Workflow({
				id: WORKFLOW_ID,
				name: 'Test engine workflow',
				nodes,
				connections,
				active: false,
				nodeTypes,
				settings: { executionOrder: 'v1' },
			});
			const start = chooseStartNode(workflow, startName);

			const workflowData: IWorkflowBase = {
				id: WORKFLOW_ID,
				name: workflow.name ?? '',
				active: false,
				isArchived: false,
				activeVersionId: null,
				createdAt: new Date(0),
				updatedAt: new Date(0),
				nodes,
				connections,
				settings: workflow.settings,
			};
			const hooks = new ExecutionLifecycleHooks('manual', String(++lastExecutionId), workflowData);
			const execution = new WorkflowExecute(
				buildAdditionalData(credentialsHelper, hooks),
				'manual',
			).run({
				workflow,
				startNode: start,
			});
			if (!signal) return await execution;
			const cancel = () => execution.cancel();
			if (signal.aborted) cancel();
			else signal.addEventListener('abort', cancel, { once: true });
			try {
				return await execution;
			} finally {
				signal.removeEventListener('abort', cancel);
			}
		},

		output(run, nodeName, outputIndex = 0) {
			return run.data.resultData.runData[nodeName]?.at(-1)?.data?.main?.[outputIndex] ?? [];
		},

		error(run, nodeName) {
			const raw = nodeName
				? run.data.resultData.runData[nodeName]?.at(-1)?.error
				: run.data.resultData.error;
			return raw === undefined ? undefined : asError(raw);
		},

		// Follows n8n's CredentialsTester for credential types tested by a node function.
		async testCredential(credentialType, data) {
			await ready;
			if (credentialTypes.getByName(credentialType).test) {
				throw new UserError(
					'Declarative credential `test` requests are not supported by the test engine',
				);
			}
			const test = nodeTypes.credentialTest(credentialType);
			if (!test)
				return { status: 'Error', message: 'No testing function found for this credential.' };
			const withDefaults = await credentialsHelper.applyDefaults(
				buildAdditionalData(credentialsHelper),
				data,
				credentialType,
				'internal',
			);
			return await test.call(new CredentialTestContext(), {
				id: 'credential-under-test',
				name: credentialType,
				type: credentialType,
				data: withDefaults,
			});
		},

		ciphertext: (credentialId) => credentialsHelper.ciphertext(credentialId),
	};
}

function chooseStartNode(workflow: Workflow, name?: string): INode {
	if (name !== undefined) {
		const node = workflow.getNode(name);
		if (!node) throw new UserError(`The workflow has no node named "${name}"`);
		return node;
	}
	const starts = Object.values(workflow.nodes).filter((n) => n.type === START_NODE_TYPE);
	if (starts.length > 1) throw new UserError('Several start nodes: pass options.startNode');
	const node = starts[0] ?? workflow.getStartNode();
	if (!node) throw new UserError('No node to start the workflow from');
	return node;
}

/**
 * WorkflowExecute stores errors as `{ ...error, message, stack }` (plain objects, so
 * they survive serialisation); give them back an Error shape with the same fields.
 */
function asError(raw: object): Error {
	if (raw instanceof Error) return raw;
	const { message, ...rest } = raw as { message?: string };
	return Object.assign(new Error(message), rest);
}
