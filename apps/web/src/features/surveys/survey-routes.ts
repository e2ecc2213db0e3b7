import { lazyPage as page, type AppRoute } from '../../router/app-route.js';

export const SURVEY_ROUTES: AppRoute[] = [
  {
    path: '/app/surveys',
    component: page(() => import('./surveys-page.js'), 'SurveysPage'),
    roles: ['quality', 'teamlead', 'analyst', 'admin'],
  },
];
