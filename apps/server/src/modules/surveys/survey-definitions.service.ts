import { ZSurveyDefinition, type TSurveyDefinition } from '@sagsgang/contracts';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { AppError } from '../../platform/errors.js';
import { SURVEY_TEMPLATES } from './survey-templates.js';
import { surveysRepository as repo, type DefinitionRow } from './surveys.repository.js';

export interface PublishedSurvey {
  id: string;
  code: string;
  version: number;
  definition: TSurveyDefinition;
}

const view = (row: DefinitionRow): PublishedSurvey => ({
  id: row.id,
  code: row.code,
  version: row.version,
  definition: row.definition,
});

/**
 * Publishes a definition as the next version of its code. A version is never changed: answers keep the questions
 * they answered. Publishing what is already the current version changes nothing.
 */
export async function publishSurvey(db: Executor, input: unknown): Promise<PublishedSurvey> {
  const parsed = ZSurveyDefinition.safeParse(input);
  if (!parsed.success)
    throw new AppError('validation', 'The survey definition is not valid.', parsed.error.issues.slice(0, 20));
  const definition = parsed.data;
  return inTransaction(db, async (trx) => {
    const latest = await repo.latestOfCode(trx, definition.code);
    if (latest && JSON.stringify(latest.definition) === JSON.stringify(definition)) return view(latest);
    if (latest && latest.kind !== definition.kind)
      throw new AppError('conflict', `Survey ${definition.code} is of kind ${latest.kind}; a new version keeps it.`);
    const version = (latest?.version ?? 0) + 1;
    const r = await repo.insertDefinition(trx, { code: definition.code, version, kind: definition.kind, definition });
    return { id: r.id, code: definition.code, version, definition };
  });
}

/** Publishes the ready-made surveys (after a contact, after a decision, annual user and staff surveys). */
export async function publishSurveyTemplates(db: Executor): Promise<PublishedSurvey[]> {
  return inTransaction(db, async (trx) => {
    const out: PublishedSurvey[] = [];
    for (const t of SURVEY_TEMPLATES) out.push(await publishSurvey(trx, t));
    return out;
  });
}

/** The current version of every survey. */
export async function listSurveys(db: Executor): Promise<PublishedSurvey[]> {
  return (await repo.currentDefinitions(db)).map(view);
}

export async function currentSurvey(db: Executor, code: string): Promise<PublishedSurvey> {
  const row = await repo.latestOfCode(db, code);
  if (!row) throw new AppError('not_found', `There is no survey ${code}.`);
  return view(row);
}
