import type { ScreeningEventRow } from '../cases/index.js';

/** "Fully informed on receipt" for one case type and receipt month, from the screening events. */
export interface ScreeningFigure {
  caseTypeId: string;
  caseTypeCode: string;
  month: string;
  received: number;
  /** Cases the automatic checks ran on, and how many of them they found fully informed. */
  screenedAutomatically: number;
  automaticFullyInformed: number;
  /** Caseworker verdicts, and how many agreed with the automatic result. */
  verdicts: number;
  confirmed: number;
  overridden: number;
  /** The figure: the caseworker's verdict where there is one, else the automatic result; cases with neither don't count. */
  screened: number;
  fullyInformedOnReceipt: number;
  share: number | null;
}

/** Groups screening rows by case type and month. Pure. */
export function screeningFigures(rows: readonly ScreeningEventRow[]): ScreeningFigure[] {
  const groups = new Map<string, ScreeningFigure>();
  for (const r of rows) {
    const key = `${r.caseTypeId}|${r.month}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        caseTypeId: r.caseTypeId,
        caseTypeCode: r.caseTypeCode,
        month: r.month,
        received: 0,
        screenedAutomatically: 0,
        automaticFullyInformed: 0,
        verdicts: 0,
        confirmed: 0,
        overridden: 0,
        screened: 0,
        fullyInformedOnReceipt: 0,
        share: null,
      };
      groups.set(key, g);
    }
    g.received++;
    if (r.automatic !== null) {
      g.screenedAutomatically++;
      if (r.automatic) g.automaticFullyInformed++;
    }
    if (r.verdict !== null) {
      g.verdicts++;
      if (r.automatic !== null) {
        if (r.verdict === r.automatic) g.confirmed++;
        else g.overridden++;
      }
    }
    const final = r.verdict ?? r.automatic;
    if (final !== null) {
      g.screened++;
      if (final) g.fullyInformedOnReceipt++;
    }
  }
  return [...groups.values()]
    .map((g) => ({
      ...g,
      share: g.screened ? Math.round((g.fullyInformedOnReceipt / g.screened) * 1000) / 1000 : null,
    }))
    .sort((a, b) => a.caseTypeCode.localeCompare(b.caseTypeCode) || a.month.localeCompare(b.month));
}
