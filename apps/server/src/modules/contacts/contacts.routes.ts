import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ZAnswerInquiry,
  ZAppointmentType,
  ZBookAppointment,
  ZBookingOutcome,
  ZBookingView,
  ZCalendarFeed,
  ZCaseStatusLookup,
  ZCaseStatusView,
  ZContactFigures,
  ZContactTopic,
  ZDrillDownQuery,
  ZContactFiguresQuery,
  ZInquiryList,
  ZInquiryView,
  ZRebook,
  ZRegisterInquiry,
  ZSaveContactTopic,
  ZSlot,
  ZIsoDate,
} from '@sagsgang/contracts';
import { localDateOf } from '@sagsgang/clock';
import type { AppContext } from '../../platform/context.js';
import { requireApplicant, requirePrincipal, requireStaff } from '../../platform/auth/guards.js';
import { unitsWithRole, type StaffRole } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import {
  ANSWERING_ROLES,
  REGISTERING_ROLES,
  answerInquiry,
  citizenInquiries,
  lookUpCaseForInquiry,
  openTasks,
  registerInquiry,
} from './inquiries.service.js';
import { listTopics, saveTopic } from './topics.service.js';
import { contactFigures, drillDown } from './figures.service.js';
import {
  bookAppointment,
  cancelBooking,
  citizenBookings,
  createFeedToken,
  feedBookings,
  freeSlots,
  listAppointmentTypes,
  rebookAppointment,
  recordOutcome,
  revokeFeedTokens,
  staffBookings,
} from './bookings.service.js';
import { bookingsIcs } from './booking-ics.js';
import { adminReach } from '../org/index.js';

/** Who reads the citizen-service figures: the front line, its leads, quality, analysts and administrators. */
export const FIGURE_ROLES: readonly StaffRole[] = ['frontline', 'teamlead', 'quality', 'analyst', 'admin'];
const TOPIC_EDITORS: readonly StaffRole[] = ['admin'];
const BOOKING_STAFF: readonly StaffRole[] = ['frontline', 'caseworker', 'teamlead'];

const tags = ['contacts'];
const id = z.object({ id: z.uuid() });

export function contactsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const db = ctx.database.db;
  return async (app) => {
    app.get(
      '/api/contacts/topics',
      {
        schema: {
          tags,
          summary: 'Inquiry topics (case types and own topics) with their telephone charter',
          response: { 200: z.array(ZContactTopic) },
        },
      },
      async (request) => {
        requireStaff(request, [...REGISTERING_ROLES, ...FIGURE_ROLES]);
        return listTopics(db);
      },
    );

    app.put(
      '/api/contacts/topics/:code',
      {
        schema: {
          tags,
          summary: "Add or change one of the authority's own topics and its telephone charter",
          params: z.object({ code: z.string() }),
          body: ZSaveContactTopic,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const principal = requireStaff(request, TOPIC_EDITORS);
        // The topics and their charter are the whole authority's: only its administrators change them.
        if (!(await adminReach(db, principal)).authorityWide)
          throw new AppError('forbidden', 'Only an administrator of the whole authority changes the topics.');
        if (request.body.code !== request.params.code)
          throw new AppError('validation', 'code: differs from the address', [{ path: '/code', message: 'differs' }]);
        await saveTopic(db, { ...request.body, actorId: principal.userId, requestId: request.id });
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/api/contacts/inquiries',
      {
        schema: {
          tags,
          summary: 'Register an inquiry and its result (resolved, forwarded as a task, or referred)',
          body: ZRegisterInquiry,
          response: { 201: ZInquiryView },
        },
      },
      async (request, reply) => {
        const principal = requireStaff(request, REGISTERING_ROLES);
        return reply.status(201).send(await registerInquiry(db, principal, request.body, { requestId: request.id }));
      },
    );

    app.post(
      '/api/contacts/case-status',
      {
        schema: {
          tags,
          summary: '"Where is my case?": a case\'s status and expected date for an inquiry (audited)',
          body: ZCaseStatusLookup,
          response: { 200: ZCaseStatusView },
        },
      },
      async (request) => {
        const principal = requireStaff(request, REGISTERING_ROLES);
        return lookUpCaseForInquiry(db, principal, request.body, { requestId: request.id });
      },
    );

    app.get(
      '/api/contacts/tasks',
      {
        schema: {
          tags,
          summary: 'Inquiries forwarded to me or my units, not yet answered',
          response: { 200: z.array(ZInquiryView) },
        },
      },
      async (request) => openTasks(db, requireStaff(request, ANSWERING_ROLES)),
    );

    app.post(
      '/api/contacts/inquiries/:id/answer',
      {
        schema: {
          tags,
          summary: 'Answer a forwarded inquiry (closes the task)',
          params: id,
          body: ZAnswerInquiry,
          response: { 200: ZInquiryView },
        },
      },
      async (request) => {
        const principal = requireStaff(request, ANSWERING_ROLES);
        return answerInquiry(
          db,
          principal,
          { inquiryId: request.params.id, answer: request.body.answer },
          { requestId: request.id },
        );
      },
    );

    app.get(
      '/api/contacts/my-inquiries',
      {
        schema: {
          tags,
          summary: "The citizen's own inquiries and their answers",
          response: { 200: z.array(ZInquiryView) },
        },
      },
      async (request) => citizenInquiries(db, requireApplicant(request)),
    );

    app.get(
      '/api/contacts/figures',
      {
        schema: {
          tags,
          summary: 'Citizen-service figures of my units over a period',
          querystring: ZContactFiguresQuery,
          response: { 200: ZContactFigures },
        },
      },
      async (request) => {
        const principal = requireStaff(request, FIGURE_ROLES);
        return contactFigures(db, { ...request.query, unitIds: unitsWithRole(principal, FIGURE_ROLES) });
      },
    );

    app.get(
      '/api/contacts/figures/inquiries',
      {
        schema: {
          tags,
          summary: 'The inquiries behind a figure',
          querystring: ZDrillDownQuery,
          response: { 200: ZInquiryList },
        },
      },
      async (request) => {
        const principal = requireStaff(request, FIGURE_ROLES);
        return drillDown(db, { ...request.query, unitIds: unitsWithRole(principal, FIGURE_ROLES) });
      },
    );

    app.get(
      '/api/contacts/appointment-types',
      {
        schema: {
          tags,
          summary: 'The kinds of appointment that can be booked',
          security: [],
          response: { 200: z.array(ZAppointmentType) },
        },
      },
      async () => listAppointmentTypes(db),
    );

    app.get(
      '/api/contacts/slots',
      {
        schema: {
          tags,
          summary: 'Free times of an appointment type',
          security: [],
          querystring: z.object({
            appointmentTypeId: z.uuid(),
            from: ZIsoDate('a date as YYYY-MM-DD').optional(),
            days: z.coerce.number().int().min(1).max(31).default(14),
          }),
          response: { 200: z.array(ZSlot) },
        },
      },
      async (request) => freeSlots(db, { ...request.query, from: request.query.from ?? localDateOf(new Date()) }),
    );

    app.post(
      '/api/contacts/bookings',
      {
        schema: {
          tags,
          summary: 'Book an appointment (a citizen for themselves, staff for a citizen)',
          body: ZBookAppointment,
          response: { 201: ZBookingView },
        },
      },
      async (request, reply) => {
        const principal = requirePrincipal(request);
        if (principal.kind === 'staff') requireStaff(request, BOOKING_STAFF);
        return reply.status(201).send(await bookAppointment(db, principal, request.body, { requestId: request.id }));
      },
    );

    app.get(
      '/api/contacts/bookings',
      {
        schema: {
          tags,
          summary: "My bookings: a citizen's appointments, or a staff member's calendar from a date",
          querystring: z.object({ from: ZIsoDate('a date as YYYY-MM-DD').optional() }),
          response: { 200: z.array(ZBookingView) },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        if (principal.kind === 'applicant') return citizenBookings(db, requireApplicant(request));
        return staffBookings(db, requireStaff(request, BOOKING_STAFF), request.query.from ?? localDateOf(new Date()));
      },
    );

    app.post(
      '/api/contacts/bookings/:id/cancel',
      { schema: { tags, summary: 'Cancel a booking', params: id, response: { 200: ZBookingView } } },
      async (request) => cancelBooking(db, requirePrincipal(request), request.params.id, { requestId: request.id }),
    );

    app.post(
      '/api/contacts/bookings/:id/rebook',
      {
        schema: {
          tags,
          summary: 'Move a booking to another time',
          params: id,
          body: ZRebook,
          response: { 200: ZBookingView },
        },
      },
      async (request) =>
        rebookAppointment(db, requirePrincipal(request), request.params.id, request.body, { requestId: request.id }),
    );

    app.post(
      '/api/contacts/bookings/:id/outcome',
      {
        schema: {
          tags,
          summary: 'Record whether the citizen came',
          params: id,
          body: ZBookingOutcome,
          response: { 200: ZBookingView },
        },
      },
      async (request) =>
        recordOutcome(db, requireStaff(request, BOOKING_STAFF), request.params.id, request.body.status, {
          requestId: request.id,
        }),
    );

    app.post(
      '/api/contacts/calendar-feed',
      {
        schema: {
          tags,
          summary: 'A new private calendar subscription address (earlier ones stop working)',
          response: { 201: ZCalendarFeed },
        },
      },
      async (request, reply) => {
        const principal = requireStaff(request, BOOKING_STAFF);
        const token = await createFeedToken(db, principal, { requestId: request.id });
        return reply.status(201).send({ url: `${ctx.config.publicUrl}/kalender/${token}.ics` });
      },
    );

    app.delete(
      '/api/contacts/calendar-feed',
      { schema: { tags, summary: 'Stop my calendar subscription', response: { 204: z.null() } } },
      async (request, reply) => {
        await revokeFeedTokens(db, requireStaff(request, BOOKING_STAFF));
        return reply.status(204).send(null);
      },
    );

    // The subscription itself: a calendar program fetches it without a session, so the secret token is the key.
    app.get<{ Params: { file: string } }>('/kalender/:file', { schema: { hide: true } }, async (request, reply) => {
      const token = request.params.file.endsWith('.ics') ? request.params.file.slice(0, -4) : '';
      const rows = await feedBookings(db, token);
      if (!rows) throw new AppError('not_found', 'No such calendar.');
      const ics = bookingsIcs(rows, {
        authorityName: ctx.config.authorityName,
        host: new URL(ctx.config.publicUrl).hostname,
        locale: 'da',
        method: 'PUBLISH',
        audience: 'staff',
      });
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, no-store')
        .header('referrer-policy', 'no-referrer')
        .send(ics);
    });
  };
}
