import { json } from '../types';
import { notServing } from './method';
import type { MethodHandler } from './method';

/** The seed contact, a few generated ones and two groups, unless a test sets its own list. */
export const DEFAULT_CONTACT_LIST = [
	{ id: '71234567890@c.us', name: 'Dealer', type: 'user' },
	{ id: '79001234569@c.us', name: 'Анна', type: 'user' },
	{ id: '120363043968066561@g.us', name: 'Sales team', type: 'group' },
	{ id: '79990000003@c.us', name: 'Café Lumière', type: 'user' },
	{ id: '11001234567-1581234048@g.us', name: 'Suppliers', type: 'group' },
];

export const getContacts: MethodHandler = {
	name: 'getContacts',
	verb: 'GET',
	serve: ({ state, contactList }) => notServing(state) ?? json(200, JSON.stringify(contactList ?? DEFAULT_CONTACT_LIST)),
};
