import { json } from '../types';
import type { MethodHandler } from './method';

export const getStateInstance: MethodHandler = {
	name: 'getStateInstance',
	verb: 'GET',
	serve: ({ state }) => json(200, JSON.stringify({ stateInstance: state })),
};
