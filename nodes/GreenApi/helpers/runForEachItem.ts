import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * For the operations that act on the whole instance, not on something an item names (Clear
 * Messages Queue, Log Out): run for one input item only, unless the user
 * turned this option on. One accidental 100-item run must not clear (or log out) 100 times.
 */
export const RUN_FOR_EACH_ITEM = 'runForEachItem';

export function runForEachItemOption(what: string): INodeProperties {
	return {
		displayName: 'Run for Each Item',
		name: RUN_FOR_EACH_ITEM,
		type: 'boolean',
		default: false,
		description: `Whether to ${what} once for every input item. Off: the node refuses to run for more than one item.`,
	};
}

/**
 * The execute() that refuses, before any request, to run `execute` for several items unless
 * Options → Run for Each Item is on. `name` is the operation's name as the editor shows it.
 */
export function onlyOnceUnlessAsked(name: string, what: string, execute: (this: IExecuteFunctions, items: INodeExecutionData[]) => Promise<INodeExecutionData[][]>) {
	return async function guarded(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[][]> {
		const options = (this.getNodeParameter('options', 0, {}) ?? {}) as Record<string, unknown>;
		if (items.length > 1 && options[RUN_FOR_EACH_ITEM] !== true) {
			throw new NodeOperationError(this.getNode(), `${name} got ${items.length} input items and would ${what} ${items.length} times: it runs for one item only`, {
				description:
					'Nothing was sent. To run it once, turn on "Execute Once" in the node\'s Settings (or pass it one item). To run it for every item on purpose, turn on Options → Run for Each Item.',
			});
		}
		return await execute.call(this, items);
	};
}
