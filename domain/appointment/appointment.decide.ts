import { assertNever, conflict, ruleViolation } from '../shared/errors.js';
import type { AppointmentCommand } from './appointment.commands.js';
import type { AppointmentEvent } from './appointment.events.js';
import { isAwaitingReview, isUpcoming, netPaid, type AppointmentState, type BookedState } from './appointment.state.js';
import { refundQuote } from './cancellation-policy.js';

type Of<T extends AppointmentCommand['type']> = Extract<AppointmentCommand, { type: T }>;

const later = (at: string, ms: number) => new Date(Date.parse(at) + ms).toISOString();
const invalidState = (message: string) => conflict('INVALID_STATE', message);

/**
 * Pure: which events a command produces in a state, or a DomainError saying why not. Commands that
 * timers and provider callbacks send (reminders, expiry, no-show, payment results) answer [] when
 * they no longer apply, because they can race with what people do; commands people send are refused.
 */
export function decideAppointment(command: AppointmentCommand, state: AppointmentState): AppointmentEvent[] {
  if (command.type === 'RequestAppointment') return request(command, state);
  if (state.status === 'none') throw invalidState('This appointment has not been requested yet.');
  switch (command.type) {
    case 'RecordPaymentRequest':
      return recordPaymentRequest(command, state);
    case 'SettlePayment':
      return settlePayment(command, state);
    case 'ConfirmWithoutPayment':
      if (state.status !== 'pending_payment' || state.fee.amountMinor !== 0) return [];
      return [
        {
          type: 'AppointmentConfirmed',
          data: { appointmentId: state.appointmentId, paymentId: null, confirmedAt: command.now },
        },
      ];
    case 'ExpirePayment':
      // A payment that settles at the same moment wins: only a still-pending booking expires.
      if (state.status !== 'pending_payment') return [];
      return [cancelled(state, 'system', 'payment_timeout', null, command.now)];
    case 'SendReminder':
      return sendReminder(command, state);
    case 'RescheduleAppointment':
      return reschedule(command, state);
    case 'CancelAppointment':
      return cancel(command, state);
    case 'RecordRefund':
      return recordRefund(command, state);
    case 'RecordRefundFailure': {
      const owed = state.refundOwed;
      if (!owed || !state.payment) return [];
      const { amount, reason } = owed;
      const data = { appointmentId: state.appointmentId, paymentId: state.payment.paymentId, amount, reason };
      return [{ type: 'RefundFailed', data: { ...data, failureCode: command.failureCode, failedAt: command.now } }];
    }
    case 'CheckIn':
      return checkIn(command, state);
    case 'AdmitPatient':
      return admit(command, state);
    case 'EndConsultation':
      return end(command, state);
    case 'RecordNoShow':
      return recordNoShow(command, state);
    case 'IssuePrescription':
      return prescribe(command, state);
    case 'SendReviewReminder':
      if (!isAwaitingReview(state) || state.review || state.reviewReminderSentAt) return [];
      return [{ type: 'ReviewReminderSent', data: { appointmentId: state.appointmentId, sentAt: command.now } }];
    case 'SubmitReview':
      return review(command, state);
    case 'CloseReviewWindow':
      if (!isAwaitingReview(state)) return [];
      return [{ type: 'ReviewWindowClosed', data: { appointmentId: state.appointmentId, closedAt: command.now } }];
    default:
      return assertNever(command);
  }
}

function request(command: Of<'RequestAppointment'>, state: AppointmentState): AppointmentEvent[] {
  if (state.status !== 'none') throw conflict('ALREADY_REQUESTED', 'This appointment has already been requested.');
  const { terms, now } = command;
  if (Date.parse(terms.startsAt) <= Date.parse(now)) {
    throw ruleViolation('STARTS_IN_PAST', 'The appointment must start in the future.');
  }
  const { patientId, bookedBy, doctorId, serviceId, serviceName, method, startsAt, endsAt, fee, policy } = terms;
  return [
    {
      type: 'AppointmentRequested',
      data: {
        appointmentId: command.appointmentId,
        patientId,
        bookedBy,
        doctorId,
        serviceId,
        serviceName,
        method,
        startsAt,
        endsAt,
        fee,
        policy,
        requestedAt: now,
        paymentDueAt: later(now, command.paymentTimeoutMs),
      },
    },
  ];
}

function recordPaymentRequest(command: Of<'RecordPaymentRequest'>, state: BookedState): AppointmentEvent[] {
  if (state.status !== 'pending_payment' || state.payment?.paymentId === command.paymentId) return [];
  const { paymentId, provider, amount, checkoutUrl, now } = command;
  return [
    {
      type: 'PaymentRequested',
      data: { appointmentId: state.appointmentId, paymentId, provider, amount, checkoutUrl, requestedAt: now },
    },
  ];
}

function settlePayment(command: Of<'SettlePayment'>, state: BookedState): AppointmentEvent[] {
  const { settlement, now } = command;
  const payment = state.payment;
  // Providers deliver webhooks at least once: a result already recorded, or for another payment, changes nothing.
  if (!payment || payment.paymentId !== settlement.paymentId) return [];
  if (payment.providerEventIds.includes(settlement.providerEventId) || payment.status === 'received') return [];
  const appointmentId = state.appointmentId;
  if (settlement.outcome === 'failed') {
    if (state.status !== 'pending_payment') return [];
    const failureCode = settlement.failureCode ?? 'payment_failed';
    // PaymentFailed does not keep the provider's event id, so a redelivered failure is known by
    // saying nothing new: the same payment already failed for the same reason.
    if (payment.status === 'failed' && payment.failureCode === failureCode) return [];
    return [
      { type: 'PaymentFailed', data: { appointmentId, paymentId: payment.paymentId, failureCode, failedAt: now } },
    ];
  }
  const received: AppointmentEvent = {
    type: 'PaymentReceived',
    data: {
      appointmentId,
      paymentId: payment.paymentId,
      providerEventId: settlement.providerEventId,
      amount: settlement.amount,
      receivedAt: now,
    },
  };
  // Paid after the booking was cancelled (the payment timeout won the race): recorded, then refunded.
  if (state.status !== 'pending_payment') return [received];
  return [
    received,
    { type: 'AppointmentConfirmed', data: { appointmentId, paymentId: payment.paymentId, confirmedAt: now } },
  ];
}

function sendReminder(command: Of<'SendReminder'>, state: BookedState): AppointmentEvent[] {
  if (state.status !== 'confirmed' && state.status !== 'reminded') return [];
  const now = Date.parse(command.now);
  const startsAt = Date.parse(state.startsAt);
  // Not yet due for the current start: a timer armed for the time before a reschedule, which
  // would announce the new time too early and use up its reminder.
  if (now < startsAt - command.offsetMs || now >= startsAt) return [];
  if (state.reminders.some((r) => r.offsetMs === command.offsetMs)) return [];
  return [
    {
      type: 'ReminderSent',
      data: {
        appointmentId: state.appointmentId,
        offsetMs: command.offsetMs,
        startsAt: state.startsAt,
        sentAt: command.now,
      },
    },
  ];
}

function reschedule(command: Of<'RescheduleAppointment'>, state: BookedState): AppointmentEvent[] {
  const { reschedule: move, now } = command;
  if (state.status !== 'confirmed' && state.status !== 'reminded') {
    throw invalidState(
      state.status === 'pending_payment'
        ? 'Pay for this appointment before moving it, or cancel it and book another time.'
        : 'Only a confirmed appointment that has not started can be moved.',
    );
  }
  if (Date.parse(now) >= Date.parse(state.startsAt)) {
    throw ruleViolation('TOO_LATE_TO_RESCHEDULE', 'This appointment has already started and can no longer be moved.');
  }
  if (Date.parse(move.startsAt) <= Date.parse(now))
    throw ruleViolation('STARTS_IN_PAST', 'The new time must be in the future.');
  if (move.startsAt === state.startsAt) throw ruleViolation('SAME_TIME', 'The appointment is already at this time.');
  const patientReschedules = state.patientReschedules + (move.by === 'patient' ? 1 : 0);
  if (move.by === 'patient' && patientReschedules > state.policy.maxPatientReschedules) {
    throw ruleViolation(
      'RESCHEDULE_LIMIT_REACHED',
      `This appointment has been moved ${state.patientReschedules} times, the most the policy allows; cancel it instead.`,
    );
  }
  return [
    {
      type: 'AppointmentRescheduled',
      data: {
        appointmentId: state.appointmentId,
        rescheduledBy: move.by,
        previousStartsAt: state.startsAt,
        startsAt: move.startsAt,
        endsAt: later(move.startsAt, Date.parse(state.endsAt) - Date.parse(state.startsAt)),
        patientReschedules,
        rescheduledAt: now,
      },
    },
  ];
}

function cancel(command: Of<'CancelAppointment'>, state: BookedState): AppointmentEvent[] {
  if (!isUpcoming(state) && state.status !== 'waiting') {
    throw invalidState(
      state.cancellation ? 'This appointment is already cancelled.' : 'This appointment can no longer be cancelled.',
    );
  }
  const { by, reason } = command.cancellation;
  // Once the start has passed, the no-show rule settles a paid booking: a patient who waited for
  // a doctor who never came is refunded in full, which cancelling (at 0 %) would forfeit. Doctors
  // and admins may still cancel (a full refund); an unpaid booking can always be dropped.
  if (by === 'patient' && state.status !== 'pending_payment' && Date.parse(command.now) >= Date.parse(state.startsAt)) {
    throw ruleViolation(
      'TOO_LATE_TO_CANCEL',
      'This appointment has started and can no longer be cancelled; if the doctor does not join, you are refunded in full.',
    );
  }
  const paid = netPaid(state);
  const refund = paid ? refundQuote(state.policy, paid, by, state.startsAt, command.now).amount : null;
  return [cancelled(state, by, reason, refund, command.now)];
}

function cancelled(
  state: BookedState,
  by: Of<'CancelAppointment'>['cancellation']['by'] | 'system',
  reason: Of<'CancelAppointment'>['cancellation']['reason'] | 'payment_timeout',
  refundDue: { amountMinor: number; currency: string } | null,
  now: string,
): AppointmentEvent {
  return {
    type: 'AppointmentCancelled',
    data: { appointmentId: state.appointmentId, cancelledBy: by, reason, refundDue, cancelledAt: now },
  };
}

function recordRefund(command: Of<'RecordRefund'>, state: BookedState): AppointmentEvent[] {
  const owed = state.refundOwed;
  if (!owed || !state.payment) return [];
  return [
    {
      type: 'RefundIssued',
      data: {
        appointmentId: state.appointmentId,
        paymentId: state.payment.paymentId,
        refundId: command.refundId,
        amount: owed.amount,
        reason: owed.reason,
        refundedAt: command.now,
      },
    },
  ];
}

function checkIn(command: Of<'CheckIn'>, state: BookedState): AppointmentEvent[] {
  // Checking in again (a reload, a dropped connection) is how a patient gets back in: not an error.
  if (state.status === 'waiting' || state.status === 'in_consultation') return [];
  if (state.status !== 'confirmed' && state.status !== 'reminded') {
    throw invalidState(
      state.status === 'pending_payment'
        ? 'Pay for this appointment before checking in.'
        : 'This appointment is not open for check-in.',
    );
  }
  const opensAt = Date.parse(state.startsAt) - command.joinWindowMs;
  if (Date.parse(command.now) < opensAt) {
    throw ruleViolation(
      'TOO_EARLY',
      `Check-in opens at ${new Date(opensAt).toISOString()}, ${Math.round(command.joinWindowMs / 60_000)} minutes before the start.`,
    );
  }
  return [{ type: 'PatientCheckedIn', data: { appointmentId: state.appointmentId, checkedInAt: command.now } }];
}

function admit(command: Of<'AdmitPatient'>, state: BookedState): AppointmentEvent[] {
  if (state.status === 'in_consultation') return [];
  if (state.status !== 'waiting') {
    throw invalidState(
      state.status === 'confirmed' || state.status === 'reminded'
        ? 'The patient has not checked in yet.'
        : 'This appointment has no patient waiting.',
    );
  }
  const duration = Date.parse(state.endsAt) - Date.parse(state.startsAt);
  // A consultation that starts late still gets its full length, then the grace.
  const endsBy = later(command.now, duration + command.sessionGraceMs);
  return [
    {
      type: 'ConsultationStarted',
      data: { appointmentId: state.appointmentId, roomId: command.roomId, startedAt: command.now, endsBy },
    },
  ];
}

function end(command: Of<'EndConsultation'>, state: BookedState): AppointmentEvent[] {
  if (state.status !== 'in_consultation') {
    if (command.by === 'system') return [];
    throw invalidState('This consultation is not in progress.');
  }
  return [
    {
      type: 'ConsultationEnded',
      data: {
        appointmentId: state.appointmentId,
        endedBy: command.by,
        endedAt: command.now,
        reviewDueAt: later(command.now, command.reviewWindowMs),
      },
    },
  ];
}

function recordNoShow(command: Of<'RecordNoShow'>, state: BookedState): AppointmentEvent[] {
  const patientAbsent = state.status === 'confirmed' || state.status === 'reminded';
  if (!patientAbsent && state.status !== 'waiting') return [];
  // A timer armed for the time before a reschedule: nobody can miss an appointment not yet begun.
  if (Date.parse(command.now) < Date.parse(state.startsAt)) return [];
  const party = patientAbsent ? 'patient' : 'doctor';
  // The patient waited and the doctor never came: everything paid goes back.
  const refundDue = party === 'doctor' ? netPaid(state) : null;
  return [
    { type: 'NoShowRecorded', data: { appointmentId: state.appointmentId, party, refundDue, recordedAt: command.now } },
  ];
}

function prescribe(command: Of<'IssuePrescription'>, state: BookedState): AppointmentEvent[] {
  if (state.prescription?.prescriptionId === command.prescriptionId) return [];
  if (state.prescription)
    throw conflict('ALREADY_PRESCRIBED', 'A prescription has already been issued for this appointment.');
  if (state.status !== 'in_consultation' && state.status !== 'consultation_ended') {
    throw invalidState(
      'A prescription can be issued during the consultation or after it, before the patient reviews it.',
    );
  }
  const { prescriptionId, sealedPrescription, medicineCount, now } = command;
  return [
    {
      type: 'PrescriptionIssued',
      data: { appointmentId: state.appointmentId, prescriptionId, sealedPrescription, medicineCount, issuedAt: now },
    },
  ];
}

function review(command: Of<'SubmitReview'>, state: BookedState): AppointmentEvent[] {
  if (state.review) throw conflict('ALREADY_REVIEWED', 'You have already reviewed this appointment.');
  // One code for a late review whether or not the window's timer has fired yet.
  const windowClosed =
    state.status === 'completed' ||
    (state.reviewDueAt !== null && Date.parse(command.now) > Date.parse(state.reviewDueAt));
  if (windowClosed) throw ruleViolation('REVIEW_WINDOW_CLOSED', 'The review window for this appointment has closed.');
  if (!isAwaitingReview(state)) throw invalidState('You can review once the consultation has ended.');
  return [
    {
      type: 'ReviewSubmitted',
      data: {
        appointmentId: state.appointmentId,
        doctorId: state.doctorId,
        rating: command.rating,
        sealedComment: command.sealedComment,
        submittedAt: command.now,
      },
    },
  ];
}
