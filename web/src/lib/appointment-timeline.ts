/**
 * An appointment's recorded events (GET /api/v1/appointments/:id/events) as a timeline people can
 * read. Pure. Events carry ids, codes, amounts and instants only (sealed personal content is never
 * shown here); an event type the page does not know yet still reads sensibly.
 */
import { cancelReasonLabel } from './appointment';
import { formatMoney } from './money';

export type TimelineTone = 'ok' | 'pending' | 'cancelled' | 'info';

export interface TimelineItem {
  id: string;
  type: string;
  title: string;
  /** Plain words after the title ("By the patient · Scheduling conflict"). */
  detail: string | null;
  /** An instant the entry is about (a new start time), rendered in the viewer's zone. */
  about: { label: string; iso: string } | null;
  at: string;
  tone: TimelineTone;
}

interface RawEvent {
  id: string;
  type: string;
  recordedAt: string;
  /** When it happened, if the API says (recordedAt is when it was written down). */
  at?: string | null;
  /** The API's own words, for types this page does not know. */
  label?: string | null;
  data: Record<string, unknown>;
}

const str = (data: Record<string, unknown>, key: string): string | null =>
  typeof data[key] === 'string' ? (data[key] as string) : null;

function money(value: unknown, locale: string): string | null {
  if (!value || typeof value !== 'object') return null;
  const { amountMinor, currency } = value as { amountMinor?: unknown; currency?: unknown };
  if (typeof amountMinor !== 'number' || typeof currency !== 'string') return null;
  return formatMoney(amountMinor, currency, locale);
}

const partyLabels: Record<string, string> = {
  patient: 'the patient',
  doctor: 'the doctor',
  admin: 'Consulta support',
  system: 'Consulta automatically',
};
const party = (value: string | null) => (value ? (partyLabels[value] ?? value) : 'someone');

function readable(code: string): string {
  const words = code.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describe(event: RawEvent, locale: string): Omit<TimelineItem, 'id' | 'type' | 'at'> {
  const { data } = event;
  const plain = (title: string, tone: TimelineTone = 'info', detail: string | null = null) => ({
    title,
    detail,
    about: null,
    tone,
  });
  switch (event.type) {
    case 'AppointmentRequested': {
      const fee = money(data.fee, locale);
      return plain('Booked', 'info', fee ? `Fee ${fee}` : null);
    }
    case 'PaymentRequested':
      return plain('Payment requested', 'pending', money(data.amount, locale));
    case 'PaymentFailed': {
      const code = str(data, 'failureCode');
      return plain('Payment failed', 'cancelled', code ? readable(code) : null);
    }
    case 'PaymentReceived':
      return plain('Payment received', 'ok', money(data.amount, locale));
    case 'AppointmentConfirmed':
      return plain('Confirmed', 'ok');
    case 'ReminderSent':
      return plain('Reminder sent');
    case 'AppointmentRescheduled': {
      const startsAt = str(data, 'startsAt');
      return {
        title: 'Moved to another time',
        detail: `By ${party(str(data, 'rescheduledBy'))}`,
        about: startsAt ? { label: 'New time', iso: startsAt } : null,
        tone: 'info',
      };
    }
    case 'AppointmentCancelled': {
      const reason = str(data, 'reason');
      const refund = money(data.refundDue, locale);
      const parts = [`By ${party(str(data, 'cancelledBy'))}`, reason ? cancelReasonLabel(reason) : null];
      if (refund) parts.push(`refund due ${refund}`);
      return plain('Cancelled', 'cancelled', parts.filter(Boolean).join(' · '));
    }
    case 'RefundIssued':
      return plain('Refund issued', 'ok', money(data.amount, locale));
    case 'PatientCheckedIn':
      return plain('Patient checked in', 'pending');
    case 'ConsultationStarted':
      return plain('Consultation started', 'ok');
    case 'ConsultationEnded':
      return plain('Consultation ended', 'info', str(data, 'endedBy') === 'system' ? 'When its time ran out' : null);
    case 'NoShowRecorded': {
      const refund = money(data.refundDue, locale);
      const who = str(data, 'party') === 'doctor' ? 'The doctor' : 'The patient';
      return plain(`${who} did not attend`, 'cancelled', refund ? `Refund due ${refund}` : null);
    }
    case 'PrescriptionIssued': {
      const count = typeof data.medicineCount === 'number' ? data.medicineCount : null;
      return plain('Prescription issued', 'ok', count ? `${count} ${count === 1 ? 'medicine' : 'medicines'}` : null);
    }
    case 'ReviewReminderSent':
      return plain('Review reminder sent');
    case 'ReviewSubmitted': {
      const rating = typeof data.rating === 'number' ? data.rating : null;
      return plain('Review submitted', 'ok', rating ? `${rating} of 5 stars` : null);
    }
    case 'ReviewWindowClosed':
      return plain('Review window closed');
    default:
      return plain(event.label ?? readable(event.type.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase()));
  }
}

/** Oldest first, as recorded. */
export function timelineItems(events: readonly RawEvent[], locale: string): TimelineItem[] {
  return events.map((event) => ({
    id: event.id,
    type: event.type,
    at: event.at ?? event.recordedAt,
    ...describe(event, locale),
  }));
}
