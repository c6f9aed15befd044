// Test support for jest: everything of greenApiStage (jest-free, shared with the offline demo),
// plus output capture, which needs jest's spies.
import { shutdown } from '../engine';
import type { EmulatorOptions } from '../emulator';
import { startStage } from './greenApiStage';
import type { GreenApiStage } from './greenApiStage';

export * from './greenApiStage';

/**
 * One emulator and engine for a test file: started before its tests, reset after each
 * test, closed (engine services included) after the file. `use` receives the stage.
 */
export function useStage(options: EmulatorOptions, use: (stage: GreenApiStage) => void): void {
	let stage: GreenApiStage | undefined;
	beforeAll(async () => {
		stage = await startStage(options);
		use(stage);
	});
	afterEach(() => stage?.emulator.reset());
	afterAll(async () => {
		await stage?.close();
		await shutdown();
	});
}

/** Collects what is written to stdout and stderr while `action` runs. */
export async function captureOutput<T>(action: () => Promise<T>): Promise<{ result: T; output: string }> {
	const chunks: string[] = [];
	const spies = [process.stdout, process.stderr].map((stream) =>
		jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown) => {
			chunks.push(String(chunk));
			return true;
		}) as typeof stream.write),
	);
	try {
		return { result: await action(), output: chunks.join('') };
	} finally {
		for (const spy of spies) spy.mockRestore();
	}
}
