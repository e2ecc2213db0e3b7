import type { Selectable } from 'kysely';
import type { Executor } from '../../platform/db/transaction.js';
import type { CaseAccessGrantTable } from './cases.tables.js';
import './cases.tables.js';

export type CaseAccessGrantRow = Selectable<CaseAccessGrantTable>;

export interface NewCaseAccessGrant {
  caseId: string;
  userId: string;
  purpose: string;
  reason: string;
  grantedAt: Date;
  expiresAt: Date;
}

export const caseAccessRepository = {
  async insert(db: Executor, g: NewCaseAccessGrant): Promise<CaseAccessGrantRow> {
    return db
      .insertInto('case_access_grant')
      .values({
        case_id: g.caseId,
        user_id: g.userId,
        purpose: g.purpose,
        reason: g.reason,
        granted_at: g.grantedAt,
        expires_at: g.expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** The grant of `userId` on the case that runs longest, among those still running at `at`. */
  async live(db: Executor, caseId: string, userId: string, at: Date): Promise<CaseAccessGrantRow | undefined> {
    return db
      .selectFrom('case_access_grant')
      .selectAll()
      .where('case_id', '=', caseId)
      .where('user_id', '=', userId)
      .where('granted_at', '<=', at)
      .where('expires_at', '>', at)
      .orderBy('expires_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },
};
