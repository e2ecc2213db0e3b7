import { expect, test } from 'vitest';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import {
  addMissingUnits,
  caseworkersOf,
  firstAuthorityId,
  importOrganisation,
  unitIdByCode,
  type ImportedAccount,
} from './index.js';

const staff = (username: string, unitCode: string): ImportedAccount => ({
  kind: 'staff',
  username,
  displayName: username,
  email: null,
  passwordHash: null,
  role: 'caseworker',
  unitCode,
});

describeEachEngine('importing an organisation', (database) => {
  test('adds units under parents named by code, and accounts with their one role', async () => {
    const db = database().db;
    const made = await importOrganisation(db, {
      units: [
        { code: 'imp-town', parentCode: null, kind: 'authority', nameDa: 'By', nameEn: 'Town' },
        { code: 'imp-team', parentCode: 'imp-town', kind: 'team', nameDa: 'Hold', nameEn: 'Team' },
      ],
      accounts: [
        staff('imp-worker', 'imp-team'),
        {
          kind: 'applicant',
          username: 'imp-citizen',
          displayName: 'Citizen',
          email: 'c@example.dk',
          passwordHash: null,
          organisation: { name: 'Firma ApS', cvr: '12345678' },
          role: 'applicant',
          unitCode: null,
        },
      ],
    });
    const team = await db
      .selectFrom('unit')
      .select(['id', 'parent_id'])
      .where('code', '=', 'imp-team')
      .executeTakeFirstOrThrow();
    expect(team).toEqual({ id: made.units['imp-team'], parent_id: made.units['imp-town'] });
    expect(await firstAuthorityId(db)).toBe(made.units['imp-town']);
    expect(await caseworkersOf(db, made.units['imp-team'])).toEqual([made.users['imp-worker']]);
    const grants = await db
      .selectFrom('role_grant')
      .select(['role', 'unit_id'])
      .where('user_id', '=', made.users['imp-citizen'])
      .execute();
    expect(grants).toEqual([{ role: 'applicant', unit_id: null }]);
    const citizen = await db
      .selectFrom('app_user')
      .select(['kind', 'organisation_cvr'])
      .where('id', '=', made.users['imp-citizen'])
      .executeTakeFirstOrThrow();
    expect(citizen).toEqual({ kind: 'applicant', organisation_cvr: '12345678' });

    // Units that exist are left alone; missing ones are added under the given parent.
    await addMissingUnits(db, made.units['imp-town'], [
      { code: 'imp-team', kind: 'team', nameDa: 'Andet navn', nameEn: 'Other name' },
      { code: 'imp-new', kind: 'team', nameDa: 'Nyt', nameEn: 'New' },
    ]);
    expect(await unitIdByCode(db, 'imp-team')).toBe(made.units['imp-team']);
    const names = await db
      .selectFrom('unit')
      .select(['code', 'name_en'])
      .where('code', 'like', 'imp-%')
      .orderBy('code')
      .execute();
    expect(names).toEqual([
      { code: 'imp-new', name_en: 'New' },
      { code: 'imp-team', name_en: 'Team' },
      { code: 'imp-town', name_en: 'Town' },
    ]);
  });

  test('a parent or unit named by a code outside the import is refused, and nothing of it stays', async () => {
    const db = database().db;
    const units = () => db.selectFrom('unit').select('code').where('code', 'like', 'bad-%').execute();
    await expect(
      inTransaction(db, (trx) =>
        importOrganisation(trx, {
          units: [
            { code: 'bad-a', parentCode: null, kind: 'authority', nameDa: 'A', nameEn: 'A' },
            { code: 'bad-b', parentCode: 'bad-missing', kind: 'team', nameDa: 'B', nameEn: 'B' },
          ],
          accounts: [],
        }),
      ),
    ).rejects.toThrow('unit bad-missing is not part of this import');
    expect(await units()).toEqual([]);
    await expect(
      inTransaction(db, (trx) =>
        importOrganisation(trx, {
          units: [{ code: 'bad-c', parentCode: null, kind: 'authority', nameDa: 'C', nameEn: 'C' }],
          accounts: [staff('bad-worker', 'bad-elsewhere')],
        }),
      ),
    ).rejects.toThrow('unit bad-elsewhere is not part of this import');
    expect(await units()).toEqual([]);
  });
});
