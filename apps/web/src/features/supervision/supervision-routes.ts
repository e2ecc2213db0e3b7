import { lazyPage as page, type AppRoute } from '../../router/app-route.js';

// Reviewers may hold any staff role: the server decides per programme who sees what.
export const SUPERVISION_ROUTES: AppRoute[] = [
  { path: '/app/supervision', component: page(() => import('./supervision-page.js'), 'SupervisionPage') },
  {
    path: '/app/supervision/programmes/:id',
    component: page(() => import('./programme-page.js'), 'ProgrammePage'),
  },
  { path: '/app/supervision/samples/:id', component: page(() => import('./sample-page.js'), 'SamplePage') },
  {
    path: '/app/supervision/samples/:id/cases/:caseId',
    component: page(() => import('./review-page.js'), 'ReviewPage'),
  },
];
