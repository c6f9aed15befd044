import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import {
	BinaryDataConfig,
	BinaryDataService,
	Cipher,
	EncryptionKeyProxy,
	InstanceSettings,
	StorageConfig,
} from 'n8n-core';
import type { KeyInfo } from 'n8n-core';
import { Expression } from 'n8n-workflow';

import type * as ConfigModule from '@n8n/config';
import type * as DiModule from '@n8n/di';

/**
 * n8n-core looks its services up in the @n8n/di Container of ITS OWN copy of the
 * @n8n packages. npm may hoist a different version next to ours (here @n8n/node-cli
 * brings @n8n/backend-common 1.39.3 while n8n-core nests 1.39.2), and a class from
 * another copy is a different Container key. So these are resolved from n8n-core's
 * folder. Going through `require` (not createRequire) keeps jest's module registry,
 * which is where jest loaded n8n-core for the test file.
 */
const coreDir = path.dirname(require.resolve('n8n-core/package.json'));
function fromCore<T>(id: string): T {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	return require(require.resolve(id, { paths: [coreDir] })) as T;
}

export const { Container } = fromCore<typeof DiModule>('@n8n/di');
const { GlobalConfig, InstanceSettingsConfig, ExpressionEngineConfig } =
	fromCore<typeof ConfigModule>('@n8n/config');

/** A fixed key: credentials written by one engine can be read by any other in the process. */
const ENCRYPTION_KEY = 'n8n-nodes-green-api-test-engine-key';

/** One folder per process, never the user's ~/.n8n (N8N_USER_FOLDER is deliberately ignored). */
export const userFolder = path.join(tmpdir(), `n8n-test-engine-${process.pid}`);

function removeUserFolder() {
	rmSync(userFolder, { recursive: true, force: true });
}

let servicesReady: Promise<void> | undefined;

/**
 * Puts real n8n-core services in the Container, pointed at a throw-away folder.
 * Everything else n8n-core asks the Container for (Logger, ErrorReporter,
 * ExecutionContextService, ExecutionContextHookRegistry, OutboundHttp, SecurityConfig,
 * TriggersAndPollers, ...) is built on demand by @n8n/di from its real class.
 */
export async function prepareServices(): Promise<void> {
	servicesReady ??= (async () => {
		mkdirSync(userFolder, { recursive: true });
		// Plain node scripts. Under jest `process` is the sandbox's, whose 'exit' never
		// fires: tests call shutdown() in afterAll instead.
		if (!process.listeners('exit').some((l) => l.name === removeUserFolder.name)) {
			process.once('exit', removeUserFolder);
		}

		// Configs read the environment when first built; override what would escape the
		// temp folder or depend on the developer's shell.
		Object.assign(Container.get(InstanceSettingsConfig), {
			n8nFolder: path.join(userFolder, '.n8n'),
			userHome: userFolder,
			encryptionKey: ENCRYPTION_KEY,
		});
		const globalConfig = Container.get(GlobalConfig);
		// Node errors are also reported to the log by ErrorReporter: keep test output clean.
		if (!process.env.N8N_LOG_LEVEL) globalConfig.logging.level = 'silent';

		const instanceSettings = Container.get(InstanceSettings);
		useInMemoryEncryptionKeys(instanceSettings);

		const storagePath = path.join(instanceSettings.n8nFolder, 'storage');
		Container.get(StorageConfig).storagePath = storagePath;
		const binaryDataConfig = Container.get(BinaryDataConfig);
		binaryDataConfig.mode = 'filesystem';
		binaryDataConfig.localStoragePath = storagePath;
		await Container.get(BinaryDataService).init();

		const fromEnv = expressionEngineFromEnv();
		if (fromEnv) await useExpressionEngine(fromEnv);
	})();
	await servicesReady;
}

/**
 * In n8n the EncryptionKeyProxy gets a database-backed key provider from the CLI.
 * Stand-in: only the legacy key (the instance key wrapped with itself, the format
 * an instance without key rotation uses), so ciphertexts are the classic
 * un-prefixed AES-256-CBC ones of the credentials table.
 */
function useInMemoryEncryptionKeys(instanceSettings: InstanceSettings) {
	const cipher = Container.get(Cipher);
	const legacyKey: KeyInfo = {
		id: 'legacy',
		value: cipher.encryptDEKWithInstanceKey(instanceSettings.encryptionKey),
		algorithm: 'aes-256-cbc',
		format: 'no-prefix',
	};
	Container.get(EncryptionKeyProxy).setProvider({
		getActiveKey: async () => legacyKey,
		getKeyById: async (id) => (id === legacyKey.id ? legacyKey : null),
		getLegacyKey: async () => legacyKey,
	});
}

export type ExpressionEngineName = 'legacy' | 'vm' | 'quickjs';

/**
 * n8n-workflow evaluates with its in-process 'legacy' evaluator until
 * Expression.initExpressionEngine() is called; the n8n 2.x server calls it at
 * startup with N8N_EXPRESSION_ENGINE, default 'vm' (isolated-vm). The harness stays
 * on 'legacy' unless N8N_EXPRESSION_ENGINE is set or useExpressionEngine() is called:
 * under jest, initExpressionEngine's import() of @n8n/expression-runtime needs
 * NODE_OPTIONS=--experimental-vm-modules, and isolated-vm documents
 * `node --no-node-snapshot` as required on Node >= 20 (it ran without it here).
 */
function expressionEngineFromEnv(): ExpressionEngineName | undefined {
	const fromEnv = process.env.N8N_EXPRESSION_ENGINE;
	return fromEnv === 'legacy' || fromEnv === 'vm' || fromEnv === 'quickjs' ? fromEnv : undefined;
}

/** Switches the process-wide expression engine; only call it between runs. */
export async function useExpressionEngine(engine: ExpressionEngineName): Promise<void> {
	if (engine === 'legacy') {
		await Expression.disposeExpressionEngine();
		Expression.setExpressionEngine('legacy');
		return;
	}
	if (Expression.getActiveImplementation() === engine) return;
	await Expression.disposeExpressionEngine();
	const config = Container.get(ExpressionEngineConfig);
	try {
		await Expression.initExpressionEngine({
			engine,
			bridgeTimeout: config.bridgeTimeout,
			bridgeMemoryLimit: config.bridgeMemoryLimit,
			maxCodeCacheSize: config.maxCodeCacheSize,
			poolSize: config.poolSize,
			idleTimeoutMs: config.idleTimeout,
		});
	} catch (error) {
		// initExpressionEngine switches the engine before loading it: do not leave it half set.
		Expression.setExpressionEngine('legacy');
		// n8n-workflow loads @n8n/expression-runtime with import(), which jest only allows
		// with Node's --experimental-vm-modules.
		if ((error as NodeJS.ErrnoException).code === 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING_FLAG') {
			throw new Error(
				`The ${engine} expression engine cannot load under jest without NODE_OPTIONS=--experimental-vm-modules`,
				{ cause: error },
			);
		}
		throw error;
	}
}

export function activeExpressionEngine(): ExpressionEngineName {
	return Expression.getActiveImplementation();
}

/**
 * Releases expression isolates and removes the temp folder. Engines stay usable:
 * the next run prepares the folder again.
 */
export async function shutdownServices(): Promise<void> {
	await useExpressionEngine('legacy');
	removeUserFolder();
	servicesReady = undefined;
}
