import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUnitTree, createUser, sessionFor } from '../../../test/support/test-auth.js';
import { definitionFor } from '../../../test/support/case-factories.js';

for (const engine of ENGINES) {
  describe(`case types belong to the unit that handles them [${engine}]`, () => {
    const t = useTestApp(engine);

    async function world() {
      const db = t().database.db;
      const units = await createUnitTree(db);
      const admin = async (unitId: string) =>
        sessionFor(t().app, db, (await createUser(db, { grants: [{ role: 'admin', unitId }] })).id);
      return { db, units, adminA: await admin(units.centreA), adminB: await admin(units.centreB) };
    }

    const exportFile = (caseTypes: unknown[]) => ({
      format: 'sagsgang.case-types',
      formatVersion: 1,
      exportedAt: new Date().toISOString(),
      caseTypes,
    });

    test('an admin publishes for units they administer, and no other admin may change, take over or import over it', async () => {
      const w = await world();
      const definition = definitionFor(w.units.codes.teamA1);
      expect((await w.adminA.inject({ method: 'POST', url: '/api/case-types', payload: definition })).statusCode).toBe(
        201,
      );

      const changed = { ...definition, name: { ...definition.name, da: 'Overtaget' } };
      const refusals = [
        await w.adminB.inject({ method: 'POST', url: '/api/case-types', payload: changed }),
        await w.adminB.inject({
          method: 'POST',
          url: '/api/case-types',
          payload: { ...changed, unitCode: w.units.codes.teamB1 },
        }),
        await w.adminB.inject({ method: 'POST', url: '/api/case-types', payload: definitionFor(w.units.codes.teamA2) }),
        await w.adminB.inject({
          method: 'POST',
          url: '/api/case-types/import',
          payload: exportFile([definitionFor(w.units.codes.teamB1), changed]),
        }),
      ];
      for (const res of refusals) {
        expect(res.statusCode).toBe(403);
        const denied = await w.db
          .selectFrom('audit_log')
          .select('action')
          .where('request_id', '=', res.json().requestId)
          .executeTakeFirst();
        expect(denied?.action).toBe('denied');
      }
      const detail = (await w.adminA.inject({ method: 'GET', url: `/api/case-types/${definition.code}` })).json();
      expect(detail).toMatchObject({ currentVersion: 1, unitId: w.units.teamA1 });
      expect(detail.definition.name.da).toBe(definition.name.da);

      // The refused import published nothing, not even its first definition, which was the admin's own.
      const own = definitionFor(w.units.codes.teamB1);
      expect(
        (await w.adminB.inject({ method: 'POST', url: '/api/case-types/import', payload: exportFile([own, changed]) }))
          .statusCode,
      ).toBe(403);
      expect((await w.adminB.inject({ method: 'GET', url: `/api/case-types/${own.code}` })).statusCode).toBe(404);
      expect(
        (await w.adminB.inject({ method: 'POST', url: '/api/case-types/import', payload: exportFile([own]) })).json(),
      ).toEqual({ published: [{ code: own.code, version: 1 }], unchanged: [] });
    });
  });
}
