import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSmtpSink, type SmtpSink } from '../../../test/support/smtp-sink.js';
import { createMailer } from './mailer.js';
import { renderNotification } from './notification-templates.js';

describe('mailer over SMTP', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });

  test('delivers a rendered notification that arrives intact, Danish letters and all', async () => {
    const mailer = createMailer({
      smtp: { host: '127.0.0.1', port: sink.port, secure: false, from: 'noreply@kommune.example' },
    });
    const mail = renderNotification({
      kind: 'information_request',
      locale: 'da',
      recipientName: 'Søren Ærø',
      authorityName: 'Sagsgang Kommune',
      portalUrl: 'http://localhost/mine-sager/x',
      values: {
        reference: 'FAM-2026-00001',
        caseType: 'familiesammenføring',
        items: ['Vielsesattest'],
        dueDate: '2026-04-01',
        paused: 'yes',
      },
    });
    const result = await mailer.send({ to: 'soeren@example.dk', ...mail, messageId: '<n-1@sagsgang>' });
    mailer.close();
    expect(result.delivered).toBe(true);
    const [got] = await sink.waitFor(1);
    expect(got.to).toEqual(['soeren@example.dk']);
    expect(got.from).toBe('noreply@kommune.example');
    expect(got.subject).toBe('Vi mangler oplysninger i sag FAM-2026-00001');
    expect(got.text).toContain('Kære Søren Ærø');
    expect(got.text).toContain('- Vielsesattest');
    expect(got.text).toContain('senest 1. april 2026');
    expect(got.html).toContain('<li>Vielsesattest</li>');
    expect(got.messageId).toBe('<n-1@sagsgang>');
  });

  test('a refusing relay surfaces as an error the job runner can retry', async () => {
    const mailer = createMailer({
      smtp: { host: '127.0.0.1', port: sink.port, secure: false, from: 'noreply@kommune.example' },
    });
    sink.failNext(1);
    await expect(
      mailer.send({ to: 'a@example.dk', subject: 's', text: 't', html: '<p>t</p>', messageId: '<n-2@sagsgang>' }),
    ).rejects.toThrow(/451|Try again/);
    mailer.close();
  });
});
