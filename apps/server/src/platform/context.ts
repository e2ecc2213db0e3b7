import type { Database } from './db/database.js';
import type { AppConfig } from './config.js';

/** What every capability receives from the platform when the app is built. */
export interface AppContext {
  config: AppConfig;
  database: Database;
}
