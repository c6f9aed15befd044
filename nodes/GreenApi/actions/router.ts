import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import * as contact from './contact/Contact.resource';

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0);
	const operation = this.getNodeParameter('operation', 0);

	if (resource === 'contact' && operation === 'getContactInfo') {
		return await contact.getContactInfo.execute.call(this, items);
	}
	throw new NodeOperationError(this.getNode(), `The operation "${String(operation)}" of resource "${String(resource)}" is not supported`);
}
