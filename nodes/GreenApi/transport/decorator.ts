import { DecoratorHandler } from 'undici';
import type { Dispatcher } from 'undici';

type Headers = Record<string, string | string[] | undefined>;

/** The callbacks undici's DecoratorHandler forwards to the handler it wraps. */
interface Forwarding {
	onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void;
	onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: Headers, statusMessage?: string): void;
	onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void;
	onResponseEnd(controller: Dispatcher.DispatchController, trailers: Headers): void;
	onResponseError(controller: Dispatcher.DispatchController, error: Error): void;
}

/**
 * undici's DecoratorHandler, typed with the callbacks it forwards (its published typings
 * declare none), so a handler overrides only what it adds and calls `super` for the rest.
 */
export const Decorator = DecoratorHandler as unknown as new (handler: Dispatcher.DispatchHandler) => Forwarding;
