import type { Generated } from 'kysely';
import type { AssuranceLevel } from '../../platform/config.js';

export interface SamlRequestTable {
  id: string;
  provider_id: string;
  created_at: Generated<Date>;
}

export interface SamlAssertionUseTable {
  issuer: string;
  assertion_id: string;
  expires_at: Date;
}

export interface SamlSessionTable {
  token_hash: string;
  provider_id: string;
  name_id: string;
  name_id_format: string | null;
  session_index: string | null;
  assurance_level: AssuranceLevel;
  acting_user_id: string | null;
  cvr: string | null;
}

export interface PersonCprTable {
  user_id: string;
  cpr_hash: string;
  cpr_masked: string;
}

declare module '../../platform/db/schema.js' {
  interface DB {
    saml_request: SamlRequestTable;
    saml_assertion_use: SamlAssertionUseTable;
    saml_session: SamlSessionTable;
    person_cpr: PersonCprTable;
  }
}
