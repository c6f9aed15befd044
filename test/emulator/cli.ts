// Runs the emulator as a process for the offline demo and the benchmark:
//   node .build/test/emulator/cli.js [--port N] [--media-port N] [--rate method=R]... [--latency ms] [--state S] [--print-token]
// Prints one JSON line ({"url","mediaUrl","idInstance"}, plus "token" only with --print-token) and serves
// until SIGINT/SIGTERM. Imports stay relative/built-in so the compiled file runs without jest.
import { GreenApiEmulator } from './server';

export interface CliOptions {
	port: number;
	/** The media host's port (sendFileByUpload); a free one when absent. */
	mediaPort?: number;
	rateLimits: Record<string, number>;
	latencyMs: number;
	stateInstance?: string;
	printToken: boolean;
}

export const USAGE =
	'usage: cli.js [--port N] [--media-port N] [--rate method=R]... [--latency ms] [--state S] [--print-token]';

function number(flag: string, value: string | undefined): number {
	const n = Number(value);
	if (value === undefined || value.trim() === '' || !(n >= 0)) throw new Error(`${flag} needs a number >= 0, got ${value}`);
	return n;
}

export function parseCliArgs(argv: readonly string[]): CliOptions {
	const options: CliOptions = { port: 0, rateLimits: {}, latencyMs: 0, printToken: false };
	for (let i = 0; i < argv.length; i++) {
		// Accept both "--flag value" and "--flag=value".
		const eq = argv[i].indexOf('=');
		const isInline = argv[i].startsWith('--') && eq > 0;
		const flag = isInline ? argv[i].slice(0, eq) : argv[i];
		const value = (): string | undefined => (isInline ? argv[i].slice(eq + 1) : argv[++i]);
		switch (flag) {
			case '--port':
			case '--media-port': {
				const port = number(flag, value());
				if (!Number.isInteger(port) || port > 65535) throw new Error(`${flag} must be 0..65535, got ${port}`);
				if (flag === '--port') options.port = port;
				else options.mediaPort = port;
				break;
			}
			case '--rate': {
				const spec = value() ?? '';
				const split = spec.lastIndexOf('=');
				if (split <= 0) throw new Error(`--rate needs method=R, got ${spec}`);
				options.rateLimits[spec.slice(0, split)] = number('--rate', spec.slice(split + 1));
				break;
			}
			case '--latency':
				options.latencyMs = number(flag, value());
				break;
			case '--state': {
				const state = value();
				if (!state) throw new Error('--state needs a value');
				options.stateInstance = state;
				break;
			}
			case '--print-token':
				if (isInline) throw new Error('--print-token takes no value');
				options.printToken = true;
				break;
			default:
				throw new Error(`unknown argument ${argv[i]}`);
		}
	}
	return options;
}

/** Starts the emulator and writes the announcement line; the caller owns shutdown. */
export async function runCli(argv: readonly string[], write: (line: string) => void): Promise<GreenApiEmulator> {
	const options = parseCliArgs(argv);
	const emulator = await GreenApiEmulator.start({
		port: options.port,
		mediaPort: options.mediaPort,
		rateLimits: options.rateLimits,
		latencyMs: options.latencyMs,
		stateInstance: options.stateInstance,
	});
	const line: Record<string, string> = { url: emulator.url, mediaUrl: emulator.mediaUrl, idInstance: emulator.idInstance };
	// The token stays off stdout by default: logs of demo runs should not teach anyone to print tokens.
	if (options.printToken) line.token = emulator.token;
	write(`${JSON.stringify(line)}\n`);
	return emulator;
}

async function main(): Promise<void> {
	let emulator: GreenApiEmulator;
	try {
		emulator = await runCli(process.argv.slice(2), (line) => process.stdout.write(line));
	} catch (error) {
		process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
		process.exit(2);
	}
	const stop = (): void => {
		void emulator.close().then(() => process.exit(0));
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

if (require.main === module) void main();
