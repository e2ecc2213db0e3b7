import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { requireStaff } from '../../platform/auth/guards.js';
import { unitsWithRole } from '../../platform/auth/principal.js';
import { getScreeningEvents } from '../cases/index.js';
import { screeningFigures } from './screening-figures.js';

const READERS = ['caseworker', 'teamlead', 'quality', 'analyst', 'admin'] as const;
const ZDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const ZQuery = z.object({ from: ZDate, to: ZDate, caseTypeId: z.uuid().optional(), unitId: z.uuid().optional() });
const ZFigure = z.object({
  caseTypeId: z.uuid(),
  caseTypeCode: z.string(),
  month: z.string(),
  received: z.number().int(),
  screenedAutomatically: z.number().int(),
  automaticFullyInformed: z.number().int(),
  verdicts: z.number().int(),
  confirmed: z.number().int(),
  overridden: z.number().int(),
  screened: z.number().int(),
  fullyInformedOnReceipt: z.number().int(),
  share: z.number().nullable(),
});

/** The screening figures: fully informed on receipt per case type and month, from the screening events. */
export function applicationsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/applications/screening-figures',
      {
        schema: {
          tags: ['applications'],
          summary:
            'Fully informed on receipt, per case type and month (automatic screening, confirmed or overridden by the caseworker)',
          querystring: ZQuery,
          response: { 200: z.array(ZFigure) },
        },
      },
      async (request) => {
        const principal = requireStaff(request, READERS);
        const q = request.query;
        const scope = unitsWithRole(principal, READERS);
        if (q.unitId && !scope.includes(q.unitId))
          throw new AppError('forbidden', 'You do not have access to this unit.', { unitId: q.unitId });
        if (q.from >= q.to)
          throw new AppError('validation', 'from: must be before to', [{ path: 'from', message: 'not before to' }]);
        const rows = await getScreeningEvents(ctx.database.db, {
          unitIds: q.unitId ? [q.unitId] : scope,
          from: q.from,
          to: q.to,
          caseTypeId: q.caseTypeId,
        });
        return screeningFigures(rows);
      },
    );
  };
}
