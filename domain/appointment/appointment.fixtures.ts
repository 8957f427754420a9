/**
 * Given/when/then builders for the appointment decider's unit tests. One booking on a fixed
 * calendar: requested at NOW, starting at START three days later, for a 30-minute paid service.
 * Instants are written relative to the start (`at(-DAY)` is a day before), as the rules are.
 */
import type { Money } from '../shared/money.js';
import type { AppointmentCommand, BookingTerms, CancelRequest, PaymentOutcome } from './appointment.commands.js';
import { decideAppointment } from './appointment.decide.js';
import type { AppointmentEvent } from './appointment.events.js';
import {
  evolveAppointment,
  initialAppointmentState,
  type AppointmentState,
  type BookedState,
} from './appointment.state.js';
import { DEFAULT_TIMINGS } from './appointment.timings.js';
import { STANDARD_POLICY } from './cancellation-policy.js';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
export const T = DEFAULT_TIMINGS;

export const ids = {
  appointment: '44444444-4444-4444-8444-444444444444',
  patient: '11111111-1111-4111-8111-111111111111',
  doctor: '22222222-2222-4222-8222-222222222222',
  service: '33333333-3333-4333-8333-333333333333',
  prescription: '55555555-5555-4555-8555-555555555555',
  otherPrescription: '66666666-6666-4666-8666-666666666666',
  payment: 'pay_1',
};

export const NOW = '2026-11-22T10:00:00.000Z';
export const START = '2026-11-25T09:00:00.000Z';
export const DURATION = 30 * MINUTE;
export const iso = (ms: number) => new Date(ms).toISOString();
/** An instant relative to the start. */
export const at = (msFromStart: number) => iso(Date.parse(START) + msFromStart);
export const END = at(DURATION);
export const FEE: Money = { amountMinor: 150_000, currency: 'MZN' };
export const PAID_AT = '2026-11-22T10:05:00.000Z';

export const terms: BookingTerms = {
  patientId: ids.patient,
  bookedBy: ids.patient,
  doctorId: ids.doctor,
  serviceId: ids.service,
  serviceName: 'General consultation (30 min)',
  method: 'video',
  startsAt: START,
  endsAt: END,
  fee: FEE,
  policy: STANDARD_POLICY,
};

/** Command builders: each takes the instant it happens at (`now`) and what varies. */
export const c = {
  request: (overrides: Partial<BookingTerms> = {}, now = NOW): AppointmentCommand => ({
    type: 'RequestAppointment',
    appointmentId: ids.appointment,
    terms: { ...terms, ...overrides },
    paymentTimeoutMs: T.paymentTimeoutMs,
    now,
  }),
  requestPayment: (paymentId = ids.payment, now = NOW, amount = FEE): AppointmentCommand => ({
    type: 'RecordPaymentRequest',
    paymentId,
    provider: 'test',
    amount,
    checkoutUrl: `https://checkout.test/${paymentId}`,
    now,
  }),
  settle: (
    outcome: PaymentOutcome['outcome'],
    options: Partial<Omit<PaymentOutcome, 'outcome'>> & { now?: string } = {},
  ): AppointmentCommand => {
    const { now = PAID_AT, ...settlement } = options;
    return {
      type: 'SettlePayment',
      settlement: {
        paymentId: ids.payment,
        providerEventId: `evt_${outcome}`,
        outcome,
        amount: FEE,
        ...(outcome === 'failed' ? { failureCode: 'card_declined' } : {}),
        ...settlement,
      },
      now,
    };
  },
  confirmFree: (now = NOW): AppointmentCommand => ({ type: 'ConfirmWithoutPayment', now }),
  expirePayment: (now = iso(Date.parse(NOW) + T.paymentTimeoutMs)): AppointmentCommand => ({
    type: 'ExpirePayment',
    now,
  }),
  remind: (offsetMs: number, now = at(-offsetMs)): AppointmentCommand => ({ type: 'SendReminder', offsetMs, now }),
  reschedule: (by: 'patient' | 'doctor' | 'admin', startsAt: string, now = NOW): AppointmentCommand => ({
    type: 'RescheduleAppointment',
    reschedule: { by, startsAt },
    now,
  }),
  cancel: (by: CancelRequest['by'], now: string, reason?: CancelRequest['reason']): AppointmentCommand => ({
    type: 'CancelAppointment',
    cancellation: { by, reason: reason ?? (by === 'patient' ? 'patient_request' : 'doctor_unavailable') },
    now,
  }),
  refund: (refundId = 're_1', now = at(-DAY)): AppointmentCommand => ({ type: 'RecordRefund', refundId, now }),
  checkIn: (now = at(-5 * MINUTE)): AppointmentCommand => ({ type: 'CheckIn', joinWindowMs: T.joinWindowMs, now }),
  admit: (now = at(0), roomId = 'room_1'): AppointmentCommand => ({
    type: 'AdmitPatient',
    roomId,
    sessionGraceMs: T.sessionGraceMs,
    now,
  }),
  end: (by: 'doctor' | 'system', now = at(DURATION)): AppointmentCommand => ({
    type: 'EndConsultation',
    by,
    reviewWindowMs: T.reviewWindowMs,
    now,
  }),
  noShow: (now = at(T.noShowGraceMs)): AppointmentCommand => ({ type: 'RecordNoShow', now }),
  prescribe: (prescriptionId = ids.prescription, now = at(20 * MINUTE)): AppointmentCommand => ({
    type: 'IssuePrescription',
    prescriptionId,
    sealedPrescription: 'sealed:v1:prescription',
    medicineCount: 2,
    now,
  }),
  remindReview: (now = at(DURATION + T.reviewReminderMs)): AppointmentCommand => ({ type: 'SendReviewReminder', now }),
  review: (now = at(DURATION + DAY), rating = 5): AppointmentCommand => ({
    type: 'SubmitReview',
    rating,
    sealedComment: 'sealed:v1:comment',
    now,
  }),
  closeReviewWindow: (now = at(DURATION + T.reviewWindowMs)): AppointmentCommand => ({
    type: 'CloseReviewWindow',
    now,
  }),
};

/** Histories, each a step further along the happy path. */
export const h = {
  pending: [c.request(), c.requestPayment()],
  get confirmed() {
    return [...this.pending, c.settle('succeeded')];
  },
  get free() {
    return [c.request({ fee: { amountMinor: 0, currency: 'MZN' } }), c.confirmFree()];
  },
  get waiting() {
    return [...this.confirmed, c.checkIn()];
  },
  get inConsultation() {
    return [...this.waiting, c.admit()];
  },
  get ended() {
    return [...this.inConsultation, c.end('doctor')];
  },
};

/**
 * The state after a history. Every step must produce events: a step the decider silently ignores
 * would make the scenario claim a state it never reached.
 */
export function given(...history: AppointmentCommand[]): BookedState {
  const state = history.reduce<AppointmentState>((current, command) => {
    const events = decideAppointment(command, current);
    if (events.length === 0) throw new Error(`given: ${command.type} produced no events`);
    return events.reduce(evolveAppointment, current);
  }, initialAppointmentState);
  if (state.status === 'none') throw new Error('given: the history does not request the appointment');
  return state;
}

/** The events a command produces after a history. */
export function when(history: AppointmentCommand[], command: AppointmentCommand): AppointmentEvent[] {
  return decideAppointment(command, history.length ? given(...history) : initialAppointmentState);
}
