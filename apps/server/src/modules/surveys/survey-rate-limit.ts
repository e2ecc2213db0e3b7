import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { reserveSignInAttempt } from '../../platform/auth/sign-in-throttle.js';
import { hashSurveyToken } from './survey-invitations.service.js';

export const SURVEY_ANSWER_ATTEMPTS = 'survey-answer';

/** Posts per link and per client address in the window: a person answers once, an office may share an address. */
export const SURVEY_ANSWER_POLICY = { accountMax: 10, addressMax: 60, windowMinutes: 15 };

/**
 * The answer and decline endpoints need no sign-in, so they are counted like sign-in attempts (in the database,
 * shared by every node): per client address and per link (its hash; or the invitation). Past the limit: 429.
 */
export function surveyAnswerLimit(ctx: AppContext) {
  return async (request: FastifyRequest): Promise<void> => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const credential =
      typeof body.token === 'string'
        ? hashSurveyToken(body.token.slice(0, 200))
        : typeof body.invitation === 'string'
          ? body.invitation.slice(0, 100)
          : 'none';
    const verdict = await reserveSignInAttempt(
      ctx.database.db,
      { namespace: SURVEY_ANSWER_ATTEMPTS, address: request.ip, username: credential },
      SURVEY_ANSWER_POLICY,
      async () => undefined,
    );
    if (!verdict.allowed)
      throw new AppError('rate_limited', 'Too many answers sent. Wait a while and try again.', {
        retryAfterSeconds: verdict.retryAfterSeconds,
      });
  };
}
