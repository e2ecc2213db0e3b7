import type { TContactTopic, TSaveContactTopic } from '@sagsgang/contracts';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { AUDIT_PURPOSES } from '@sagsgang/contracts';
import { listCaseTypes } from '../case-types/index.js';
import { topicsRepository as repo, type TopicRow } from './topics.repository.js';

const empty = { da: '', en: '' };

function answersOf(raw: unknown): TContactTopic['answers'] {
  return Array.isArray(raw) ? (raw as TContactTopic['answers']) : [];
}

function ownTopic(r: TopicRow): TContactTopic {
  return {
    code: r.code,
    name: { da: r.name_da, en: r.name_en },
    source: 'own',
    unitId: r.unit_id,
    canResolve: { da: r.can_resolve_da, en: r.can_resolve_en },
    mustForward: { da: r.must_forward_da, en: r.must_forward_en },
    answers: answersOf(r.standard_answers),
  };
}

/**
 * The topics an inquiry can be about: every active case type's KLE topic, and the authority's own topics. Where
 * the authority wrote a charter for a case type's topic, its own entry (name, charter, answers) wins.
 */
export async function listTopics(db: Executor): Promise<TContactTopic[]> {
  const [types, own] = await Promise.all([listCaseTypes(db), repo.all(db)]);
  const byCode = new Map<string, TContactTopic>();
  for (const t of types) {
    if (!t.active || byCode.has(t.topicCode)) continue;
    byCode.set(t.topicCode, {
      code: t.topicCode,
      name: t.name,
      source: 'case_type',
      unitId: t.unitId,
      canResolve: empty,
      mustForward: empty,
      answers: [],
    });
  }
  for (const r of own) byCode.set(r.code, { ...ownTopic(r), unitId: r.unit_id ?? byCode.get(r.code)?.unitId ?? null });
  return [...byCode.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/** Adds or changes one of the authority's own topics and its telephone charter. */
export async function saveTopic(db: Executor, input: TSaveContactTopic & { actorId: string; requestId?: string }) {
  await inTransaction(db, async (trx) => {
    await repo.upsert(trx, {
      code: input.code,
      name_da: input.name.da,
      name_en: input.name.en,
      unit_id: input.unitId,
      can_resolve_da: input.canResolve.da,
      can_resolve_en: input.canResolve.en,
      must_forward_da: input.mustForward.da,
      must_forward_en: input.mustForward.en,
      standard_answers: JSON.stringify(input.answers),
    });
    await recordAudit(trx, {
      actorUserId: input.actorId,
      action: 'update',
      entityType: 'contact_topic',
      entityId: input.code,
      purpose: AUDIT_PURPOSES.organisationAdministration,
      requestId: input.requestId ?? null,
    });
  });
}
