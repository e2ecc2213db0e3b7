import { lazy, type ComponentType } from 'react';
import type { TStaffRole } from '@sagsgang/contracts';

/** One page of the back office. Feature folders declare theirs; `routes.tsx` lists them all. */
export interface AppRoute {
  /** Absolute path with `:name` segments, e.g. `/app/cases/:id`. */
  path: string;
  component: ComponentType;
  /** Staff roles that may open the page; omitted means every staff member. The server checks again. */
  roles?: TStaffRole[];
}

/** A page that loads on demand: its module (and what only it uses) stays out of the first page's bundle. */
export const lazyPage = <K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
