import { lazyPage as page, type AppRoute } from '../../router/app-route.js';

// Each page loads on demand, so the workflow portal (and bpmn-js with it) is not part of the first page's bundle.
const EDITORS: AppRoute['roles'] = ['analyst', 'admin'];

export const WORKFLOW_ROUTES: AppRoute[] = [
  { path: '/app/workflows', component: page(() => import('./workflow-list-page.js'), 'WorkflowListPage') },
  {
    path: '/app/workflows/new',
    component: page(() => import('./workflow-modeler-page.js'), 'WorkflowModelerPage'),
    roles: EDITORS,
  },
  { path: '/app/workflows/:id', component: page(() => import('./workflow-page.js'), 'WorkflowPage') },
  {
    path: '/app/workflows/:id/edit',
    component: page(() => import('./workflow-modeler-page.js'), 'WorkflowModelerPage'),
    roles: EDITORS,
  },
  { path: '/app/workflows/:id/mapping', component: page(() => import('./mapping-page.js'), 'MappingPage') },
];
