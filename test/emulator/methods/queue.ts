// The send queue's methods, all GETs: showMessagesQueue lists it, getMessagesCount counts it
// (beta), clearMessagesQueue empties it. What they see is the Outbox the sends fill.
import { json } from '../types';
import { notServing } from './method';
import type { MethodHandler, MethodRequest } from './method';

function outboxOf(request: MethodRequest): NonNullable<MethodRequest['outbox']> {
	if (!request.outbox) throw new Error('the queue methods need the pipeline\'s outbox');
	return request.outbox;
}

export const showMessagesQueue: MethodHandler = {
	name: 'showMessagesQueue',
	verb: 'GET',
	serve: (request) => notServing(request.state) ?? json(200, JSON.stringify(outboxOf(request).list())),
};

export const getMessagesCount: MethodHandler = {
	name: 'getMessagesCount',
	verb: 'GET',
	serve: (request) => notServing(request.state) ?? json(200, JSON.stringify({ count: outboxOf(request).count })),
};

export const clearMessagesQueue: MethodHandler = {
	name: 'clearMessagesQueue',
	verb: 'GET',
	serve(request) {
		const down = notServing(request.state);
		if (down) return down;
		outboxOf(request).clear();
		return json(200, JSON.stringify({ isCleared: true }));
	},
};
