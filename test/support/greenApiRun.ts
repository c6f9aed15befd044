// Test support for jest: everything of greenApiStage (jest-free, shared with the offline demo),
// plus output capture, which needs jest's spies.
export * from './greenApiStage';

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
