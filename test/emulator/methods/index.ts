// The methods the emulator serves: one row each, keyed by the path segment in lower case.
import { checkWhatsapp } from './checkWhatsapp';
import { getAvatar } from './getAvatar';
import { getContactInfo } from './getContactInfo';
import { getContacts } from './getContacts';
import { getGroupData } from './getGroupData';
import { getStateInstance } from './getStateInstance';
import type { MethodHandler } from './method';

export type { MethodHandler, MethodRequest } from './method';

export const METHODS: Readonly<Record<string, MethodHandler>> = Object.fromEntries(
	[getContactInfo, getStateInstance, checkWhatsapp, getAvatar, getContacts, getGroupData].map((handler) => [handler.name.toLowerCase(), handler]),
);
