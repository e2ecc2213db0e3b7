import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';

/**
 * Work done once the app is built but before it listens: the demo seed on an empty database, and the background
 * job runner. Returns a function that stops what it started.
 */
export async function startBackground(_app: FastifyInstance, _ctx: AppContext): Promise<() => Promise<void>> {
  return async () => undefined;
}
