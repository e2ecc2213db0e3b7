import { common } from './common.js';
import { portal } from './portal.js';
import { backOffice } from './back-office.js';
import { notifications } from './notifications.js';
import { applications } from './applications.js';
import { myCases } from './my-cases.js';
import { cases } from './cases.js';
import { caseTypes } from './case-types.js';
import { workflows } from './workflows.js';
import { navigator } from './navigator.js';
import { admin } from './admin.js';
import { errors } from './errors.js';
import { calibration } from './calibration.js';
import { complaints } from './complaints.js';
import { contacts } from './contacts.js';
import { surveys } from './surveys.js';
import { supervision } from './supervision.js';
import { goals } from './goals.js';
import { saml } from './saml.js';
import type { Catalogue, Locale } from './types.js';

export * from './types.js';

/**
 * Every namespace of user-facing text. A capability adds its own file beside this one and one line here, so
 * catalogues never collide. Keys are namespaced when used: t('common:signIn').
 */
export const CATALOGUES: Record<string, Catalogue> = {
  common,
  notifications,
  applications,
  myCases,
  cases,
  caseTypes,
  portal,
  backOffice,
  calibration,
  workflows,
  navigator,
  admin,
  errors,
  complaints,
  contacts,
  surveys,
  supervision,
  goals,
  saml,
};

/** i18next resources built from the catalogues; Swedish falls back to English where a text is missing. */
export function i18nResources(): Record<Locale, Record<string, Record<string, string>>> {
  const out: Record<Locale, Record<string, Record<string, string>>> = { da: {}, en: {}, sv: {} };
  for (const [ns, cat] of Object.entries(CATALOGUES)) {
    out.da[ns] = cat.da;
    out.en[ns] = cat.en;
    out.sv[ns] = { ...cat.en, ...(cat.sv ?? {}) };
  }
  return out;
}
