import nodemailer, { type Transporter } from 'nodemailer';
import type { AppConfig } from '../../platform/config.js';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per notification, so a retried send is recognisable as the same message by the receiving side. */
  messageId: string;
  /** Files sent with the mail, e.g. an iCalendar invitation (`contentType: 'text/calendar; method=REQUEST'`). */
  attachments?: { filename: string; content: string; contentType: string }[];
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string; delivered: boolean }>;
  close(): void;
}

/**
 * SMTP through nodemailer when configured. Without SMTP (a developer's machine) mails are rendered but only
 * logged as delivered=false, so the rest of the system behaves the same.
 */
export function createMailer(config: Pick<AppConfig, 'smtp'>): Mailer {
  const smtp = config.smtp;
  const transport: Transporter = smtp
    ? nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        auth: smtp.user ? { user: smtp.user, pass: smtp.pass ?? '' } : undefined,
        // A test or local relay without TLS is allowed; production relays offer STARTTLS and nodemailer uses it.
        tls: { rejectUnauthorized: smtp.secure },
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      })
    : nodemailer.createTransport({ jsonTransport: true });
  const from = smtp?.from ?? 'sagsgang@localhost';
  return {
    async send(mail) {
      const info = await transport.sendMail({ from, ...mail });
      return { messageId: String(info.messageId ?? mail.messageId), delivered: Boolean(smtp) };
    },
    close() {
      transport.close();
    },
  };
}
