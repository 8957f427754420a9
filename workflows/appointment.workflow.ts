/**
 * One long-lived workflow per appointment, from request to review. It is the single writer of the
 * appointment's event stream: every change goes decide → record (activity) → evolve, one at a
 * time, then the effects of what was recorded (release, notify) run in the same turn, so an Update
 * answers only once they are done. Durable timers drive payment expiry, reminders, no-shows, the
 * session end and the review window; the next deadline is recomputed from the state after every
 * change (domain nextDeadline), so a reschedule moves every timer with it.
 */
import {
  ActivityFailure,
  allHandlersFinished,
  ApplicationFailure,
  condition,
  log,
  proxyActivities,
  setHandler,
} from '@temporalio/workflow';
import type { Activities } from '../activities/index.js';
import type {
  AppointmentFacts,
  NotificationKind,
  NotifyInput,
  PaymentCancellation,
} from '../activities/appointment-effects.js';
import {
  appointmentStreamId,
  cancelRequest,
  decideAppointment,
  evolveAppointment,
  initialAppointmentState,
  isFinal,
  nextDeadline,
  rescheduleRequest,
  type AppointmentCommand,
  type AppointmentEvent,
  type AppointmentState,
  type BookedState,
  type DistributiveOmit,
  type PaymentOutcome,
} from '../domain/index.js';
import { failureOf, guarded, validatorOf } from './appointment.failures.js';
import {
  admitUpdate,
  cancelUpdate,
  checkInUpdate,
  endUpdate,
  paymentSettledSignal,
  prescribeUpdate,
  requestedUpdate,
  rescheduleUpdate,
  reviewUpdate,
  viewQuery,
  type AppointmentView,
  type AppointmentWorkflowInput,
  type PrescriptionCommand,
  type ReviewCommand,
} from './appointment.messages.js';

// Recording is retried until the event store is back; a revision conflict never is.
const { recordEvents } = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: ['WrongExpectedRevision', 'IdempotencyConflict'],
  },
});

// Effects that must happen eventually (a blocked slot, money owed, a checkout, a room): retried for ever.
const { releaseSlot, refundPayment, cancelPayment, createRoom, createPayment } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

// A move answers a person waiting for it: a few quick tries, and its refusals are final.
const { moveSlot } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { maximumAttempts: 3, nonRetryableErrorTypes: ['SLOT_UNAVAILABLE', 'DOCTOR_NOT_BOOKABLE'] },
});

// A message late is better than none, but not days late: give up after an hour of trying.
const { notify } = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  scheduleToCloseTimeout: '1 hour',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

const NOTIFIED: Partial<Record<AppointmentEvent['type'], NotificationKind>> = {
  AppointmentConfirmed: 'appointment_confirmed',
  ReminderSent: 'appointment_reminder',
  AppointmentRescheduled: 'appointment_rescheduled',
  AppointmentCancelled: 'appointment_cancelled',
  PaymentFailed: 'payment_failed',
  NoShowRecorded: 'no_show_recorded',
  ConsultationEnded: 'consultation_ended',
  PrescriptionIssued: 'prescription_issued',
  ReviewReminderSent: 'review_reminder',
  RefundIssued: 'refund_issued',
};
// RefundFailed is deliberately silent to the patient: finance follows it up and writes to them.

type Command = DistributiveOmit<AppointmentCommand, 'now'>;

export async function appointmentWorkflow(input: AppointmentWorkflowInput): Promise<AppointmentView> {
  const { appointmentId, timings } = input;
  const streamId = appointmentStreamId(appointmentId);
  let state: AppointmentState = initialAppointmentState;
  let revision = -1;
  let queue: Promise<unknown> = Promise.resolve();
  let steps = 0;

  const view = (): AppointmentView => {
    const s = state.status === 'none' ? null : state;
    return {
      appointmentId,
      status: state.status,
      revision,
      startsAt: s?.startsAt ?? null,
      paymentDueAt: s?.paymentDueAt ?? null,
      checkoutUrl: s?.status === 'pending_payment' ? (s.payment?.checkoutUrl ?? null) : null,
      roomId: s?.consultation?.roomId ?? null,
    };
  };

  const booked = (): BookedState => {
    if (state.status === 'none') throw new Error('The appointment has not been requested yet.');
    return state;
  };

  const now = () => new Date().toISOString();
  const decide = (command: Command) => decideOrFail({ ...command, now: now() } as AppointmentCommand, state);
  /**
   * What validators ask. While a step is in flight (a payment being recorded, say) the state is
   * about to change, and refusing on the old one would tell a patient who has just paid to pay
   * first: the Update is then let in and decided in its turn, after that step (same codes).
   */
  const admissible = (command: Command) => {
    if (steps === 0) decide(command);
  };

  /**
   * One step in the queue's turn: `prepare` may call an activity first (create a room, move the
   * slot) and returns the command; no other command sees the state between the two.
   */
  const step = (prepare: () => Command | Promise<Command>): Promise<AppointmentView> => {
    steps += 1;
    const run = queue.then(async () => apply(await prepare()));
    queue = run.catch(() => undefined).finally(() => (steps -= 1));
    return run;
  };

  /** decide → record → evolve → effects; only inside a step's turn (an effect may apply a follow-up command). */
  const apply = async (command: Command): Promise<AppointmentView> => {
    const events = decide(command);
    if (events.length === 0) return view();
    const result = await recordEvents({ streamId, expectedRevision: revision, events });
    const firstRevision = revision + 1;
    state = events.reduce(evolveAppointment, state);
    revision = result.nextExpectedRevision;
    for (const [index, event] of events.entries()) await afterRecorded(event, firstRevision + index);
    return view();
  };

  const afterRecorded = async (event: AppointmentEvent, eventRevision: number) => {
    if (event.type === 'AppointmentCancelled') {
      // In the same turn, so a cancel Update answers only once the seat is bookable again.
      await releaseSlot(appointmentId);
      const payment = booked().payment;
      if (payment && payment.status !== 'received') {
        // No result at all in histories from before cancelPayment answered: that meant cancelled.
        const closed: PaymentCancellation | undefined = await cancelPayment({ paymentId: payment.paymentId });
        // Paid at the provider just before the checkout closed: its webhook may only come once this
        // workflow has completed, so the money is recorded here, as the webhook would record it (the
        // decider owes it back), and the loop below refunds it before the workflow completes.
        if (closed?.outcome === 'captured') {
          await apply({ type: 'SettlePayment', settlement: capturedSettlement(payment.paymentId, closed) });
        }
      }
    }
    const kind = NOTIFIED[event.type];
    if (!kind) return;
    try {
      await notify(notification(kind, event, eventRevision));
    } catch (error) {
      // Given up after an hour of trying: a lost message must not end the appointment (its timers
      // and any refund owed). The failed activity stays in the history for operators to see.
      log.warn('notification given up', { kind, eventRevision, failure: errorType(error) });
    }
  };

  const notification = (kind: NotificationKind, event: AppointmentEvent, eventRevision: number): NotifyInput => {
    const base = { kind, facts: facts(booked()), eventRevision };
    switch (event.type) {
      case 'AppointmentRescheduled':
        return { ...base, previousStartsAt: event.data.previousStartsAt };
      case 'AppointmentCancelled':
        return {
          ...base,
          cancelledBy: event.data.cancelledBy,
          ...(event.data.refundDue ? { refund: event.data.refundDue } : {}),
        };
      case 'NoShowRecorded':
        return {
          ...base,
          noShowParty: event.data.party,
          ...(event.data.refundDue ? { refund: event.data.refundDue } : {}),
        };
      case 'RefundIssued':
        return { ...base, refund: event.data.amount };
      default:
        return base;
    }
  };

  setHandler(viewQuery, view);
  setHandler(requestedUpdate, async () => {
    // Answered once the patient can act on the booking: a checkout to pay, or already confirmed.
    await condition(() => state.status !== 'none' && (state.status !== 'pending_payment' || state.payment !== null));
    return view();
  });
  setHandler(paymentSettledSignal, (settlement) => {
    // A result that no longer applies (already settled, another checkout) decides to nothing. The webhook route
    // answered the provider once the signal was accepted, so nothing here can be reported back to it.
    step(() => ({ type: 'SettlePayment', settlement })).catch(() => undefined);
  });
  setHandler(cancelUpdate, (cancellation) => step(() => ({ type: 'CancelAppointment', cancellation })), {
    validator: validatorOf(cancelRequest, (cancellation) => admissible({ type: 'CancelAppointment', cancellation })),
  });
  setHandler(
    rescheduleUpdate,
    (reschedule) =>
      step(async () => {
        const command: Command = { type: 'RescheduleAppointment', reschedule };
        decide(command); // refused here (a limit, a state) before the reservation is touched
        // The reservation moves first; if the new slot is taken it stays where it was, and so does the booking.
        await moveOrFail(reschedule.startsAt);
        return command;
      }),
    {
      validator: validatorOf(rescheduleRequest, (reschedule) =>
        admissible({ type: 'RescheduleAppointment', reschedule }),
      ),
    },
  );
  const checkIn: Command = { type: 'CheckIn', joinWindowMs: timings.joinWindowMs };
  setHandler(checkInUpdate, () => step(() => checkIn), { validator: guarded(() => admissible(checkIn)) });
  const admitting: Command = { type: 'AdmitPatient', roomId: 'pending', sessionGraceMs: timings.sessionGraceMs };
  setHandler(
    admitUpdate,
    () =>
      step(async () => {
        if (decide(admitting).length === 0) return admitting; // already admitted: nothing to provision
        const { roomId } = await createRoom({ appointmentId });
        return { ...admitting, roomId };
      }),
    { validator: guarded(() => admissible(admitting)) },
  );
  const ending: Command = { type: 'EndConsultation', by: 'doctor', reviewWindowMs: timings.reviewWindowMs };
  setHandler(endUpdate, () => step(() => ending), { validator: guarded(() => admissible(ending)) });
  setHandler(prescribeUpdate, (p) => step(() => ({ type: 'IssuePrescription', ...p })), {
    validator: guarded((p: PrescriptionCommand) => admissible({ type: 'IssuePrescription', ...p })),
  });
  setHandler(reviewUpdate, (r) => step(() => ({ type: 'SubmitReview', ...r })), {
    validator: guarded((r: ReviewCommand) => admissible({ type: 'SubmitReview', ...r })),
  });

  async function moveOrFail(startsAt: string): Promise<void> {
    try {
      await moveSlot({ appointmentId, startsAt });
    } catch (error) {
      throw failureOf(error);
    }
  }

  // ── the lifecycle ──
  await step(() => ({
    type: 'RequestAppointment',
    appointmentId,
    terms: input.terms,
    paymentTimeoutMs: timings.paymentTimeoutMs,
  }));
  const fee = booked().fee;
  if (fee.amountMinor === 0) {
    await step(() => ({ type: 'ConfirmWithoutPayment' }));
  } else {
    await step(async () => {
      // Keyed by the appointment id at the provider: a retry after a crash finds the same checkout.
      const payment = await createPayment({ appointmentId, amount: fee });
      return { type: 'RecordPaymentRequest', ...payment, amount: fee };
    });
  }

  for (;;) {
    while (!isFinal(state)) {
      const current = booked();
      if (current.refundOwed && current.payment) {
        await step(refund);
        continue;
      }
      const deadline = nextDeadline(current, timings);
      const seen = revision;
      const wait = deadline ? Math.max(1, Date.parse(deadline.at) - Date.now()) : undefined;
      const changed =
        wait === undefined ? await condition(() => revision !== seen) : await condition(() => revision !== seen, wait);
      if (!changed && deadline) await step(() => deadline.command);
    }
    // Updates already accepted finish (and answer) before the workflow completes. One may owe money
    // again after the state looked final (a cancel that found the checkout paid): then refund it first.
    await condition(() => steps === 0 && allHandlersFinished());
    if (isFinal(state)) return view();
  }

  async function refund(): Promise<Command> {
    const s = booked();
    if (!s.refundOwed || !s.payment) return { type: 'RecordRefund', refundId: 'none' }; // decides to nothing
    // One key per refund of this appointment: a retried activity or a replay never pays twice.
    try {
      const { refundId } = await refundPayment({
        appointmentId,
        paymentId: s.payment.paymentId,
        amount: s.refundOwed.amount,
        idempotencyKey: `${appointmentId}:refund:${s.refunds.length + 1}`,
      });
      return { type: 'RecordRefund', refundId };
    } catch (error) {
      // Retries are exhausted only by a refusal no retry can fix: record it for finance, do not fail.
      return { type: 'RecordRefundFailure', failureCode: refusalCode(error) };
    }
  }
}

/**
 * The provider's `captured` answer as the settlement its webhook would carry. Its event id when it
 * gave one, so that webhook is known as the same event; else one fixed per payment, so a replay or
 * a second cancel never records the payment twice (the decider also ignores a payment already received).
 */
function capturedSettlement(
  paymentId: string,
  captured: Extract<PaymentCancellation, { outcome: 'captured' }>,
): PaymentOutcome {
  return {
    paymentId,
    providerEventId: captured.providerEventId ?? `${paymentId}:captured-at-cancel`,
    outcome: 'succeeded',
    amount: captured.amount,
  };
}

/** A failure's type for logs: never its message, which may quote a provider's answer. */
function errorType(error: unknown): string {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure)
    return error.cause.type ?? 'unknown';
  return error instanceof Error ? error.name : 'unknown';
}

function refusalCode(error: unknown): string {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure
    ? (error.cause.type ?? 'REFUND_REFUSED')
    : 'REFUND_REFUSED';
}

function facts(s: BookedState): AppointmentFacts {
  const { appointmentId, patientId, bookedBy, doctorId, serviceName, method, startsAt, endsAt, fee } = s;
  return { appointmentId, patientId, bookedBy, doctorId, serviceName, method, startsAt, endsAt, fee };
}

/** Business refusals end the Update (or the step) as a non-retryable failure with its code. */
function decideOrFail(command: AppointmentCommand, state: AppointmentState): AppointmentEvent[] {
  try {
    return decideAppointment(command, state);
  } catch (error) {
    throw failureOf(error);
  }
}
