import type { Catalogue } from './types.js';

/** Sign-in through SAML (NemLog-in / MitID, an authority's own identity provider): the refusal pages. */
export const saml: Catalogue = {
  da: {
    refusedTitle: 'Du blev ikke logget ind',
    refusedHelp: 'Log-in-svaret kunne ikke godkendes, og du er ikke logget ind. Forsøget er registreret.',
    tryAgain: 'Prøv at logge ind igen',
    reason_malformed: 'Svaret fra log-in-tjenesten kunne ikke læses.',
    reason_not_encrypted: 'Svaret fra log-in-tjenesten var ikke krypteret, som det skal være.',
    reason_signature: 'Svaret fra log-in-tjenesten var ikke underskrevet korrekt af tjenesten.',
    reason_expired: 'Svaret fra log-in-tjenesten er udløbet. Log ind igen.',
    reason_audience: 'Svaret fra log-in-tjenesten var ikke udstedt til denne løsning.',
    reason_unknown_request: 'Svaret hører ikke til et log-in, der er startet her, eller det er allerede brugt.',
    reason_replay: 'Svaret fra log-in-tjenesten er allerede brugt én gang.',
    reason_assurance: 'Du er logget ind med et for lavt sikringsniveau. Siden kræver mindst betydeligt (MitID).',
    reason_no_privilege: 'Du har ikke rettighed til at handle på vegne af virksomheden.',
    reason_not_linked_or_inactive:
      'Din konto er ikke knyttet til en aktiv bruger i Sagsgang. Kontakt en administrator.',
    reason_idp_error: 'Log-in-tjenesten meldte en fejl eller et afbrudt log-in.',
    actingFor: 'Du handler på vegne af {{name}} (CVR {{cvr}}).',
  },
  en: {
    refusedTitle: 'You were not signed in',
    refusedHelp: 'The sign-in answer could not be accepted, and you are not signed in. The attempt has been recorded.',
    tryAgain: 'Try signing in again',
    reason_malformed: 'The answer from the sign-in service could not be read.',
    reason_not_encrypted: 'The answer from the sign-in service was not encrypted, as it must be.',
    reason_signature: 'The answer from the sign-in service was not correctly signed by the service.',
    reason_expired: 'The answer from the sign-in service has expired. Please sign in again.',
    reason_audience: 'The answer from the sign-in service was not issued to this service.',
    reason_unknown_request: 'The answer does not belong to a sign-in started here, or it has been used already.',
    reason_replay: 'The answer from the sign-in service has been used once already.',
    reason_assurance: 'You signed in at too low an assurance level. This page needs at least substantial (MitID).',
    reason_no_privilege: 'You have no right to act on behalf of the business.',
    reason_not_linked_or_inactive: 'Your account is not linked to an active user in Sagsgang. Ask an administrator.',
    reason_idp_error: 'The sign-in service reported an error or a cancelled sign-in.',
    actingFor: 'You are acting on behalf of {{name}} (CVR {{cvr}}).',
  },
};
