import { unitsWithRole, type Principal } from '../../../platform/auth/principal.js';
import type { Executor } from '../../../platform/db/transaction.js';
import { casesRepository as repo } from '../cases.repository.js';

/** The people a case in the principal's units can be given to (the team lead's reassignment list). */
export function listAssignees(db: Executor, principal: Principal) {
  return repo.assignees(db, unitsWithRole(principal, ['caseworker', 'teamlead']));
}
