/**
 * Sign-in, the signed-in person, and their settings, as the API speaks them. Objects are strict: an unknown field
 * is a 400, not silently ignored.
 */
import { z } from 'zod';
import { LOCALES } from './i18n/types.js';

export const STAFF_ROLE_NAMES = ['frontline', 'caseworker', 'teamlead', 'quality', 'analyst', 'admin'] as const;
export const ROLE_NAMES = [...STAFF_ROLE_NAMES, 'applicant'] as const;

export const ZLocale = z.enum(LOCALES as readonly ['da', 'en', 'sv']);
export type TLocale = z.infer<typeof ZLocale>;
export const ZStaffRole = z.enum(STAFF_ROLE_NAMES);
export type TStaffRole = z.infer<typeof ZStaffRole>;
export const ZRole = z.enum(ROLE_NAMES);
export type TRole = z.infer<typeof ZRole>;

// Bounded so a megabyte "password" cannot make the server hash for a second.
const ZUsername = z.string().trim().min(1, 'is required').max(200);
const ZPassword = z.string().min(1, 'is required').max(1024);

/** `POST /api/auth/login` as JSON. */
export const ZLoginRequest = z.strictObject({ username: ZUsername, password: ZPassword });
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/** `POST /api/auth/login` as an HTML form post: the same fields plus the CSRF token and where to go next. */
export const ZLoginForm = z.strictObject({
  username: ZUsername,
  password: ZPassword,
  _csrf: z.string().optional(),
  returnTo: z.string().max(2000).optional(),
});
export type TLoginForm = z.infer<typeof ZLoginForm>;

/**
 * `POST /api/auth/password-setup`: a one-time link's token and the password its holder chooses. The form post
 * carries the repetition and the CSRF token too; the policy (length, not the user name) is checked by the server.
 */
export const ZPasswordSetupRequest = z.strictObject({
  token: z.string().min(20).max(200),
  password: z.string().min(1, 'is required').max(1024),
});
export type TPasswordSetupRequest = z.infer<typeof ZPasswordSetupRequest>;

export const ZPasswordSetupForm = z.strictObject({
  token: z.string().max(200),
  password: z.string().max(1024),
  repeat: z.string().max(1024),
  /** Sent back for password managers, which file the new password under it; the link decides whose it is. */
  username: z.string().max(200).optional(),
  _csrf: z.string().optional(),
});
export type TPasswordSetupForm = z.infer<typeof ZPasswordSetupForm>;
/** `POST /api/auth/login` as JSON, answered: who signed in (the session is in the cookie). */
export const ZSignedIn = z.object({
  userId: z.uuid(),
  /**
   * Set when the password was right but a second factor is owed: `verify` (post a code to
   * `/api/auth/second-factor`) or `enrol` (set up an authenticator app first). Until then the session can do nothing else.
   */
  secondFactor: z.enum(['verify', 'enrol']).optional(),
});

/** `POST /api/auth/me/password`: the current password is required to choose a new one. */
export const ZPasswordChangeRequest = z.strictObject({
  currentPassword: ZPassword,
  newPassword: z.string().min(1, 'is required').max(1024),
});
export type TPasswordChangeRequest = z.infer<typeof ZPasswordChangeRequest>;

/** A code from the authenticator app (six digits) or a one-time recovery code. */
export const ZSecondFactorRequest = z.strictObject({ code: z.string().trim().min(1, 'is required').max(64) });
export type TSecondFactorRequest = z.infer<typeof ZSecondFactorRequest>;

/** The form posts of the second-factor pages: the code, the CSRF token and where to go next. */
export const ZSecondFactorForm = ZSecondFactorRequest.extend({
  code: z.string().max(64),
  _csrf: z.string().optional(),
  returnTo: z.string().max(2000).optional(),
});
export type TSecondFactorForm = z.infer<typeof ZSecondFactorForm>;

/** `GET /api/auth/second-factor/totp`: a new authenticator app to set up (the secret, as a URI and a QR code). */
export const ZTotpEnrolment = z.object({ secret: z.string(), otpauthUri: z.string(), qrDataUrl: z.string() });

/** `POST /api/auth/second-factor/totp`: confirmed; the recovery codes are shown this once. */
export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });

/**
 * A passkey ceremony's answer from `navigator.credentials.create/get`, as JSON with base64url fields; the server
 * checks the inner fields against the challenge it gave.
 */
const ZPasskeyCredential = z.object({
  id: z.string().min(1).max(1366),
  rawId: z.string().min(1).max(1366),
  type: z.literal('public-key'),
  response: z.record(z.string(), z.unknown()),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

/** `POST /api/auth/passkeys`: a new passkey's attestation and the name it is shown by. */
export const ZPasskeyRegistrationRequest = z.strictObject({
  credential: ZPasskeyCredential,
  name: z.string().trim().max(100).optional(),
});
export type TPasskeyRegistrationRequest = z.infer<typeof ZPasskeyRegistrationRequest>;

/** `POST /api/auth/second-factor/passkey`: the second step of sign-in with a passkey's assertion. */
export const ZPasskeyAuthenticationRequest = z.strictObject({ credential: ZPasskeyCredential });
export type TPasskeyAuthenticationRequest = z.infer<typeof ZPasskeyAuthenticationRequest>;

/** The options a passkey ceremony starts from (WebAuthn's JSON form, challenge and ids base64url). */
export const ZPasskeyOptions = z.record(z.string(), z.unknown());

/** A registered passkey, as the owner sees it. */
export const ZPasskey = z.object({ name: z.string(), createdAt: z.string() });

/** `GET /api/auth/providers`: a sign-in provider the sign-in page offers, and where its sign-in starts. */
export const ZSignInProvider = z.object({
  id: z.string(),
  label: z.string(),
  audience: z.enum(['staff', 'applicant']),
  startUrl: z.string(),
});
export type TSignInProvider = z.infer<typeof ZSignInProvider>;

export const ZActiveUnitRequest = z.strictObject({ unitId: z.uuid().nullable() });
export type TActiveUnitRequest = z.infer<typeof ZActiveUnitRequest>;

export const ZLocaleRequest = z.strictObject({ locale: ZLocale });
export type TLocaleRequest = z.infer<typeof ZLocaleRequest>;

export const ZMeUnit = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  kind: z.enum(['authority', 'centre', 'team']),
  code: z.string(),
  nameDa: z.string(),
  nameEn: z.string(),
  /** The roles the person holds on this unit, directly or through a parent unit. */
  roles: z.array(ZStaffRole),
});

/** Who a user is, as every view of a user starts: the signed-in person (`ZMe`) and a user in the admin's list. */
export const ZUserIdentity = z.object({
  id: z.uuid(),
  kind: z.enum(['staff', 'applicant']),
  username: z.string().nullable(),
  displayName: z.string(),
  email: z.string().nullable(),
  locale: ZLocale,
});
export type TUserIdentity = z.infer<typeof ZUserIdentity>;

/** `GET /api/auth/me`. */
export const ZMe = z.object({
  user: ZUserIdentity.extend({ organisationName: z.string().nullable() }),
  roles: z.array(z.object({ role: ZRole, unitId: z.uuid().nullable() })),
  units: z.array(ZMeUnit),
  activeUnitId: z.uuid().nullable(),
  authMethod: z.string(),
});
export type TMe = z.infer<typeof ZMe>;

export const ZCsrfToken = z.object({ token: z.string() });
