import { expect, test } from 'vitest';
import { APP_MODULES, createAppContext } from './composition.js';
import { loadConfig } from './platform/config.js';
import type { Database } from './platform/db/database.js';
import { caseEventListeners } from './modules/cases/index.js';
import { notificationsModule, notifyApplicantOfCaseEvent } from './modules/notifications/index.js';
import { inviteAfterDecision, surveysModule } from './modules/surveys/index.js';

const base = () => ({ config: loadConfig({ ...process.env, DATABASE_URL: '' }), database: {} as Database });

test('the app is composed of every module once, with their job kinds and case-event listeners', () => {
  const ctx = createAppContext(base());
  expect(ctx.registry.modules.map((m) => m.name)).toEqual(APP_MODULES.map((m) => m.name));
  expect([...ctx.registry.jobs.keys()].sort()).toEqual([
    'audit.forward',
    'auth.purge-sessions',
    'cases.recompute-clocks',
    'cases.refresh-forecast-calibration',
    'contacts.booking-mail',
    'db.refresh-statistics',
    'files.sweep-orphans',
    'goals.committee-report',
    'navigator.analysis',
    'notification.send',
    'survey.invite',
  ]);
  // Told in module order: the applicant's notification first, then the after-decision survey's invitation.
  expect(caseEventListeners(ctx)).toEqual([notifyApplicantOfCaseEvent, inviteAfterDecision]);
  expect(ctx.registry.fileReferences).toEqual(['applicant_document', 'case_document']);
  // Routes and pages are registered in list order: auth's hooks before the modules that rely on them.
  const withRoutes = ctx.registry.modules.filter((m) => m.routes).map((m) => m.name);
  expect(withRoutes.indexOf('auth')).toBeLessThan(withRoutes.indexOf('cases'));
  expect(withRoutes.at(-1)).toBe('back-office');
});

test('two apps in one process keep their own registrations', () => {
  const full = createAppContext(base());
  const bare = createAppContext(base(), [{ name: 'cases' }]);
  expect(caseEventListeners(bare)).toEqual([]);
  expect(bare.registry.jobs.size).toBe(0);
  expect(caseEventListeners(full)).toEqual([
    ...notificationsModule.caseEventListeners!,
    ...surveysModule.caseEventListeners!,
  ]);
});
