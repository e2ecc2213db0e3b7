import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { GOAL_AREAS, type TGoalArea, type TGoalStatus } from '@sagsgang/contracts';
import { t } from '../../platform/i18n/i18n.js';

/** What a report file is made from: the frozen figures and the words around them (in Danish, the committee's). */
export interface ReportContent {
  title: string;
  unitName: string;
  period: string;
  issuedAt: Date;
  goals: readonly TGoalStatus[];
}

/** The committee's language. */
const DANISH = 'da' as const;
const da = (key: string) => t(DANISH, key);
const areaName = (area: TGoalArea) => da(`goals:area.${area}`);
const stateText = (g: TGoalStatus) => da(`goals:state.${g.state}`);
const stateSymbol = (g: TGoalStatus) => ({ met: '✓', not_met: '✗', no_data: '–' })[g.state];

/** A figure as the committee reads it: shares in per cent with one decimal, days with one, counts whole. */
export function formatFigure(value: number | null, unit: TGoalStatus['unit']): string {
  if (value === null) return '–';
  const n = (v: number, digits: number) =>
    v.toLocaleString('da-DK', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (unit === 'share') return `${n(value * 100, 1)} %`;
  if (unit === 'days') return `${n(value, 1)} dage`;
  return n(value, 0);
}

const NUMBER_FORMAT = { share: '0.0%', days: '0.0', count: '0' } as const;

/** The workbook: one sheet per area, the figures as numbers with formats (never text), a header row per sheet. */
export async function reportWorkbook(c: ReportContent): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Sagsgang';
  wb.created = c.issuedAt;
  wb.title = c.title;
  for (const area of GOAL_AREAS) {
    const sheet = wb.addWorksheet(areaName(area).slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = [
      { header: da('goals:col.unit'), key: 'unit', width: 28 },
      { header: da('goals:col.indicator'), key: 'indicator', width: 44 },
      { header: da('goals:col.period'), key: 'period', width: 10 },
      { header: da('goals:col.value'), key: 'value', width: 12 },
      { header: da('goals:col.target'), key: 'target', width: 12 },
      { header: da('goals:col.baseline'), key: 'baseline', width: 12 },
      { header: da('goals:col.status'), key: 'status', width: 16 },
      { header: da('goals:col.basis'), key: 'basis', width: 12 },
      { header: da('goals:col.goalId'), key: 'goalId', width: 38 },
    ];
    sheet.getRow(1).font = { bold: true };
    for (const g of c.goals.filter((x) => x.area === area)) {
      const row = sheet.addRow({
        unit: g.unitName,
        indicator: da(g.labelKey),
        period: g.period,
        value: g.value,
        target: g.target,
        baseline: g.baseline,
        status: `${stateSymbol(g)} ${stateText(g)}`,
        basis: g.basis,
        goalId: g.goalId,
      });
      for (const key of ['value', 'target', 'baseline']) row.getCell(key).numFmt = NUMBER_FORMAT[g.unit];
      row.getCell('basis').numFmt = '0';
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const COLUMNS = [
  { key: 'goals:col.unit', width: 110 },
  { key: 'goals:col.indicator', width: 150 },
  { key: 'goals:col.value', width: 70 },
  { key: 'goals:col.target', width: 70 },
  { key: 'goals:col.status', width: 95 },
];
const LEFT = 50;

function tableRow(doc: Doc, table: Struct, cells: string[], header: boolean) {
  const y = doc.y;
  const row = doc.struct('TR');
  table.add(row);
  let x = LEFT;
  let bottom = y;
  cells.forEach((text, i) => {
    const width = COLUMNS[i].width;
    row.add(
      doc.struct(header ? 'TH' : 'TD', {}, () => {
        doc.font(header ? 'Helvetica-Bold' : 'Helvetica').text(text, x, y, { width: width - 6 });
      }),
    );
    bottom = Math.max(bottom, doc.y);
    x += width;
  });
  row.end();
  doc.x = LEFT;
  doc.y = bottom + 4;
}

/** A bar per goal: the figure against its target as a share of the target, drawn as an artefact-free figure. */
function chart(doc: Doc, section: Struct, goals: readonly TGoalStatus[], area: TGoalArea) {
  const shown = goals.filter((g) => g.value !== null);
  if (!shown.length) return;
  const alt = `${da('goals:pdf.chartAlt')} ${areaName(area)}: ${shown
    .map(
      (g) =>
        `${da(g.labelKey)} (${g.unitName}) ${formatFigure(g.value, g.unit)}, ${da('goals:col.target').toLowerCase()} ${formatFigure(g.target, g.unit)}`,
    )
    .join('; ')}.`;
  if (doc.y > 650) doc.addPage();
  const top = doc.y;
  section.add(
    doc.struct('Figure', { alt }, () => {
      shown.forEach((g, i) => {
        const ratio = g.target === 0 ? 1 : Math.min(2, Math.max(0, g.value! / g.target));
        doc.rect(LEFT, top + i * 14, 200 * ratio, 10).fill(g.state === 'met' ? '#2e7d32' : '#b71c1c');
        doc
          .moveTo(LEFT + 200, top + i * 14 - 2)
          .lineTo(LEFT + 200, top + i * 14 + 12)
          .stroke('#000000');
      });
    }),
  );
  doc.fillColor('#000000');
  doc.x = LEFT;
  doc.y = top + shown.length * 14 + 10;
}

/** The accessible PDF: tagged (structure tree, headings, table headers, alternative text for charts), in Danish. */
export function reportPdf(c: ReportContent): Promise<Buffer> {
  const doc = new PDFDocument({
    pdfVersion: '1.7',
    tagged: true,
    lang: 'da-DK',
    displayTitle: true,
    info: { Title: c.title, Author: c.unitName, Subject: c.period, Creator: 'Sagsgang' },
    margin: LEFT,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const root = doc.struct('Document');
  doc.addStructure(root);
  root.add(doc.struct('H1', {}, () => doc.font('Helvetica-Bold').fontSize(18).text(c.title)));
  root.add(
    doc.struct('P', {}, () =>
      doc
        .font('Helvetica')
        .fontSize(10)
        .text(`${c.unitName} · ${c.period} · ${da('goals:pdf.issued')} ${c.issuedAt.toISOString().slice(0, 10)}`),
    ),
  );
  for (const area of GOAL_AREAS) {
    const goals = c.goals.filter((g) => g.area === area);
    const section = doc.struct('Sect');
    root.add(section);
    doc.moveDown();
    if (doc.y > 700) doc.addPage();
    section.add(doc.struct('H2', {}, () => doc.font('Helvetica-Bold').fontSize(14).text(areaName(area), LEFT)));
    doc.fontSize(9);
    if (!goals.length) {
      section.add(doc.struct('P', {}, () => doc.font('Helvetica').text(da('goals:pdf.noGoals'), LEFT)));
      section.end();
      continue;
    }
    const table = doc.struct('Table');
    section.add(table);
    tableRow(
      doc,
      table,
      COLUMNS.map((col) => da(col.key)),
      true,
    );
    for (const g of goals) {
      if (doc.y > 740) doc.addPage();
      tableRow(
        doc,
        table,
        [g.unitName, da(g.labelKey), formatFigure(g.value, g.unit), formatFigure(g.target, g.unit), stateText(g)],
        false,
      );
    }
    table.end();
    chart(doc, section, goals, area);
    section.end();
  }
  root.end();
  doc.end();
  return done;
}
