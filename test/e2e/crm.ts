// What the CRM workflow's end-to-end test needs around n8n: the shipped workflow bound to a
// credential, n8n's Data Table (its embedded CRM table) created and read through the REST API
// the editor uses, and the figures it prints.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { N8nServer } from './server';

export const CRM_WORKFLOW_FILE = join(__dirname, '../demo/green-api-crm.workflow.json');
export const CRM_TABLE = 'WhatsApp contacts';
export const CRM_COLUMNS: Array<{ name: string; type: 'string' | 'boolean' | 'date' }> = [
	{ name: 'chatId', type: 'string' },
	{ name: 'name', type: 'string' },
	{ name: 'phone', type: 'string' },
	{ name: 'business', type: 'boolean' },
	{ name: 'email', type: 'string' },
	{ name: 'lastMessage', type: 'string' },
	{ name: 'lastSeenAt', type: 'date' },
];

interface Workflow {
	id: string;
	nodes: Array<{ credentials?: Record<string, { id: string; name: string }> }>;
}

/** The shipped workflow, as a user imports it, with every GREEN-API node on `credential`. */
export function crmWorkflow(credential: { id: string; name: string }): Workflow {
	const workflow = JSON.parse(readFileSync(CRM_WORKFLOW_FILE, 'utf8')) as Workflow;
	for (const node of workflow.nodes) if (node.credentials?.greenApi) node.credentials.greenApi = credential;
	return workflow;
}

export interface CrmTable {
	projectId: string;
	tableId: string;
}

/** Creates the Data Table the workflow upserts into, in the owner's personal project. */
export async function createCrmTable(server: N8nServer, cookie: string): Promise<CrmTable> {
	const project = (await server.get(cookie, '/rest/projects/personal')) as { data: { id: string } };
	const projectId = project.data.id;
	const created = (await server.rest(cookie, `/rest/projects/${projectId}/data-tables`, { name: CRM_TABLE, columns: CRM_COLUMNS })) as { data: { id: string } };
	return { projectId, tableId: created.data.id };
}

export type Row = Record<string, unknown>;

export async function crmRows(server: N8nServer, cookie: string, table: CrmTable): Promise<Row[]> {
	const answer = (await server.get(cookie, `/rest/projects/${table.projectId}/data-tables/${table.tableId}/rows?take=1000`)) as { data: { data: Row[] } };
	return answer.data.data;
}

interface ExecutionSummary {
	id: string;
}

/**
 * The trigger's output item of every execution of `workflowId`, as n8n saved it (its run
 * data is stored in the `flatted` format; the parser is n8n's own dependency).
 */
export async function triggerItems(server: N8nServer, cookie: string, workflowId: string, n8nRoot: string): Promise<Array<Record<string, unknown>>> {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { parse } = require(join(n8nRoot, 'test/e2e/n8n/node_modules/flatted')) as { parse: (text: string) => unknown };
	const list = (await server.get(cookie, `/rest/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}&limit=100`)) as { data: { results: ExecutionSummary[] } };
	const items: Array<Record<string, unknown>> = [];
	for (const { id } of list.data.results) {
		const execution = (await server.get(cookie, `/rest/executions/${id}`)) as { data: { data: string } };
		const data = parse(execution.data.data) as { resultData: { runData: Record<string, Array<{ data?: { main: Array<Array<Record<string, unknown>>> } }>> } };
		const item = data.resultData.runData['GREEN-API Trigger']?.[0]?.data?.main[0]?.[0];
		if (item) items.push(item);
	}
	return items;
}

/** Median and 95th percentile (nearest rank) of `values`, in their unit. */
export function medianAndP95(values: number[]): { median: number; p95: number } {
	const sorted = [...values].sort((a, b) => a - b);
	const rank = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
	return { median: rank(0.5), p95: rank(0.95) };
}
