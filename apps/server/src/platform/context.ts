import type { FastifyPluginAsync } from 'fastify';
import type { Database } from './db/database.js';
import type { AppConfig } from './config.js';
import type { ClaimedJob } from './jobs/job-queue.js';
import type { IndicatorDefinition } from './indicators.js';
import type { Lifecycle } from './lifecycle.js';
import type { FileStorage } from './files/file-storage.js';

// The types below refer to each other (a module's job handler receives the context that holds the list of
// modules), so they live in one file: split, the files would import each other.

/** What every capability receives from the platform when the app is built. */
export interface AppContext {
  config: AppConfig;
  database: Database;
  /** What the modules plug in, collected once by the composition root for this app (never a global). */
  registry: ModuleRegistry;
  /** Whether the node is shutting down (readiness fails first). */
  lifecycle: Lifecycle;
  /** Where uploaded documents are kept (a local folder or an S3-compatible bucket). */
  files: FileStorage;
}

/**
 * What one capability plugs into the app. Each module's `index.ts` exports one; the composition root
 * (`src/composition.ts`) lists them in order and start-up registers what they declare. Slots whose types belong to
 * a module are added to this interface by that module (`caseEventListeners` by cases, `demoSeedSteps` by demo),
 * the way modules add their tables to `DB`.
 */
export interface ModuleDescriptor {
  /** Unique, kebab-case: the module's folder name. */
  name: string;
  /** The module's HTTP routes and pages, registered in the order of the module list. */
  routes?: (ctx: AppContext) => FastifyPluginAsync;
  /** Background job handlers by job kind; a kind belongs to one module. */
  jobs?: Readonly<Record<string, JobDefinition>>;
  /** The figures this module offers to goals and reports. */
  indicators?: readonly IndicatorDefinition[];
  /** Its routes are served also by worker-only nodes (SAGSGANG_ROLE=worker): what operators ask of every node. */
  operational?: boolean;
  /** Tables of this module whose `sha256` column names a stored file (the file sweep keeps those files). */
  fileReferences?: readonly string[];
  /**
   * Run once at start-up on a node that serves people, before it listens: fills what the module keeps in memory
   * (e.g. the forecast's curves), so the first person to ask does not wait for it.
   */
  warmUp?: (ctx: AppContext) => Promise<void>;
}

/** The modules of one app and what they declare, gathered and checked once. */
export interface ModuleRegistry {
  readonly modules: readonly ModuleDescriptor[];
  /** Job handlers by kind: the job runner claims only these kinds. */
  readonly jobs: ReadonlyMap<string, JobDefinition>;
  /** Every indicator by id, in module order. */
  readonly indicators: ReadonlyMap<string, IndicatorDefinition>;
  /** Every table that names stored files, sorted. */
  readonly fileReferences: readonly string[];
}

export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** A logger whose every line carries these fields (pino's child loggers): the runner adds the job's id. */
  child?(bindings: object): JobLogger;
}

export interface JobContext {
  ctx: AppContext;
  log: JobLogger;
  /**
   * Aborted when the runner stops (the job is given back and retried) or the job's lease is lost (the reason is a
   * `LeaseLostError`: another node may run it now). Long jobs check it between batches and stop.
   */
  signal: AbortSignal;
  reportProgress(progress: unknown): Promise<void>;
}

/** Does the work of one job and returns its result (stored as JSON). Throwing retries it with backoff. */
export type JobHandler = (job: ClaimedJob, context: JobContext) => Promise<unknown>;

export interface JobDefinition {
  handler: JobHandler;
  /** Seconds before retry `attempt` + 1; default 10 s doubling to at most an hour. */
  backoffSeconds?: (attempt: number) => number;
}
