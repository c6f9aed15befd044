/**
 * Which proxy undici's EnvHttpProxyAgent sends a request through, as it reads the
 * environment: only to name the proxy when it is the proxy that failed. Messages use the
 * host alone: a proxy URL may carry a user name and password.
 */
export function proxyFor(origin: string, env: NodeJS.ProcessEnv = process.env): URL | undefined {
	const httpProxy = env.http_proxy ?? env.HTTP_PROXY;
	const raw = origin.startsWith('https:') ? env.https_proxy ?? env.HTTPS_PROXY ?? httpProxy : httpProxy;
	if (!raw) return undefined;
	try {
		return new URL(raw);
	} catch {
		return undefined;
	}
}

/** The proxy settings a dispatcher is built from: a new setting gets its own dispatcher. */
export function proxySetting(env: NodeJS.ProcessEnv = process.env): string {
	return [env.http_proxy, env.HTTP_PROXY, env.https_proxy, env.HTTPS_PROXY].map((value) => value ?? '').join('\n');
}

export function proxyPort(proxy: URL): number {
	return Number(proxy.port) || (proxy.protocol === 'https:' ? 443 : 80);
}
