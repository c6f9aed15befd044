// The demo's second part: the enrichment workflow a user builds from a phone list
// (test/demo/green-api-enrichment.workflow.json), its GREEN-API nodes run by n8n-core's
// WorkflowExecute against the emulator; the Code node's list is run here, without globals.
import { runInNewContext } from 'node:vm';
import type { IConnections, IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Engine, EngineNode } from '../engine';
import { startNode } from '../engine';
import workflowFile from './green-api-enrichment.workflow.json';

export const ENRICHMENT_FILE = 'test/demo/green-api-enrichment.workflow.json';

/** A node as the editor saves it in a workflow file: what the demos read of it. */
export interface FileNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	onError?: string;
}

const nodes = workflowFile.nodes as FileNode[];
const CODE = nodes.find((node) => node.type === 'n8n-nodes-base.code') as FileNode;
const TRIGGER = nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger') as FileNode;

export function phoneItems(): IDataObject[] {
	const result: unknown = runInNewContext(`(() => {\n${String(CODE.parameters.jsCode)}\n})()`, {}, { timeout: 1000 });
	return (JSON.parse(JSON.stringify(result)) as Array<{ json: IDataObject }>).map((item) => item.json);
}

export interface EnrichmentRun {
	onWhatsapp: INodeExecutionData[];
	notOnWhatsapp: INodeExecutionData[];
	contacts: INodeExecutionData[];
	products: INodeExecutionData[];
	error?: Error;
}

/** The file's nodes and connections, its Code node replaced by a start node emitting the same items. */
export async function runEnrichment(engine: Engine): Promise<EnrichmentRun> {
	const greenApiNodes: EngineNode[] = nodes
		.filter((node) => node !== CODE && node !== TRIGGER)
		.map(({ name, type, typeVersion, parameters, credentials, onError }) => ({
			name,
			type,
			typeVersion,
			parameters: parameters as EngineNode['parameters'],
			credentials,
			onError: onError as EngineNode['onError'],
		}));
	const connections = Object.fromEntries(Object.entries(workflowFile.connections).filter(([from]) => from !== TRIGGER.name)) as IConnections;
	const run = await engine.run({ nodes: [startNode(CODE.name, phoneItems()), ...greenApiNodes], connections }, { startNode: CODE.name });
	const [check, lookup] = greenApiNodes.map((node) => node.name);
	return {
		onWhatsapp: engine.output(run, check, 0),
		notOnWhatsapp: engine.output(run, check, 1),
		contacts: engine.output(run, lookup, 0),
		products: engine.output(run, lookup, 1),
		error: engine.error(run, check) ?? engine.error(run, lookup),
	};
}
