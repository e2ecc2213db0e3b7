import ExcelJS from 'exceljs';
import type { Locale, TSurveyResults } from '@sagsgang/contracts';
import { t } from '../../platform/i18n/i18n.js';

/** The results as an Excel workbook: one row per group and question, the method on a sheet of its own. */
export async function resultsWorkbook(results: TSurveyResults, locale: Locale): Promise<Buffer> {
  const tr = (key: string) => t(locale, `surveys:${key}`);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sagsgang';
  const sheet = wb.addWorksheet(tr('exportSheet'));
  sheet.columns = [
    { header: tr('colGroup'), key: 'group', width: 28 },
    { header: tr('colQuestion'), key: 'question', width: 50 },
    { header: tr('colInvited'), key: 'invited', width: 10 },
    { header: tr('colResponses'), key: 'responses', width: 10 },
    { header: tr('colResponseRate'), key: 'rate', width: 12, style: { numFmt: '0.0%' } },
    { header: tr('colAnswered'), key: 'answered', width: 10 },
    { header: tr('colMean'), key: 'mean', width: 10, style: { numFmt: '0.00' } },
    { header: tr('colMeanLow'), key: 'meanLow', width: 10, style: { numFmt: '0.00' } },
    { header: tr('colMeanHigh'), key: 'meanHigh', width: 10, style: { numFmt: '0.00' } },
    { header: tr('colShare'), key: 'share', width: 12, style: { numFmt: '0.0%' } },
    { header: tr('colShareLow'), key: 'shareLow', width: 12, style: { numFmt: '0.0%' } },
    { header: tr('colShareHigh'), key: 'shareHigh', width: 12, style: { numFmt: '0.0%' } },
  ];
  sheet.getRow(1).font = { bold: true };
  const text = new Map(results.questions.map((q) => [q.id, q.text]));
  for (const g of results.groups) {
    if (g.suppressed) {
      sheet.addRow({ group: g.label, question: tr('suppressed') });
      continue;
    }
    for (const q of g.questions) {
      if (q.kind === 'text') continue;
      sheet.addRow({
        group: g.label,
        question: text.get(q.questionId),
        invited: g.invited,
        responses: g.responses,
        rate: g.responseRate,
        answered: q.answered,
        mean: q.mean,
        meanLow: q.meanInterval?.low,
        meanHigh: q.meanInterval?.high,
        share: q.shareSatisfied,
        shareLow: q.shareInterval?.low,
        shareHigh: q.shareInterval?.high,
      });
    }
  }
  const method = wb.addWorksheet(tr('exportMethodSheet'));
  method.getColumn(1).width = 120;
  method.addRow([results.title]);
  method.addRow([tr('method')]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
