import type { DemoSeedStep } from '../demo-seed.types.js';
import { seedDemoComplaints } from './demo-complaints.js';

/** Demo seed step: complaints and appeals over the case history, and the citizens' advisor's findings. */
export const seedComplaints: DemoSeedStep = {
  name: 'complaints, appeals and the citizens’ advisor’s findings',
  async run(trx, state, _ctx, log) {
    const started = performance.now();
    // The findings concern the centres that decide cases.
    const units = ['udl', 'cbi', 'cbm'].map((code) => state.units[code]).filter((id): id is string => !!id);
    const n = await seedDemoComplaints(trx, units, state.users.teamleder ?? null);
    log.info(
      `Demo: ${n} complaints with reconsiderations and appeals in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  },
};
