import { importGoals } from '../../goals/index.js';
import type { DemoSeedStep } from '../demo-seed.types.js';

const quarterOf = (d: Date) => `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`;

/**
 * Demo seed step: the political goals of the demo authority (fewer cases past the service goal, shorter processing
 * times, cases decided within the goal) for this quarter and the last, figures kept by hand, and an approved result
 * contract for the immigration centre, so the dashboard and the committee report have content.
 */
export const seedGoals: DemoSeedStep = {
  name: 'goals and result contracts',
  async run(trx, state, ctx, log) {
    const started = performance.now();
    const now = new Date();
    const last = quarterOf(new Date(now.getFullYear(), now.getMonth() - 3, 1));
    const periods = [last, quarterOf(now)];
    const centres = ['udl', 'cbi', 'cbm'].filter((code) => state.units[code]);
    const goals = periods.flatMap((period) => [
      { unitId: state.units.kommune, indicatorId: 'cases.slipping-now', area: 'service' as const, period, target: 0 },
      ...centres.flatMap((code) => [
        {
          unitId: state.units[code],
          indicatorId: 'cases.decided-within-goal',
          area: 'service' as const,
          period,
          target: 0.9,
          baseline: 0.8,
        },
        {
          unitId: state.units[code],
          indicatorId: 'cases.processing-days-median',
          area: 'service' as const,
          period,
          target: 40,
        },
      ]),
      { unitId: state.units.udl, indicatorId: 'goals.staff-turnover', area: 'staff' as const, period, target: 0.1 },
      { unitId: state.units.cbi, indicatorId: 'goals.budget-variance', area: 'economy' as const, period, target: 0.02 },
    ]);
    const n = await importGoals(trx, ctx.registry, {
      by: state.users.admin,
      goals,
      handEntered: [
        { unitId: state.units.udl, indicatorId: 'goals.staff-turnover', period: last, value: 0.12 },
        { unitId: state.units.cbi, indicatorId: 'goals.budget-variance', period: last, value: 0.015 },
      ],
      contracts: [{ unitId: state.units.udl, year: now.getFullYear() }],
    });
    log.info(`Demo: ${n} goals and an approved result contract in ${Math.round(performance.now() - started)} ms`);
  },
};
