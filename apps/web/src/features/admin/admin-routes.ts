import { lazyPage as page, type AppRoute } from '../../router/app-route.js';

const ADMIN: AppRoute['roles'] = ['admin'];

// `/users/new` before `/users/:id`: the first matching route wins.
export const ADMIN_ROUTES: AppRoute[] = [
  { path: '/app/admin/users', component: page(() => import('./users-page.js'), 'UsersPage'), roles: ADMIN },
  { path: '/app/admin/users/new', component: page(() => import('./new-user-page.js'), 'NewUserPage'), roles: ADMIN },
  { path: '/app/admin/users/:id', component: page(() => import('./user-page.js'), 'UserPage'), roles: ADMIN },
  { path: '/app/admin/audit', component: page(() => import('./audit-page.js'), 'AuditPage'), roles: ADMIN },
  { path: '/app/admin/calendar', component: page(() => import('./calendar-page.js'), 'CalendarPage'), roles: ADMIN },
];
