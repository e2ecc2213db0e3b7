import { lazyPage as page, type AppRoute } from '../../router/app-route.js';

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
