import { beforeAll, describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import {
  createUnitTree,
  createUser,
  sessionFor,
  signIn,
  type TestSession,
  type UnitTree,
} from '../../../test/support/test-auth.js';

for (const engine of ENGINES) {
  describe(`organisation API [${engine}]`, () => {
    const t = useTestApp(engine);
    let units: UnitTree;
    let centreAdmin: TestSession;
    let centreAdminId: string;

    beforeAll(async () => {
      units = await createUnitTree(t().database.db);
      const admin = await createUser(t().database.db, { grants: [{ role: 'admin', unitId: units.centreA }] });
      centreAdminId = admin.id;
      centreAdmin = await sessionFor(t().app, t().database.db, admin.id);
    });

    const deniedFor = (actorId: string) =>
      t()
        .database.db.selectFrom('audit_log')
        .selectAll()
        .where('actor_user_id', '=', actorId)
        .where('action', '=', 'denied')
        .execute();

    test('staff read the unit tree; applicants and anonymous visitors do not', async () => {
      const res = await centreAdmin.inject({ method: 'GET', url: '/api/units' });
      expect(res.statusCode).toBe(200);
      const root = res.json().find((u: { id: string }) => u.id === units.authority);
      expect(root.children.map((c: { id: string }) => c.id).sort()).toEqual([units.centreA, units.centreB].sort());
      const applicant = await createUser(t().database.db, { kind: 'applicant' });
      expect(
        (await (await sessionFor(t().app, t().database.db, applicant.id)).inject({ method: 'GET', url: '/api/units' }))
          .statusCode,
      ).toBe(403);
      expect((await t().app.inject({ method: 'GET', url: '/api/units' })).statusCode).toBe(401);
    });

    test('an admin creates a team in their centre but not in another, and the refusal is audited', async () => {
      const ok = await centreAdmin.inject({
        method: 'POST',
        url: '/api/units',
        payload: {
          parentId: units.centreA,
          kind: 'team',
          code: `new-team-${engine}`,
          nameDa: 'Nyt team',
          nameEn: 'New team',
        },
      });
      expect(ok.statusCode).toBe(201);
      const refused = await centreAdmin.inject({
        method: 'POST',
        url: '/api/units',
        payload: { parentId: units.centreB, kind: 'team', code: `other-${engine}`, nameDa: 'X', nameEn: 'X' },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.details).toMatchObject({ reason: 'unit_not_administered', unitId: units.centreB });
      const denied = await deniedFor(centreAdminId);
      expect(denied.some((d) => (d.details as { unitId?: string }).unitId === units.centreB)).toBe(true);
      const stored = await t()
        .database.db.selectFrom('unit')
        .select('id')
        .where('code', '=', `other-${engine}`)
        .execute();
      expect(stored).toEqual([]);
    });

    test('unknown fields and bad values are refused with the field named, and nothing is stored', async () => {
      const res = await centreAdmin.inject({
        method: 'POST',
        url: '/api/units',
        payload: { parentId: units.centreA, kind: 'team', code: 'x-unknown', nameDa: 'X', nameEn: 'X', budget: 1 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('validation');
      const bad = await centreAdmin.inject({
        method: 'POST',
        url: '/api/units',
        payload: { parentId: 'not-a-uuid', kind: 'team', code: 'Has Spaces', nameDa: '', nameEn: 'X' },
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.message).toMatch(/parentId/);
      expect(await t().database.db.selectFrom('unit').select('id').where('code', '=', 'x-unknown').execute()).toEqual(
        [],
      );
    });

    test('a caseworker cannot administer, and the attempt is audited', async () => {
      const cw = await createUser(t().database.db, { grants: [{ role: 'caseworker', unitId: units.centreA }] });
      const s = await sessionFor(t().app, t().database.db, cw.id);
      const res = await s.inject({
        method: 'POST',
        url: '/api/units',
        payload: { parentId: units.centreA, kind: 'team', code: 'cw-team', nameDa: 'X', nameEn: 'X' },
      });
      expect(res.statusCode).toBe(403);
      expect(await deniedFor(cw.id)).toHaveLength(1);
    });

    test('units cannot move below themselves; empty units can be deleted, units with people cannot', async () => {
      const cycle = await centreAdmin.inject({
        method: 'PATCH',
        url: `/api/units/${units.centreA}`,
        payload: { parentId: units.teamA1 },
      });
      expect(cycle.statusCode).toBe(409);
      expect(cycle.json().error.code).toBe('invalid_state');
      expect(cycle.json().error.details).toEqual({ reason: 'move_below_itself' });
      const empty = await centreAdmin.inject({
        method: 'POST',
        url: '/api/units',
        payload: { parentId: units.centreA, kind: 'team', code: `empty-${engine}`, nameDa: 'Tom', nameEn: 'Empty' },
      });
      expect((await centreAdmin.inject({ method: 'DELETE', url: `/api/units/${empty.json().id}` })).statusCode).toBe(
        204,
      );
      await createUser(t().database.db, { grants: [{ role: 'frontline', unitId: units.teamA2 }] });
      const withPeople = await centreAdmin.inject({ method: 'DELETE', url: `/api/units/${units.teamA2}` });
      expect(withPeople.statusCode).toBe(409);
      expect(withPeople.json().error).toMatchObject({ code: 'conflict', details: { reason: 'unit_not_empty' } });
      const ontoItself = await centreAdmin.inject({
        method: 'PATCH',
        url: `/api/units/${units.centreA}`,
        payload: { parentId: units.centreA },
      });
      expect(ontoItself.json().error.details).toEqual({ reason: 'move_below_itself' });
    });

    test('an authority admin cannot move a centre below its own team', async () => {
      const top = await createUser(t().database.db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const s = await sessionFor(t().app, t().database.db, top.id);
      const res = await s.inject({
        method: 'PATCH',
        url: `/api/units/${units.centreB}`,
        payload: { parentId: units.teamB1 },
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('invalid_state');
      const renamed = await s.inject({
        method: 'PATCH',
        url: `/api/units/${units.centreB}`,
        payload: { nameEn: 'Centre B renamed' },
      });
      expect(renamed.statusCode).toBe(204);
    });

    test('an admin creates a user who can sign in, sees only their own staff, and can deactivate them', async () => {
      const created = await centreAdmin.inject({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: `new.worker.${engine}`,
          displayName: 'Ny Medarbejder',
          password: 'a-long-password-1',
          grants: [{ role: 'caseworker', unitId: units.teamA1 }],
        },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      const s = await signIn(t().app, `new.worker.${engine}`, 'a-long-password-1');
      expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).json().user.id).toBe(id);

      const outsider = await createUser(t().database.db, { grants: [{ role: 'caseworker', unitId: units.teamB1 }] });
      const list = (await centreAdmin.inject({ method: 'GET', url: '/api/users' })).json() as { id: string }[];
      expect(list.map((u) => u.id)).toContain(id);
      expect(list.map((u) => u.id)).not.toContain(outsider.id);
      const foreign = await centreAdmin.inject({ method: 'GET', url: `/api/users/${outsider.id}` });
      expect(foreign.statusCode).toBe(403);
      expect(foreign.json().error.details).toMatchObject({ reason: 'user_outside_reach' });
      const denied = await deniedFor(centreAdminId);
      expect(denied.some((d) => (d.details as { subjectUserId?: string }).subjectUserId === outsider.id)).toBe(true);

      const off = await centreAdmin.inject({ method: 'PATCH', url: `/api/users/${id}`, payload: { active: false } });
      expect(off.statusCode).toBe(204);
      expect((await s.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
      const audit = await t()
        .database.db.selectFrom('audit_log')
        .select(['action', 'details'])
        .where('subject_user_id', '=', id)
        .where('actor_user_id', '=', centreAdminId)
        .execute();
      expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
      expect(JSON.stringify(audit)).not.toContain('a-long-password-1');
    });

    test('a password or deactivation needs an admin of all the person’s units; a name needs only reach', async () => {
      const db = t().database.db;
      // Caseworker in centre A, and admin of centre B: centre A's admin reaches them, but must not take them over.
      const both = await createUser(db, {
        grants: [
          { role: 'caseworker', unitId: units.teamA1 },
          { role: 'admin', unitId: units.centreB },
        ],
      });
      for (const payload of [{ password: 'taken-over-password' }, { active: false }, { active: true }]) {
        const res = await centreAdmin.inject({ method: 'PATCH', url: `/api/users/${both.id}`, payload });
        expect(res.statusCode, JSON.stringify(payload)).toBe(403);
      }
      expect((await signIn(t().app, both.username, both.password)).cookie).toBeTruthy(); // the old password still works
      const renamed = await centreAdmin.inject({
        method: 'PATCH',
        url: `/api/users/${both.id}`,
        payload: { displayName: 'Omdøbt Medarbejder' },
      });
      expect(renamed.statusCode).toBe(204);
      const denied = await deniedFor(centreAdminId);
      expect(denied.filter((d) => (d.details as { subjectUserId?: string }).subjectUserId === both.id)).toHaveLength(3);

      const own = await createUser(db, { grants: [{ role: 'caseworker', unitId: units.teamA2 }] });
      expect(
        (
          await centreAdmin.inject({
            method: 'PATCH',
            url: `/api/users/${own.id}`,
            payload: { password: 'a-new-long-password' },
          })
        ).statusCode,
      ).toBe(204);
      const top = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const authorityAdmin = await sessionFor(t().app, db, top.id);
      expect(
        (await authorityAdmin.inject({ method: 'PATCH', url: `/api/users/${both.id}`, payload: { active: false } }))
          .statusCode,
      ).toBe(204);
    });

    test('a user cannot be created with a role outside the admin’s units, nor with a taken user name', async () => {
      const outside = await centreAdmin.inject({
        method: 'POST',
        url: '/api/users',
        payload: { username: 'x.outside', displayName: 'X', grants: [{ role: 'admin', unitId: units.authority }] },
      });
      expect(outside.statusCode).toBe(403);
      const existing = await createUser(t().database.db, { grants: [{ role: 'analyst', unitId: units.teamA1 }] });
      const taken = await centreAdmin.inject({
        method: 'POST',
        url: '/api/users',
        payload: {
          username: existing.username.toUpperCase(),
          displayName: 'X',
          grants: [{ role: 'analyst', unitId: units.teamA1 }],
        },
      });
      expect(taken.statusCode).toBe(409);
      // The form can mark the field the refusal is about.
      expect(taken.json().error.details).toEqual([{ path: '/username', message: 'is taken' }]);
    });

    test('the user list searches name, user name and e-mail; citizens are listed only for an authority-wide admin', async () => {
      const db = t().database.db;
      const tag = `srch${engine}`;
      const staff = await createUser(db, {
        displayName: `Ølga ${tag} Hansen`,
        grants: [{ role: 'caseworker', unitId: units.teamA1 }],
      });
      const literal = await createUser(db, {
        displayName: `Procent 100%_${tag}`,
        grants: [{ role: 'caseworker', unitId: units.teamA2 }],
      });
      const outside = await createUser(db, {
        displayName: `Bo ${tag} Udenfor`,
        grants: [{ role: 'caseworker', unitId: units.teamB1 }],
      });
      const citizen = await createUser(db, { kind: 'applicant', displayName: `Borger ${tag}` });
      const ids = async (s: TestSession, query: string) => {
        const res = await s.inject({ method: 'GET', url: `/api/users?${query}` });
        expect(res.statusCode, res.body).toBe(200);
        return (res.json() as { id: string }[]).map((u) => u.id);
      };

      expect((await ids(centreAdmin, `q=${tag.toUpperCase()}`)).sort()).toEqual([staff.id, literal.id].sort());
      expect(await ids(centreAdmin, `q=${encodeURIComponent(staff.username)}`)).toEqual([staff.id]);
      expect(await ids(centreAdmin, `q=${encodeURIComponent('100%_')}`)).toEqual([literal.id]); // % and _ are plain text
      expect(await ids(centreAdmin, `q=${encodeURIComponent('1%0')}`)).toEqual([]);
      expect(await ids(centreAdmin, `q=${tag}&kind=applicant`)).toEqual([]);
      expect(await ids(centreAdmin, `q=${tag}&kind=all`)).not.toContain(citizen.id);

      const top = await createUser(db, { grants: [{ role: 'admin', unitId: units.authority }] });
      const authorityAdmin = await sessionFor(t().app, db, top.id);
      expect((await ids(authorityAdmin, `q=${tag}`)).sort()).toEqual([staff.id, literal.id, outside.id].sort());
      expect(await ids(authorityAdmin, `q=${tag}&kind=applicant`)).toEqual([citizen.id]);
      expect(await ids(authorityAdmin, `q=${tag}&kind=all`)).toHaveLength(4);
      expect(await ids(authorityAdmin, `q=${tag}&kind=all&limit=2`)).toHaveLength(2);
      for (const bad of ['kind=robots', 'limit=0', `q=${'x'.repeat(101)}`, 'colour=red']) {
        expect((await authorityAdmin.inject({ method: 'GET', url: `/api/users?${bad}` })).statusCode, bad).toBe(400);
      }
    });

    test('roles are granted and revoked within scope; an admin cannot remove their own admin role', async () => {
      const user = await createUser(t().database.db, { grants: [{ role: 'frontline', unitId: units.teamB1 }] });
      const grant = await centreAdmin.inject({
        method: 'POST',
        url: `/api/users/${user.id}/grants`,
        payload: { role: 'caseworker', unitId: units.teamA1 },
      });
      expect(grant.statusCode).toBe(201);
      const view = (await centreAdmin.inject({ method: 'GET', url: `/api/users/${user.id}` })).json();
      expect(view.grants).toHaveLength(2);
      const otherGrant = view.grants.find((g: { unitId: string }) => g.unitId === units.teamB1);
      expect(
        (await centreAdmin.inject({ method: 'DELETE', url: `/api/users/${user.id}/grants/${otherGrant.id}` }))
          .statusCode,
      ).toBe(403);
      expect(
        (await centreAdmin.inject({ method: 'DELETE', url: `/api/users/${user.id}/grants/${grant.json().id}` }))
          .statusCode,
      ).toBe(204);
      const own = (await centreAdmin.inject({ method: 'GET', url: `/api/users/${centreAdminId}` })).json();
      const ownAdmin = await centreAdmin.inject({
        method: 'DELETE',
        url: `/api/users/${centreAdminId}/grants/${own.grants[0].id}`,
      });
      expect(ownAdmin.statusCode).toBe(409);
      expect(ownAdmin.json().error).toMatchObject({ code: 'invalid_state', details: { reason: 'remove_own_admin' } });
      const self = await centreAdmin.inject({
        method: 'PATCH',
        url: `/api/users/${centreAdminId}`,
        payload: { active: false },
      });
      expect(self.statusCode).toBe(409);
      expect(self.json().error).toMatchObject({ code: 'invalid_state', details: { reason: 'deactivate_self' } });
    });
  });
}
