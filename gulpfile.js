const { rmSync } = require('node:fs');
const { src, dest, task, parallel } = require('gulp');

// A file whose source was deleted must not linger in dist/ and ship in the tarball.
task('clean', async () => rmSync('dist', { recursive: true, force: true }));

// tsc compiles only TypeScript: the SVG icons and the node's codex JSON must sit beside
// the compiled files, at the same relative paths the `file:` icon references use.
function copyIcons() {
	return src('icons/*.svg').pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

task('build:icons', parallel(copyIcons, copyCodex));
