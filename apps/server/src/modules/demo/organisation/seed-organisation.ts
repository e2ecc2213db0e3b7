import { hashPassword } from '../../../platform/auth/password.js';
import type { StaffRole } from '../../../platform/auth/principal.js';
import { importOrganisation, type ImportedAccount } from '../../org/index.js';
import type { DemoSeedStep } from '../demo-seed.types.js';

export const DEMO_PASSWORD = 'sagsgang-demo';

interface DemoUnit {
  code: string;
  parent: string | null;
  kind: 'authority' | 'centre' | 'team';
  da: string;
  en: string;
}

/** Sagsgang Kommune: citizen service, three specialist centres and a staff function for quality and analysis. */
export const DEMO_UNITS: readonly DemoUnit[] = [
  { code: 'kommune', parent: null, kind: 'authority', da: 'Sagsgang Kommune', en: 'Sagsgang Municipality' },
  { code: 'borgerservice', parent: 'kommune', kind: 'centre', da: 'Borgerservice', en: 'Citizen Service' },
  { code: 'bs-kontaktcenter', parent: 'borgerservice', kind: 'team', da: 'Kontaktcenter', en: 'Contact centre' },
  { code: 'bs-skranke', parent: 'borgerservice', kind: 'team', da: 'Skranken', en: 'Counter' },
  {
    code: 'cbi',
    parent: 'kommune',
    kind: 'centre',
    da: 'Center for Beskæftigelse og Integration',
    en: 'Centre for Employment and Integration',
  },
  { code: 'cbi-ydelser', parent: 'cbi', kind: 'team', da: 'Team Ydelser', en: 'Benefits team' },
  { code: 'cbi-integration', parent: 'cbi', kind: 'team', da: 'Team Integration', en: 'Integration team' },
  {
    code: 'cbm',
    parent: 'kommune',
    kind: 'centre',
    da: 'Center for Byg og Miljø',
    en: 'Centre for Building and Environment',
  },
  { code: 'cbm-byggesag', parent: 'cbm', kind: 'team', da: 'Team Byggesag', en: 'Building permits team' },
  { code: 'cbm-miljoe', parent: 'cbm', kind: 'team', da: 'Team Miljø', en: 'Environment team' },
  { code: 'udl', parent: 'kommune', kind: 'centre', da: 'Udlændingeområdet', en: 'Immigration' },
  { code: 'udl-familie', parent: 'udl', kind: 'team', da: 'Team Familiesammenføring', en: 'Family reunification team' },
  {
    code: 'udl-erhverv',
    parent: 'udl',
    kind: 'team',
    da: 'Team Erhverv og Jobkort',
    en: 'Work permits and job card team',
  },
  {
    code: 'stab',
    parent: 'kommune',
    kind: 'centre',
    da: 'Stab for Kvalitet og Analyse',
    en: 'Quality and Analysis staff',
  },
];

export interface DemoAccount {
  username: string;
  displayName: string;
  kind: 'staff' | 'applicant';
  /** Staff: the role and the unit code it is granted on. */
  role?: StaffRole;
  unit?: string;
  organisation?: { name: string; cvr: string };
  /** One line for the README and the start-up log. */
  description: string;
}

/** The demo sign-ins. Every account has the password DEMO_PASSWORD. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    username: 'sagsbehandler',
    displayName: 'Mette Sørensen',
    kind: 'staff',
    role: 'caseworker',
    unit: 'udl-familie',
    description: 'caseworker, family reunification',
  },
  {
    username: 'sagsbehandler2',
    displayName: 'Jonas Holm',
    kind: 'staff',
    role: 'caseworker',
    unit: 'udl-erhverv',
    description: 'caseworker, work permits and job card',
  },
  {
    username: 'byggesag',
    displayName: 'Henrik Lund',
    kind: 'staff',
    role: 'caseworker',
    unit: 'cbm-byggesag',
    description: 'caseworker, building permits',
  },
  {
    username: 'ydelser',
    displayName: 'Fatima Ali',
    kind: 'staff',
    role: 'caseworker',
    unit: 'cbi-ydelser',
    description: 'caseworker, housing benefit and other benefits',
  },
  {
    username: 'teamleder',
    displayName: 'Birgitte Madsen',
    kind: 'staff',
    role: 'teamlead',
    unit: 'udl',
    description: 'team lead for the immigration centre',
  },
  {
    username: 'borgerservice',
    displayName: 'Peter Kristensen',
    kind: 'staff',
    role: 'frontline',
    unit: 'borgerservice',
    description: 'front-line staff, citizen service',
  },
  {
    username: 'kvalitet',
    displayName: 'Anne Mortensen',
    kind: 'staff',
    role: 'quality',
    unit: 'kommune',
    description: 'quality unit (supervision, complaints)',
  },
  {
    username: 'analytiker',
    displayName: 'Rasmus Thomsen',
    kind: 'staff',
    role: 'analyst',
    unit: 'kommune',
    description: 'process analyst (workflows, navigator)',
  },
  {
    username: 'admin',
    displayName: 'Camilla Berg',
    kind: 'staff',
    role: 'admin',
    unit: 'kommune',
    description: 'administrator of the whole authority',
  },
  { username: 'borger', displayName: 'Karen Jensen', kind: 'applicant', description: 'citizen' },
  { username: 'borger2', displayName: 'Ahmad Rahimi', kind: 'applicant', description: 'citizen' },
  {
    username: 'virksomhed',
    displayName: 'Lars Nielsen',
    kind: 'applicant',
    organisation: { name: 'Nordlys Software ApS', cvr: '10000009' },
    description: 'business (contact person for Nordlys Software ApS)',
  },
];

async function account(a: DemoAccount): Promise<ImportedAccount> {
  return {
    kind: a.kind,
    username: a.username,
    displayName: a.displayName,
    email: `${a.username}@sagsgang.example`,
    passwordHash: await hashPassword(DEMO_PASSWORD),
    organisation: a.organisation,
    ...(a.kind === 'applicant' ? { role: 'applicant' as const, unitCode: null } : { role: a.role!, unitCode: a.unit! }),
  };
}

export const seedOrganisation: DemoSeedStep = {
  name: 'organisation',
  async run(trx, state, _ctx, log) {
    const accounts: ImportedAccount[] = [];
    for (const a of DEMO_ACCOUNTS) accounts.push(await account(a));
    const units = DEMO_UNITS.map((u) => ({
      code: u.code,
      parentCode: u.parent,
      kind: u.kind,
      nameDa: u.da,
      nameEn: u.en,
    }));
    const made = await importOrganisation(trx, { units, accounts });
    Object.assign(state.units, made.units);
    Object.assign(state.users, made.users);
    log.info(`Demo organisation: ${DEMO_UNITS.length} units and ${DEMO_ACCOUNTS.length} accounts.`);
  },
};
