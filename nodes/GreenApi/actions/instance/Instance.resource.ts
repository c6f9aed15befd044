import type { OperationTable } from '../node.type';
import type { Resource } from '../resources';
import * as getSettings from './getSettings.operation';
import * as getStateInstance from './getStateInstance.operation';
import * as getWaSettings from './getWaSettings.operation';
import * as logout from './logout.operation';
import * as qr from './qr.operation';
import * as reboot from './reboot.operation';
import * as setProfilePicture from './setProfilePicture.operation';
import * as setSettings from './setSettings.operation';

const operations: OperationTable<'instance'> = { getStateInstance, getSettings, getWaSettings, qr, reboot, logout, setSettings, setProfilePicture };

export const resource: Resource = { name: 'Instance', value: 'instance', operations };
