// The published tarball holds the compiled package and nothing else: dist/ (with the
// credential, the node, their icons and the codex), README.md, LICENSE and package.json.
// No source maps: maps without the .ts sources made stack traces name files that do not
// exist on the user's machine; the compiled JavaScript is close to the source and readable.
const { execFileSync } = require('node:child_process');
const { readFileSync } = require('node:fs');
const assert = require('node:assert/strict');

const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { encoding: 'utf8' }));
const files = pack.files.map((file) => file.path).sort();

const allowed = /^(dist\/.+\.(js|svg|json)|README\.md|LICENSE|package\.json)$/;
assert.deepEqual(files.filter((file) => !allowed.test(file)), [], 'files outside dist/, README, LICENSE, package.json');
for (const required of [
	'README.md',
	'LICENSE',
	'package.json',
	'dist/credentials/GreenApi.credentials.js',
	'dist/nodes/GreenApi/GreenApi.node.js',
	'dist/nodes/GreenApi/GreenApi.node.json',
	'dist/nodes/GreenApi/GreenApiTrigger.node.js',
	'dist/nodes/GreenApi/GreenApiTrigger.node.json',
	'dist/icons/greenApi.svg',
	'dist/icons/greenApi.dark.svg',
]) {
	assert.ok(files.includes(required), `${required} is missing from the tarball`);
}
const mapped = files.filter((file) => file.endsWith('.js') && readFileSync(file, 'utf8').includes('sourceMappingURL'));
assert.deepEqual(mapped, [], 'compiled files pointing to source maps the tarball does not hold');
console.log(`npm pack: ${files.length} files, ${pack.size} bytes packed; only dist/, README.md, LICENSE, package.json; no source maps`);
