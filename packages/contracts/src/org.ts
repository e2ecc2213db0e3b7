/**
 * The organisation as the API speaks it: units (authority -> centres -> teams), staff users and their unit-scoped
 * role grants, and the audit log queries. Request objects are strict: an unknown field is a 400.
 */
import { z } from 'zod';
import { ZLocale, ZStaffRole, ZUserIdentity } from './auth.js';
import { AUDIT_PURPOSES, type TAuditPurposeKey } from './audit-purposes.js';

const ZName = z.string().trim().min(1, 'is required').max(200);
const ZCode = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and dashes');

export const ZUnitKind = z.enum(['authority', 'centre', 'team']);

export interface TUnitNode {
  id: string;
  parentId: string | null;
  kind: 'authority' | 'centre' | 'team';
  code: string;
  nameDa: string;
  nameEn: string;
  children: TUnitNode[];
}

/** `GET /api/units`: the unit tree, each unit with its children. */
export const ZUnitNode: z.ZodType<TUnitNode> = z
  .object({
    id: z.uuid(),
    parentId: z.uuid().nullable(),
    kind: ZUnitKind,
    code: z.string(),
    nameDa: z.string(),
    nameEn: z.string(),
    get children() {
      return z.array(ZUnitNode);
    },
  })
  .meta({ id: 'UnitNode' });

export const ZCreateUnitRequest = z.strictObject({
  parentId: z.uuid(),
  kind: z.enum(['centre', 'team']),
  code: ZCode,
  nameDa: ZName,
  nameEn: ZName,
});
export type TCreateUnitRequest = z.infer<typeof ZCreateUnitRequest>;

export const ZUpdateUnitRequest = z
  .strictObject({
    parentId: z.uuid().optional(),
    code: ZCode.optional(),
    nameDa: ZName.optional(),
    nameEn: ZName.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'change at least one field');
export type TUpdateUnitRequest = z.infer<typeof ZUpdateUnitRequest>;

export const ZGrantRequest = z.strictObject({ role: ZStaffRole, unitId: z.uuid() });
export type TGrantRequest = z.infer<typeof ZGrantRequest>;

// Long enough to resist guessing; the upper bound keeps hashing cheap.
const ZNewPassword = z.string().min(12, 'must be at least 12 characters').max(256);

export const ZCreateUserRequest = z.strictObject({
  username: z
    .string()
    .trim()
    .min(2)
    .max(100)
    .regex(/^[A-Za-z0-9._@-]+$/, 'may contain letters, digits and . _ @ -'),
  displayName: ZName,
  email: z.email().max(320).optional(),
  locale: ZLocale.optional(),
  /** Omit for a user who signs in only through the authority's identity provider. */
  password: ZNewPassword.optional(),
  grants: z.array(ZGrantRequest).min(1, 'give the user at least one role').max(50),
});
export type TCreateUserRequest = z.infer<typeof ZCreateUserRequest>;

export const ZUpdateUserRequest = z
  .strictObject({
    displayName: ZName.optional(),
    email: z.email().max(320).nullable().optional(),
    locale: ZLocale.optional(),
    active: z.boolean().optional(),
    password: ZNewPassword.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'change at least one field');
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

/** `GET /api/users`: staff by default; citizens and businesses only for an administrator of the whole authority. */
export const ZUserListQuery = z.strictObject({
  unitId: z.uuid().optional(),
  /** Part of the name, user name or e-mail, any case. */
  q: z.string().trim().max(100).optional(),
  kind: z.enum(['staff', 'applicant', 'all']).default('staff'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type TUserListQuery = z.infer<typeof ZUserListQuery>;

export const ZUserView = ZUserIdentity.extend({
  active: z.boolean(),
  grants: z.array(z.object({ id: z.uuid(), role: ZStaffRole, unitId: z.uuid() })),
});
export type TUserView = z.infer<typeof ZUserView>;

const ZWhen = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

export const AUDIT_ACTIONS = [
  'read',
  'create',
  'update',
  'delete',
  'export',
  'denied',
  'sign_in',
  'sign_out',
  'sign_in_failed',
  'sign_in_locked',
] as const;
export const ZAuditAction = z.enum(AUDIT_ACTIONS);
export type TAuditAction = z.infer<typeof ZAuditAction>;

/** The filters the search and the export share. `from` is inclusive, `to` exclusive. */
const auditFilter = {
  subjectUserId: z.uuid().optional(),
  actorUserId: z.uuid().optional(),
  action: ZAuditAction.optional(),
  entityType: z.string().trim().min(1).max(64).optional(),
  entityId: z.string().trim().min(1).max(200).optional(),
  /** Why, by its key: `breakGlass` finds every case file read without a working need. */
  purpose: z.enum(Object.keys(AUDIT_PURPOSES) as [TAuditPurposeKey, ...TAuditPurposeKey[]]).optional(),
  from: ZWhen.optional(),
  to: ZWhen.optional(),
};

export const ZAuditQuery = z.strictObject({
  ...auditFilter,
  /** Entries older than this id: the next page, newest first. Stable while new entries are written. */
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

/** With `subjectUserId`, a data subject's access log (GDPR art. 15); without, an extract of the log as filtered. */
export const ZAuditExportQuery = z.strictObject({
  ...auditFilter,
  format: z.enum(['csv', 'json']).default('csv'),
});
export type TAuditExportQuery = z.infer<typeof ZAuditExportQuery>;

export const ZAuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  action: ZAuditAction,
  actor: z.object({ id: z.uuid(), displayName: z.string().nullable() }).nullable(),
  subjectUserId: z.uuid().nullable(),
  subjectName: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  purpose: z.string(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.unknown(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;
