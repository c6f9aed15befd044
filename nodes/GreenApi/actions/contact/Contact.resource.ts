import type { OperationTable } from '../node.type';
import type { Resource } from '../resources';
import * as checkWhatsapp from './checkWhatsapp.operation';
import * as getAvatar from './getAvatar.operation';
import * as getContactInfo from './getContactInfo.operation';
import * as getContacts from './getContacts.operation';

const operations: OperationTable<'contact'> = { getContactInfo, checkWhatsapp, getAvatar, getContacts };

export const resource: Resource = { name: 'Contact', value: 'contact', operations };
