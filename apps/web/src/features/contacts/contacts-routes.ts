import { lazyPage as page, type AppRoute } from '../../router/app-route.js';

const FRONT: AppRoute['roles'] = ['frontline', 'caseworker', 'teamlead'];
const FIGURES: AppRoute['roles'] = ['frontline', 'teamlead', 'quality', 'analyst', 'admin'];

export const CONTACTS_ROUTES: AppRoute[] = [
  {
    path: '/app/citizen-service',
    component: page(() => import('./citizen-service-page.js'), 'CitizenServicePage'),
    roles: FRONT,
  },
  {
    path: '/app/citizen-service/figures',
    component: page(() => import('./contacts-figures-page.js'), 'ContactsFiguresPage'),
    roles: FIGURES,
  },
  {
    path: '/app/citizen-service/appointments',
    component: page(() => import('./appointments-page.js'), 'AppointmentsPage'),
    roles: FRONT,
  },
];
