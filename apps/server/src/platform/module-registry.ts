import type { JobDefinition, ModuleDescriptor, ModuleRegistry } from './context.js';
import type { IndicatorDefinition } from './indicators.js';

/**
 * Gathers what the modules declare into one registry, in module order. A second module of the same name, or a job
 * kind, indicator id or file-referencing table declared twice, is a wiring mistake: it throws at start-up rather
 * than let one silently replace the other.
 */
export function buildModuleRegistry(modules: readonly ModuleDescriptor[]): ModuleRegistry {
  const names = new Set<string>();
  const jobs = new Map<string, JobDefinition>();
  const indicators = new Map<string, IndicatorDefinition>();
  const fileReferences = new Set<string>();
  for (const m of modules) {
    if (names.has(m.name)) throw new Error(`module ${m.name} is listed twice`);
    names.add(m.name);
    for (const [kind, definition] of Object.entries(m.jobs ?? {})) {
      if (jobs.has(kind)) throw new Error(`job kind ${kind} is declared twice (again by ${m.name})`);
      jobs.set(kind, definition);
    }
    for (const indicator of m.indicators ?? []) {
      if (indicators.has(indicator.id))
        throw new Error(`indicator ${indicator.id} is declared twice (again by ${m.name})`);
      indicators.set(indicator.id, indicator);
    }
    for (const table of m.fileReferences ?? []) {
      // The names go into SQL as identifiers: only plain table names.
      if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table} (in ${m.name})`);
      if (fileReferences.has(table))
        throw new Error(`file references of ${table} are declared twice (again by ${m.name})`);
      fileReferences.add(table);
    }
  }
  return { modules: [...modules], jobs, indicators, fileReferences: [...fileReferences].sort() };
}
