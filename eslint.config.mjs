import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', '.e2e/**', '.bench/**', '*.js', '*.mjs'] },
	...configWithoutCloudSupport,
	{
		files: ['package.json'],
		rules: {
			// This package targets self-hosted n8n and ships undici on purpose: a shared
			// keep-alive pool, connect/header/body timeouts, retry with Retry-After and proxy
			// support from the environment, none of which n8n's httpRequest helper exposes.
			// n8n Cloud (which forbids runtime dependencies) is not a target.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
		},
	},
];
