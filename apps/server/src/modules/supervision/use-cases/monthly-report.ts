import type { TMonthlyReport } from '@sagsgang/contracts';
import { AppError } from '../../../platform/errors.js';
import { hasRole, type Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { supervisionRepository as repo } from '../supervision.repository.js';
import { analyseSample } from './analyse-sample.js';
import { unitsBelow } from './access.js';
import { initiativeView } from './initiatives.js';

/**
 * The monthly report of a centre (or, on the authority's root unit, for management): for each programme of the
 * unit and the units below it, the samples drawn in the month with their error rate, and the initiatives.
 */
export async function monthlyReport(
  db: Executor,
  p: Principal,
  unitId: string,
  month: string,
): Promise<TMonthlyReport> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new AppError('validation', 'month: write it as YYYY-MM', [{ path: '/month', message: 'YYYY-MM' }]);
  if (p.kind !== 'staff' || !hasRole(p, ['quality', 'teamlead'], unitId))
    throw new AppError('forbidden', 'Only the quality unit and team leads of this unit may read its report.', {
      unitId,
    });
  const below = await unitsBelow(db, unitId);
  const programmes = await repo.programmesOfUnits(db, [...below.keys()]);
  const ids = programmes.map((x) => x.id);
  const [samples, initiatives] = await Promise.all([
    repo.samplesOf(db, ids),
    repo.initiatives(db, { programmeIds: ids }),
  ]);
  const inMonth = samples.filter((s) => new Date(s.drawn_at).toISOString().slice(0, 7) === month);
  const analyses = new Map<string, Awaited<ReturnType<typeof analyseSample>>>();
  for (const s of inMonth) analyses.set(s.id, await analyseSample(db, p, s.id));
  const monthEnd = `${month}-31`;
  return {
    unitId,
    unitName: below.get(unitId) ?? '',
    month,
    programmes: programmes.map((x) => ({
      programmeId: x.id,
      title: x.title,
      samples: inMonth
        .filter((s) => s.programme_id === x.id)
        .map((s) => ({
          sampleId: s.id,
          label: s.label,
          reviewed: Number(s.reviewed),
          size: s.size,
          anyError: analyses.get(s.id)?.anyError ?? null,
        })),
      initiatives: initiatives.filter((i) => i.programme_id === x.id).map((i) => initiativeView(i, monthEnd)),
    })),
  };
}
