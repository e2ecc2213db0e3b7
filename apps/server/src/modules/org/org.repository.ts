import type { Executor } from '../../platform/db/transaction.js';
import type { TUserView } from '@sagsgang/contracts';
import type { Role } from '../../platform/auth/principal.js';

export interface UnitValues {
  parent_id: string | null;
  kind: 'authority' | 'centre' | 'team';
  code: string;
  name_da: string;
  name_en: string;
}

export interface UserFilter {
  /** Only users with a grant on one of these units; undefined for no such restriction. */
  unitIds?: readonly string[];
  /** One user, of any kind; the other filters still apply. */
  userId?: string;
  /** The kinds to list when no `userId` is given; default staff only. */
  kinds?: readonly ('staff' | 'applicant')[];
  /** Part of the display name, user name or e-mail, any case. */
  q?: string;
  limit?: number;
}

/** `%text%` for LIKE, with the pattern characters in the text matched literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface NewStaffUser {
  username: string;
  displayName: string;
  email: string | null;
  locale: 'da' | 'en' | 'sv';
  passwordHash: string | null;
}

export interface NewAccount {
  kind: 'staff' | 'applicant';
  username: string;
  displayName: string;
  email: string | null;
  passwordHash: string | null;
  organisationName: string | null;
  organisationCvr: string | null;
  grant: { role: Role; unitId: string | null };
}

export const orgRepository = {
  async listUnits(db: Executor) {
    return db
      .selectFrom('unit')
      .select(['id', 'parent_id', 'kind', 'code', 'name_da', 'name_en'])
      .orderBy('code')
      .execute();
  },

  async findUnit(db: Executor, id: string) {
    return db
      .selectFrom('unit')
      .select(['id', 'parent_id', 'kind', 'code', 'name_da', 'name_en'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  /** The units with no parent: the authority itself (a database normally has one). */
  async rootUnitIds(db: Executor): Promise<string[]> {
    const rows = await db.selectFrom('unit').select('id').where('parent_id', 'is', null).execute();
    return rows.map((r) => r.id);
  },

  /** Adds a unit unless one with its code exists. */
  async insertUnitIfAbsent(db: Executor, values: UnitValues): Promise<void> {
    await db
      .insertInto('unit')
      .values(values)
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
  },

  async unitIdByCode(db: Executor, code: string): Promise<string | undefined> {
    const row = await db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirst();
    return row?.id;
  },

  /** The first unit of kind authority that was made. */
  async firstAuthorityId(db: Executor): Promise<string | undefined> {
    const row = await db
      .selectFrom('unit')
      .select('id')
      .where('kind', '=', 'authority')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  },

  /** Everyone who holds the caseworker role on the unit itself, by id. */
  async caseworkerIds(db: Executor, unitId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('role_grant')
      .select('user_id')
      .distinct()
      .where('role', '=', 'caseworker')
      .where('unit_id', '=', unitId)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  },

  /** A user of either kind with one role grant, for an import: no uniqueness check beyond the table's own. */
  async insertAccount(db: Executor, a: NewAccount): Promise<string> {
    const row = await db
      .insertInto('app_user')
      .values({
        kind: a.kind,
        username: a.username,
        display_name: a.displayName,
        email: a.email,
        password_hash: a.passwordHash,
        organisation_name: a.organisationName,
        organisation_cvr: a.organisationCvr,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('role_grant')
      .values({ user_id: row.id, role: a.grant.role, unit_id: a.grant.unitId })
      .execute();
    return row.id;
  },

  async countUnits(db: Executor): Promise<number> {
    const row = await db
      .selectFrom('unit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async insertUnit(db: Executor, values: UnitValues): Promise<string> {
    const row = await db.insertInto('unit').values(values).returning('id').executeTakeFirstOrThrow();
    return row.id;
  },

  async updateUnit(db: Executor, id: string, values: Partial<UnitValues>): Promise<void> {
    await db.updateTable('unit').set(values).where('id', '=', id).execute();
  },

  async deleteUnit(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('unit').where('id', '=', id).execute();
  },

  async unitInUse(db: Executor, id: string): Promise<boolean> {
    const child = await db.selectFrom('unit').select('id').where('parent_id', '=', id).limit(1).executeTakeFirst();
    const grant = await db.selectFrom('role_grant').select('id').where('unit_id', '=', id).limit(1).executeTakeFirst();
    return Boolean(child || grant);
  },

  async findStaffUsers(db: Executor, filter: UserFilter): Promise<TUserView[]> {
    if (filter.unitIds && filter.unitIds.length === 0) return [];
    let q = db.selectFrom('app_user').select(['id', 'kind', 'username', 'display_name', 'email', 'locale', 'active']);
    if (filter.userId) q = q.where('id', '=', filter.userId);
    else q = q.where('kind', 'in', filter.kinds ?? ['staff']);
    if (filter.q) {
      const pattern = containsPattern(filter.q);
      q = q.where((eb) =>
        eb.or([eb('display_name', 'ilike', pattern), eb('username', 'ilike', pattern), eb('email', 'ilike', pattern)]),
      );
    }
    if (filter.limit !== undefined) q = q.limit(filter.limit);
    if (filter.unitIds) {
      const unitIds = filter.unitIds;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('role_grant')
            .select('role_grant.id')
            .whereRef('role_grant.user_id', '=', 'app_user.id')
            .where('role_grant.unit_id', 'in', unitIds),
        ),
      );
    }
    const users = await q.orderBy('display_name').orderBy('id').execute();
    if (users.length === 0) return [];
    const grants = await db
      .selectFrom('role_grant')
      .select(['id', 'user_id', 'role', 'unit_id'])
      .where(
        'user_id',
        'in',
        users.map((u) => u.id),
      )
      .where('unit_id', 'is not', null)
      .execute();
    return users.map((u) => ({
      id: u.id,
      kind: u.kind,
      username: u.username,
      displayName: u.display_name,
      email: u.email,
      locale: u.locale,
      active: u.active,
      grants: grants
        .filter((g) => g.user_id === u.id)
        .map((g) => ({ id: g.id, role: g.role as TUserView['grants'][number]['role'], unitId: g.unit_id! })),
    }));
  },

  async userGrantUnits(
    db: Executor,
    userId: string,
  ): Promise<{ kind: 'staff' | 'applicant'; unitIds: string[] } | undefined> {
    const user = await db.selectFrom('app_user').select('kind').where('id', '=', userId).executeTakeFirst();
    if (!user) return undefined;
    const grants = await db.selectFrom('role_grant').select('unit_id').where('user_id', '=', userId).execute();
    return { kind: user.kind, unitIds: grants.flatMap((g) => (g.unit_id ? [g.unit_id] : [])) };
  },

  /** A user by user name, any case, with whether they administer one of the given units. */
  async findUserByUsername(db: Executor, username: string, adminOfUnitIds: readonly string[]) {
    const user = await db
      .selectFrom('app_user')
      .select(['id', 'kind', 'active'])
      .where((eb) => eb(eb.fn('lower', ['username']), '=', username.toLowerCase()))
      .executeTakeFirst();
    if (!user) return undefined;
    const admin =
      adminOfUnitIds.length > 0 &&
      (await db
        .selectFrom('role_grant')
        .select('id')
        .where('user_id', '=', user.id)
        .where('role', '=', 'admin')
        .where('unit_id', 'in', adminOfUnitIds)
        .executeTakeFirst()) !== undefined;
    return { id: user.id, kind: user.kind, active: user.active, admin };
  },

  async usernameOf(db: Executor, id: string): Promise<string | null> {
    const row = await db.selectFrom('app_user').select('username').where('id', '=', id).executeTakeFirst();
    return row?.username ?? null;
  },

  async insertStaffUser(db: Executor, user: NewStaffUser): Promise<string> {
    const row = await db
      .insertInto('app_user')
      .values({
        kind: 'staff',
        username: user.username,
        display_name: user.displayName,
        email: user.email,
        locale: user.locale,
        password_hash: user.passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async updateUser(
    db: Executor,
    id: string,
    values: Partial<{
      display_name: string;
      email: string | null;
      locale: 'da' | 'en' | 'sv';
      active: boolean;
      password_hash: string;
    }>,
  ): Promise<void> {
    await db.updateTable('app_user').set(values).where('id', '=', id).execute();
  },

  async insertGrant(db: Executor, userId: string, role: string, unitId: string): Promise<string> {
    const row = await db
      .insertInto('role_grant')
      .values({ user_id: userId, role: role as never, unit_id: unitId })
      .onConflict((oc) => oc.columns(['user_id', 'role', 'unit_id']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) return row.id;
    const existing = await db
      .selectFrom('role_grant')
      .select('id')
      .where('user_id', '=', userId)
      .where('role', '=', role as never)
      .where('unit_id', '=', unitId)
      .executeTakeFirstOrThrow();
    return existing.id;
  },

  async findGrant(db: Executor, id: string) {
    return db
      .selectFrom('role_grant')
      .select(['id', 'user_id', 'role', 'unit_id'])
      .where('id', '=', id)
      .executeTakeFirst();
  },

  async deleteGrant(db: Executor, id: string): Promise<void> {
    await db.deleteFrom('role_grant').where('id', '=', id).execute();
  },
};
