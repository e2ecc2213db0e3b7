import { lazy } from 'react';
import type { AppRoute } from '../../routes.js';

const page = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) =>
  lazy(() => load().then((m) => ({ default: m[name] })));
const ROLES: AppRoute['roles'] = ['analyst', 'teamlead', 'quality', 'admin'];
const Navigator = page(() => import('./navigator-page.js'), 'NavigatorPage');

export const NAVIGATOR_ROUTES: AppRoute[] = [
  { path: '/app/navigator', component: Navigator, roles: ROLES },
  { path: '/app/navigator/import', component: Navigator, roles: ROLES },
  {
    path: '/app/navigator/analyses/:id',
    component: page(() => import('./analysis-page.js'), 'AnalysisPage'),
    roles: ROLES,
  },
  {
    path: '/app/navigator/analyses/:id/cases',
    component: page(() => import('./analysis-cases-page.js'), 'AnalysisCasesPage'),
    roles: ROLES,
  },
];
