import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as chat from './chat/Chat.resource';
import * as contact from './contact/Contact.resource';
import * as group from './group/Group.resource';
import * as instance from './instance/Instance.resource';
import * as message from './message/Message.resource';
import * as queue from './queue/Queue.resource';
import * as status from './status/Status.resource';
import type { GreenApiResource } from './node.type';
import type { Resource } from './resources';

/** resource → its operations; versionDescription builds the pickers from the same table. */
export const resources: Record<GreenApiResource, Resource> = { chat: chat.resource, contact: contact.resource, group: group.resource, instance: instance.resource, message: message.resource, queue: queue.resource, status: status.resource };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const operations = Object.hasOwn(resources, resource) ? resources[resource as GreenApiResource].operations : {};
	const found = Object.hasOwn(operations, operation) ? operations[operation] : undefined;
	if (!found) {
		throw new NodeOperationError(this.getNode(), `The operation "${String(operation)}" of resource "${String(resource)}" is not supported`);
	}
	return await found.execute.call(this, this.getInputData());
}
