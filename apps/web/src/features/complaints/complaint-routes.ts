import { lazyPage as page, type AppRoute } from '../../router/app-route.js';

const READERS = ['quality', 'teamlead', 'analyst', 'admin'] as const;

export const COMPLAINT_ROUTES: AppRoute[] = [
  {
    path: '/app/complaints',
    component: page(() => import('./complaints-page.js'), 'ComplaintsPage'),
    roles: ['caseworker', 'teamlead', 'quality'],
  },
  {
    path: '/app/complaints/figures',
    component: page(() => import('./complaint-figures-page.js'), 'ComplaintFiguresPage'),
    roles: [...READERS],
  },
  {
    path: '/app/complaints/findings',
    component: page(() => import('./findings-page.js'), 'FindingsPage'),
    roles: [...READERS],
  },
  {
    path: '/app/complaints/:id',
    component: page(() => import('./complaint-page.js'), 'ComplaintPage'),
    roles: ['caseworker', 'teamlead', 'quality'],
  },
];
