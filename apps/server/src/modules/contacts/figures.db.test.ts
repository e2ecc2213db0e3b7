import { expect, test } from 'vitest';
import { sql } from 'kysely';
import { describeEachEngine } from '../../../test/support/test-database.js';
import { makeUnit } from '../../../test/support/case-factories.js';
import { contactFigures, drillDown, firstContactResolution, channelShift } from './figures.service.js';
import { importInquiryHistory, type ImportedInquiry } from './import-history.js';

/** A small deterministic generator, so the rows differ in every dimension the figures group by. */
function* rows(unitIds: string[], n: number): Generator<ImportedInquiry> {
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const channels = ['counter', 'phone', 'email', 'web_form', 'self_service', 'letter'];
  const topics = ['05.12.00', '27.24.00', '02.34.02'];
  for (let i = 0; i < n; i++) {
    const received = new Date(
      Date.UTC(2025, Math.floor(next() * 12), 1 + Math.floor(next() * 28), Math.floor(next() * 24), 7),
    );
    const r = next();
    const result = r < 0.78 ? 'resolved' : r < 0.93 ? 'forwarded' : 'referred';
    yield {
      receivedAt: received,
      channel: channels[Math.floor(next() * channels.length)],
      topicCode: topics[Math.floor(next() * topics.length)],
      unitId: unitIds[Math.floor(next() * unitIds.length)],
      citizenId: null,
      note: '',
      result,
      referredTo: result === 'referred' ? 'Skattestyrelsen' : null,
      forwardedUnitId: result === 'forwarded' ? unitIds[0] : null,
      dueDate: result === 'forwarded' ? received.toISOString().slice(0, 10) : null,
      answeredAt: result === 'forwarded' && next() < 0.6 ? received : null,
      answer: null,
      outsideHours: false,
    };
  }
}

describeEachEngine('citizen-service figures', (database) => {
  test('first-contact resolution and the other figures equal counts over the raw inquiry rows', async () => {
    const db = database().db;
    const root = await makeUnit(db, null, 'authority');
    const a = await makeUnit(db, root.id);
    const b = await makeUnit(db, root.id);
    const hidden = await makeUnit(db, root.id);
    await importInquiryHistory(db, [...rows([a.id, b.id, hidden.id], 3000)]);
    const f = await contactFigures(db, { unitIds: [a.id, b.id], from: '2025-01-01', to: '2025-12-31' });

    // Independently: plain counts over the rows of the two units, received in 2025 (Copenhagen time).
    const raw = await sql<{
      unit_id: string;
      topic_code: string;
      channel: string;
      result: string;
      month: string;
      n: string;
    }>`
      SELECT unit_id, topic_code, channel, result, to_char(received_at AT TIME ZONE 'Europe/Copenhagen', 'YYYY-MM') AS month, count(*) AS n
      FROM inquiry WHERE unit_id IN (${a.id}, ${b.id})
        AND (received_at AT TIME ZONE 'Europe/Copenhagen')::date BETWEEN '2025-01-01' AND '2025-12-31'
      GROUP BY 1, 2, 3, 4, 5`.execute(db);
    const sum = (pred: (r: (typeof raw.rows)[number]) => boolean) =>
      raw.rows.filter(pred).reduce((s, r) => s + Number(r.n), 0);
    const total = sum(() => true);
    const resolved = sum((r) => r.result === 'resolved');
    expect(total).toBeGreaterThan(1500);
    expect(f.total).toBe(total);
    expect(f.firstContact).toEqual({ resolved, basis: total, share: resolved / total });
    expect(f.firstContact.share!).toBeGreaterThan(0.7);
    for (const topic of ['05.12.00', '27.24.00', '02.34.02']) {
      const row = f.byTopic.find((x) => x.key === topic)!;
      const n = sum((r) => r.topic_code === topic);
      expect(row).toEqual({
        key: topic,
        count: n,
        share: sum((r) => r.topic_code === topic && r.result === 'resolved') / n,
      });
    }
    const jan = f.firstContactByUnit.find((x) => x.key === `${a.id}|2025-01`)!;
    expect(jan.count).toBe(sum((r) => r.unit_id === a.id && r.month === '2025-01'));
    expect(f.byUnit.map((x) => x.key).sort()).toEqual([a.id, b.id].sort());
    const digital = sum((r) => ['email', 'web_form', 'self_service'].includes(r.channel) && r.month === '2025-06');
    expect(f.channelShift.find((x) => x.key === '2025-06')!.share).toBe(digital / sum((r) => r.month === '2025-06'));
    expect(f.heatMap.reduce((s, x) => s + x.count, 0)).toBe(total);

    // The indicators registered for goals give the same figure.
    const indicator = await firstContactResolution.compute(db, {
      unitIds: [a.id, b.id],
      from: '2025-01-01',
      to: '2025-12-31',
    });
    expect(indicator).toEqual({ value: resolved / total, basis: total });
    const shift = await channelShift.compute(db, { unitIds: [a.id, b.id], from: '2025-01-01', to: '2025-12-31' });
    expect(shift.value).toBe(sum((r) => ['email', 'web_form', 'self_service'].includes(r.channel)) / total);

    // The drill-down lists exactly the inquiries a figure counted.
    const drill = await drillDown(db, {
      unitIds: [a.id, b.id],
      from: '2025-01-01',
      to: '2025-12-31',
      topicCode: '27.24.00',
      firstContact: 'no',
      limit: 500,
    });
    expect(drill.total).toBe(sum((r) => r.topic_code === '27.24.00' && r.result !== 'resolved'));
    expect(drill.items.every((i) => i.topicCode === '27.24.00' && i.result !== 'resolved')).toBe(true);
    await expect(
      drillDown(db, { unitIds: [a.id], from: '2025-01-01', to: '2025-12-31', unitId: hidden.id, limit: 10 }),
    ).rejects.toThrow(/access/);
  });
});
