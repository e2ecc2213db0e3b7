import type { DemoSeedStep } from '../demo-seed.types.js';
import { generateDemoSurveys } from './demo-surveys.js';

/** The demo seed step for surveys: the ready-made surveys published, and two years of invitations and answers. */
export const seedSurveys: DemoSeedStep = {
  name: 'satisfaction surveys and two years of answers',
  async run(trx, state, _ctx, log) {
    const r = await generateDemoSurveys(trx, state.units);
    log.info(
      `Demo seed: ${r.invitations} survey invitations with ${r.responses} answers in ${(r.millis / 1000).toFixed(1)} s`,
    );
  },
};
