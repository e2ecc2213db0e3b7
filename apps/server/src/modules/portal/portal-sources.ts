import type { Locale } from '@sagsgang/contracts';
import type { Principal } from '../../platform/auth/principal.js';

/** One thing an applicant can apply for, as the front page lists it. */
export interface ApplyEntry {
  name: string;
  summary?: string;
  /** Where the guided application starts. */
  href: string;
  /** The service goal in plain words, e.g. "3 måneder". */
  serviceGoal?: string;
}

/** One of the applicant's own cases, as "Mine sager" lists it. */
export interface MyCaseEntry {
  title: string;
  href: string;
  status: string;
  /** The honest expected decision, already phrased (a range, or the service-goal date). */
  expected?: string;
}

/**
 * What other capabilities put into the portal pages. The portal owns the frame; the case-type catalogue supplies
 * what can be applied for and the cases capability supplies the applicant's cases. A source left out is shown as
 * "not in use yet", never as made-up content.
 */
export interface PortalSources {
  applyEntries?: (locale: Locale) => Promise<ApplyEntry[]>;
  myCases?: (principal: Principal, locale: Locale) => Promise<MyCaseEntry[]>;
}
