import type { IConnections, IExecuteFunctions, INodeExecutionData, INodeType } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { EngineNode, EngineWorkflow } from './index';
import {
	START_NODE_TYPE,
	createEngine,
	shutdown,
	startNode,
} from './index';
import { EngineFixtureApi, FIXTURE_CREDENTIAL, SORTER_NODE_TYPE, Sorter } from './test-fixtures';

const main = (node: string, index = 0) => ({ node, type: NodeConnectionTypes.Main, index });

/** Waits for the execution's cancel signal, as a node sleeping between retries would. */
class Waiter implements INodeType {
	description: INodeType['description'] = {
		displayName: 'Waiter',
		name: 'n8n-nodes-test-engine.waiter',
		group: ['transform'],
		version: 1,
		description: 'Waits until cancelled',
		defaults: { name: 'Waiter' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	static started: () => void = () => {};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const signal = this.getExecutionCancelSignal();
		const cancelled = new Promise<boolean>((resolve) => {
			const timer = setTimeout(() => resolve(false), 5_000);
			signal?.addEventListener('abort', () => resolve(true), { once: true });
			signal?.addEventListener('abort', () => clearTimeout(timer), { once: true });
		});
		Waiter.started();
		return [[{ json: { cancelled: await cancelled } }]];
	}
}

const sorter = new Sorter();
const engine = createEngine({
	nodeTypes: { [SORTER_NODE_TYPE]: sorter, 'n8n-nodes-test-engine.waiter': new Waiter() },
	credentialTypes: [new EngineFixtureApi()],
	credentials: {
		'cred-1': { type: FIXTURE_CREDENTIAL, data: { token: 'secret-token' } },
		'cred-expr': {
			type: FIXTURE_CREDENTIAL,
			data: { token: 't', label: '={{ "for-" + $json.value }}' },
		},
	},
});

function sorterWorkflow(items: object[], extra: Partial<EngineNode> = {}): EngineWorkflow {
	const connections: IConnections = { Start: { main: [[main('Sorter')]] } };
	return {
		nodes: [
			startNode('Start', items),
			{
				name: 'Sorter',
				type: SORTER_NODE_TYPE,
				parameters: { value: '={{ $json.value * 3 }}' },
				credentials: { [FIXTURE_CREDENTIAL]: { id: 'cred-1', name: 'Fixture account' } },
				...extra,
			},
		],
		connections,
	};
}

afterAll(async () => await shutdown());

describe('test engine (n8n-core WorkflowExecute)', () => {
	it('runs a start node into a two-output node, evaluating the expression per item', async () => {
		const run = await engine.run(sorterWorkflow([{ value: 2 }, { value: 3 }, { value: 4 }]));

		expect(run.status).toBe('success');
		expect(engine.error(run)).toBeUndefined();
		expect(engine.output(run, 'Start').map((i) => i.json)).toEqual([
			{ value: 2 },
			{ value: 3 },
			{ value: 4 },
		]);
		const even = engine.output(run, 'Sorter', 0);
		const odd = engine.output(run, 'Sorter', 1);
		expect(even.map((i) => i.json.value)).toEqual([6, 12]);
		expect(odd.map((i) => i.json.value)).toEqual([9]);
		expect(even.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
		expect(odd.map((i) => i.pairedItem)).toEqual([{ item: 1 }]);
		// Decrypted by the credentials helper, with the type's default for the unset field.
		expect(odd[0].json).toMatchObject({ token: 'secret-token', label: 'from-default', version: 2 });
	});

	it('keeps credentials encrypted and resolves credential expressions per item', async () => {
		expect(engine.ciphertext('cred-1')).toEqual(expect.any(String));
		expect(engine.ciphertext('cred-1')).not.toContain('secret-token');

		const workflow = sorterWorkflow([{ value: 1 }, { value: 2 }], {
			typeVersion: 1,
			credentials: { [FIXTURE_CREDENTIAL]: { id: 'cred-expr', name: 'Expression account' } },
		});
		const run = await engine.run(workflow);
		expect(engine.output(run, 'Sorter', 1)[0].json).toMatchObject({ label: 'for-1', version: 1 });
		expect(engine.output(run, 'Sorter', 0)[0].json).toMatchObject({ label: 'for-2' });
	});

	it('fails the run with the node error when the node does not continue on fail', async () => {
		const run = await engine.run(sorterWorkflow([{ value: 1 }, { value: -5 }, { value: 2 }]));

		expect(run.status).toBe('error');
		const error = engine.error(run);
		expect(error).toBeInstanceOf(Error);
		expect(error?.message).toBe('Negative value: -15');
		const nodeError = engine.error(run, 'Sorter') as Error & {
			name: string;
			context: { itemIndex: number };
		};
		expect(nodeError.message).toBe('Negative value: -15');
		expect(nodeError.name).toBe('NodeOperationError');
		expect(nodeError.context.itemIndex).toBe(1);
		expect(engine.output(run, 'Sorter')).toEqual([]);
	});

	it.each([
		['continueOnFail', { continueOnFail: true }],
		["onError 'continueRegularOutput'", { onError: 'continueRegularOutput' as const }],
	])('turns the failure into an error item with %s', async (_label, settings) => {
		const run = await engine.run(
			sorterWorkflow([{ value: 1 }, { value: -5 }, { value: 2 }], settings),
		);

		expect(run.status).toBe('success');
		expect(engine.error(run)).toBeUndefined();
		expect(engine.output(run, 'Sorter', 0)).toEqual([
			{ json: { error: 'Negative value: -15' }, pairedItem: { item: 1 } },
			expect.objectContaining({
				json: expect.objectContaining({ value: 6 }),
				pairedItem: { item: 2 },
			}),
		]);
		expect(engine.output(run, 'Sorter', 1).map((i) => i.json.value)).toEqual([3]);
	});

	it("routes the failed item to n8n's error output with onError 'continueErrorOutput'", async () => {
		const run = await engine.run(
			sorterWorkflow([{ value: 1 }, { value: -5 }], { onError: 'continueErrorOutput' }),
		);

		expect(run.status).toBe('success');
		expect(engine.output(run, 'Sorter', 0)).toEqual([]);
		expect(engine.output(run, 'Sorter', 1).map((i) => i.json.value)).toEqual([3]);
		expect(engine.output(run, 'Sorter', 2)).toEqual([
			// n8n's error output keeps the input item's fields next to the error.
			{ json: { value: -5, error: 'Negative value: -15' }, pairedItem: { item: 1 } },
		]);
	});

	it('reports a missing credential as the node error', async () => {
		const workflow = sorterWorkflow([{ value: 1 }], {
			credentials: { [FIXTURE_CREDENTIAL]: { id: 'nope', name: 'Gone' } },
		});
		const run = await engine.run(workflow);
		expect(engine.error(run, 'Sorter')?.message).toBe(
			`Credential with ID "nope" does not exist for type "${FIXTURE_CREDENTIAL}".`,
		);
	});

	it('rejects workflows n8n would not start', async () => {
		const workflow: EngineWorkflow = {
			nodes: [startNode('Start', [{}]), { name: 'X', type: 'n8n-nodes-test-engine.missing' }],
			connections: { Start: { main: [[main('X')]] } },
		};
		await expect(engine.run(workflow)).rejects.toThrow('Unrecognized node type');
	});

	it('cancels the execution when the signal aborts', async () => {
		const controller = new AbortController();
		Waiter.started = () => controller.abort();
		const run = await engine.run(
			{
				nodes: [
					startNode('Start', [{ a: 1 }]),
					{ name: 'Wait', type: 'n8n-nodes-test-engine.waiter' },
				],
				connections: { Start: { main: [[main('Wait')]] } },
			},
			{ signal: controller.signal },
		);
		expect(run.status).toBe('canceled');
		expect(engine.output(run, 'Wait')).toEqual([
			{ json: { cancelled: true }, pairedItem: { item: 0 } },
		]);
	});

	it("calls the node's credentialTest with CredentialTestContext and the data with defaults", async () => {
		const spy = jest.spyOn(sorter.methods.credentialTest, 'fixtureApiTest');

		await expect(
			engine.testCredential(FIXTURE_CREDENTIAL, { token: 'good-token' }),
		).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful (from-default)',
		});
		await expect(engine.testCredential(FIXTURE_CREDENTIAL, { token: 'bad' })).resolves.toEqual({
			status: 'Error',
			message: 'Invalid token',
		});
		expect(spy).toHaveBeenCalledTimes(2);
		expect(spy.mock.calls[0][0]).toMatchObject({
			type: FIXTURE_CREDENTIAL,
			data: { token: 'good-token', label: 'from-default' },
		});
		expect(spy.mock.contexts[0]?.constructor.name).toBe('CredentialTestContext');
		spy.mockRestore();
	});
});
