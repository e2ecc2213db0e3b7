import { localDateOf } from '@sagsgang/clock';
import type { Locale } from '@sagsgang/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { translator } from '../../platform/i18n/i18n.js';
import { applicationsRepository } from '../applications/index.js';
import { getCaseTypeVersion, listCaseTypes } from '../case-types/index.js';
import { expectedDecision, getApplicantCaseFile, listApplicantCases } from '../cases/index.js';
import { lt } from './apply-components.js';
import { expectedShort } from './expected-block.js';
import { serviceGoalText } from './pages/apply-texts.js';
import type { ApplyEntry, MyCaseEntry, PortalSources } from './portal-sources.js';

async function applyEntries(ctx: AppContext, locale: Locale): Promise<ApplyEntry[]> {
  const t = translator(locale);
  const types = (await listCaseTypes(ctx.database.db)).filter((c) => c.active);
  const collator = new Intl.Collator(locale);
  return types
    .map((c) => ({
      name: lt(c.name, locale),
      href: `/ansoeg/${encodeURIComponent(c.code)}`,
      serviceGoal: serviceGoalText(t, c.serviceGoal),
    }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** Drafts first (they need the applicant), then cases, newest first; each with its honest expected date. */
async function myCases(ctx: AppContext, principal: Principal, locale: Locale): Promise<MyCaseEntry[]> {
  const db = ctx.database.db;
  const t = translator(locale);
  const today = localDateOf(new Date());
  const drafts = await applicationsRepository.draftsOf(db, principal.userId);
  const draftEntries = await Promise.all(
    drafts.map(async (d) => {
      const version = await getCaseTypeVersion(db, d.case_type_version_id);
      return {
        title: t('myCases:draftTitle', { caseType: lt(version.definition.name, locale) }),
        href: `/ansoeg/${encodeURIComponent(version.code)}`,
        status: t('myCases:stateDraft'),
      };
    }),
  );
  const cases = await listApplicantCases(db, principal);
  const caseEntries = await Promise.all(
    cases.map(async (c) => {
      const file = await getApplicantCaseFile(db, principal, c.reference);
      const decided = c.state === 'decided' || c.state === 'closed';
      const expected = decided
        ? undefined
        : expectedShort(
            t,
            locale,
            await expectedDecision(db, {
              caseTypeId: file.case.case_type_id,
              phaseCode: file.case.phase_code,
              receivedDate: localDateOf(new Date(file.case.received_at)),
              today,
              goalDate: file.clock?.deadlineDate ?? null,
              paused: file.clock?.state === 'paused',
              decided,
            }),
          );
      return {
        title: `${lt(c.caseTypeName, locale)} – ${c.reference}`,
        href: `/mine-sager/${encodeURIComponent(c.reference)}`,
        status: t(`myCases:state_${c.state}`),
        expected,
      };
    }),
  );
  return [...draftEntries, ...caseEntries];
}

/** What the applicant capabilities put into the portal frame's front page and "Mine sager" list. */
export function applicantSources(ctx: AppContext): PortalSources {
  return {
    applyEntries: (locale) => applyEntries(ctx, locale),
    myCases: (principal, locale) => myCases(ctx, principal, locale),
  };
}
