import { NodeHelpers } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';

import { GreenApi } from '../../nodes/GreenApi/GreenApi.node';
import { readTuning, tuningOptions, tuningParameter, tuningParameters } from '../../nodes/GreenApi/helpers/options';
import { DEFAULT_TIMEOUT_MS, GREEN_API_RATE_LIMITS } from '../../nodes/GreenApi/helpers/rateLimits';
import type { LimitedMethod } from '../../nodes/GreenApi/helpers/rateLimits';

describe('readTuning', () => {
	it.each(Object.entries(GREEN_API_RATE_LIMITS))('defaults %s to GREEN-API\'s own limit of %d per second', (method, limit) => {
		expect(readTuning({}, method as LimitedMethod)).toEqual({ requestsPerSecond: limit, maxConcurrency: 10, retries: 3, timeoutMs: DEFAULT_TIMEOUT_MS[method as LimitedMethod] ?? 30000 });
		expect(tuningOptions(method as LimitedMethod)[0]).toMatchObject({ name: `${method}RequestsPerSecond`, default: limit });
	});

	it('lets the option override the method\'s limit, numbers given as text included', () => {
		expect(readTuning(tuningParameters('checkWhatsapp', { requestsPerSecond: '3', maxConcurrency: 4, retries: 0, timeout: 5000 }), 'checkWhatsapp')).toEqual({
			requestsPerSecond: 3,
			maxConcurrency: 4,
			retries: 0,
			timeoutMs: 5000,
		});
		expect(readTuning({ getContactInfoRequestsPerSecond: 0.5 }, 'getContactInfo')).toMatchObject({ requestsPerSecond: 0.5 });
	});

	it('reads only its own operation\'s knobs: another operation\'s value is no setting of this one', () => {
		expect(readTuning({ getContactInfoRequestsPerSecond: 1, requestsPerSecond: 1 }, 'checkWhatsapp')).toMatchObject({ requestsPerSecond: 10 });
	});

	it.each([
		[{ requestsPerSecond: -1 }, /Requests per Second.*from 0 to 1000/],
		[{ requestsPerSecond: 2.5 }, /Requests per Second.*whole number, or a fraction below 1/],
		[{ maxConcurrency: 0 }, /Max Concurrent Requests.*whole number from 1 to 100/],
		[{ retries: 1.5 }, /Retries.*whole number/],
		[{ timeout: 'soon' }, /Timeout.*"soon"/],
	])('refuses %j naming the option and its bounds', (knobs, pattern) => {
		const result = readTuning(tuningParameters('getContactInfo', knobs), 'getContactInfo');
		expect(result).toHaveProperty('invalid');
		expect((result as { invalid: string }).invalid).toMatch(pattern);
	});

	it('never repeats a token given as an option value', () => {
		const result = readTuning({ [tuningParameter('getAvatar', 'timeout')]: 'my-secret-token-value' }, 'getAvatar', ['my-secret-token-value']);
		expect(JSON.stringify(result)).not.toContain('my-secret-token-value');
	});
});

describe('switching the operation in the editor', () => {
	const { description } = new GreenApi();
	// What the editor keeps of the parameters after a change: n8n's own NodeHelpers.getNodeParameters.
	const kept = (parameters: INodeParameters) => NodeHelpers.getNodeParameters(description.properties, parameters, false, false, null, description) as INodeParameters;

	it('shows the new operation\'s defaults: a rate set under Get Contact Info does not follow to Check WhatsApp', () => {
		const options = { ...tuningParameters('getContactInfo', { requestsPerSecond: 1, retries: 5 }), includeProducts: false };
		expect(kept({ resource: 'contact', operation: 'getContactInfo', chatId: 'x', options }).options).toEqual(options);
		expect(kept({ resource: 'contact', operation: 'checkWhatsapp', chatId: 'x', options }).options ?? {}).toEqual({});
	});
});
