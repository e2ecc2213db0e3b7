import type { JobDefinition, ModuleDescriptor, ModuleRegistry } from './context.js';
import type { IndicatorDefinition } from './indicators.js';

/**
 * Gathers what the modules declare into one registry, in module order. A second module of the same name, a job
 * kind or an indicator id declared twice is a wiring mistake: it throws at start-up rather than let one silently
 * replace the other.
 */
export function buildModuleRegistry(modules: readonly ModuleDescriptor[]): ModuleRegistry {
  const names = new Set<string>();
  const jobs = new Map<string, JobDefinition>();
  const indicators = new Map<string, IndicatorDefinition>();
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
  }
  return { modules: [...modules], jobs, indicators };
}
