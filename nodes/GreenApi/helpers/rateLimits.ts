/**
 * GREEN-API's own limits per instance and method, requests per second: the default of
 * each operation's "Requests per Second" option. Above them GREEN-API answers 429.
 */
export const GREEN_API_RATE_LIMITS = {
	getContactInfo: 1,
	checkWhatsapp: 10,
	getAvatar: 10,
	getContacts: 1,
	getGroupData: 1,
} as const satisfies Record<string, number>;

export type LimitedMethod = keyof typeof GREEN_API_RATE_LIMITS;
