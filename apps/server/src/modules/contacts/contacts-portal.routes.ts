import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Locale, TLocalizedText } from '@sagsgang/contracts';
import { addCalendarDays, isIsoDate, localDateOf } from '@sagsgang/clock';
import type { AppContext } from '../../platform/context.js';
import { requireApplicant } from '../../platform/auth/guards.js';
import { AppError, isAppError } from '../../platform/errors.js';
import { pageContext, registerPortalErrorPages, sendPage, type PageContext } from '../portal/index.js';
import { citizenInquiries, submitWebInquiry } from './inquiries.service.js';
import { listTopics } from './topics.service.js';
import {
  bookAppointment,
  cancelBooking,
  citizenBookings,
  freeSlots,
  listAppointmentTypes,
} from './bookings.service.js';
import { hoursForDays } from './opening-hours.service.js';
import {
  bookingsPage,
  bookConfirmPage,
  bookSlotsPage,
  bookTypePage,
  inquiriesPage,
  inquiryFormPage,
  servicePage,
} from './contacts-portal.pages.js';

const lt = (text: TLocalizedText, locale: Locale) => (locale === 'da' ? text.da : text.en);
const today = () => localDateOf(new Date());
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');

const ZInquiryForm = z.object({
  topicCode: z.string().min(1),
  question: z.string().trim().min(1).max(2000),
  caseReference: z.string().trim().max(40).optional(),
});

/**
 * The citizen's pages of citizen service, without scripts: the charter and opening hours (public), "my inquiries"
 * and the web form, "my appointments" and booking step by step.
 */
export function contactsPortalRoutes(ctx: AppContext) {
  const db = ctx.database.db;
  return async (app: FastifyInstance): Promise<void> => {
    registerPortalErrorPages(app, ctx);
    const hide = { schema: { hide: true } };
    const page = (request: FastifyRequest, reply: Parameters<typeof pageContext>[1]) =>
      pageContext(request, reply, ctx.config);

    app.get('/borgerservice', hide, async (request, reply) => {
      const p = page(request, reply);
      const days = Array.from({ length: 14 }, (_, i) => addCalendarDays(today(), i));
      const [topics, hours] = await Promise.all([listTopics(db), hoursForDays(db, days[0], days)]);
      return sendPage(reply, p, p.t('contacts:serviceTitle'), servicePage(p, { topics, hours }));
    });

    app.get('/mine-henvendelser', hide, async (request, reply) => {
      const principal = requireApplicant(request);
      const p = page(request, reply);
      const items = await citizenInquiries(db, principal);
      const q = request.query as Record<string, unknown>;
      return sendPage(reply, p, p.t('contacts:myInquiriesTitle'), inquiriesPage(p, items, q.sent !== undefined));
    });

    const topicOptions = async (p: PageContext) =>
      (await listTopics(db)).map((t) => ({ value: t.code, label: `${lt(t.name, p.locale)} (${t.code})` }));

    app.get('/henvendelse', hide, async (request, reply) => {
      requireApplicant(request);
      const p = page(request, reply);
      return sendPage(
        reply,
        p,
        p.t('contacts:newInquiry'),
        inquiryFormPage(p, { topics: await topicOptions(p), values: {}, errors: {} }),
      );
    });

    app.post('/henvendelse', hide, async (request, reply) => {
      const principal = requireApplicant(request);
      const p = page(request, reply);
      const form = body(request);
      const parsed = ZInquiryForm.safeParse({
        topicCode: str(form.topicCode),
        question: str(form.question),
        caseReference: str(form.caseReference) || undefined,
      });
      const topics = await topicOptions(p);
      const errors: Record<string, string> = {};
      if (!parsed.success || !topics.some((t) => t.value === parsed.data.topicCode)) {
        if (!topics.some((t) => t.value === str(form.topicCode))) errors.topicCode = p.t('contacts:errorTopic');
        if (!parsed.success && parsed.error.issues.some((i) => i.path[0] === 'question'))
          errors.question = p.t('contacts:errorQuestion');
        if (Object.keys(errors).length === 0) errors.question = p.t('contacts:errorQuestion');
        const values = {
          topicCode: str(form.topicCode),
          question: str(form.question).slice(0, 4000),
          caseReference: str(form.caseReference).slice(0, 40),
        };
        return sendPage(reply, p, p.t('contacts:newInquiry'), inquiryFormPage(p, { topics, values, errors }), 400);
      }
      await submitWebInquiry(
        db,
        principal,
        { topicCode: parsed.data.topicCode, note: parsed.data.question, caseReference: parsed.data.caseReference },
        { requestId: request.id },
      );
      return reply.redirect('/mine-henvendelser?sent=1', 303);
    });

    app.get('/mine-aftaler', hide, async (request, reply) => {
      const principal = requireApplicant(request);
      const p = page(request, reply);
      const q = request.query as Record<string, unknown>;
      const notice = q.booked !== undefined ? 'booked' : q.cancelled !== undefined ? 'cancelled' : undefined;
      return sendPage(
        reply,
        p,
        p.t('contacts:myBookingsTitle'),
        bookingsPage(p, await citizenBookings(db, principal), notice),
      );
    });

    app.post<{ Params: { id: string } }>('/mine-aftaler/:id/aflys', hide, async (request, reply) => {
      const principal = requireApplicant(request);
      if (!z.uuid().safeParse(request.params.id).success) throw new AppError('not_found', 'No such booking.');
      await cancelBooking(db, principal, request.params.id, { requestId: request.id });
      return reply.redirect('/mine-aftaler?cancelled=1', 303);
    });

    app.get('/book', hide, async (request, reply) => {
      requireApplicant(request);
      const p = page(request, reply);
      return sendPage(reply, p, p.t('contacts:bookNew'), bookTypePage(p, await listAppointmentTypes(db)));
    });

    const findType = async (id: string) => {
      const type = (await listAppointmentTypes(db)).find((t) => t.id === id);
      if (!type) throw new AppError('not_found', 'No such appointment type.');
      return type;
    };

    app.get<{ Params: { typeId: string } }>('/book/:typeId', hide, async (request, reply) => {
      requireApplicant(request);
      const p = page(request, reply);
      const type = await findType(request.params.typeId);
      const q = request.query as Record<string, unknown>;
      const from = typeof q.fra === 'string' && isIsoDate(q.fra) && q.fra >= today() ? q.fra : today();
      const slots = await freeSlots(db, { appointmentTypeId: type.id, from, days: 14 });
      return sendPage(
        reply,
        p,
        p.t('contacts:bookStep2'),
        bookSlotsPage(p, { type, slots, from, error: q.taken !== undefined ? 'taken' : undefined }),
      );
    });

    // Step 3 (a GET, so the page can be opened again) shows what is about to be booked; only its POST books.
    app.get<{ Params: { typeId: string } }>('/book/:typeId/bekraeft', hide, async (request, reply) => {
      requireApplicant(request);
      const p = page(request, reply);
      const type = await findType(request.params.typeId);
      const [staffId, startsAt] = str((request.query as Record<string, unknown>).slot).split('|');
      const valid = z.uuid().safeParse(staffId).success && z.iso.datetime({ offset: true }).safeParse(startsAt).success;
      if (!valid) {
        const slots = await freeSlots(db, { appointmentTypeId: type.id, from: today(), days: 14 });
        const body = bookSlotsPage(p, { type, slots, from: today(), error: 'slot' });
        return sendPage(reply, p, p.t('contacts:bookStep2'), body, 400);
      }
      const free = await freeSlots(db, { appointmentTypeId: type.id, from: localDateOf(new Date(startsAt)), days: 1 });
      const slot = free.find((x) => x.staffId === staffId && x.startsAt === new Date(startsAt).toISOString());
      if (!slot) return reply.redirect(`/book/${type.id}?taken=1`, 303);
      const body = bookConfirmPage(p, { type, staffId, startsAt: slot.startsAt, email: '', staffName: slot.staffName });
      return sendPage(reply, p, p.t('contacts:bookStep3'), body);
    });

    // Step 3 shows what is about to be booked; the booking is made only by the confirm form's POST.
    app.post<{ Params: { typeId: string } }>('/book/:typeId', hide, async (request, reply) => {
      const principal = requireApplicant(request);
      const p = page(request, reply);
      const type = await findType(request.params.typeId);
      const form = body(request);
      const [staffId, startsAt] = str(form.slot).split('|');
      const slotOk =
        z.uuid().safeParse(staffId).success && z.iso.datetime({ offset: true }).safeParse(startsAt).success;
      if (!slotOk) {
        const slots = await freeSlots(db, { appointmentTypeId: type.id, from: today(), days: 14 });
        return sendPage(
          reply,
          p,
          p.t('contacts:bookStep2'),
          bookSlotsPage(p, { type, slots, from: today(), error: 'slot' }),
          400,
        );
      }
      const email = str(form.email).trim();
      if (str(form.step) !== 'confirm')
        return sendPage(
          reply,
          p,
          p.t('contacts:bookStep3'),
          bookConfirmPage(p, { type, staffId, startsAt, email, staffName: str(form.staffName) }),
        );
      if (!z.email().safeParse(email).success)
        return sendPage(
          reply,
          p,
          p.t('contacts:bookStep3'),
          bookConfirmPage(p, { type, staffId, startsAt, email, staffName: str(form.staffName), error: 'email' }),
          400,
        );
      try {
        await bookAppointment(
          db,
          principal,
          { appointmentTypeId: type.id, staffId, startsAt, citizenEmail: email },
          { requestId: request.id },
        );
      } catch (err) {
        if (isAppError(err) && (err.code === 'conflict' || err.code === 'validation'))
          return reply.redirect(`/book/${type.id}?taken=1`, 303);
        throw err;
      }
      return reply.redirect('/mine-aftaler?booked=1', 303);
    });
  };
}
