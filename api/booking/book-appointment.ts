/**
 * Booking: reserve the slot (atomically, api/booking/slot-reservation.ts), price it, and start the
 * appointment's workflow with the terms it pins, answering once the booking is recorded and its
 * checkout exists (update-with-start). A retry with the same appointment id (the same
 * Idempotency-Key) finds the first try's appointment instead of taking a second seat.
 */
import {
  WithStartWorkflowOperation,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
} from '@temporalio/client';
import {
  appointmentWorkflowId,
  ruleViolation,
  STANDARD_POLICY,
  type AppointmentRequest,
  type AppointmentStatus,
  type BookedState,
  type BookingTerms,
  type Money,
} from '../../domain/index.js';
import { releaseReservation } from '../../activities/slot-reservations.js';
import {
  APPOINTMENT_WORKFLOW_TYPE,
  requestedUpdate,
  type AppointmentWorkflowInput,
} from '../../workflows/appointment.messages.js';
import type { appointmentWorkflow } from '../../workflows/appointment.workflow.js';
import type { ApiDeps } from '../deps.js';
import { fromTemporalError } from '../temporal-errors.js';
import { appointmentStateOf } from './appointment-state.js';
import { reserveSlot } from './slot-reservation.js';

export interface BookingOrder {
  readonly appointmentId: string;
  readonly request: AppointmentRequest;
  /** The acting account: the patient, or the guardian booking for a dependant. */
  readonly bookedBy: string;
}

export interface Booking {
  readonly status: AppointmentStatus;
  readonly paymentDueAt: string | null;
  readonly checkoutUrl: string | null;
  readonly fee: Money;
  /** False when an earlier try with the same id had already booked it. */
  readonly created: boolean;
}

type BookingDeps = Pick<ApiDeps, 'pool' | 'eventStore' | 'temporal' | 'settings'>;

export async function bookAppointment(deps: BookingDeps, order: BookingOrder, now: Date): Promise<Booking> {
  const { appointmentId: id } = order;
  const earlier = await appointmentStateOf(deps.eventStore, id);
  if (earlier) return existingBooking(deps, earlier);
  if (Date.parse(order.request.startsAt) <= now.getTime()) {
    throw ruleViolation('STARTS_IN_PAST', 'The appointment must start in the future.');
  }
  // Only verified, online doctors, their own services and methods, and slots they really offer,
  // with a seat left: checked and reserved atomically (409 SLOT_UNAVAILABLE for a race's losers).
  const reservation = await reserveSlot(deps.pool, { appointmentId: id, ...order.request }, now);
  const terms: BookingTerms = {
    ...order.request,
    bookedBy: order.bookedBy,
    serviceName: reservation.serviceName,
    endsAt: reservation.endsAt,
    fee: reservation.fee,
    // The policy in force today is pinned in the booking: later changes never alter its refunds.
    policy: STANDARD_POLICY,
  };
  const input: AppointmentWorkflowInput = { appointmentId: id, terms, timings: deps.settings.timings };
  try {
    const view = await deps.temporal.client.workflow.executeUpdateWithStart(requestedUpdate, {
      startWorkflowOperation: new WithStartWorkflowOperation<typeof appointmentWorkflow>(APPOINTMENT_WORKFLOW_TYPE, {
        workflowId: appointmentWorkflowId(id),
        taskQueue: deps.temporal.taskQueue,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    });
    const { status, paymentDueAt, checkoutUrl } = view;
    return { status, paymentDueAt, checkoutUrl, fee: terms.fee, created: reservation.outcome === 'reserved' };
  } catch (error) {
    // No live workflow owns the seat this request took: give it back, or it is blocked for ever.
    if (reservation.outcome === 'reserved') await releaseUnlessRunning(deps, id);
    // The same key after the appointment's workflow has closed: answer with what it became.
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      const state = await appointmentStateOf(deps.eventStore, id);
      if (state) return existingBooking(deps, state);
    }
    throw fromTemporalError(error) ?? error;
  }
}

/**
 * A booking an earlier try made. While it runs, its workflow answers (waiting, if need be, for the
 * checkout the first try is still opening); once closed, its recorded state does.
 */
async function existingBooking(deps: BookingDeps, state: BookedState): Promise<Booking> {
  const fee = state.fee;
  try {
    const view = await deps.temporal.client.workflow
      .getHandle(appointmentWorkflowId(state.appointmentId))
      .executeUpdate(requestedUpdate);
    return { status: view.status, paymentDueAt: view.paymentDueAt, checkoutUrl: view.checkoutUrl, fee, created: false };
  } catch (error) {
    if (!(error instanceof WorkflowNotFoundError)) throw fromTemporalError(error) ?? error;
    const checkoutUrl = state.status === 'pending_payment' ? (state.payment?.checkoutUrl ?? null) : null;
    return { status: state.status, paymentDueAt: state.paymentDueAt, checkoutUrl, fee, created: false };
  }
}

/**
 * Compensation after a failed start. A workflow that did start (the failure was only in answering)
 * owns the seat and releases it when cancelled; one that never started, failed, or had already
 * closed (a replayed Idempotency-Key) never will. When Temporal cannot even say, release: a seat
 * blocked for ever is the bug users report, and the workflow that would own it cannot be reached.
 */
async function releaseUnlessRunning(deps: BookingDeps, id: string): Promise<void> {
  const running = await deps.temporal.client.workflow
    .getHandle(appointmentWorkflowId(id))
    .describe()
    .then((description) => description.status.name === 'RUNNING')
    .catch(() => false);
  if (!running) await releaseReservation(deps.pool, id);
}
