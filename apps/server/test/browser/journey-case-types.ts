import type { TCaseTypeDefinition } from '@sagsgang/contracts';
import { publishCaseType } from '../../src/modules/case-types/index.js';
import { demoCaseTypes } from '../../src/modules/demo/index.js';
import type { Executor } from '../../src/platform/db/transaction.js';

/** The demo's family-reunification case type under its own code, handled by the demo's family-reunification team. */
export async function publishFamilyReunification(db: Executor, code: string): Promise<TCaseTypeDefinition> {
  const team = await db
    .selectFrom('unit')
    .select(['code'])
    .where('name_da', '=', 'Team Familiesammenføring')
    .executeTakeFirstOrThrow();
  const definition = { ...demoCaseTypes().find((d) => d.code === 'family-reunification')!, code, unitCode: team.code };
  await publishCaseType(db, definition, null);
  return definition;
}
