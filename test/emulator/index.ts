// Public surface of the GREEN-API emulator used by the unit tests, the benchmark and the offline demo.
export { EMULATOR_ID_INSTANCE, EMULATOR_TOKEN, SEED_CHAT_ID } from './types';
export type { EmulatorOptions, Fault, FaultKind, LoggedFile, LoggedMessage, RecordedStatus, RequestFilter, RequestRecord } from './types';
export { GreenApiEmulator } from './server';
export type { MessageFilter, MessageLog } from './message-log';
export type { CorrespondentsSpelling } from './quotas';
export { generateContact, productCount } from './contacts';
export { NotificationQueue } from './notifications';
export type { FollowOptions, SendStatuses } from './send-statuses';
export * as notificationBodies from './notification-bodies';
export type { QueueEntry } from './outbox';
