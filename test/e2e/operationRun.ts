// What each resource's e2e file starts and ends: the emulator, one n8n loading the packed tarball
// with the emulator's credential, and one workflow per operation (one n8n start is most of an
// e2e file's time, so a file's operations share it).
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, GreenApiEmulator } from '../emulator';
import { N8n } from './n8n';
import type { Execution, Item } from './n8n';
import { killAll } from './process';
import { GREEN_API_NODE, greenApiCredential, operationWorkflow } from './workflows';
import type { CredentialRef, OperationSetup } from './workflows';

export type OperationWorkflows = Record<string, { items: object[]; setup: OperationSetup }>;

export interface OperationRun {
	emulator: GreenApiEmulator;
	n8n: N8n;
	/** Where `files` were written: the only folder this n8n's Read/Write Files from Disk may read. */
	fileDir: string;
}

/** `workflows` gets the folder the files are in, for the items that name one. */
export async function startOperationRun(name: string, credential: CredentialRef, workflows: (fileDir: string) => OperationWorkflows, files: ReadonlyArray<{ name: string; bytes: Buffer }> = []): Promise<OperationRun> {
	const tarball = process.env.E2E_TARBALL;
	if (!tarball || !existsSync(tarball)) throw new Error(`E2E_TARBALL (${tarball}) is no packed tarball: run npm run test:e2e`);
	const fileDir = await mkdtemp(join(tmpdir(), `n8n-e2e-${name}-`));
	for (const file of files) await writeFile(join(fileDir, file.name), file.bytes);
	const emulator = await GreenApiEmulator.start();
	const n8n = await N8n.create({ N8N_RESTRICT_FILE_ACCESS_TO: fileDir });
	await n8n.installCommunityPackage(tarball);
	await n8n.importCredentials([greenApiCredential(credential, { apiUrl: emulator.url, mediaUrl: emulator.mediaUrl, idInstance: EMULATOR_ID_INSTANCE, token: EMULATOR_TOKEN })]);
	await n8n.importWorkflows(Object.entries(workflows(fileDir)).map(([id, { items, setup }]) => operationWorkflow(id, `e2e: ${id}`, credential, items, setup)));
	return { emulator, n8n, fileDir };
}

/** Its n8n's output is kept as `n8n-<name>-output.log` (the next file's n8n writes n8n-output.log). */
export async function stopOperationRun(run: OperationRun | undefined, name: string): Promise<void> {
	killAll();
	await run?.emulator.close();
	await run?.n8n.dispose(`n8n-${name}-output.log`);
	if (run) await rm(run.fileDir, { recursive: true, force: true });
}

/** Runs a workflow by `n8n execute`; neither what n8n printed nor what it stored holds the token. */
export async function executeWithoutToken(n8n: N8n, workflowId: string): Promise<Execution> {
	const { result, execution } = await n8n.execute(workflowId);
	expect(result.stdout + result.stderr).not.toContain(EMULATOR_TOKEN);
	expect(JSON.stringify(execution)).not.toContain(EMULATOR_TOKEN);
	return execution;
}

/** The GREEN-API node's first output as n8n stored it, after a run that must have succeeded. */
export function firstOutput(execution: Execution): Array<Item['json']> {
	expect({ status: execution.status, error: execution.data.resultData.error?.message }).toEqual({ status: 'success', error: undefined });
	const [items] = execution.data.resultData.runData[GREEN_API_NODE][0].data!.main;
	return (items ?? []).map((item) => item.json);
}
