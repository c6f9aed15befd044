import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { resourceProperties } from './resources';
import { resources } from './router';

const list = Object.values(resources);
const resourceNames = Object.fromEntries(list.map((resource) => [resource.value, resource.name]));
const operationNames = Object.fromEntries(list.flatMap((resource) => Object.values(resource.operations).map(({ option }) => [option.value, option.name])));

/** "Contact: Get Contact Info": what a person reads on the canvas, from the pickers' names. */
export const subtitle = `={{ (${JSON.stringify(resourceNames)})[$parameter["resource"]] + ": " + (${JSON.stringify(operationNames)})[$parameter["operation"]] }}`;

/**
 * The outputs of the chosen operation, evaluated by n8n from the node's parameters (as its
 * Switch and If nodes do). It runs as a stringified expression, so the operations' own
 * `outputs` go in as a literal table; a parameter left at its default is absent.
 */
function configuredOutputs(parameters: INodeParameters, table: Record<string, { names: string[]; when?: string }>, defaults: Record<string, string>) {
	const operation = String(parameters.operation ?? defaults[String(parameters.resource ?? 'contact')]);
	const outputs = table[operation];
	const options = (parameters.options ?? {}) as Record<string, unknown>;
	if (!outputs || (outputs.when !== undefined && options[outputs.when] !== true)) return ['main'];
	return outputs.names.map((displayName) => ({ type: 'main', displayName }));
}

const outputTable = Object.fromEntries(list.flatMap((resource) => Object.values(resource.operations).flatMap(({ option, outputs }) => (outputs ? [[option.value, outputs]] : []))));
const defaultOperations = Object.fromEntries(list.map((resource) => [resource.value, Object.values(resource.operations)[0].option.value]));

// Spaced JSON: two closing braces in a row would end n8n's {{ … }} expression early.
const literal = (value: unknown) => JSON.stringify(value, null, 1).replace(/\s+/g, ' ');

export const outputs: `={{${string}}}` = `={{(${configuredOutputs.toString()})($parameter, ${literal(outputTable)}, ${literal(defaultOperations)})}}`;

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
