// A real n8n (test/e2e/n8n/node_modules) in a throw-away user folder, driven through its CLI.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

import { freePort } from '../support/ports';
import { expectSuccess, run } from './process';
import type { RunResult } from './process';

/** The repository root, found from here so the test runs from any working directory. */
export function repoRoot(): string {
	for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
		const file = join(dir, 'package.json');
		if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === 'n8n-nodes-green-api') return dir;
	}
	throw new Error(`no n8n-nodes-green-api package.json above ${__dirname}`);
}

export interface PairedItem {
	item: number;
	input?: number;
}
export interface Item {
	json: Record<string, unknown>;
	pairedItem?: PairedItem | PairedItem[] | number;
}
export interface ExecutionError {
	message: string;
	description?: string | null;
	httpCode?: string | null;
}
export interface NodeRun {
	executionStatus?: string;
	error?: ExecutionError;
	data?: { main: (Item[] | null)[] };
}
export interface Execution {
	status: string;
	finished?: boolean;
	data: { resultData: { error?: ExecutionError; runData: Record<string, NodeRun[]>; lastNodeExecuted?: string } };
}

/**
 * `execute --rawOutput` prints log lines, then the execution as indented JSON (after an
 * "Execution error:" banner when it failed): the JSON spans the first line that is just "{"
 * to the last that is just "}".
 */
export function parseExecution(stdout: string): Execution {
	const lines = stdout.split('\n').map((line) => line.trimEnd());
	const first = lines.indexOf('{');
	const last = lines.lastIndexOf('}');
	if (first === -1 || last < first) throw new Error(`no execution JSON in n8n's output:\n${stdout}`);
	return JSON.parse(lines.slice(first, last + 1).join('\n')) as Execution;
}

/** The environment of every n8n command of one run (its own folder, ports and encryption key). */
export function n8nEnv(run: { userFolder: string; port: number; brokerPort: number }): NodeJS.ProcessEnv {
	// Only what n8n needs from the caller's environment: no stray N8N_*/DB_* settings,
	// no NODE_OPTIONS, no proxy for the emulator on 127.0.0.1. npm's settings and the CA
	// bundle stay: the community-package install reaches the registry, which on machines
	// behind a TLS-inspecting proxy only verifies with the CA the caller's npm was given.
	const npmSettings = ['cache', 'registry', 'cafile', 'ca', 'strict_ssl', 'userconfig', 'globalconfig', 'proxy', 'https_proxy'];
	const keep = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'TZ', 'NODE_EXTRA_CA_CERTS', 'SSL_CERT_FILE', 'SSL_CERT_DIR', ...npmSettings.map((s) => `npm_config_${s}`)];
	const env: NodeJS.ProcessEnv = Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
	Object.assign(env, {
		N8N_USER_FOLDER: run.userFolder,
		N8N_PORT: String(run.port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(run.brokerPort),
		N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		NO_PROXY: '127.0.0.1,localhost',
		no_proxy: '127.0.0.1,localhost',
	});
	return env;
}

export class N8n {
	/** Everything n8n printed, every command, for the secret-leak checks. */
	transcript = '';

	private constructor(
		readonly root: string,
		readonly userFolder: string,
		/** What every n8n command of this run gets: also what `n8n start` (server.ts) builds on. */
		readonly env: NodeJS.ProcessEnv,
	) {}

	/** `extraEnv` is added to n8n's environment (e.g. queue mode's settings). */
	static async create(extraEnv: NodeJS.ProcessEnv = {}): Promise<N8n> {
		const root = repoRoot();
		const bin = join(root, 'test/e2e/n8n/node_modules/n8n/bin/n8n');
		if (!existsSync(bin)) throw new Error(`n8n is not installed at ${bin}: run \`npm run test:e2e\`, which installs it`);
		const userFolder = await mkdtemp(join(tmpdir(), 'n8n-e2e-'));
		// Two n8n processes at once (another run, a developer's editor) would collide on
		// the default ports: each run takes its own.
		const [port, brokerPort] = [await freePort(), await freePort()];
		return new N8n(root, userFolder, { ...n8nEnv({ userFolder, port, brokerPort }), ...extraEnv });
	}

	/** Runs `n8n <args>`; its output joins the transcript. */
	async cli(args: string[], timeoutMs = 90_000): Promise<RunResult> {
		const bin = join(this.root, 'test/e2e/n8n/node_modules/n8n/bin/n8n');
		const label = `n8n ${args[0]}`;
		const result = await run(process.execPath, [bin, ...args], { cwd: this.userFolder, env: this.env, timeoutMs, label });
		this.transcript += `\n$ n8n ${args.join(" ")}  (exit ${result.code ?? result.signal})\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
		return result;
	}

	/**
	 * Installs the packed package the way n8n 2.39's community-package installer does
	 * (CommunityPackagesService.downloadPackage): unpack into nodes/node_modules/<name>, drop
	 * dev/peer/optional dependencies, `npm install` there with its flags, list it in nodes/package.json.
	 */
	async installCommunityPackage(tarball: string): Promise<string> {
		const nodesDir = join(this.userFolder, '.n8n/nodes');
		const manifest = JSON.parse(await readFile(join(this.root, 'package.json'), 'utf8')) as { name: string; version: string };
		const packageDir = join(nodesDir, 'node_modules', manifest.name);
		await mkdir(packageDir, { recursive: true });
		const options = { cwd: nodesDir, env: this.env, timeoutMs: 180_000 };
		expectSuccess(await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { ...options, label: 'tar -x (package)' }), 'tar');
		const packageJsonPath = join(packageDir, 'package.json');
		const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(await readFile(packageJsonPath, 'utf8')) as Record<string, unknown>;
		await writeFile(packageJsonPath, JSON.stringify(packageJson, null, 2));
		const npmArgs = ['install', '--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'];
		// --prefer-offline: undici is in the npm cache after the first run; CI's cache is warm.
		expectSuccess(await run('npm', [...npmArgs, '--prefer-offline', '--loglevel=error'], { ...options, cwd: packageDir, label: 'npm install (community package)' }), 'npm install');
		const nodesPackage = { name: 'installed-nodes', private: true, dependencies: { [manifest.name]: manifest.version } };
		await writeFile(join(nodesDir, 'package.json'), JSON.stringify(nodesPackage, null, 2));
		return packageDir;
	}

	/** The file holding the credentials (tokens included) exists only while n8n imports it. */
	async importCredentials(credentials: unknown[]): Promise<void> {
		const file = join(this.userFolder, 'credentials.json');
		await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
		try {
			expectSuccess(await this.cli(['import:credentials', `--input=${file}`]), 'n8n import:credentials');
		} finally {
			await rm(file, { force: true });
		}
	}

	async importWorkflows(workflows: unknown[]): Promise<void> {
		const file = join(this.userFolder, 'workflows.json');
		await writeFile(file, JSON.stringify(workflows));
		expectSuccess(await this.cli(['import:workflow', `--input=${file}`]), 'n8n import:workflow');
	}

	/** Runs a workflow; n8n exits 1 when the execution failed, so the exit code is not checked here. */
	async execute(workflowId: string): Promise<{ result: RunResult; execution: Execution }> {
		const result = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput']);
		return { result, execution: parseExecution(result.stdout) };
	}

	/** Keeps n8n's output for a look after the run (CI artifacts, a failed assertion). */
	async dispose(logName = 'n8n-output.log'): Promise<void> {
		const log = join(this.root, '.e2e', logName);
		await mkdir(dirname(log), { recursive: true });
		await writeFile(log, this.transcript);
		process.stderr.write(`[e2e] n8n's output: ${log}\n`);
		if (process.env.E2E_KEEP) {
			process.stderr.write(`[e2e] E2E_KEEP: n8n's user folder stays at ${this.userFolder}\n`);
			return;
		}
		await rm(this.userFolder, { recursive: true, force: true, maxRetries: 3 });
	}
}
