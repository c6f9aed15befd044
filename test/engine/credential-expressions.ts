import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	INode,
	INodeParameters,
	INodeTypes,
	IWorkflowDataProxyAdditionalKeys,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

/** Outside a run, the CLI resolves credential expressions against a lone mock node. */
const credentialNode: INode = {
	id: 'credential',
	name: '',
	type: 'credential',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};
const noNodeTypes: INodeTypes = {
	getByName: () => undefined as never,
	getByNameAndVersion: () => undefined as never,
	getKnownTypes: () => ({}),
};

/**
 * Resolves `={{ }}` values in credential data as n8n's CredentialsHelper does: with
 * the item being processed when a node asks (getCredentials(type, itemIndex)),
 * else without workflow data (credential tests, pre-authentication).
 */
export async function resolveCredentialExpressions(
	data: ICredentialDataDecryptedObject,
	mode: WorkflowExecuteMode,
	additionalKeys: IWorkflowDataProxyAdditionalKeys,
	executeData?: IExecuteData,
	resolve?: ICredentialsExpressionResolveValues,
): Promise<ICredentialDataDecryptedObject> {
	if (resolve) {
		try {
			return resolve.workflow.expression.getParameterValue(
				data as INodeParameters,
				resolve.runExecutionData,
				resolve.runIndex,
				resolve.itemIndex,
				resolve.node.name,
				resolve.connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				data,
			) as ICredentialDataDecryptedObject;
		} catch (error) {
			if (error instanceof Error) error.message += ' [Error resolving credentials]';
			throw error;
		}
	}
	const workflow = new Workflow({
		nodes: [{ ...credentialNode }],
		connections: {},
		active: false,
		nodeTypes: noNodeTypes,
	});
	const acquired = await workflow.expression.acquireIsolate();
	try {
		return workflow.expression.getComplexParameterValue(
			credentialNode,
			data as INodeParameters,
			mode,
			additionalKeys,
			undefined,
			undefined,
			data,
		) as ICredentialDataDecryptedObject;
	} finally {
		if (acquired) await workflow.expression.releaseIsolate();
	}
}
