import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, jsonParse } from 'n8n-workflow';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

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
		const output: INodeExecutionData[] = [];
		for (const json of items as IDataObject[]) output.push({ ...(await withFiles(this, json)), pairedItem: { item: 0 } });
		return [output];
	}
}

/**
 * An item's `$files` ({ field: { path, fileName, mimeType } }) become its binary data, streamed
 * from disk into n8n's binary store as a Read File node does, so large files are never held.
 */
async function withFiles(context: IExecuteFunctions, json: IDataObject): Promise<INodeExecutionData> {
	const { $files, ...rest } = json as IDataObject & { $files?: Record<string, { path: string; fileName?: string; mimeType?: string }> };
	if (!$files) return { json };
	const binary: INodeExecutionData['binary'] = {};
	for (const [field, file] of Object.entries($files)) {
		binary[field] = await context.helpers.prepareBinaryData(createReadStream(file.path), file.fileName ?? basename(file.path), file.mimeType);
	}
	return { json: rest, binary };
}
