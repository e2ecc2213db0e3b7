/** What the front page offers and what "Mine sager" lists, read through the capabilities' use cases. */
import type { Locale } from '@sagsgang/contracts';
import type { Principal } from '../../platform/auth/principal.js';
import type { Executor } from '../../platform/db/transaction.js';
import { translator } from '../../platform/i18n/i18n.js';
import { listOwnDrafts } from '../applications/index.js';
import { listCaseTypes } from '../case-types/index.js';
import { listOwnCases } from '../cases/index.js';
import { lt } from './apply-components.js';
import { expectedShort } from './expected-block.js';
import type { ApplyEntry } from './pages/front-page.js';
import type { MyCaseEntry } from './pages/my-cases-page.js';
import { serviceGoalText } from './pages/apply-texts.js';

/** The active case types, by name in the reader's language. */
export async function applyEntries(db: Executor, locale: Locale): Promise<ApplyEntry[]> {
  const t = translator(locale);
  const types = (await listCaseTypes(db)).filter((c) => c.active);
  const collator = new Intl.Collator(locale);
  return types
    .map((c) => ({
      name: lt(c.name, locale),
      href: `/ansoeg/${encodeURIComponent(c.code)}`,
      serviceGoal: serviceGoalText(t, c.serviceGoal),
    }))
    .sort((a, b) => collator.compare(a.name, b.name));
}

/** Drafts first (they need the applicant), then cases, newest first; each open case with its honest expected date. */
export async function myCaseEntries(db: Executor, principal: Principal, locale: Locale): Promise<MyCaseEntry[]> {
  const t = translator(locale);
  const [drafts, cases] = await Promise.all([listOwnDrafts(db, principal), listOwnCases(db, principal)]);
  return [
    ...drafts.map((d) => ({
      title: t('myCases:draftTitle', { caseType: lt(d.caseTypeName, locale) }),
      href: `/ansoeg/${encodeURIComponent(d.caseTypeCode)}`,
      status: t('myCases:stateDraft'),
    })),
    ...cases.map((c) => ({
      title: `${lt(c.caseTypeName, locale)} – ${c.reference}`,
      href: `/mine-sager/${encodeURIComponent(c.reference)}`,
      status: t(`myCases:state_${c.state}`),
      expected: c.expected ? expectedShort(t, locale, c.expected) : undefined,
    })),
  ];
}
