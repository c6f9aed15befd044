import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, jsonParse } from 'n8n-workflow';

export const START_NODE_TYPE = 'n8n-nodes-test-engine.start';

/**
 * Stands in for a trigger: emits the items of its `items` parameter (a JSON array
 * of objects). It is an ordinary execute() node on purpose: n8n's Manual Trigger
 * can only emit one empty item, and an execute() node goes through the same
 * ExecuteContext as the nodes under test.
 */
export class EngineStart implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Engine Start',
		name: START_NODE_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Emits the items given in its parameter',
		defaults: { name: 'Start' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items',
				name: 'items',
				type: 'json',
				default: '[]',
				description: 'JSON array of objects, one per output item',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | IDataObject[];
		const items = typeof raw === 'string' ? jsonParse<unknown>(raw) : raw;
		if (!Array.isArray(items) || items.some((i) => typeof i !== 'object' || i === null)) {
			throw new NodeOperationError(this.getNode(), 'Items must be a JSON array of objects');
		}
		// Every item comes from the one empty item WorkflowExecute feeds a start node.
		return [items.map((json: IDataObject) => ({ json, pairedItem: { item: 0 } }))];
	}
}
