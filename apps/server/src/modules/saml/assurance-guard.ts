import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import type { AssuranceLevel } from '../../platform/config.js';
import { AppError } from '../../platform/errors.js';
import { meetsAssurance } from './oiosaml-attributes.js';
import { samlRepository as repo } from './saml.repository.js';

/**
 * For a page or case type that needs a person signed in at `minimum` NSIS assurance (e.g. "substantial"): the
 * session's level as NemLog-in stated it, or `forbidden`. A session not signed in through SAML has no NSIS level.
 */
export async function requireAssurance(
  ctx: AppContext,
  request: FastifyRequest,
  minimum: AssuranceLevel,
): Promise<AssuranceLevel> {
  const session = request.authSession;
  const saml = session ? await repo.sessionOf(ctx.database.db, session.tokenHash) : undefined;
  const level = saml?.assurance_level;
  if (!level || !meetsAssurance(level, minimum))
    throw new AppError('forbidden', `This page needs sign-in with MitID at assurance level "${minimum}" or higher.`, {
      required: minimum,
      actual: level ?? null,
    });
  return level;
}
