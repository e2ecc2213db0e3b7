import type { AppContext } from '../../src/platform/context.js';
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_SEED_STEPS,
  DEMO_UNITS,
  seedDemoIfEmpty,
} from '../../src/modules/demo/index.js';

/** The journeys sign in as the demo authority's people, with the demo password. */
export const JOURNEY_PASSWORD = DEMO_PASSWORD;

export type StaffJourneyRole = 'caseworker' | 'teamlead' | 'quality' | 'analyst' | 'frontline' | 'admin';
export const STAFF_JOURNEY_ROLES: StaffJourneyRole[] = [
  'caseworker',
  'teamlead',
  'quality',
  'analyst',
  'frontline',
  'admin',
];

export interface JourneyPerson {
  username: string;
  displayName: string;
}

export interface JourneyPeople {
  staff: Record<StaffJourneyRole, JourneyPerson & { role: StaffJourneyRole; unitCode: string }>;
  applicant: JourneyPerson;
  /** Unit names by code, Danish and English. */
  units: Record<string, { da: string; en: string; parent: string | null }>;
}

/**
 * Seeds the demo authority (with as much case history as `config.demoCases` asks for; the journeys use a few
 * hundred cases) and names one person per staff role and an applicant.
 */
export async function seedJourneyOrganisation(ctx: AppContext): Promise<JourneyPeople> {
  await seedDemoIfEmpty(ctx, { info: () => undefined }, DEMO_SEED_STEPS);
  const staff = {} as JourneyPeople['staff'];
  for (const role of STAFF_JOURNEY_ROLES) {
    const account = DEMO_ACCOUNTS.find((a) => a.kind === 'staff' && a.role === role);
    if (!account) throw new Error(`the demo authority has no ${role}`);
    staff[role] = { role, username: account.username, displayName: account.displayName, unitCode: account.unit! };
  }
  const borger =
    DEMO_ACCOUNTS.find((a) => a.username === 'borger') ?? DEMO_ACCOUNTS.find((a) => a.kind === 'applicant')!;
  const units = Object.fromEntries(DEMO_UNITS.map((u) => [u.code, { da: u.da, en: u.en, parent: u.parent }]));
  return { staff, applicant: { username: borger.username, displayName: borger.displayName }, units };
}
