import { lazyPage as page, type AppRoute } from '../../router/app-route.js';

// Each page loads on demand; the figures page brings the chart library only when it is opened.

export const CASE_ROUTES: AppRoute[] = [
  {
    path: '/app/cases/queue',
    component: page(() => import('./work-queue-page.js'), 'WorkQueuePage'),
    roles: ['caseworker', 'teamlead'],
  },
  {
    path: '/app/cases/figures',
    component: page(() => import('./figures-page.js'), 'FiguresPage'),
    roles: ['caseworker', 'teamlead', 'quality', 'analyst', 'admin'],
  },
  {
    path: '/app/cases/forecast-calibration',
    component: page(() => import('./calibration-page.js'), 'CalibrationPage'),
    roles: ['caseworker', 'teamlead', 'quality', 'analyst', 'admin'],
  },
  { path: '/app/cases/:id', component: page(() => import('./case-page.js'), 'CasePage') },
  {
    path: '/app/team/at-risk',
    component: page(() => import('./team-risk-page.js'), 'TeamRiskPage'),
    roles: ['teamlead'],
  },
];
