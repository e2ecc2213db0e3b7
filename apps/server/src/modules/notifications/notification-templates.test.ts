import { describe, expect, test } from 'vitest';
import { LOCALES } from '@sagsgang/contracts';
import { NOTIFICATION_KINDS, renderNotification } from './notification-templates.js';
import { formatDate } from './format-date.js';

const base = {
  recipientName: 'Amal Haddad',
  authorityName: 'Sagsgang Kommune',
  portalUrl: 'https://sag.example.dk/mine-sager/S-1',
};

describe('notification templates', () => {
  test('the receipt names the case number, what is missing and the expected dates, in Danish', () => {
    const mail = renderNotification({
      ...base,
      kind: 'receipt',
      locale: 'da',
      values: {
        reference: 'FAM-2026-00042',
        caseType: 'familiesammenføring',
        receivedDate: '2026-03-02',
        nextStep: 'Vi gennemgår din ansøgning.',
        missing: ['Pas (kopi af alle sider)'],
        goalDate: '2026-06-02',
        likelyDate: '2026-05-12',
        lateDate: '2026-05-28',
      },
    });
    expect(mail.subject).toBe('Vi har modtaget din ansøgning – sag FAM-2026-00042');
    expect(mail.text).toContain('Dit sagsnummer er FAM-2026-00042');
    expect(mail.text).toContain('den 2. marts 2026');
    expect(mail.text).toContain('- Pas (kopi af alle sider)');
    expect(mail.text).toContain('senest 2. juni 2026');
    expect(mail.text).toContain('mellem 12. maj 2026 og 28. maj 2026');
    expect(mail.text).not.toContain('Vi har fået alt');
    expect(mail.html).toContain('<li>Pas (kopi af alle sider)</li>');
  });

  test('paragraphs whose values are missing are left out', () => {
    const mail = renderNotification({
      ...base,
      kind: 'receipt',
      locale: 'en',
      values: { reference: 'R-1', caseType: 'job card', receivedDate: '2026-03-02', complete: 'yes' },
    });
    expect(mail.text).toContain('We have everything we need');
    expect(mail.text).not.toContain('service goal');
    expect(mail.text).not.toContain('{{');
  });

  test('user-supplied text is escaped in the HTML part', () => {
    const mail = renderNotification({
      ...base,
      recipientName: '<script>x</script>',
      kind: 'extension',
      locale: 'en',
      values: { reference: 'R-1', caseType: 'a', message: 'Because <b>reasons</b>', newDate: '2026-04-01' },
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;b&gt;reasons&lt;/b&gt;');
    expect(mail.text).toContain('by 1 April 2026');
  });

  test('every kind renders in every language with no untranslated keys', () => {
    for (const kind of NOTIFICATION_KINDS) {
      for (const locale of LOCALES) {
        const mail = renderNotification({
          ...base,
          kind,
          locale,
          values: {
            reference: 'R-9',
            caseType: 'x',
            phaseName: 'P',
            phaseText: 'T',
            message: 'M',
            newDate: '2026-04-01',
            dueDate: '2026-04-01',
            items: ['a'],
            paused: 'yes',
            appealBy: '2026-05-01',
            receivedDate: '2026-03-01',
          },
        });
        expect(mail.subject).toContain('R-9');
        expect(mail.text).not.toMatch(/notifications:|\{\{/);
        expect(mail.html).toContain(`lang="${locale}"`);
      }
    }
  });

  test('Swedish mails are in Swedish', () => {
    const mail = renderNotification({
      ...base,
      kind: 'decision',
      locale: 'sv',
      values: { reference: 'R-2', caseType: 'arbetskort', appealBy: '2026-05-01' },
    });
    expect(mail.subject).toBe('Beslut har fattats i ärende R-2');
    expect(mail.text).toContain('1 maj 2026');
  });

  test('dates are formatted per locale without shifting the day', () => {
    expect(formatDate('da', '2026-12-31')).toBe('31. december 2026');
    expect(formatDate('en', '2026-01-01')).toBe('1 January 2026');
    expect(formatDate('sv', '2026-03-28')).toBe('28 mars 2026');
  });
});
