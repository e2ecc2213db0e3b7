import {
  ZCaseTypeDefinition,
  ZCaseTypeExport,
  approximateDays,
  describeIssues,
  type TCaseTypeDefinition,
  type TCaseTypeDetail,
  type TCaseTypeExport,
  type TCaseTypeImportResult,
  type TCaseTypeSummary,
  type FieldIssueDetail,
} from '@sagsgang/contracts';
import { AppError } from '../../platform/errors.js';
import { assertRole, type Principal } from '../../platform/auth/principal.js';
import { inTransaction, type Executor } from '../../platform/db/transaction.js';
import { caseTypesRepository as repo, type CaseTypeVersionRow } from './case-types.repository.js';

/** Parses an untrusted definition; a refusal names every offending field ("serviceGoal.duration.amount: …"). */
export function parseCaseTypeDefinition(input: unknown, pathPrefix = ''): TCaseTypeDefinition {
  const parsed = ZCaseTypeDefinition.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = describeIssues(parsed.error).map((i) => ({ ...i, path: pathPrefix + i.path }));
  throw new AppError(
    'validation',
    'The case type is not valid: ' + issues.map((i) => `${i.path}: ${i.message}`).join('; '),
    issues,
  );
}

// jsonb does not keep key order, so compare with keys sorted.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function sameDefinition(a: TCaseTypeDefinition, b: TCaseTypeDefinition): boolean {
  return canonical(a) === canonical(b);
}

export interface PublishResult {
  code: string;
  caseTypeId: string;
  versionId: string;
  version: number;
  /** False when the definition equals the current version: nothing was published. */
  published: boolean;
}

/** Publishes a definition as the next version of its case type (creating the type on first publish). */
export async function publishCaseType(
  executor: Executor,
  input: unknown,
  publishedBy: string | null,
  pathPrefix = '',
): Promise<PublishResult> {
  const definition = parseCaseTypeDefinition(input, pathPrefix);
  return inTransaction(executor, async (trx) => {
    const unitId = await repo.unitIdByCode(trx, definition.unitCode);
    if (!unitId) {
      const path = `${pathPrefix}unitCode`;
      throw new AppError('validation', `${path}: no unit has the code "${definition.unitCode}"`, [
        { path, message: 'unknown unit', keyword: 'custom', params: { rule: 'unknown_unit' } },
      ]);
    }
    let type = await repo.findTypeForUpdate(trx, definition.code);
    const caseTypeId = type?.id ?? (await repo.insertType(trx, definition.code));
    type ??= await repo.findTypeForUpdate(trx, definition.code);
    const current =
      type && type.current_version > 0 ? await repo.currentVersionByCode(trx, definition.code) : undefined;
    if (current && current.unitId === unitId && sameDefinition(current.definition, definition)) {
      return {
        code: definition.code,
        caseTypeId,
        versionId: current.versionId,
        version: current.version,
        published: false,
      };
    }
    const version = (current?.version ?? 0) + 1;
    const goalDays = Math.round(approximateDays(definition.serviceGoal.duration));
    const versionId = await repo.insertVersion(trx, { caseTypeId, version, definition, unitId, goalDays, publishedBy });
    return { code: definition.code, caseTypeId, versionId, version, published: true };
  });
}

/**
 * A case type belongs to the unit that handles it: an admin may publish it only for a unit they administer, and only
 * take over one that is now handled by a unit they administer. Checked before publishing; a definition naming an
 * unknown unit is left to publishing, which refuses it naming the field.
 */
export async function assertMayPublish(
  executor: Executor,
  principal: Principal,
  definitions: unknown[],
): Promise<void> {
  for (const d of definitions) {
    const { code, unitCode } = (d && typeof d === 'object' ? d : {}) as { code?: unknown; unitCode?: unknown };
    const unitId = typeof unitCode === 'string' ? await repo.unitIdByCode(executor, unitCode) : undefined;
    if (unitId) assertRole(principal, ['admin'], unitId);
    const current = typeof code === 'string' ? await repo.currentVersionByCode(executor, code) : undefined;
    if (current) assertRole(principal, ['admin'], current.unitId);
  }
}

function toSummary(row: CaseTypeVersionRow): TCaseTypeSummary {
  const d = row.definition;
  return {
    id: row.caseTypeId,
    code: row.code,
    name: d.name,
    topicCode: d.topicCode,
    unitId: row.unitId,
    unitCode: d.unitCode,
    currentVersion: row.currentVersion,
    versionId: row.versionId,
    serviceGoal: d.serviceGoal,
    active: row.active,
  };
}

export async function listCaseTypes(executor: Executor): Promise<TCaseTypeSummary[]> {
  return (await repo.currentVersions(executor)).map(toSummary);
}

export async function getCaseType(executor: Executor, code: string): Promise<TCaseTypeDetail> {
  const row = await repo.currentVersionByCode(executor, code);
  if (!row) throw new AppError('not_found', `No case type has the code "${code}".`);
  const versions = await repo.versionsOf(executor, row.caseTypeId);
  return {
    ...toSummary(row),
    definition: row.definition,
    versions: versions.map((v) => ({
      id: v.id,
      version: v.version,
      publishedAt: v.publishedAt.toISOString(),
      publishedBy: v.publishedBy,
    })),
  };
}

/** The version a case was opened under; cases keep it even after newer versions are published. */
export async function getCaseTypeVersion(executor: Executor, versionId: string): Promise<CaseTypeVersionRow> {
  const row = await repo.versionById(executor, versionId);
  if (!row) throw new AppError('not_found', 'No such case-type version.');
  return row;
}

/** Several case-type versions by id in one read, keyed by version id; unknown ids are left out. */
export async function getCaseTypeVersions(
  executor: Executor,
  versionIds: readonly string[],
): Promise<Map<string, CaseTypeVersionRow>> {
  const rows = await repo.versionsByIds(executor, versionIds);
  return new Map(rows.map((r) => [r.versionId, r]));
}

export async function getCurrentCaseTypeVersion(executor: Executor, code: string): Promise<CaseTypeVersionRow> {
  const row = await repo.currentVersionByCode(executor, code);
  if (!row)
    throw new AppError('validation', `caseTypeCode: no case type has the code "${code}"`, [
      { path: 'caseTypeCode', message: 'unknown case type', keyword: 'custom', params: { rule: 'unknown_case_type' } },
    ]);
  return row;
}

export async function exportCaseTypes(executor: Executor, codes?: string[]): Promise<TCaseTypeExport> {
  const rows = await repo.currentVersions(executor);
  const wanted = codes && codes.length > 0 ? rows.filter((r) => codes.includes(r.code)) : rows;
  return {
    format: 'sagsgang.case-types',
    formatVersion: 1,
    exportedAt: new Date().toISOString(),
    caseTypes: wanted.map((r) => r.definition),
  };
}

/** Imports a whole export file in one transaction: every definition is valid, or nothing is published. */
export async function importCaseTypes(
  executor: Executor,
  input: unknown,
  publishedBy: string | null,
): Promise<TCaseTypeImportResult> {
  const parsed = ZCaseTypeExport.safeParse(input);
  if (!parsed.success) {
    const issues = describeIssues(parsed.error);
    throw new AppError(
      'validation',
      'This is not a case-type export file: ' + issues.map((i) => `${i.path}: ${i.message}`).join('; '),
      issues,
    );
  }
  // Validate all before writing, so the refusal lists every bad field of every definition at once.
  const problems: FieldIssueDetail[] = [];
  parsed.data.caseTypes.forEach((d, i) => {
    try {
      parseCaseTypeDefinition(d, `caseTypes[${i}].`);
    } catch (err) {
      if (err instanceof AppError) problems.push(...(err.details as typeof problems));
      else throw err;
    }
  });
  if (problems.length)
    throw new AppError(
      'validation',
      'The import was refused: ' + problems.map((p) => `${p.path}: ${p.message}`).join('; '),
      problems,
    );
  return inTransaction(executor, async (trx) => {
    const result: TCaseTypeImportResult = { published: [], unchanged: [] };
    for (const [i, d] of parsed.data.caseTypes.entries()) {
      const r = await publishCaseType(trx, d, publishedBy, `caseTypes[${i}].`);
      if (r.published) result.published.push({ code: r.code, version: r.version });
      else result.unchanged.push(r.code);
    }
    return result;
  });
}
