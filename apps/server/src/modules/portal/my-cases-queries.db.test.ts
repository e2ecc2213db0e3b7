/**
 * "Mine sager" reads what it shows in a constant number of statements: a citizen with forty cases costs the same
 * as one with four, counted at the database pool, whether the forecasts come from memory or are read again.
 */
import { describe, expect, test } from 'vitest';
import { ENGINES } from '../../../test/support/test-database.js';
import { useTestApp } from '../../../test/support/test-app.js';
import { createUser, sessionFor, type TestSession } from '../../../test/support/test-auth.js';
import { countQueries } from '../../../test/support/query-counter.js';
import { applicantPrincipal, makeCaseType, makeUnit } from '../../../test/support/case-factories.js';
import type { Actor } from '../cases/index.js';
import { decideCase, openCase } from '../cases/index.js';
import { startApplication } from '../applications/index.js';

const system: Actor = { system: true, userId: null };

for (const engine of ENGINES) {
  describe(`the queries behind "Mine sager" [${engine}]`, () => {
    const t = useTestApp(engine);

    test('a citizen with 40 cases costs as many statements as one with 4', async () => {
      const { app, database } = t();
      const db = database.db;
      const unit = await makeUnit(db);
      const types = [
        await makeCaseType(db, unit.code, 'family-reunification'),
        await makeCaseType(db, unit.code, 'job-card'),
        await makeCaseType(db, unit.code, 'cash-benefit'),
      ];
      const citizens: { session: TestSession; cases: number }[] = [];
      for (const cases of [4, 40]) {
        const me = await createUser(db, { kind: 'applicant', displayName: `Citizen with ${cases}` });
        for (let i = 0; i < cases; i++) {
          const type = types[i % types.length];
          const c = await openCase(
            { db, actor: system, now: new Date(Date.UTC(2026, 0, 1 + i)) },
            { caseTypeCode: type.definition.code, channel: 'digital', applicant: { userId: me.id, name: 'Citizen' } },
          );
          // Every third case is decided: it is listed without a forecast, and it feeds the others' forecasts.
          if (i % 3 === 0)
            await decideCase({ db, actor: system, now: new Date(Date.UTC(2026, 2, 1 + i)) }, c.id, {
              expectedVersion: c.version,
              outcome: 'granted',
              reasons: 'Granted.',
              legalRules: ['§ 1'],
            });
        }
        // A draft too: drafts are listed first, with their case type's name.
        await startApplication(db, applicantPrincipal(me.id), types[1].definition.code);
        citizens.push({ session: await sessionFor(app, db, me.id), cases });
      }

      const counter = countQueries(database.pool);
      const page = async (session: TestSession) => {
        counter.reset();
        const res = await session.inject({ method: 'GET', url: '/mine-sager?lang=en' });
        expect(res.statusCode).toBe(200);
        return { body: res.body, queries: counter.count, texts: [...counter.texts] };
      };
      for (const c of citizens) await page(c.session); // the forecasts' histories are now in memory
      const [four, forty] = [await page(citizens[0].session), await page(citizens[1].session)];
      expect(four.body.match(/href="\/mine-sager\/SAG-/g)).toHaveLength(4);
      expect(forty.body.match(/href="\/mine-sager\/SAG-/g)).toHaveLength(40);
      expect(forty.body).toContain('(not sent)');
      expect(forty.body).toMatch(/By \d+ \w+ \d{4}/); // open cases show their expected decision
      expect(forty.queries, forty.texts.join('\n')).toBe(four.queries);
      // The session, the drafts and their case types, the cases; the forecasts' versions come with the cases.
      expect(four.queries, four.texts.join('\n')).toBe(4);

      // A decision of a type both have open cases of moves its forecast: each page reads the types' windows and
      // histories again, in two statements whatever the number of cases.
      const again = async (citizen: (typeof citizens)[number]) => {
        const open = await openCase(
          { db, actor: system, now: new Date(Date.UTC(2026, 3, 1)) },
          { caseTypeCode: types[1].definition.code, channel: 'digital', applicant: { name: 'Someone else' } },
        );
        await decideCase({ db, actor: system, now: new Date(Date.UTC(2026, 4, 1)) }, open.id, {
          expectedVersion: open.version,
          outcome: 'granted',
          reasons: 'Granted.',
          legalRules: ['§ 1'],
        });
        return page(citizen.session);
      };
      const [fourAfter, fortyAfter] = [await again(citizens[0]), await again(citizens[1])];
      expect(fourAfter.queries).toBe(four.queries + 2);
      expect(fortyAfter.queries, fortyAfter.texts.join('\n')).toBe(fourAfter.queries);
      counter.stop();
    });
  });
}
