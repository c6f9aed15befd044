import type { OperationTable } from '../node.type';
import type { Resource } from '../resources';
import * as deleteStatus from './deleteStatus.operation';
import * as getIncomingStatuses from './getIncomingStatuses.operation';
import * as getOutgoingStatuses from './getOutgoingStatuses.operation';
import * as getStatusStatistic from './getStatusStatistic.operation';
import * as sendMediaStatus from './sendMediaStatus.operation';
import * as sendTextStatus from './sendTextStatus.operation';
import * as sendVoiceStatus from './sendVoiceStatus.operation';

const operations: OperationTable<'status'> = { sendTextStatus, sendVoiceStatus, sendMediaStatus, deleteStatus, getStatusStatistic, getIncomingStatuses, getOutgoingStatuses };

export const resource: Resource = { name: 'Status', value: 'status', operations };
