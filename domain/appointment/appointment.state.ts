import type { Money } from '../shared/money.js';
import { assertNever } from '../shared/errors.js';
import type {
  AppointmentEvent,
  AppointmentEventOf,
  CancellationReason,
  ActorRole,
  RefundReason,
} from './appointment.events.js';

export const APPOINTMENT_STATUSES = [
  'pending_payment',
  'confirmed',
  'reminded',
  'waiting',
  'in_consultation',
  'consultation_ended',
  'prescribed',
  'reviewed',
  'completed',
  'cancelled',
  'no_show',
  'refunded',
] as const;
export type AppointmentStatus = 'none' | (typeof APPOINTMENT_STATUSES)[number];

type Booking = Omit<AppointmentEventOf<'AppointmentRequested'>['data'], 'appointmentId'>;

export interface PaymentState {
  readonly paymentId: string;
  readonly provider: string;
  readonly checkoutUrl: string;
  readonly status: 'requested' | 'failed' | 'received';
  readonly failureCode: string | null;
  /** What was received, once it was. */
  readonly received: Money | null;
  readonly receivedAt: string | null;
  readonly providerEventIds: readonly string[];
}

export interface Appointment extends Booking {
  readonly appointmentId: string;
  readonly payment: PaymentState | null;
  readonly confirmedAt: string | null;
  /** Reminders sent for the current start time (a reschedule starts a fresh list). */
  readonly reminders: readonly { readonly offsetMs: number; readonly sentAt: string }[];
  /** When reminders were armed (confirmation, or the last reschedule); offsets already due then are skipped. */
  readonly remindersFrom: string | null;
  readonly patientReschedules: number;
  readonly checkedInAt: string | null;
  readonly consultation: {
    readonly roomId: string;
    readonly startedAt: string;
    readonly endsBy: string;
    readonly endedAt: string | null;
    readonly endedBy: 'doctor' | 'system' | null;
  } | null;
  readonly reviewDueAt: string | null;
  readonly cancellation: {
    readonly by: ActorRole;
    readonly reason: CancellationReason;
    readonly at: string;
  } | null;
  readonly noShow: { readonly party: 'patient' | 'doctor'; readonly at: string } | null;
  /** Owed back to the patient and not yet refunded (cancellation, doctor no-show, late payment). */
  readonly refundOwed: { readonly amount: Money; readonly reason: RefundReason } | null;
  readonly refunds: readonly {
    readonly refundId: string;
    readonly amount: Money;
    readonly reason: RefundReason;
    readonly at: string;
  }[];
  /** Refunds the provider refused for good, left to finance. */
  readonly refundFailures: readonly { readonly amount: Money; readonly failureCode: string; readonly at: string }[];
  readonly prescription: { readonly prescriptionId: string; readonly issuedAt: string } | null;
  readonly review: { readonly rating: number; readonly submittedAt: string } | null;
  readonly reviewReminderSentAt: string | null;
  readonly closedAt: string | null;
}

export type AppointmentState =
  { readonly status: 'none' } | ({ readonly status: Exclude<AppointmentStatus, 'none'> } & Appointment);
export type BookedState = Exclude<AppointmentState, { status: 'none' }>;

export const initialAppointmentState: AppointmentState = { status: 'none' };

export function evolveAppointment(state: AppointmentState, event: AppointmentEvent): AppointmentState {
  if (event.type === 'AppointmentRequested') {
    const { appointmentId, ...booking } = event.data;
    return {
      status: 'pending_payment',
      appointmentId,
      ...booking,
      payment: null,
      confirmedAt: null,
      reminders: [],
      remindersFrom: null,
      patientReschedules: 0,
      checkedInAt: null,
      consultation: null,
      reviewDueAt: null,
      cancellation: null,
      noShow: null,
      refundOwed: null,
      refunds: [],
      refundFailures: [],
      prescription: null,
      review: null,
      reviewReminderSentAt: null,
      closedAt: null,
    };
  }
  if (state.status === 'none') return state;
  return evolveBooked(state, event);
}

function evolveBooked(
  state: BookedState,
  event: Exclude<AppointmentEvent, { type: 'AppointmentRequested' }>,
): BookedState {
  switch (event.type) {
    case 'PaymentRequested': {
      const { paymentId, provider, checkoutUrl } = event.data;
      return {
        ...state,
        payment: {
          paymentId,
          provider,
          checkoutUrl,
          status: 'requested',
          failureCode: null,
          received: null,
          receivedAt: null,
          providerEventIds: [],
        },
      };
    }
    case 'PaymentFailed': {
      if (!state.payment) return state;
      return { ...state, payment: { ...state.payment, status: 'failed', failureCode: event.data.failureCode } };
    }
    case 'PaymentReceived': {
      const payment: PaymentState = {
        ...(state.payment ?? {
          paymentId: event.data.paymentId,
          provider: 'unknown',
          checkoutUrl: '',
          failureCode: null,
        }),
        status: 'received',
        received: event.data.amount,
        receivedAt: event.data.receivedAt,
        providerEventIds: [...(state.payment?.providerEventIds ?? []), event.data.providerEventId],
      };
      // Money that arrives after the booking ended is owed straight back.
      const late = state.status === 'cancelled' || state.status === 'refunded';
      return late
        ? { ...state, payment, refundOwed: { amount: event.data.amount, reason: 'late_payment' } }
        : { ...state, payment };
    }
    case 'AppointmentConfirmed':
      return {
        ...state,
        status: 'confirmed',
        confirmedAt: event.data.confirmedAt,
        remindersFrom: event.data.confirmedAt,
      };
    case 'ReminderSent':
      return {
        ...state,
        status: state.status === 'confirmed' ? 'reminded' : state.status,
        reminders: [...state.reminders, { offsetMs: event.data.offsetMs, sentAt: event.data.sentAt }],
      };
    case 'AppointmentRescheduled':
      return {
        ...state,
        status: 'confirmed',
        startsAt: event.data.startsAt,
        endsAt: event.data.endsAt,
        patientReschedules: event.data.patientReschedules,
        reminders: [],
        remindersFrom: event.data.rescheduledAt,
      };
    case 'AppointmentCancelled': {
      const { cancelledBy: by, reason, cancelledAt: at, refundDue } = event.data;
      return {
        ...state,
        status: 'cancelled',
        cancellation: { by, reason, at },
        refundOwed: refundDue && refundDue.amountMinor > 0 ? { amount: refundDue, reason: 'cancellation' } : null,
      };
    }
    case 'RefundIssued': {
      const { refundId, amount, reason, refundedAt: at } = event.data;
      const ended = state.status === 'cancelled' || state.status === 'no_show';
      return {
        ...state,
        status: ended ? 'refunded' : state.status,
        refundOwed: null,
        refunds: [...state.refunds, { refundId, amount, reason, at }],
      };
    }
    case 'RefundFailed': {
      const { amount, failureCode, failedAt: at } = event.data;
      return { ...state, refundOwed: null, refundFailures: [...state.refundFailures, { amount, failureCode, at }] };
    }
    case 'PatientCheckedIn':
      return { ...state, status: 'waiting', checkedInAt: event.data.checkedInAt };
    case 'ConsultationStarted': {
      const { roomId, startedAt, endsBy } = event.data;
      return {
        ...state,
        status: 'in_consultation',
        consultation: { roomId, startedAt, endsBy, endedAt: null, endedBy: null },
      };
    }
    case 'ConsultationEnded': {
      if (!state.consultation) return state;
      const { endedAt, endedBy, reviewDueAt } = event.data;
      return {
        ...state,
        status: state.prescription ? 'prescribed' : 'consultation_ended',
        consultation: { ...state.consultation, endedAt, endedBy },
        reviewDueAt,
      };
    }
    case 'NoShowRecorded': {
      const { party, recordedAt: at, refundDue } = event.data;
      return {
        ...state,
        status: 'no_show',
        noShow: { party, at },
        refundOwed: refundDue && refundDue.amountMinor > 0 ? { amount: refundDue, reason: 'doctor_no_show' } : null,
      };
    }
    case 'PrescriptionIssued': {
      const prescription = { prescriptionId: event.data.prescriptionId, issuedAt: event.data.issuedAt };
      return { ...state, status: state.status === 'consultation_ended' ? 'prescribed' : state.status, prescription };
    }
    case 'ReviewReminderSent':
      return { ...state, reviewReminderSentAt: event.data.sentAt };
    case 'ReviewSubmitted':
      return {
        ...state,
        status: 'reviewed',
        review: { rating: event.data.rating, submittedAt: event.data.submittedAt },
        closedAt: event.data.submittedAt,
      };
    case 'ReviewWindowClosed':
      return { ...state, status: 'completed', closedAt: event.data.closedAt };
    default:
      return assertNever(event);
  }
}

/** Statuses in which the appointment is still ahead: it can be cancelled or moved. */
export function isUpcoming(state: AppointmentState): boolean {
  return state.status === 'pending_payment' || state.status === 'confirmed' || state.status === 'reminded';
}

/** The consultation happened and the review window is open. */
export function isAwaitingReview(state: AppointmentState): boolean {
  return state.status === 'consultation_ended' || state.status === 'prescribed';
}

/** Nothing more happens: no timer, no command, and no money owed either way. */
export function isFinal(state: AppointmentState): boolean {
  switch (state.status) {
    case 'reviewed':
    case 'completed':
    case 'refunded':
      return state.refundOwed === null;
    case 'cancelled':
    case 'no_show':
      return state.refundOwed === null;
    default:
      return false;
  }
}

/** What the patient actually paid and has not had back. */
export function netPaid(state: BookedState): Money | null {
  const received = state.payment?.received;
  if (!received) return null;
  const refunded = state.refunds.reduce((sum, r) => sum + r.amount.amountMinor, 0);
  return { amountMinor: received.amountMinor - refunded, currency: received.currency };
}
