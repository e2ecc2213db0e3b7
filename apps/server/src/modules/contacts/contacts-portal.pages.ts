import type {
  Locale,
  TAppointmentType,
  TBookingView,
  TContactTopic,
  TInquiryView,
  TLocalizedText,
  TSlot,
} from '@sagsgang/contracts';
import { html, type SafeHtml } from '../../platform/html/html.js';
import type { PageContext } from '../portal/index.js';
import { localPartsOf } from './local-time.js';
import type { hoursForDays } from './opening-hours.service.js';

const lt = (text: TLocalizedText, locale: Locale) => (locale === 'da' ? text.da : text.en);
const BCP47: Record<Locale, string> = { da: 'da-DK', en: 'en-GB', sv: 'sv-SE' };
const clock = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}.${String(min % 60).padStart(2, '0')}`;

function dayName(p: PageContext, date: string): string {
  return new Intl.DateTimeFormat(BCP47[p.locale], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T00:00:00Z`));
}
const whenOf = (p: PageContext, iso: string) => {
  const parts = localPartsOf(new Date(iso));
  return `${dayName(p, parts.date)} ${clock(parts.minutes)}`;
};

function errorSummary(p: PageContext, errors: Record<string, string>): SafeHtml | null {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return html`<div class="alert alert-error" role="alert"><div class="alert-body"><p class="alert-heading">${p.t('contacts:errorSummary')}</p>
<ul class="nobullet-list">${entries.map(([field, text]) => html`<li><a href="#${field}">${text}</a></li>`)}</ul></div></div>`;
}

const fieldError = (id: string, text: string | undefined) =>
  text ? html`<span class="form-error-message" id="${id}-error">${text}</span>` : null;

const csrf = (p: PageContext) => html`<input type="hidden" name="_csrf" value="${p.csrfToken}">`;

/** The public page: opening and phone hours of the next two weeks, and the telephone charter per topic. */
export function servicePage(
  p: PageContext,
  d: { topics: TContactTopic[]; hours: Awaited<ReturnType<typeof hoursForDays>> },
): SafeHtml {
  const { t } = p;
  const charter = d.topics.filter((x) => x.canResolve.da || x.mustForward.da || x.answers.length);
  return html`<div class="row"><div class="col-12 col-lg-10">
<h1>${t('contacts:serviceTitle')}</h1>
<p class="font-lead">${t('contacts:serviceIntro')}</p>
<h2>${t('contacts:hoursTitle')}</h2>
${d.hours.length === 0 ? html`<p>${t('contacts:hoursNone')}</p>` : null}
${d.hours.map(
  (s) => html`<div class="table--responsive-scroll"><table class="table table--compact">
<caption>${t('contacts:hoursCaption', { site: s.site, channel: t(`contacts:hoursSite_${s.channel}`) })}</caption>
<thead><tr><th scope="col">${t('contacts:hoursColDay')}</th><th scope="col">${t('contacts:hoursColHours')}</th></tr></thead>
<tbody>${s.days.map(
    (day) =>
      html`<tr><th scope="row">${dayName(p, day.day)}</th><td>${
        day.hours.length === 0
          ? t('contacts:hoursClosed')
          : day.hours
              .map((h) => t('contacts:hoursRange', { from: clock(h.opensMin), to: clock(h.closesMin) }))
              .join(', ')
      }${day.reason ? ` (${day.reason})` : ''}</td></tr>`,
  )}</tbody></table></div>`,
)}
<h2>${t('contacts:charterTitle')}</h2>
${charter.length === 0 ? html`<p>${t('contacts:charterNone')}</p>` : null}
${charter.map(
  (x) => html`<h3>${lt(x.name, p.locale)}</h3>
${x.canResolve.da ? html`<h4>${t('contacts:charterCanResolve')}</h4><p>${lt(x.canResolve, p.locale)}</p>` : null}
${x.mustForward.da ? html`<h4>${t('contacts:charterMustForward')}</h4><p>${lt(x.mustForward, p.locale)}</p>` : null}
${x.answers.length ? html`<h4>${t('contacts:charterAnswers')}</h4><dl>${x.answers.map((a) => html`<dt>${lt(a.title, p.locale)}</dt><dd>${lt(a.text, p.locale)}${a.link ? html` <a href="${a.link}">${a.link}</a>` : null}</dd>`)}</dl>` : null}`,
)}
</div></div>`;
}

/** "My inquiries": what the citizen asked, how it stands, and the answers. */
export function inquiriesPage(p: PageContext, items: TInquiryView[], sent: boolean): SafeHtml {
  const { t } = p;
  return html`<div class="row"><div class="col-12 col-lg-10">
<h1>${t('contacts:myInquiriesTitle')}</h1>
${sent ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t('contacts:inquirySent')}</p></div></div>` : null}
<p class="font-lead">${t('contacts:myInquiriesIntro')}</p>
<p><a class="button button-primary" href="/henvendelse">${t('contacts:newInquiry')}</a></p>
${
  items.length === 0
    ? html`<p>${t('contacts:myInquiriesNone')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--zebra">
<caption class="sr-only">${t('contacts:myInquiriesTitle')}</caption>
<thead><tr><th scope="col">${t('contacts:colReceived')}</th><th scope="col">${t('contacts:colTopic')}</th><th scope="col">${t('contacts:colChannel')}</th><th scope="col">${t('contacts:colStatus')}</th><th scope="col">${t('contacts:colAnswer')}</th></tr></thead>
<tbody>${items.map(
        (i) =>
          html`<tr><td>${whenOf(p, i.receivedAt)}</td><td>${lt(i.topicName, p.locale)}</td><td>${t(`contacts:channel_${i.channel}`)}</td><td>${t(`contacts:result_${i.result}`)}</td><td>${i.answer ?? (i.result === 'open' || i.result === 'forwarded' ? t('contacts:noAnswerYet') : '–')}</td></tr>`,
      )}</tbody></table></div>`
}
</div></div>`;
}

/** The web form: a topic and a question (and a case reference, if it is about a case). */
export function inquiryFormPage(
  p: PageContext,
  d: { topics: { value: string; label: string }[]; values: Record<string, string>; errors: Record<string, string> },
): SafeHtml {
  const { t } = p;
  const e = d.errors;
  return html`<div class="row"><div class="col-12 col-lg-8">
<h1>${t('contacts:newInquiry')}</h1>
${errorSummary(p, e)}
<p class="font-lead">${t('contacts:newInquiryIntro')}</p>
<form method="post" action="/henvendelse" novalidate>
${csrf(p)}
<div class="form-group${e.topicCode ? ' form-error' : ''}">
<label class="form-label" for="topicCode">${t('contacts:fieldTopic')}</label>
${fieldError('topicCode', e.topicCode)}
<select class="form-select" id="topicCode" name="topicCode"${e.topicCode ? html` aria-describedby="topicCode-error"` : null}>
<option value="">${t('contacts:chooseTopic')}</option>
${d.topics.map((o) => html`<option value="${o.value}"${d.values.topicCode === o.value ? html` selected` : null}>${o.label}</option>`)}
</select></div>
<div class="form-group${e.question ? ' form-error' : ''}">
<label class="form-label" for="question">${t('contacts:fieldQuestion')}</label>
${fieldError('question', e.question)}
<textarea class="form-input" id="question" name="question" rows="6" maxlength="2000"${e.question ? html` aria-describedby="question-error"` : null}>${d.values.question ?? ''}</textarea></div>
<div class="form-group">
<label class="form-label" for="caseReference">${t('contacts:fieldCaseReference')}</label>
<input class="form-input input-width-s" type="text" id="caseReference" name="caseReference" maxlength="40" value="${d.values.caseReference ?? ''}"></div>
<button type="submit" class="button button-primary">${t('contacts:send')}</button>
</form></div></div>`;
}

/** "My appointments", each with a cancel button while it is still ahead. */
export function bookingsPage(p: PageContext, items: TBookingView[], notice?: 'booked' | 'cancelled'): SafeHtml {
  const { t } = p;
  const now = Date.now();
  return html`<div class="row"><div class="col-12 col-lg-10">
<h1>${t('contacts:myBookingsTitle')}</h1>
${notice ? html`<div class="alert alert-success" role="status"><div class="alert-body"><p class="alert-text">${t(notice === 'booked' ? 'contacts:bookingDone' : 'contacts:bookingCancelled')}</p></div></div>` : null}
<p><a class="button button-primary" href="/book">${t('contacts:bookNew')}</a></p>
${
  items.length === 0
    ? html`<p>${t('contacts:myBookingsNone')}</p>`
    : html`<div class="table--responsive-scroll"><table class="table table--zebra">
<caption class="sr-only">${t('contacts:myBookingsTitle')}</caption>
<thead><tr><th scope="col">${t('contacts:colWhen')}</th><th scope="col">${t('contacts:colWhat')}</th><th scope="col">${t('contacts:colWith')}</th><th scope="col">${t('contacts:colStatus')}</th><th scope="col">${t('contacts:colAction')}</th></tr></thead>
<tbody>${items.map((b) => {
        const when = whenOf(p, b.startsAt);
        const cancellable = b.status === 'booked' && new Date(b.startsAt).getTime() > now;
        return html`<tr><td>${when}</td><td>${lt(b.appointmentName, p.locale)}</td><td>${b.staffName}</td><td>${t(`contacts:status_${b.status}`)}</td><td>${
          cancellable
            ? html`<form method="post" action="/mine-aftaler/${b.id}/aflys">${csrf(p)}<button type="submit" class="button button-secondary" aria-label="${t('contacts:cancelAppointment', { when })}">${t('contacts:cancel')}</button></form>`
            : '–'
        }</td></tr>`;
      })}</tbody></table></div>`
}
</div></div>`;
}

/** Booking, step 1: the kind of appointment. */
export function bookTypePage(p: PageContext, types: TAppointmentType[]): SafeHtml {
  const { t } = p;
  return html`<div class="row"><div class="col-12 col-lg-8">
<h1>${t('contacts:bookNew')}</h1>
<p class="font-lead">${t('contacts:bookStep1')}</p>
<ul class="nobullet-list">${types.map(
    (x) =>
      html`<li><a class="function-link" href="/book/${x.id}">${lt(x.name, p.locale)}</a> – ${t('contacts:bookDuration', { minutes: x.durationMin })}. ${t(`contacts:appointmentChannel_${x.channel}`)}</li>`,
  )}</ul></div></div>`;
}

/** Booking, step 2: the free times of two weeks, as radio buttons grouped by day. */
export function bookSlotsPage(
  p: PageContext,
  d: { type: TAppointmentType; slots: TSlot[]; from: string; error?: 'slot' | 'taken' },
): SafeHtml {
  const { t } = p;
  const byDay = new Map<string, TSlot[]>();
  for (const s of d.slots) {
    const day = localPartsOf(new Date(s.startsAt)).date;
    byDay.set(day, [...(byDay.get(day) ?? []), s]);
  }
  const later = new Date(`${d.from}T00:00:00Z`);
  later.setUTCDate(later.getUTCDate() + 14);
  const errors: Record<string, string> = d.error
    ? { 'slot-0': t(d.error === 'taken' ? 'contacts:slotTaken' : 'contacts:errorSlot') }
    : {};
  let n = 0;
  return html`<div class="row"><div class="col-12 col-lg-8">
<h1>${lt(d.type.name, p.locale)}</h1>
${errorSummary(p, errors)}
<p class="font-lead">${t('contacts:bookStep2')}</p>
${
  d.slots.length === 0
    ? html`<p>${t('contacts:noSlots')}</p>`
    : html`<form method="get" action="/book/${d.type.id}/bekraeft" novalidate>
${[...byDay.entries()].map(
  ([day, slots]) => html`<fieldset><legend class="h4">${dayName(p, day)}</legend>
${slots.map((s) => {
  const id = `slot-${n++}`;
  const time = clock(localPartsOf(new Date(s.startsAt)).minutes);
  return html`<div class="form-group-radio"><input type="radio" class="form-radio" id="${id}" name="slot" value="${s.staffId}|${s.startsAt}"><label class="form-label" for="${id}">${t('contacts:slotWith', { time, staff: s.staffName })}</label></div>`;
})}</fieldset>`,
)}
<button type="submit" class="button button-primary">${t('contacts:next')}</button></form>`
}
<p><a class="function-link" href="/book/${d.type.id}?fra=${later.toISOString().slice(0, 10)}">${t('contacts:laterWeeks')}</a></p>
</div></div>`;
}

/** Booking, step 3: what will be booked, the e-mail for the confirmation, and the button that books it. */
export function bookConfirmPage(
  p: PageContext,
  d: { type: TAppointmentType; staffId: string; startsAt: string; email: string; staffName: string; error?: 'email' },
): SafeHtml {
  const { t } = p;
  const parts = localPartsOf(new Date(d.startsAt));
  const emailError = d.error === 'email' ? t('contacts:errorEmail') : undefined;
  return html`<div class="row"><div class="col-12 col-lg-8">
<h1>${lt(d.type.name, p.locale)}</h1>
${errorSummary(p, emailError ? { email: emailError } : {})}
<p class="font-lead">${t('contacts:bookStep3')}</p>
<p>${t('contacts:confirmSummary', { appointment: lt(d.type.name, p.locale), date: dayName(p, parts.date), slot: t('contacts:slotWith', { time: clock(parts.minutes), staff: d.staffName || '–' }) })}</p>
<form method="post" action="/book/${d.type.id}" novalidate>${csrf(p)}
<input type="hidden" name="slot" value="${d.staffId}|${d.startsAt}">
<input type="hidden" name="step" value="confirm">
<div class="form-group${emailError ? ' form-error' : ''}">
<label class="form-label" for="email">${t('contacts:fieldEmail')}</label>
${fieldError('email', emailError)}
<input class="form-input" type="email" id="email" name="email" autocomplete="email" value="${d.email}"${emailError ? html` aria-describedby="email-error"` : null}></div>
<button type="submit" class="button button-primary">${t('contacts:confirmBooking')}</button>
</form></div></div>`;
}
