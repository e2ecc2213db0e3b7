import crypto from 'node:crypto';
import type { Executor } from '../../src/platform/db/transaction.js';
import { createUser } from '../support/test-auth.js';

/** The password of every journey user; the same as the demo authority's, so the journeys read like the demo. */
export const JOURNEY_PASSWORD = 'sagsgang-demo';

export type StaffJourneyRole = 'caseworker' | 'teamlead' | 'quality' | 'analyst' | 'frontline' | 'admin';

export interface JourneyPerson {
  username: string;
  displayName: string;
}

export interface JourneyPeople {
  staff: Record<StaffJourneyRole, JourneyPerson & { role: StaffJourneyRole }>;
  applicant: JourneyPerson;
  /** Unit names in Danish by key, to pick them in the unit switcher. */
  units: Record<'authority' | 'family' | 'familyTeam' | 'jobTeam' | 'building' | 'citizenService', string>;
}

type UnitKey = keyof JourneyPeople['units'];

const UNITS: { key: UnitKey; kind: 'authority' | 'centre' | 'team'; da: string; en: string; parent: UnitKey | null }[] = [
  { key: 'authority', kind: 'authority', da: 'Sagsgang Kommune', en: 'Sagsgang Municipality', parent: null },
  { key: 'family', kind: 'centre', da: 'Center for Familie og Integration', en: 'Centre for Family and Integration', parent: 'authority' },
  { key: 'familyTeam', kind: 'team', da: 'Team Familiesammenføring', en: 'Family Reunification Team', parent: 'family' },
  { key: 'jobTeam', kind: 'team', da: 'Team Arbejdskort', en: 'Job Card Team', parent: 'family' },
  { key: 'building', kind: 'centre', da: 'Center for Byggeri', en: 'Centre for Building', parent: 'authority' },
  { key: 'citizenService', kind: 'centre', da: 'Borgerservice', en: 'Citizen Service', parent: 'authority' },
];

// Who holds which role where: each person has more than one unit in scope, so the unit switcher has work to do.
const STAFF: { role: StaffJourneyRole; username: string; displayName: string; unit: UnitKey }[] = [
  { role: 'caseworker', username: 'sagsbehandler', displayName: 'Sara Sagsbehandler', unit: 'family' },
  { role: 'teamlead', username: 'teamleder', displayName: 'Tom Teamleder', unit: 'family' },
  { role: 'quality', username: 'kvalitet', displayName: 'Karen Kvalitet', unit: 'authority' },
  { role: 'analyst', username: 'analytiker', displayName: 'Anders Analytiker', unit: 'authority' },
  { role: 'frontline', username: 'borgerservice', displayName: 'Bente Borgerservice', unit: 'citizenService' },
  { role: 'admin', username: 'admin', displayName: 'Ada Administrator', unit: 'authority' },
];

/**
 * A small organisation with one person per staff role and one applicant, as the demo authority has them. Unit
 * codes get a random suffix so the seed can share a database with other data.
 */
export async function seedJourneyOrganisation(db: Executor): Promise<JourneyPeople> {
  const suffix = crypto.randomBytes(3).toString('hex');
  const ids = {} as Record<UnitKey, string>;
  for (const u of UNITS) {
    const row = await db
      .insertInto('unit')
      .values({ kind: u.kind, code: `${u.key}-${suffix}`, name_da: u.da, name_en: u.en, parent_id: u.parent ? ids[u.parent] : null })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids[u.key] = row.id;
  }
  const staff = {} as JourneyPeople['staff'];
  for (const s of STAFF) {
    await createUser(db, { username: s.username, password: JOURNEY_PASSWORD, displayName: s.displayName, grants: [{ role: s.role, unitId: ids[s.unit] }] });
    staff[s.role] = { role: s.role, username: s.username, displayName: s.displayName };
  }
  const applicant = { username: 'borger', displayName: 'Birgit Borger' };
  await createUser(db, { kind: 'applicant', username: applicant.username, password: JOURNEY_PASSWORD, displayName: applicant.displayName });
  const units = Object.fromEntries(UNITS.map((u) => [u.key, u.da])) as JourneyPeople['units'];
  return { staff, applicant, units };
}
