/**
 * An appointment's events as a timeline people can read: a label, who acted and when, for every
 * event type, with sealed values (the prescription, the review comment) taken out of the data.
 * Pure. The label names counts and amounts, never sealed content: "Prescription issued (2
 * medicines)", not what was prescribed.
 */
import {
  assertNever,
  isAppointmentEventType,
  parseAppointmentEvent,
  type ActorRole,
  type AppointmentEvent,
} from '../../domain/index.js';
import type { Money } from '../../domain/shared/money.js';
import type { JsonObject, JsonValue, RecordedEvent } from '../../eventstore/event-store.js';
import { isSealed } from '../../eventstore/pii/index.js';

export interface TimelineFacts {
  /** What happened, in plain words. */
  readonly label: string;
  /** Who did it; `system` is a timer or a provider callback. */
  readonly actor: ActorRole;
  /** When it happened (the event's own instant; recordedAt is when it was written). */
  readonly at: string;
}

export type TimelineEvent = RecordedEvent & TimelineFacts;

export function toTimelineEvent(event: RecordedEvent): TimelineEvent {
  const facts = isAppointmentEventType(event.type)
    ? describe(parseAppointmentEvent(event.type, event.data))
    : { label: event.type, actor: 'system' as const, at: event.recordedAt.toISOString() };
  return { ...event, data: withoutSealed(event.data), ...facts };
}

/** What the REST and GraphQL timelines send for one event. */
export function toEventResource(event: TimelineEvent) {
  return {
    id: event.id,
    type: event.type,
    revision: Number(event.revision),
    recordedAt: event.recordedAt.toISOString(),
    label: event.label,
    actor: event.actor,
    at: event.at,
    data: event.data,
  };
}

/** Every sealed value out, wherever it sits: what is not shown cannot leak, even as ciphertext. */
export function withoutSealed(data: JsonObject): JsonObject {
  const clean = (value: JsonValue): JsonValue | undefined => {
    if (isSealed(value)) return undefined;
    if (Array.isArray(value)) return value.map(clean).filter((v): v is JsonValue => v !== undefined);
    if (value && typeof value === 'object') return withoutSealed(value);
    return value;
  };
  return Object.fromEntries(
    Object.entries(data).flatMap(([key, value]) => {
      const kept = key.startsWith('sealed') ? undefined : clean(value);
      return kept === undefined ? [] : [[key, kept]];
    }),
  );
}

export function formatMoney(money: Money): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: money.currency, currencyDisplay: 'code' });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amountMinor / 10 ** digits).replace(/\u00a0/g, ' ');
}

const BY: Record<ActorRole, string> = {
  patient: 'the patient',
  doctor: 'the doctor',
  admin: 'Consulta support',
  system: 'Consulta',
};

const REASONS: Record<string, string> = {
  patient_request: 'at the patient’s request',
  doctor_unavailable: 'the doctor is unavailable',
  scheduling_conflict: 'a scheduling conflict',
  payment_timeout: 'not paid in time',
  other: 'other reasons',
  cancellation: 'cancellation',
  doctor_no_show: 'the doctor did not attend',
  late_payment: 'a payment that went through as the booking was cancelled',
};

const hours = (ms: number) => (ms % 3_600_000 === 0 ? `${ms / 3_600_000} h` : `${Math.round(ms / 60_000)} min`);
const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

function describe(event: AppointmentEvent): TimelineFacts {
  switch (event.type) {
    case 'AppointmentRequested': {
      const { serviceName, fee, requestedAt } = event.data;
      const price = fee.amountMinor === 0 ? 'free' : formatMoney(fee);
      return { label: `Appointment requested: ${serviceName} (${price})`, actor: 'patient', at: requestedAt };
    }
    case 'PaymentRequested':
      return {
        label: `Payment of ${formatMoney(event.data.amount)} requested`,
        actor: 'system',
        at: event.data.requestedAt,
      };
    case 'PaymentFailed':
      return { label: `Payment failed (${event.data.failureCode})`, actor: 'system', at: event.data.failedAt };
    case 'PaymentReceived':
      return {
        label: `Payment of ${formatMoney(event.data.amount)} received`,
        actor: 'system',
        at: event.data.receivedAt,
      };
    case 'AppointmentConfirmed':
      return {
        label: event.data.paymentId ? 'Appointment confirmed' : 'Appointment confirmed (free service)',
        actor: 'system',
        at: event.data.confirmedAt,
      };
    case 'ReminderSent':
      return { label: `Reminder sent (${hours(event.data.offsetMs)} before)`, actor: 'system', at: event.data.sentAt };
    case 'AppointmentRescheduled': {
      const { rescheduledBy, rescheduledAt } = event.data;
      return { label: `Rescheduled by ${BY[rescheduledBy]}`, actor: rescheduledBy, at: rescheduledAt };
    }
    case 'AppointmentCancelled': {
      const { cancelledBy, reason, refundDue, cancelledAt } = event.data;
      const refund = refundDue && refundDue.amountMinor > 0 ? `; ${formatMoney(refundDue)} to be refunded` : '';
      return {
        label: `Cancelled by ${BY[cancelledBy]} (${REASONS[reason] ?? reason})${refund}`,
        actor: cancelledBy,
        at: cancelledAt,
      };
    }
    case 'RefundIssued': {
      const { amount, reason, refundedAt } = event.data;
      return {
        label: `Refund of ${formatMoney(amount)} issued (${REASONS[reason] ?? reason})`,
        actor: 'system',
        at: refundedAt,
      };
    }
    case 'RefundFailed': {
      const { amount, failedAt } = event.data;
      return {
        label: `Refund of ${formatMoney(amount)} refused by the payment provider: finance will follow up`,
        actor: 'system',
        at: failedAt,
      };
    }
    case 'PatientCheckedIn':
      return { label: 'Patient checked in', actor: 'patient', at: event.data.checkedInAt };
    case 'ConsultationStarted':
      return { label: 'Consultation started', actor: 'doctor', at: event.data.startedAt };
    case 'ConsultationEnded':
      return event.data.endedBy === 'doctor'
        ? { label: 'Consultation ended by the doctor', actor: 'doctor', at: event.data.endedAt }
        : { label: 'Consultation ended (time is up)', actor: 'system', at: event.data.endedAt };
    case 'NoShowRecorded': {
      const { party, refundDue, recordedAt } = event.data;
      const refund = refundDue && refundDue.amountMinor > 0 ? `; ${formatMoney(refundDue)} to be refunded` : '';
      return { label: `The ${party} did not attend${refund}`, actor: 'system', at: recordedAt };
    }
    case 'PrescriptionIssued':
      return {
        label: `Prescription issued (${plural(event.data.medicineCount, 'medicine')})`,
        actor: 'doctor',
        at: event.data.issuedAt,
      };
    case 'ReviewReminderSent':
      return { label: 'Review reminder sent', actor: 'system', at: event.data.sentAt };
    case 'ReviewSubmitted': {
      const { rating, sealedComment, submittedAt } = event.data;
      const comment = sealedComment ? ' with a comment' : '';
      return { label: `Review submitted: ${plural(rating, 'star')}${comment}`, actor: 'patient', at: submittedAt };
    }
    case 'ReviewWindowClosed':
      return { label: 'Review window closed', actor: 'system', at: event.data.closedAt };
    default:
      return assertNever(event);
  }
}
