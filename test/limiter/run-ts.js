// Runs a TypeScript file in a plain Node process (no build step), for the limiter's
// multi-process tests: node test/limiter/run-ts.js <file.ts>. Types are stripped only.
const { readFileSync } = require('node:fs');
const ts = require('typescript');

require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
		fileName: filename,
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2023, esModuleInterop: true, sourceMap: false },
	});
	module._compile(outputText, filename);
};
require(require('node:path').resolve(process.argv[2]));
