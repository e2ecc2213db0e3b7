import type { DemoSeedStep } from '../demo-seed.types.js';
import { generateDemoHistory } from './demo-history.js';

/**
 * The demo seed step for casework: the demo case types and two years of history (SAGSGANG_DEMO_CASES, default
 * 20,000 cases), assigned to the demo caseworkers; the demo citizens get a few recent cases of their own.
 */
export const seedCaseHistory: DemoSeedStep = {
  name: 'case types and two years of case history',
  async run(trx, state, ctx, log) {
    const applicants = ['borger', 'borger2']
      .filter((u) => state.users[u])
      .map((u, i) => ({ id: state.users[u], name: i === 0 ? 'Karen Jensen' : 'Ahmad Rahimi' }));
    const r = await generateDemoHistory(trx, { cases: ctx.config.demoCases, applicants });
    if (r.skipped) return;
    const rate = Math.round(r.cases / Math.max(r.millis / 1000, 0.001));
    log.info(
      `Demo seed: ${r.cases} cases with ${r.events} events (${r.openCases} open) in ${(r.millis / 1000).toFixed(1)} s, ${rate} cases/s`,
    );
  },
};
