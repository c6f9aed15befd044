import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, ITriggerFunctions } from 'n8n-workflow';

import { toConnection } from '../../transport/connection';
import type { Connection } from '../../transport/connection';
import { withMedia } from './media';
import type { MediaContext } from './media';
import { mediaSettingsOf } from './mediaOptions';

/**
 * Poll mode: Download Media for the trigger's own emits. A wrong option is refused at publish,
 * before anything is polled, as the poll fields are: no notification is then taken off the queue.
 */
export function pollMedia(context: ITriggerFunctions, connection: Connection): MediaContext | undefined {
	const settings = mediaSettingsOf((name, fallback) => context.getNodeParameter(name, fallback), connection.secrets);
	if (settings === undefined) return undefined;
	if ('invalid' in settings) {
		throw new NodeOperationError(context.getNode(), settings.invalid, { description: 'If it is an expression, make it give such a number, or type the number in instead.' });
	}
	return { settings, connection: async () => connection, prepare: async (data, name, type) => await context.helpers.prepareBinaryData(data, name, type), secrets: connection.secrets };
}

/**
 * Webhook mode: the files are fetched in the run the webhook started (the node's pass-on
 * operation), not in webhook() itself: GREEN-API gets its 200 at once instead of after a
 * 100 MB download (a slow answer makes it deliver the notification again), and in queue
 * mode the worker running the execution stores the file. A wrong option cannot be refused
 * there any more: the items run with downloadError saying which option to fix.
 */
export async function webhookRunItems(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const settings = mediaSettingsOf((name, fallback) => context.getNodeParameter(name, 0, fallback), []);
	if (settings === undefined) return items;
	const connection = (async (): Promise<Connection> => {
		const result = toConnection(await context.getCredentials('greenApi'));
		if (!result.ok) throw new Error(`GREEN-API credential: ${result.reason}`);
		return result.connection;
	})();
	// The token is known only from the credential: read first, so that every message can be redacted.
	const secrets = await connection.then(
		(known) => known.secrets,
		() => [],
	);
	const media: MediaContext = {
		settings,
		connection: async () => await connection,
		prepare: async (data, name, type) => await context.helpers.prepareBinaryData(data, name, type),
		secrets,
		signal: context.getExecutionCancelSignal(),
	};
	const out: INodeExecutionData[] = [];
	// One after another: a burst of files must not open a download per item at once.
	for (const [index, item] of items.entries()) {
		const prepared = await withMedia(item.json, media);
		const binary = prepared.binary ? { ...item.binary, ...prepared.binary } : item.binary;
		out.push({ ...item, json: prepared.json, ...(binary ? { binary } : {}), pairedItem: item.pairedItem ?? { item: index } });
	}
	return out;
}
