import type { TStaffRole } from '@sagsgang/contracts';

/** One way into a capability from a start page. */
export interface Capability {
  id: string;
  titleKey: string;
  textKey: string;
  /** The page's address; it is shown as a link only once a route for it exists (see routes.tsx). */
  path: string;
}

export interface RoleStart {
  role: TStaffRole;
  titleKey: string;
  introKey: string;
  capabilities: Capability[];
}

const cap = (id: string, key: string, path: string): Capability => ({ id, titleKey: `cap${key}`, textKey: `cap${key}Text`, path });

const WORKFLOWS = cap('workflows', 'Workflows', '/app/workflows');

/** What each role starts with, in the order the start page shows them. */
export const ROLE_STARTS: RoleStart[] = [
  {
    role: 'caseworker',
    titleKey: 'roleCaseworker',
    introKey: 'roleCaseworkerIntro',
    capabilities: [cap('my-queue', 'MyQueue', '/app/cases/queue'), cap('case-search', 'CaseSearch', '/app/cases/search'), WORKFLOWS],
  },
  {
    role: 'teamlead',
    titleKey: 'roleTeamlead',
    introKey: 'roleTeamleadIntro',
    capabilities: [cap('team-at-risk', 'TeamAtRisk', '/app/team/at-risk'), cap('distribution', 'Distribution', '/app/team/distribution'), cap('kpis', 'Kpis', '/app/goals')],
  },
  {
    role: 'quality',
    titleKey: 'roleQuality',
    introKey: 'roleQualityIntro',
    capabilities: [cap('supervision', 'Supervision', '/app/supervision'), cap('complaints', 'Complaints', '/app/complaints'), cap('surveys', 'Surveys', '/app/surveys')],
  },
  {
    role: 'analyst',
    titleKey: 'roleAnalyst',
    introKey: 'roleAnalystIntro',
    capabilities: [cap('navigator', 'Navigator', '/app/navigator'), WORKFLOWS, cap('event-log-import', 'EventLogImport', '/app/navigator/import')],
  },
  {
    role: 'frontline',
    titleKey: 'roleFrontline',
    introKey: 'roleFrontlineIntro',
    capabilities: [cap('inquiries', 'Inquiries', '/app/citizen-service'), cap('appointments', 'Appointments', '/app/citizen-service/appointments'), cap('case-search', 'CaseSearch', '/app/cases/search')],
  },
  {
    role: 'admin',
    titleKey: 'roleAdmin',
    introKey: 'roleAdminIntro',
    capabilities: [
      cap('units', 'Units', '/app/admin/units'),
      cap('users', 'Users', '/app/admin/users'),
      cap('audit', 'Audit', '/app/admin/audit'),
      cap('case-types', 'CaseTypes', '/app/admin/case-types'),
      cap('calendar', 'Calendar', '/app/admin/calendar'),
    ],
  },
];
