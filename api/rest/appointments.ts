/**
 * REST commands and reads for appointments. Commands go to the workflow; reads to the read model.
 * Every route needs an acting account and goes through the access policy: what the caller may
 * not see answers 404, as if it did not exist.
 */
import { randomUUID } from 'node:crypto';
import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { booking, cancellation } from '../../domain/access/policy.js';
import { appointmentWorkflowId, conflict, DomainError, ruleViolation } from '../../domain/index.js';
import { findAppointment } from '../../projections/index.js';
import {
  APPOINTMENT_WORKFLOW_TYPE,
  cancelUpdate,
  requestedUpdate,
  type AppointmentWorkflowInput,
} from '../../workflows/appointment.messages.js';
import type { appointmentWorkflow } from '../../workflows/appointment.workflow.js';
import { actingAccountOf, protectRoutes, withFreshDependant } from '../access/access-context.js';
import { releaseReservation } from '../../activities/slot-reservations.js';
import { reserveSlot } from '../booking/slot-reservation.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import {
  appointmentNotFound,
  appointmentPartiesOf,
  listVisibleAppointments,
  readAppointment,
  readAppointmentEvents,
} from '../reads/appointment-reads.js';
import { patientNotFound, patientRoleRequired } from '../reads/patient-reads.js';
import { fromTemporalError } from '../temporal-errors.js';
import {
  appointmentIdParams,
  appointmentResource,
  cancelAppointmentBody,
  commandResult,
  createAppointmentBody,
  eventResource,
  listQuery,
} from './appointment-schemas.js';

// Namespace for appointment ids derived from an Idempotency-Key (a random v4, chosen once).
const IDEMPOTENCY_NAMESPACE = '8b1d6f3e-2c4a-4e9b-a7d5-3f6e1c2b9a40';
const idempotencyHeaders = z.object({ 'idempotency-key': z.string().min(8).max(200).optional() }).passthrough();
const refusals = { 401: errorBody, 403: errorBody };

const links = (id: string) => ({
  self: `/api/v1/appointments/${id}`,
  events: `/api/v1/appointments/${id}/events`,
  cancel: `/api/v1/appointments/${id}/cancel`,
});

export const appointmentRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);
    const now = deps.now ?? (() => new Date());

    app.post(
      '/api/v1/appointments',
      {
        schema: {
          summary: 'Request an appointment',
          description:
            'Starts the appointment workflow and answers once AppointmentRequested is recorded. The patient is ' +
            'you unless patientId names one of your dependants. Send an Idempotency-Key header to make retries ' +
            'safe: the same key returns the same appointment.',
          tags: ['appointments'],
          headers: idempotencyHeaders,
          body: createAppointmentBody,
          response: {
            200: commandResult,
            201: commandResult,
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
        if (Date.parse(slot.startsAt) <= now().getTime()) {
          throw ruleViolation('STARTS_IN_PAST', 'The appointment must start in the future.');
        }
        const body = { ...slot, patientId: decision.patientId };
        const key = request.headers['idempotency-key'];
        const id = key ? uuidv5(`${body.patientId}:${key}`, IDEMPOTENCY_NAMESPACE) : randomUUID();
        if (key) {
          const existing = await findAppointment(deps.pool, id);
          if (existing)
            return reply
              .code(200)
              .send({ id, status: existing.status, paymentDueAt: existing.paymentDueAt, links: links(id) });
        }
        // Only verified, online doctors, their own services and methods, and slots they really offer,
        // with a seat left: checked and reserved atomically (409 SLOT_UNAVAILABLE for a race's losers).
        const reserved = await reserveSlot(deps.pool, { appointmentId: id, ...body }, now());
        const input: AppointmentWorkflowInput = {
          appointmentId: id,
          request: body,
          paymentTimeoutMs: deps.settings.paymentTimeoutMs,
        };
        try {
          const view = await deps.temporal.client.workflow.executeUpdateWithStart(requestedUpdate, {
            startWorkflowOperation: new WithStartWorkflowOperation<typeof appointmentWorkflow>(
              APPOINTMENT_WORKFLOW_TYPE,
              {
                workflowId: appointmentWorkflowId(id),
                taskQueue: deps.temporal.taskQueue,
                args: [input],
                workflowIdConflictPolicy: 'USE_EXISTING',
                workflowIdReusePolicy: 'REJECT_DUPLICATE',
              },
            ),
          });
          return reply.code(201).send({ id, status: view.status, paymentDueAt: view.paymentDueAt, links: links(id) });
        } catch (error) {
          // No live workflow owns the seat this request took: give it back, or it is blocked for ever.
          if (reserved === 'reserved') await releaseUnlessRunning(deps, id);
          // The same Idempotency-Key after the appointment's workflow has closed: answer with what it became.
          if (error instanceof WorkflowExecutionAlreadyStartedError) {
            const row = await findAppointment(deps.pool, id);
            if (row)
              return reply.code(200).send({ id, status: row.status, paymentDueAt: row.paymentDueAt, links: links(id) });
          }
          throw fromTemporalError(error) ?? error;
        }
      },
    );

    app.get(
      '/api/v1/appointments',
      {
        schema: {
          summary: 'List the appointments you may see (newest first)',
          description:
            'Patients: their own and their dependants’. Doctors: those booked with them. Admin and finance: all ' +
            '(each listing is audited).',
          tags: ['appointments'],
          querystring: listQuery,
          response: { 200: z.object({ items: z.array(appointmentResource) }), ...refusals },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        const { first, status } = request.query;
        const rows = await listVisibleAppointments(deps, account, { first, ...(status ? { status } : {}) });
        return { items: rows.map(({ streamRevision: _revision, ...row }) => row) };
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
        const events = await readAppointmentEvents(deps, account, request.params.id);
        return {
          items: events.map((event) => ({
            id: event.id,
            type: event.type,
            revision: Number(event.revision),
            recordedAt: event.recordedAt.toISOString(),
            data: event.data,
          })),
        };
      },
    );

    app.post(
      '/api/v1/appointments/:id/cancel',
      {
        schema: {
          summary: 'Cancel an appointment',
          description: 'By its patient (or their guardian), its doctor, or an admin; who cancelled is recorded.',
          tags: ['appointments'],
          params: appointmentIdParams,
          body: cancelAppointmentBody,
          response: { 200: commandResult, 400: errorBody, 404: errorBody, 409: errorBody, ...refusals },
        },
      },
      async (request) => {
        const { id } = request.params;
        const account = await actingAccountOf(request, deps.pool);
        const parties = await appointmentPartiesOf(deps, id);
        if (!parties) throw appointmentNotFound();
        const decision = cancellation(await withFreshDependant(deps.eventStore, account, parties.patientId), parties);
        if (!decision.allowed) {
          if (!decision.visible) throw appointmentNotFound();
          throw new DomainError('forbidden', 'CANCEL_NOT_ALLOWED', 'You may see this appointment but not cancel it.');
        }
        try {
          const view = await deps.temporal.client.workflow
            .getHandle(appointmentWorkflowId(id))
            .executeUpdate(cancelUpdate, { args: [{ by: decision.by, reason: request.body.reason }] });
          return { id, status: view.status, paymentDueAt: view.paymentDueAt, links: links(id) };
        } catch (error) {
          const mapped = fromTemporalError(error);
          // A closed workflow is "not active"; the appointment exists (its stream does), so it is over.
          if (mapped?.code === 'APPOINTMENT_NOT_ACTIVE') {
            throw conflict('INVALID_STATE', 'This appointment can no longer be cancelled.');
          }
          throw mapped ?? error;
        }
      },
    );
  };

/**
 * Compensation after a failed start. A workflow that did start (the failure was only in answering)
 * owns the seat and releases it when cancelled; one that never started, failed, or had already
 * closed (a replayed Idempotency-Key) never will. When Temporal cannot even say, release: a seat
 * blocked for ever is the bug users report, and the workflow that would own it cannot be reached.
 */
async function releaseUnlessRunning(deps: ApiDeps, id: string): Promise<void> {
  const running = await deps.temporal.client.workflow
    .getHandle(appointmentWorkflowId(id))
    .describe()
    .then((description) => description.status.name === 'RUNNING')
    .catch(() => false);
  if (!running) await releaseReservation(deps.pool, id);
}
