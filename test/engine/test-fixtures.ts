import type {
	ICredentialTestFunctions,
	ICredentialType,
	ICredentialsDecrypted,
	IExecuteFunctions,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

/** Fixture types for the harness's own tests: they use n8n's node API the way a real node does. */

export const FIXTURE_CREDENTIAL = 'engineFixtureApi';
export const SORTER_NODE_TYPE = 'n8n-nodes-test-engine.sorter';

export class EngineFixtureApi implements ICredentialType {
	name = FIXTURE_CREDENTIAL;

	displayName = 'Engine Fixture API';

	properties: ICredentialType['properties'] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{ displayName: 'Label', name: 'label', type: 'string', default: 'from-default' },
	];
}

/**
 * Sorts items onto two outputs (even / odd `value`). `value` is a parameter, meant
 * to be an expression; a negative value fails its item, the way a real node's
 * per-item error handling does.
 */
export class Sorter implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Sorter',
		name: SORTER_NODE_TYPE,
		group: ['transform'],
		version: [1, 2],
		description: 'Sorts items by parity',
		defaults: { name: 'Sorter' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Even', 'Odd'],
		credentials: [{ name: FIXTURE_CREDENTIAL, required: true, testedBy: 'fixtureApiTest' }],
		properties: [
			{ displayName: 'Value', name: 'value', type: 'number', default: 0, required: true },
		],
	};

	methods = {
		credentialTest: {
			async fixtureApiTest(
				this: ICredentialTestFunctions,
				credential: ICredentialsDecrypted,
			): Promise<INodeCredentialTestResult> {
				// Touches the context n8n passes, to prove it is the real one.
				this.logger.debug('testing fixture credential');
				const ok = credential.data?.token === 'good-token';
				return ok
					? { status: 'OK', message: `Connection successful (${String(credential.data?.label)})` }
					: { status: 'Error', message: 'Invalid token' };
			},
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const even: INodeExecutionData[] = [];
		const odd: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const credentials = await this.getCredentials(FIXTURE_CREDENTIAL, itemIndex);
				const value = this.getNodeParameter('value', itemIndex) as number;
				if (value < 0) {
					throw new NodeOperationError(this.getNode(), `Negative value: ${value}`, { itemIndex });
				}
				const json = {
					value,
					version: this.getNode().typeVersion,
					token: credentials.token,
					label: credentials.label,
				};
				(value % 2 === 0 ? even : odd).push({ json, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!this.continueOnFail()) throw error;
				even.push({ json: { error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}
		return [even, odd];
	}
}
