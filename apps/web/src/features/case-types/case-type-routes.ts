import { lazyPage as page, type AppRoute } from '../../router/app-route.js';

export const CASE_TYPE_ROUTES: AppRoute[] = [
  {
    path: '/app/admin/case-types',
    component: page(() => import('./case-types-page.js'), 'CaseTypesPage'),
    roles: ['admin'],
  },
];
