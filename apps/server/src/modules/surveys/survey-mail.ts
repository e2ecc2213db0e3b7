import type { Locale, TSurveyDefinition } from '@sagsgang/contracts';
import { html } from '../../platform/html/html.js';
import { t } from '../../platform/i18n/i18n.js';

export interface InvitationMailInput {
  locale: Locale;
  definition: TSurveyDefinition;
  authorityName: string;
  recipientName: string;
  /** The one-time link (the token is in it: it is never logged). */
  link: string;
  /** The link's last day, formatted for the reader. */
  expires: string;
}

/** The invitation e-mail, in the recipient's language, as plain text and HTML. */
export function renderInvitationMail(m: InvitationMailInput): { subject: string; text: string; html: string } {
  const tr = (key: string, values?: Record<string, string>) => t(m.locale, `surveys:${key}`, values);
  const title = m.definition.title[m.locale];
  const subject = tr('mailSubject', { authority: m.authorityName });
  const lines = [
    tr('mailGreeting', { name: m.recipientName }),
    '',
    tr('mailBody', { title }),
    m.definition.intro[m.locale],
    '',
    tr('mailLink'),
    m.link,
    '',
    tr('mailExpires', { date: m.expires }),
    tr('mailDecline'),
    '',
    tr('mailSignature', { authority: m.authorityName }),
  ];
  const body = html`<p>${tr('mailGreeting', { name: m.recipientName })}</p>
<p>${tr('mailBody', { title })}</p>
<p>${m.definition.intro[m.locale]}</p>
<p><a href="${m.link}">${tr('mailLinkText')}</a></p>
<p>${tr('mailExpires', { date: m.expires })} ${tr('mailDecline')}</p>
<p>${tr('mailSignature', { authority: m.authorityName })}</p>`;
  return { subject, text: lines.join('\n'), html: body.toString() };
}
