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

const cap = (id: string, titleKey: string, textKey: string, path: string): Capability => ({
  id,
  titleKey,
  textKey,
  path,
});

const WORKFLOWS = cap('workflows', 'backOffice:capWorkflows', 'backOffice:capWorkflowsText', '/app/workflows');
const CASE_SEARCH = cap('case-search', 'backOffice:capCaseSearch', 'backOffice:capCaseSearchText', '/app/cases/search');

/** What each role starts with, in the order the start page shows them. */
export const ROLE_STARTS: RoleStart[] = [
  {
    role: 'caseworker',
    titleKey: 'backOffice:roleCaseworker',
    introKey: 'backOffice:roleCaseworkerIntro',
    capabilities: [
      cap('my-queue', 'backOffice:capMyQueue', 'backOffice:capMyQueueText', '/app/cases/queue'),
      cap('complaints', 'backOffice:capComplaints', 'backOffice:capComplaintsText', '/app/complaints'),
      CASE_SEARCH,
      WORKFLOWS,
    ],
  },
  {
    role: 'teamlead',
    titleKey: 'backOffice:roleTeamlead',
    introKey: 'backOffice:roleTeamleadIntro',
    capabilities: [
      cap('team-at-risk', 'backOffice:capTeamAtRisk', 'backOffice:capTeamAtRiskText', '/app/team/at-risk'),
      cap('distribution', 'backOffice:capDistribution', 'backOffice:capDistributionText', '/app/team/distribution'),
      cap('kpis', 'backOffice:capKpis', 'backOffice:capKpisText', '/app/goals'),
    ],
  },
  {
    role: 'quality',
    titleKey: 'backOffice:roleQuality',
    introKey: 'backOffice:roleQualityIntro',
    capabilities: [
      cap('supervision', 'backOffice:capSupervision', 'backOffice:capSupervisionText', '/app/supervision'),
      cap('complaints', 'backOffice:capComplaints', 'backOffice:capComplaintsText', '/app/complaints'),
      cap('surveys', 'backOffice:capSurveys', 'backOffice:capSurveysText', '/app/surveys'),
    ],
  },
  {
    role: 'analyst',
    titleKey: 'backOffice:roleAnalyst',
    introKey: 'backOffice:roleAnalystIntro',
    capabilities: [
      cap('navigator', 'backOffice:capNavigator', 'backOffice:capNavigatorText', '/app/navigator'),
      WORKFLOWS,
      cap(
        'event-log-import',
        'backOffice:capEventLogImport',
        'backOffice:capEventLogImportText',
        '/app/navigator/import',
      ),
    ],
  },
  {
    role: 'frontline',
    titleKey: 'backOffice:roleFrontline',
    introKey: 'backOffice:roleFrontlineIntro',
    capabilities: [
      cap('inquiries', 'backOffice:capInquiries', 'backOffice:capInquiriesText', '/app/citizen-service'),
      cap(
        'appointments',
        'backOffice:capAppointments',
        'backOffice:capAppointmentsText',
        '/app/citizen-service/appointments',
      ),
      CASE_SEARCH,
    ],
  },
  {
    role: 'admin',
    titleKey: 'backOffice:roleAdmin',
    introKey: 'backOffice:roleAdminIntro',
    capabilities: [
      cap('units', 'backOffice:capUnits', 'backOffice:capUnitsText', '/app/admin/units'),
      cap('users', 'backOffice:capUsers', 'backOffice:capUsersText', '/app/admin/users'),
      cap('audit', 'backOffice:capAudit', 'backOffice:capAuditText', '/app/admin/audit'),
      cap('case-types', 'backOffice:capCaseTypes', 'backOffice:capCaseTypesText', '/app/admin/case-types'),
      cap('calendar', 'backOffice:capCalendar', 'backOffice:capCalendarText', '/app/admin/calendar'),
    ],
  },
];
