import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { resourceProperties } from './resources';
import { resources } from './router';

/**
 * The outputs each operation has, evaluated by n8n from the node's parameters (as its
 * Switch and If nodes do). It runs as an expression, stringified: only literals inside.
 */
function configuredOutputs(parameters: INodeParameters) {
	const operation = parameters.operation ?? (parameters.resource === 'group' ? 'getGroupData' : 'getContactInfo');
	const named = (names: string[]) => names.map((displayName) => ({ type: 'main', displayName }));
	if (operation === 'getContactInfo') return named(['Contact', 'Products']);
	if (operation === 'getGroupData') return named(['Group', 'Participants']);
	const options = (parameters.options ?? {}) as { splitByResult?: boolean };
	if (operation === 'checkWhatsapp' && options.splitByResult === true) return named(['Has WhatsApp', 'No WhatsApp']);
	return ['main'];
}

const list = Object.values(resources);
const resourceNames = Object.fromEntries(list.map((resource) => [resource.value, resource.name]));
const operationNames = Object.fromEntries(list.flatMap((resource) => Object.values(resource.operations).map(({ option }) => [option.value, option.name])));

/** "Contact: Get Contact Info": what a person reads on the canvas, from the pickers' names. */
export const subtitle = `={{ (${JSON.stringify(resourceNames)})[$parameter["resource"]] + ": " + (${JSON.stringify(operationNames)})[$parameter["operation"]] }}`;

export const outputs: `={{${string}}}` = `={{(${configuredOutputs.toString()})($parameter)}}`;

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: list.map(({ name, value }) => ({ name, value })),
		default: 'contact',
	},
	...list.flatMap(resourceProperties),
];
