import type { INodeProperties } from 'n8n-workflow';

import type { GreenApiResource, Operation } from './node.type';

export interface Resource {
	name: string;
	value: GreenApiResource;
	operations: Record<string, Operation>;
}

/**
 * The Operation picker of one resource and each operation's parameters, shown only for it:
 * built from the resource's table, so an operation is one file and one table row.
 */
export function resourceProperties({ value: resource, operations }: Resource): INodeProperties[] {
	const list = Object.values(operations);
	const first = list[0].option.value;
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource] } },
			options: list.map((operation) => operation.option),
			default: first,
		},
		...list.flatMap((operation) =>
			withDocs(operation).map((property) => ({
				...property,
				displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, resource: [resource], operation: [operation.option.value] } },
			})),
		),
	];
}

/** n8n's editor shows no hint under these: an operation that starts with one gets a callout above it. */
const HINTLESS: ReadonlyArray<INodeProperties['type']> = ['collection', 'fixedCollection', 'notice'];

/** The operation's first field carries its docs link (and its hint), where the editor shows it. */
function withDocs(operation: Operation): INodeProperties[] {
	const [first, ...rest] = operation.properties;
	if (first && !HINTLESS.includes(first.type)) return [{ ...first, hint: withDocsLink(first.hint, operation) }, ...rest];
	const callout: INodeProperties = { displayName: withDocsLink(first?.hint, operation), name: `${String(operation.option.value)}Docs`, type: 'callout', default: '' };
	return first ? [callout, { ...first, hint: undefined }, ...rest] : [callout];
}

/** Under the operation's first field: where GREEN-API documents its method. */
function withDocsLink(hint: string | undefined, { docs, docsMethod, option }: Operation): string {
	const link = `<a href="${docs}" target="_blank">GREEN-API docs: ${docsMethod ?? String(option.value)}</a>`;
	return hint ? `${hint} ${link}` : link;
}
