import { archiveOperation } from './archive';

export const { option, docs, properties, execute } = archiveOperation('unarchiveChat');
