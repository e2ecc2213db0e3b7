import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZAddClosureDay, ZCalendarYear, ZClosureChangeResult } from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import type { AppContext } from '../../platform/context.js';
import { requireStaff } from '../../platform/auth/guards.js';
import { STAFF_ROLES, type Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import type { Executor } from '../../platform/db/transaction.js';
import { adminReach } from '../org/index.js';
import { addClosureDay, calendarYear, removeClosureDay } from './closure-days.service.js';

/** Closure days stop the clocks of every unit: only an administrator of the whole authority sets them. */
async function isAuthorityAdmin(db: Executor, principal: Principal): Promise<boolean> {
  return (await adminReach(db, principal)).authorityWide;
}

async function requireAuthorityAdmin(db: Executor, request: FastifyRequest): Promise<Principal> {
  const principal = requireStaff(request, ['admin']);
  if (!(await isAuthorityAdmin(db, principal))) {
    throw new AppError('forbidden', 'Only an administrator of the whole authority can change its calendar.');
  }
  return principal;
}

export function calendarRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get(
      '/api/calendar/:year',
      {
        schema: {
          tags: ['calendar'],
          summary: 'The working-day calendar of a year: public holidays and closure days',
          params: z.object({ year: z.coerce.number().int() }),
          response: { 200: ZCalendarYear },
        },
      },
      async (request) => {
        const principal = requireStaff(request, STAFF_ROLES);
        return { ...(await calendarYear(db, request.params.year)), canChange: await isAuthorityAdmin(db, principal) };
      },
    );

    app.post(
      '/api/calendar/closures',
      {
        schema: {
          tags: ['calendar'],
          summary: 'Close the authority on a day (admin); the clocks it touches are recomputed',
          body: ZAddClosureDay,
          response: { 201: ZClosureChangeResult },
        },
      },
      async (request, reply) => {
        const principal = await requireAuthorityAdmin(db, request);
        const r = await addClosureDay(db, {
          ...request.body,
          actorId: principal.userId,
          today: localDateOf(new Date()),
          requestId: request.id,
        });
        return reply.status(201).send(r);
      },
    );

    app.delete(
      '/api/calendar/closures/:day',
      {
        schema: {
          tags: ['calendar'],
          summary: 'Open the authority again on a closure day (admin)',
          params: z.object({ day: z.string() }),
          response: { 200: ZClosureChangeResult },
        },
      },
      async (request) => {
        const principal = await requireAuthorityAdmin(db, request);
        return removeClosureDay(db, {
          day: request.params.day,
          actorId: principal.userId,
          today: localDateOf(new Date()),
          requestId: request.id,
        });
      },
    );
  };
}
