import { NodeOperationError } from 'n8n-workflow';
import type { IRun, ITriggerFunctions, ITriggerResponse, JsonObject } from 'n8n-workflow';

import { markPolling, unmarkPolling } from '../../helpers/pollingRegistry';
import { withSecrets } from '../../transport/connection';
import type { Connection } from '../../transport/connection';
import { GreenApiError } from '../../transport/failures';
import { quoteUrl } from '../../transport/redactUrl';
import { pollMedia } from '../notification/mediaContext';
import { withMedia } from '../notification/media';
import type { MediaContext } from '../notification/media';
import { connectionOf, filterFromParameters } from '../parameters';
import { claimInstance } from './consumers';
import type { Consumer } from './consumers';
import { pollOptionsOf } from './options';
import { isAuthFailure, PollLoop } from './loop';
import { queueApi } from './queueApi';
import type { InstanceSettings, QueueApi } from './queueApi';
import { receiptBookFor } from './receipts';
import type { LoopHooks, RunOutcome } from './types';

function outcomeOf(run: IRun | undefined): RunOutcome {
	// undefined: n8n skipped the emit as a duplicate; nothing failed.
	const error = run?.data?.resultData?.error;
	if (run === undefined || (run.status !== 'error' && error === undefined)) return { ok: true };
	return { ok: false, reason: error?.message ?? `the execution ended with status ${run.status}` };
}

/** `media`: with Download Media, each emit waits for its file (or its downloadError), never throws for it. */
function hooksFor(context: ITriggerFunctions, media?: MediaContext): LoopHooks {
	return {
		run: async (item) => {
			const data = await withMedia(item, media);
			const done = context.helpers.createDeferredPromise<IRun>();
			try {
				context.emit([[data]], undefined, done);
				return outcomeOf(await done.promise);
			} catch (error) {
				// n8n rejects the done-promise only for a cancelled execution: one more attempt, like a failure.
				return { ok: false, reason: `the execution was cancelled or could not start (${(error as Error).message})` };
			}
		},
		start: async (item) => context.emit([[await withMedia(item, media)]]),
		poison: (item, attempts, reason) => {
			const which = `GREEN-API notification ${String(item.receiptId)} from ${item.chatId || 'no chat'}`;
			const error =
				attempts === 0
					? new NodeOperationError(context.getNode(), `${which} could not be run and was deleted from the queue`, {
							description: `${reason}. The queue moved on to the next one.`,
						})
					: new NodeOperationError(context.getNode(), `${which} failed ${attempts} times and was deleted from the queue`, {
							description: `Last error: ${reason}. The notification is under "raw" of this error's item; the queue moved on to the next one.`,
						});
			context.saveFailedExecution(Object.assign(error, { context: { receiptId: item.receiptId, chatId: item.chatId, raw: item.raw as JsonObject } }));
			context.logger.warn(error.message);
		},
		authFailure: (error) => context.emitError(new NodeOperationError(context.getNode(), error.message, { description: error.description })),
		crashed: (error) =>
			context.emitError(
				new NodeOperationError(context.getNode(), `GREEN-API Trigger stopped: ${error.message}`, {
					description: 'n8n starts this trigger again by itself, with a growing pause; the workflow stays published. If this repeats, report it with the notification at the head of the queue.',
				}),
			),
		warn: (message) => context.logger.warn(message),
	};
}

/**
 * The whole pre-flight check, retries and the rate limit's queue included: n8n activates
 * workflows one at a time, so a getSettings that never answers (48 s with the call's own
 * limits) would hold up every workflow activated after this one.
 */
const PREFLIGHT_MS = 5_000;

/** Enough to recognise the URL; a whole one may be thousands of characters. */
const URL_SHOWN = 120;

/** Before polling: a webhook URL on the instance means the queue stays empty. */
async function checkSettings(context: ITriggerFunctions, api: QueueApi, connection: Connection): Promise<void> {
	let settings: InstanceSettings;
	const deadline = AbortSignal.timeout(PREFLIGHT_MS);
	try {
		settings = await api.settings(deadline);
	} catch (error) {
		// Unreachable now is no reason to refuse: the loop waits it out. A wrong credential is.
		if (isAuthFailure(error)) throw new NodeOperationError(context.getNode(), error.message, { description: error.description });
		const unchecked = 'polling anyway, without knowing whether a webhook URL on the instance keeps its queue empty';
		if (deadline.aborted) context.logger.warn(`GREEN-API Trigger: getSettings did not answer within ${PREFLIGHT_MS / 1000} s; ${unchecked}`);
		else if (error instanceof GreenApiError) context.logger.warn(`GREEN-API Trigger: getSettings failed (${error.message}); ${unchecked}`);
		return;
	}
	if (settings.webhookUrl !== '') {
		// The URL is another service's, and may carry its token or the instance's webhookUrlToken.
		const shown = quoteUrl(settings.webhookUrl, withSecrets(connection, settings.webhookUrlToken).secrets, URL_SHOWN);
		throw new NodeOperationError(context.getNode(), `This GREEN-API instance sends its notifications to the webhook URL ${shown}, so its queue stays empty`, {
			description:
				'Clear webhookUrl in the GREEN-API console (instance settings) to poll the queue, or switch this trigger to Receive: Webhook and use that URL.',
		});
	}
}

export async function startPolling(context: ITriggerFunctions): Promise<ITriggerResponse> {
	const connection = await connectionOf(context);
	const api = queueApi(connection);
	const filter = filterFromParameters(context);
	const manual = context.getMode() === 'manual';
	// A test listener is a consumer of its own: while the published version polls, the two would race for each notification.
	const workflow = context.getWorkflow();
	const owner: Consumer = {
		// An id is what stays the same when the workflow is renamed and published again.
		workflowId: workflow.id ?? `unsaved ${workflow.name ?? ''}`,
		workflowName: workflow.name ?? workflow.id ?? 'without a name',
		node: context.getNode().name,
		manual,
	};
	const options = { ...pollOptionsOf(context, connection.secrets), filter };
	const media = pollMedia(context, connection);
	await checkSettings(context, api, connection);
	const claim = claimInstanceOrThrow(context, connection.instanceKey, connection.idInstance, owner);
	// Set Settings refuses a webhook URL for an instance polled here (helpers/pollingRegistry.ts).
	const poller = {};
	markPolling(connection.idInstance, poller);
	const marking: QueueApi = {
		...api,
		receive: async (receiveTimeout, signal) => {
			markPolling(connection.idInstance, poller);
			return await api.receive(receiveTimeout, signal);
		},
	};
	const loop = new PollLoop(marking, { ...options, once: manual, receipts: receiptBookFor(connection.instanceKey) }, hooksFor(context, media));
	// Returns at once: n8n awaits it when the workflow is unpublished or saved. The execution in
	// flight ends on its own and its notification is deleted then; a newer loop on this instance
	// waits for that instead of running it again (receipts.ts).
	const closeFunction = async () => {
		claim.release();
		loop.stop();
		unmarkPolling(connection.idInstance, poller);
	};
	if (manual) return { closeFunction, manualTriggerFunction: async () => void loop.start() };
	void loop.start();
	return { closeFunction };
}

function claimInstanceOrThrow(context: ITriggerFunctions, instanceKey: string, idInstance: string, owner: Consumer) {
	try {
		return claimInstance(instanceKey, idInstance, owner);
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message);
	}
}
