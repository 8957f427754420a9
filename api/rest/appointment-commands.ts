/**
 * The appointment lifecycle's commands over REST: each one authorised per appointment through the
 * access policy before anything is sent (the role it grants is who the event records as acting,
 * never a field of the body), then executed as an Update of the appointment's workflow, which
 * decides. Refusals arrive as the domain's codes: 409 for a state that does not allow it, 422 for
 * a rule (too early, the reschedule limit, the review window). Also here: what cancelling would
 * refund, and the caller's way into the video room.
 */
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  cancellation,
  checkingIn,
  joiningRoom,
  prescribing,
  rescheduling,
  reviewing,
  runningConsultation,
  type AppointmentRole,
} from '../../domain/access/policy.js';
import {
  cancelUpdate,
  checkInUpdate,
  admitUpdate,
  endUpdate,
  prescribeUpdate,
  rescheduleUpdate,
  reviewUpdate,
  type AppointmentView,
} from '../../workflows/appointment.messages.js';
import { actingAccountOf, protectRoutes } from '../access/access-context.js';
import { sendCommand, type CommandOrder } from '../booking/appointment-commands.js';
import { authorizeCommand, type CommandRule } from '../booking/command-access.js';
import { quoteCancellation } from '../booking/cancellation-quote.js';
import { joinRoom } from '../booking/room-access.js';
import { sealPrescription, sealReview } from '../booking/sealed-content.js';
import type { ApiDeps } from '../deps.js';
import { videoOf } from '../effect-ports.js';
import { errorBody } from '../errors.js';
import { personalDataCipher } from '../patients/personal-data.js';
import { appointmentLinks } from './appointment-links.js';
import {
  appointmentIdParams,
  cancelAppointmentBody,
  cancellationQuoteResult,
  commandResult,
  emptyCommandBody,
  prescriptionBody,
  prescriptionResult,
  rescheduleAppointmentBody,
  reviewBody,
  roomResult,
} from './appointment-schemas.js';

const errors = {
  400: errorBody,
  401: errorBody,
  403: errorBody,
  404: errorBody,
  409: errorBody,
  422: errorBody,
};

/** 403 for someone who may see the appointment but not do this; everyone else gets 404. */
const refusal = (code: string, what: string) => ({ code, message: `You may see this appointment but not ${what}.` });

/** The workflow's view as a command answers it. */
function answer(id: string, view: AppointmentView, by: AppointmentRole) {
  const { status, revision, startsAt, paymentDueAt, checkoutUrl } = view;
  if (status === 'none') throw new Error('The workflow answered a command before its booking was recorded.');
  return {
    id,
    status,
    revision,
    startsAt,
    paymentDueAt,
    checkoutUrl,
    links: appointmentLinks(id, { status, checkoutUrl }, by),
  };
}

export const appointmentCommandRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);
    const cipher = personalDataCipher(deps.masterKey);
    const video = videoOf(deps);
    const now = deps.now ?? (() => new Date());

    const timings = deps.settings.timings;

    /** Authorise, then send: the common path of the commands that carry no personal content. */
    const command = async (
      request: FastifyRequest,
      id: string,
      rule: CommandRule,
      denied: { code: string; message: string },
      order: (by: AppointmentRole) => Omit<CommandOrder, 'state'>,
    ) => {
      const account = await actingAccountOf(request, deps.pool);
      const { state, by } = await authorizeCommand(deps, account, id, rule, denied);
      return answer(id, await sendCommand(deps, { state, ...order(by) }), by);
    };

    app.post(
      '/api/v1/appointments/:id/cancel',
      {
        schema: {
          summary: 'Cancel an appointment',
          description:
            'By its patient (or their guardian), its doctor, or an admin; who cancelled is recorded from your part ' +
            'in the appointment. The refund follows the policy pinned at booking (see cancellation-quote): a ' +
            'patient gets everything back up to 24 h before the start and half after that; a doctor’s or an ' +
            'admin’s cancellation always refunds in full. The slot is free again when this answers.',
          tags: ['appointments'],
          params: appointmentIdParams,
          body: cancelAppointmentBody,
          response: { 200: commandResult, ...errors },
        },
      },
      (request) =>
        command(request, request.params.id, cancellation, refusal('CANCEL_NOT_ALLOWED', 'cancel it'), (by) => {
          const cancellation = { by, reason: request.body.reason };
          return {
            send: (workflow) => workflow.executeUpdate(cancelUpdate, { args: [cancellation] }),
            command: { type: 'CancelAppointment', cancellation },
          };
        }),
    );

    app.post(
      '/api/v1/appointments/:id/reschedule',
      {
        schema: {
          summary: 'Move an appointment to another time',
          description:
            'The new start must be one of the doctor’s free slots for the same service and method (409 ' +
            'SLOT_UNAVAILABLE when its seats are taken, 422 when it is no slot at all); the seat moves with the ' +
            'appointment atomically, or nothing changes. Patients may move one booking at most as often as the ' +
            'pinned policy allows (422 RESCHEDULE_LIMIT_REACHED); doctors and admins are not capped.',
          tags: ['appointments'],
          params: appointmentIdParams,
          body: rescheduleAppointmentBody,
          response: { 200: commandResult, ...errors },
        },
      },
      (request) =>
        command(request, request.params.id, rescheduling, refusal('RESCHEDULE_NOT_ALLOWED', 'move it'), (by) => {
          const reschedule = { by, startsAt: request.body.startsAt };
          return {
            send: (workflow) => workflow.executeUpdate(rescheduleUpdate, { args: [reschedule] }),
            command: { type: 'RescheduleAppointment', reschedule },
          };
        }),
    );

    app.post(
      '/api/v1/appointments/:id/check-in',
      {
        schema: {
          summary: 'Check in for the consultation (patient)',
          description:
            'Opens shortly before the start (422 TOO_EARLY before then) and puts the patient in the waiting room ' +
            'for the doctor to admit. Checking in again is harmless.',
          tags: ['appointments'],
          params: appointmentIdParams,
          body: emptyCommandBody,
          response: { 200: commandResult, ...errors },
        },
      },
      (request) =>
        command(request, request.params.id, checkingIn, refusal('CHECK_IN_NOT_ALLOWED', 'check in for it'), () => ({
          send: (workflow) => workflow.executeUpdate(checkInUpdate),
          command: { type: 'CheckIn', joinWindowMs: timings.joinWindowMs },
        })),
    );

    app.post(
      '/api/v1/appointments/:id/admit',
      {
        schema: {
          summary: 'Admit the waiting patient and start the consultation (doctor)',
          description: 'Opens the video room; both sides then get their way in from GET …/room.',
          tags: ['appointments'],
          params: appointmentIdParams,
          body: emptyCommandBody,
          response: { 200: commandResult, ...errors },
        },
      },
      (request) =>
        command(
          request,
          request.params.id,
          runningConsultation,
          refusal('ADMIT_NOT_ALLOWED', 'admit its patient'),
          () => ({
            send: (workflow) => workflow.executeUpdate(admitUpdate),
            command: { type: 'AdmitPatient', roomId: 'pending', sessionGraceMs: timings.sessionGraceMs },
          }),
        ),
    );

    app.post(
      '/api/v1/appointments/:id/end',
      {
        schema: {
          summary: 'End the consultation (doctor)',
          description: 'Opens the patient’s review window; the prescription can still be written afterwards.',
          tags: ['appointments'],
          params: appointmentIdParams,
          body: emptyCommandBody,
          response: { 200: commandResult, ...errors },
        },
      },
      (request) =>
        command(
          request,
          request.params.id,
          runningConsultation,
          refusal('END_NOT_ALLOWED', 'end its consultation'),
          () => ({
            send: (workflow) => workflow.executeUpdate(endUpdate),
            command: { type: 'EndConsultation', by: 'doctor', reviewWindowMs: timings.reviewWindowMs },
          }),
        ),
    );

    app.post(
      '/api/v1/appointments/:id/prescription',
      {
        schema: {
          summary: 'Issue the prescription (doctor)',
          description:
            'During the consultation or after it. The prescription is encrypted under the patient’s own key ' +
            'before it leaves the API. One per appointment: sending it again answers the same prescriptionId; a ' +
            'different second one is refused (409 ALREADY_PRESCRIBED).',
          tags: ['appointments'],
          params: appointmentIdParams,
          body: prescriptionBody,
          response: { 200: prescriptionResult, ...errors },
        },
      },
      async (request) => {
        const { id } = request.params;
        const account = await actingAccountOf(request, deps.pool);
        const { state, by } = await authorizeCommand(
          deps,
          account,
          id,
          prescribing,
          refusal('PRESCRIBE_NOT_ALLOWED', 'prescribe for it'),
        );
        const sealed = await sealPrescription(cipher, deps.pool, state, request.body);
        const view = await sendCommand(deps, {
          state,
          send: (workflow) => workflow.executeUpdate(prescribeUpdate, { args: [sealed] }),
          command: { type: 'IssuePrescription', ...sealed },
        });
        return { ...answer(id, view, by), prescriptionId: sealed.prescriptionId };
      },
    );

    app.post(
      '/api/v1/appointments/:id/review',
      {
        schema: {
          summary: 'Review the consultation (patient)',
          description:
            'A rating from 1 to 5 and an optional comment (encrypted under the patient’s key), once the ' +
            'consultation has ended and until the review window closes (422 REVIEW_WINDOW_CLOSED); once only ' +
            '(409 ALREADY_REVIEWED).',
          tags: ['appointments'],
          params: appointmentIdParams,
          body: reviewBody,
          response: { 200: commandResult, ...errors },
        },
      },
      async (request) => {
        const { id } = request.params;
        const account = await actingAccountOf(request, deps.pool);
        const { state, by } = await authorizeCommand(
          deps,
          account,
          id,
          reviewing,
          refusal('REVIEW_NOT_ALLOWED', 'review it'),
        );
        const sealed = await sealReview(cipher, deps.pool, state.patientId, request.body);
        const view = await sendCommand(deps, {
          state,
          send: (workflow) => workflow.executeUpdate(reviewUpdate, { args: [sealed] }),
          command: { type: 'SubmitReview', ...sealed },
        });
        return answer(id, view, by);
      },
    );

    app.get(
      '/api/v1/appointments/:id/cancellation-quote',
      {
        schema: {
          summary: 'What cancelling now would refund, and the reschedules left',
          description:
            'Computed from the policy pinned at booking and what was actually paid, for your part in the ' +
            'appointment (a doctor’s or an admin’s cancellation refunds in full). Show it before the user confirms.',
          tags: ['appointments'],
          params: appointmentIdParams,
          response: { 200: cancellationQuoteResult, 401: errorBody, 403: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        const { state, ...quote } = await quoteCancellation(deps, account, request.params.id, now());
        const { status, policy } = state;
        const checkoutUrl = status === 'pending_payment' ? (state.payment?.checkoutUrl ?? null) : null;
        return {
          id: state.appointmentId,
          status,
          ...quote,
          policy,
          links: appointmentLinks(state.appointmentId, { status, checkoutUrl }, quote.by),
        };
      },
    );

    app.get(
      '/api/v1/appointments/:id/room',
      {
        schema: {
          summary: 'Your way into the consultation’s video room',
          description:
            'For the patient (or their guardian) and the doctor, while the consultation is in progress (409 ' +
            'ROOM_NOT_OPEN otherwise). The token is short-lived and personal: fetch a new one to rejoin.',
          tags: ['appointments'],
          params: appointmentIdParams,
          response: { 200: roomResult, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody },
        },
      },
      async (request, reply) => {
        const account = await actingAccountOf(request, deps.pool);
        const { id } = request.params;
        const { state, by } = await authorizeCommand(
          deps,
          account,
          id,
          joiningRoom,
          refusal('ROOM_NOT_ALLOWED', 'join its consultation'),
        );
        // A join token is a credential: never kept by a cache on the way.
        void reply.header('cache-control', 'no-store');
        return joinRoom(deps, video, state, {
          accountId: account.accountId,
          role: by === 'doctor' ? 'doctor' : 'patient',
        });
      },
    );
  };
