// The end-to-end run in a real n8n; started by test/e2e/run.sh (npm run test:e2e), which
// installs n8n, builds and packs the package and passes the tarball in E2E_TARBALL.
/** @type {import('jest').Config} */
module.exports = {
	rootDir: '../..',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.e2e.test.ts'],
	// n8n's own install (100k+ files) is nothing jest should crawl.
	modulePathIgnorePatterns: ['<rootDir>/test/e2e/n8n/'],
	testPathIgnorePatterns: ['/node_modules/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }] },
	// One n8n at a time; the tests of the file share it and run in order.
	maxWorkers: 1,
	testTimeout: 180_000,
};
