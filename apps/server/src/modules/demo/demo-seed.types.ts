import type { Transaction } from 'kysely';
import type { AppContext } from '../../platform/context.js';
import type { DB } from '../../platform/db/schema.js';

/** What earlier seed steps made, for later steps to build on. */
export interface DemoSeedState {
  /** Unit ids by unit code (e.g. `udl-familie`). */
  units: Record<string, string>;
  /** User ids by demo user name (e.g. `sagsbehandler`, `borger`). */
  users: Record<string, string>;
}

export interface DemoSeedLog {
  info(msg: string): void;
}

/** One step of the demo seed. Steps run in order, in one transaction: a crash leaves an empty database. */
export interface DemoSeedStep {
  name: string;
  run(trx: Transaction<DB>, state: DemoSeedState, ctx: AppContext, log: DemoSeedLog): Promise<void>;
}

declare module '../../platform/context.js' {
  interface ModuleDescriptor {
    /** Steps of the demo seed, run in module order on an empty database (see modules/demo). */
    demoSeedSteps?: readonly DemoSeedStep[];
  }
}
