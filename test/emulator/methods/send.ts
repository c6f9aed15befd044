// The shape every messaging method shares: validate, then answer and describe what was queued.
import { json } from '../types';
import type { Answer, LoggedFile } from '../types';
import { notServing } from './method';
import type { MethodHandler, MethodRequest } from './method';
import { Invalid, parseObject } from './validate';
import type { Fields } from './validate';

export interface Accepted {
	chatId: string;
	/** The id the log records (the new message's, or the edited one's). */
	idMessage?: string;
	/** The answer's JSON; '' for GREEN-API's empty 200. */
	reply: unknown;
	/** What the log records as fields; default the request's own. */
	fields?: Fields;
	file?: LoggedFile;
}

export interface SendSpec {
	name: string;
	/** Methods that act on WhatsApp at once (read, type, edit, delete) need a serving instance; sends queue regardless. */
	needsServing?: boolean;
	host?: 'media';
	check(fields: Fields, request: MethodRequest): Accepted;
	/** How the request's fields are read; default its JSON body. */
	fields?(request: MethodRequest): Fields;
}

export function messagingMethod(spec: SendSpec): MethodHandler {
	return {
		name: spec.name,
		verb: 'POST',
		host: spec.host,
		serve(request): Answer {
			const down = spec.needsServing ? notServing(request.state) : undefined;
			if (down) return down;
			try {
				const fields = spec.fields ? spec.fields(request) : parseObject(request.body);
				const accepted = spec.check(fields, request);
				const body = accepted.reply === '' ? '' : JSON.stringify(accepted.reply);
				const queued = { idMessage: accepted.idMessage, chatId: accepted.chatId, fields: accepted.fields ?? fields, file: accepted.file };
				if (queued.idMessage === undefined) delete queued.idMessage;
				if (queued.file === undefined) delete queued.file;
				return { ...json(200, body), queued };
			} catch (error) {
				if (error instanceof Invalid) return error.answer;
				throw error;
			}
		},
	};
}
