import { ExternalSecretsProxy } from 'n8n-core';
import type { ExecutionLifecycleHooks } from 'n8n-core';
import type { ICredentialsHelper, IWorkflowExecuteAdditionalData } from 'n8n-workflow';
import { UnexpectedError } from 'n8n-workflow';

import { Container } from './services';

/** The URLs a default local n8n reports (N8N_HOST localhost, port 5678). */
const BASE_URL = 'http://localhost:5678/';

/**
 * What the CLI's WorkflowExecuteAdditionalData.getBase() hands WorkflowExecute,
 * without the parts that need the server: sub-workflows, the task runner (Code
 * node) and execution storage throw or answer "nothing".
 */
export function buildAdditionalData(
	credentialsHelper: ICredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const unavailable = (what: string) => async () => {
		throw new UnexpectedError(`${what} is not available in the test engine`);
	};
	return {
		credentialsHelper,
		hooks,
		executionId: hooks?.executionId,
		currentNodeExecutionIndex: 0,
		externalSecretsProxy: Container.get(ExternalSecretsProxy),
		variables: {},
		instanceBaseUrl: BASE_URL,
		restApiUrl: `${BASE_URL}rest`,
		webhookBaseUrl: `${BASE_URL}webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}webhook-test`,
		formBaseUrl: `${BASE_URL}form`,
		formWaitingBaseUrl: `${BASE_URL}form-waiting`,
		formTestBaseUrl: `${BASE_URL}form-test`,
		mcpBaseUrl: `${BASE_URL}mcp`,
		mcpTestBaseUrl: `${BASE_URL}mcp-test`,
		executeWorkflow: unavailable('Executing sub-workflows'),
		startRunnerTask: unavailable('The task runner (Code node)'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		logAiEvent: () => {},
	};
}
