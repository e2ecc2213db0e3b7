import { lazyPage as page, type AppRoute } from '../../router/app-route.js';

const MANAGERS = ['teamlead', 'quality', 'analyst', 'admin'] as const;

export const GOAL_ROUTES: AppRoute[] = [
  { path: '/app/goals', component: page(() => import('./goals-page.js'), 'GoalsPage'), roles: [...MANAGERS] },
  { path: '/app/goals/drill', component: page(() => import('./drill-page.js'), 'DrillPage'), roles: [...MANAGERS] },
];
