/**
 * Pure fold of appointment events into the `appointments` row. Status and finality follow the
 * domain's evolveAppointment (appointment.state.ts) rule for rule; appointment-row.unit.test.ts
 * folds the same histories through both and compares, so the two cannot drift apart unnoticed.
 * A flat row rather than the domain state: every field is a column the pages filter or show.
 */
import {
  assertNever,
  type AppointmentEvent,
  type AppointmentStatus,
  type CancellationPolicy,
} from '../../domain/index.js';
import type { Money } from '../../domain/shared/money.js';

export type BookedStatus = Exclude<AppointmentStatus, 'none'>;

export interface AppointmentRow {
  readonly id: string;
  readonly patientId: string;
  /** The account that booked: the patient, or their guardian. */
  readonly bookedBy: string;
  readonly doctorId: string;
  readonly serviceId: string;
  readonly serviceName: string;
  readonly method: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly fee: Money;
  readonly policy: CancellationPolicy;
  readonly status: BookedStatus;
  /** Nothing more happens: no timer, no command, no money owed (domain isFinal). */
  readonly final: boolean;
  readonly requestedAt: string;
  readonly paymentDueAt: string | null;
  readonly paymentId: string | null;
  readonly paymentProvider: string | null;
  readonly paymentStatus: 'requested' | 'failed' | 'received' | null;
  readonly paymentFailureCode: string | null;
  readonly checkoutUrl: string | null;
  /** Amounts in minor units of the fee's currency. */
  readonly paidAmountMinor: number | null;
  readonly paidAt: string | null;
  readonly refundedAmountMinor: number;
  readonly refundOwedMinor: number | null;
  readonly refundOwedReason: string | null;
  readonly confirmedAt: string | null;
  readonly remindersSent: number;
  readonly lastReminderAt: string | null;
  readonly patientReschedules: number;
  readonly rescheduledAt: string | null;
  readonly checkedInAt: string | null;
  readonly consultationStartedAt: string | null;
  readonly consultationEndsBy: string | null;
  readonly consultationEndedAt: string | null;
  readonly consultationEndedBy: string | null;
  readonly roomId: string | null;
  readonly noShowParty: 'patient' | 'doctor' | null;
  readonly noShowAt: string | null;
  readonly cancelledAt: string | null;
  readonly cancelledBy: string | null;
  readonly cancelReason: string | null;
  readonly prescriptionId: string | null;
  readonly prescriptionIssuedAt: string | null;
  readonly medicineCount: number | null;
  readonly reviewRating: number | null;
  readonly reviewedAt: string | null;
  readonly reviewDueAt: string | null;
  readonly reviewReminderSentAt: string | null;
  readonly closedAt: string | null;
  readonly streamRevision: number;
  readonly updatedAt: string;
}

type Meta = { readonly revision: number; readonly recordedAt: string };
type Change = Partial<Omit<AppointmentRow, 'final' | 'streamRevision' | 'updatedAt'>>;

export function evolveAppointmentRow(
  row: AppointmentRow | null,
  event: AppointmentEvent,
  meta: Meta,
): AppointmentRow | null {
  // Replays and duplicate deliveries are harmless: an event the row already reflects is ignored.
  if (row && meta.revision <= row.streamRevision) return row;
  if (event.type === 'AppointmentRequested') return requestedRow(event, meta);
  if (!row) return null; // never invent a row from a history it did not see begin
  const next = { ...row, ...changeOf(row, event), streamRevision: meta.revision, updatedAt: meta.recordedAt };
  return { ...next, final: isFinalRow(next) };
}

function requestedRow(event: Extract<AppointmentEvent, { type: 'AppointmentRequested' }>, meta: Meta): AppointmentRow {
  const data = event.data;
  return {
    id: data.appointmentId,
    patientId: data.patientId,
    bookedBy: data.bookedBy,
    doctorId: data.doctorId,
    serviceId: data.serviceId,
    serviceName: data.serviceName,
    method: data.method,
    startsAt: data.startsAt,
    endsAt: data.endsAt,
    fee: data.fee,
    policy: data.policy,
    status: 'pending_payment',
    final: false,
    requestedAt: data.requestedAt,
    paymentDueAt: data.paymentDueAt,
    paymentId: null,
    paymentProvider: null,
    paymentStatus: null,
    paymentFailureCode: null,
    checkoutUrl: null,
    paidAmountMinor: null,
    paidAt: null,
    refundedAmountMinor: 0,
    refundOwedMinor: null,
    refundOwedReason: null,
    confirmedAt: null,
    remindersSent: 0,
    lastReminderAt: null,
    patientReschedules: 0,
    rescheduledAt: null,
    checkedInAt: null,
    consultationStartedAt: null,
    consultationEndsBy: null,
    consultationEndedAt: null,
    consultationEndedBy: null,
    roomId: null,
    noShowParty: null,
    noShowAt: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: null,
    prescriptionId: null,
    prescriptionIssuedAt: null,
    medicineCount: null,
    reviewRating: null,
    reviewedAt: null,
    reviewDueAt: null,
    reviewReminderSentAt: null,
    closedAt: null,
    streamRevision: meta.revision,
    updatedAt: meta.recordedAt,
  };
}

const owed = (refundDue: Money | null, reason: string): Change =>
  refundDue && refundDue.amountMinor > 0
    ? { refundOwedMinor: refundDue.amountMinor, refundOwedReason: reason }
    : { refundOwedMinor: null, refundOwedReason: null };

function changeOf(row: AppointmentRow, event: Exclude<AppointmentEvent, { type: 'AppointmentRequested' }>): Change {
  switch (event.type) {
    case 'PaymentRequested': {
      const { paymentId, provider, checkoutUrl } = event.data;
      return {
        paymentId,
        paymentProvider: provider,
        paymentStatus: 'requested',
        paymentFailureCode: null,
        checkoutUrl,
        paidAmountMinor: null,
        paidAt: null,
      };
    }
    case 'PaymentFailed':
      if (row.paymentStatus === null) return {};
      return { paymentStatus: 'failed', paymentFailureCode: event.data.failureCode };
    case 'PaymentReceived': {
      const { amount, receivedAt, paymentId } = event.data;
      const received: Change = {
        paymentId: row.paymentId ?? paymentId,
        paymentProvider: row.paymentProvider ?? 'unknown',
        checkoutUrl: row.checkoutUrl ?? '',
        paymentStatus: 'received',
        paidAmountMinor: amount.amountMinor,
        paidAt: receivedAt,
      };
      // Money that arrives after the booking ended is owed straight back.
      const late = row.status === 'cancelled' || row.status === 'refunded';
      return late ? { ...received, refundOwedMinor: amount.amountMinor, refundOwedReason: 'late_payment' } : received;
    }
    case 'AppointmentConfirmed':
      return { status: 'confirmed', confirmedAt: event.data.confirmedAt };
    case 'ReminderSent':
      return {
        status: row.status === 'confirmed' ? 'reminded' : row.status,
        remindersSent: row.remindersSent + 1,
        lastReminderAt: event.data.sentAt,
      };
    case 'AppointmentRescheduled': {
      const { startsAt, endsAt, patientReschedules, rescheduledAt } = event.data;
      return {
        status: 'confirmed',
        startsAt,
        endsAt,
        patientReschedules,
        rescheduledAt,
        remindersSent: 0,
        lastReminderAt: null,
      };
    }
    case 'AppointmentCancelled': {
      const { cancelledBy, reason, cancelledAt, refundDue } = event.data;
      return {
        status: 'cancelled',
        cancelledAt,
        cancelledBy,
        cancelReason: reason,
        ...owed(refundDue, 'cancellation'),
      };
    }
    case 'RefundIssued': {
      const ended = row.status === 'cancelled' || row.status === 'no_show';
      return {
        status: ended ? 'refunded' : row.status,
        refundOwedMinor: null,
        refundOwedReason: null,
        refundedAmountMinor: row.refundedAmountMinor + event.data.amount.amountMinor,
      };
    }
    case 'RefundFailed':
      // Left to finance: nothing is owed by the workflow any more, and nothing was refunded.
      return { refundOwedMinor: null, refundOwedReason: null };
    case 'PatientCheckedIn':
      return { status: 'waiting', checkedInAt: event.data.checkedInAt };
    case 'ConsultationStarted': {
      const { roomId, startedAt, endsBy } = event.data;
      return {
        status: 'in_consultation',
        roomId,
        consultationStartedAt: startedAt,
        consultationEndsBy: endsBy,
        consultationEndedAt: null,
        consultationEndedBy: null,
      };
    }
    case 'ConsultationEnded': {
      if (row.consultationStartedAt === null) return {};
      const { endedAt, endedBy, reviewDueAt } = event.data;
      return {
        status: row.prescriptionId ? 'prescribed' : 'consultation_ended',
        consultationEndedAt: endedAt,
        consultationEndedBy: endedBy,
        reviewDueAt,
      };
    }
    case 'NoShowRecorded': {
      const { party, recordedAt, refundDue } = event.data;
      return { status: 'no_show', noShowParty: party, noShowAt: recordedAt, ...owed(refundDue, 'doctor_no_show') };
    }
    case 'PrescriptionIssued': {
      const { prescriptionId, issuedAt, medicineCount } = event.data;
      return {
        status: row.status === 'consultation_ended' ? 'prescribed' : row.status,
        prescriptionId,
        prescriptionIssuedAt: issuedAt,
        medicineCount,
      };
    }
    case 'ReviewReminderSent':
      return { reviewReminderSentAt: event.data.sentAt };
    case 'ReviewSubmitted':
      return {
        status: 'reviewed',
        reviewRating: event.data.rating,
        reviewedAt: event.data.submittedAt,
        closedAt: event.data.submittedAt,
      };
    case 'ReviewWindowClosed':
      return { status: 'completed', closedAt: event.data.closedAt };
    default:
      return assertNever(event);
  }
}

/** The domain's isFinal over the row: an ended appointment is final once nothing is owed back. */
export function isFinalRow(row: Pick<AppointmentRow, 'status' | 'refundOwedMinor'>): boolean {
  switch (row.status) {
    case 'reviewed':
    case 'completed':
    case 'refunded':
    case 'cancelled':
    case 'no_show':
      return row.refundOwedMinor === null;
    default:
      return false;
  }
}
