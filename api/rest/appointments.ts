/**
 * REST booking and reads for appointments. Booking starts the workflow; reads come from the read
 * model; the lifecycle's commands (cancel, reschedule, check in …) are in appointment-commands.ts.
 * Every route needs an acting account and goes through the access policy: what the caller may
 * not see answers 404, as if it did not exist.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { booking } from '../../domain/access/policy.js';
import { actingAccountOf, protectRoutes, withFreshDependant } from '../access/access-context.js';
import { bookAppointment } from '../booking/book-appointment.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { listVisibleAppointments, readAppointment, readAppointmentEvents } from '../reads/appointment-reads.js';
import { toEventResource } from '../reads/appointment-timeline.js';
import { cursorId, cursorInstant, decodeCursor, encodeCursor } from '../reads/cursors.js';
import { patientNotFound, patientRoleRequired } from '../reads/patient-reads.js';
import { appointmentCommandRoutes } from './appointment-commands.js';
import { appointmentLinks } from './appointment-links.js';
import {
  appointmentIdParams,
  appointmentResource,
  bookingResult,
  createAppointmentBody,
  eventResource,
  listQuery,
  pageInfo,
} from './appointment-schemas.js';

/** The same kind as GraphQL's `appointments` cursors: one listing, either way in. */
const LIST_CURSOR = 'appointments';

// Namespace for appointment ids derived from an Idempotency-Key (a random v4, chosen once).
const IDEMPOTENCY_NAMESPACE = '8b1d6f3e-2c4a-4e9b-a7d5-3f6e1c2b9a40';
const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough();
const refusals = { 401: errorBody, 403: errorBody };

export const appointmentRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);
    const now = deps.now ?? (() => new Date());
    await app.register(appointmentCommandRoutes(deps));

    app.post(
      '/api/v1/appointments',
      {
        schema: {
          summary: 'Book an appointment',
          description:
            'Reserves the slot and starts the appointment’s workflow, which pins the service, its fee and the ' +
            'cancellation policy in force. Answers once the booking is recorded: with `next: "pay"` and the ' +
            '`checkoutUrl` to pay at before `paymentDueAt`, or, for a free service, `status: "confirmed"`. The ' +
            'patient is you unless patientId names one of your dependants. Send an Idempotency-Key header to make ' +
            'retries safe: the same key returns the same appointment (200) and never takes a second seat.',
          tags: ['appointments'],
          headers: idempotencyHeaders,
          body: createAppointmentBody,
          response: {
            200: bookingResult,
            201: bookingResult,
            400: errorBody,
            404: errorBody,
            409: errorBody,
            422: errorBody,
            ...refusals,
          },
        },
      },
      async (request, reply) => {
        const { patientId: requested, ...slot } = request.body;
        const account = await actingAccountOf(request, deps.pool);
        const fresh = requested ? await withFreshDependant(deps.eventStore, account, requested) : account;
        const decision = booking(fresh, requested);
        if (!decision.allowed) {
          throw decision.reason === 'not_a_patient' ? patientRoleRequired() : patientNotFound();
        }
        const key = request.headers['idempotency-key'];
        const id = key ? uuidv5(`${decision.patientId}:${key}`, IDEMPOTENCY_NAMESPACE) : randomUUID();
        const booked = await bookAppointment(
          deps,
          { appointmentId: id, request: { ...slot, patientId: decision.patientId }, bookedBy: account.accountId },
          now(),
        );
        if (booked.status === 'none') throw new Error('The booking answered before it was recorded.');
        const { status, paymentDueAt, checkoutUrl, fee } = booked;
        const next = status === 'pending_payment' ? 'pay' : CLOSED.includes(status) ? null : 'confirmed';
        return reply.code(booked.created ? 201 : 200).send({
          id,
          status,
          paymentDueAt,
          checkoutUrl,
          fee,
          next,
          links: appointmentLinks(id, { status, checkoutUrl }, 'patient'),
        });
      },
    );

    app.get(
      '/api/v1/appointments',
      {
        schema: {
          summary: 'List the appointments you may see (newest first)',
          description:
            'Patients: their own and their dependants’. Doctors: those booked with them. Admin and finance: all ' +
            '(each listing is audited). Pages of `first`; pass `pageInfo.endCursor` as `after` for the next one.',
          tags: ['appointments'],
          querystring: listQuery,
          response: {
            200: z.object({ items: z.array(appointmentResource), pageInfo }),
            400: errorBody,
            ...refusals,
          },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        const { first, status, after } = request.query;
        const cursor = after
          ? decodeCursor(after, LIST_CURSOR, { requestedAt: cursorInstant, id: cursorId }, 'after')
          : undefined;
        // One more than asked, to know whether another page follows.
        const rows = await listVisibleAppointments(deps, account, {
          first: first + 1,
          ...(status ? { status } : {}),
          ...(cursor ? { after: cursor } : {}),
        });
        const page = rows.slice(0, first);
        const last = page.at(-1);
        return {
          items: page.map(({ streamRevision: _revision, ...row }) => row),
          pageInfo: {
            hasNextPage: rows.length > first,
            endCursor: last ? encodeCursor(LIST_CURSOR, { requestedAt: last.requestedAt, id: last.id }) : null,
          },
        };
      },
    );

    app.get(
      '/api/v1/appointments/:id',
      {
        schema: {
          summary: 'One appointment',
          tags: ['appointments'],
          params: appointmentIdParams,
          response: { 200: appointmentResource, 404: errorBody, ...refusals },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        const { streamRevision: _revision, ...resource } = await readAppointment(deps, account, request.params.id);
        return resource;
      },
    );

    app.get(
      '/api/v1/appointments/:id/events',
      {
        schema: {
          summary: 'The appointment’s event history',
          tags: ['appointments'],
          params: appointmentIdParams,
          response: { 200: z.object({ items: z.array(eventResource) }), 404: errorBody, ...refusals },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        return { items: (await readAppointmentEvents(deps, account, request.params.id)).map(toEventResource) };
      },
    );
  };

/** Statuses after which nothing comes next for the patient to do about the booking. */
const CLOSED: readonly string[] = ['cancelled', 'refunded', 'no_show', 'completed', 'reviewed'];
