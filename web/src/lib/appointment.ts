/**
 * Appointment shapes and labels shared by server and browser code. Runtime validation of what
 * the API returns lives in `server/api-schemas.ts`; these are the trusted types after it.
 */

export const consultationMethods = ['video', 'voice', 'chat', 'in_person'] as const;
export type ConsultationMethod = (typeof consultationMethods)[number];

export const methodLabels: Record<ConsultationMethod, string> = {
  video: 'Video call',
  voice: 'Voice call',
  chat: 'Chat',
  in_person: 'In person',
};

export function isConsultationMethod(value: string): value is ConsultationMethod {
  return (consultationMethods as readonly string[]).includes(value);
}

export interface Appointment {
  id: string;
  patientId: string;
  doctorId: string;
  serviceId: string;
  method: string;
  startsAt: string;
  status: string;
  requestedAt: string | null;
  updatedAt: string | null;
  /** Set while payment is pending: unpaid by then, the appointment is cancelled automatically. */
  paymentDueAt: string | null;
  cancelledAt: string | null;
  cancelReason: string | null;
  /** Null unless the reader is the patient's side or the appointment's doctor. */
  patientName: string | null;
}

/** The lifecycle's statuses, as the API names them (domain/appointment APPOINTMENT_STATUSES). */
export const appointmentStatuses = [
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
export type AppointmentStatus = (typeof appointmentStatuses)[number];

/** Still ahead: can be cancelled (and, once paid, moved). The API decides; this only hides buttons. */
const upcomingStatuses: ReadonlySet<string> = new Set(['pending_payment', 'confirmed', 'reminded']);
/** Nothing more will happen to these (apart from a refund being paid out). */
const closedStatuses: ReadonlySet<string> = new Set(['reviewed', 'completed', 'cancelled', 'no_show', 'refunded']);

export function isUpcomingStatus(status: string): boolean {
  return upcomingStatuses.has(status);
}

export function isClosedStatus(status: string): boolean {
  return closedStatuses.has(status);
}

/** The API decides what may be cancelled (409 INVALID_STATE otherwise); this only hides the button. */
export function isCancellable(appointment: Pick<Appointment, 'status'>): boolean {
  return upcomingStatuses.has(appointment.status) || appointment.status === 'waiting';
}

const knownStatusLabels: Record<AppointmentStatus, string> = {
  pending_payment: 'Pending payment',
  confirmed: 'Confirmed',
  reminded: 'Confirmed',
  waiting: 'In the waiting room',
  in_consultation: 'In consultation',
  consultation_ended: 'Consultation ended',
  prescribed: 'Prescription issued',
  reviewed: 'Reviewed',
  completed: 'Completed',
  cancelled: 'Cancelled',
  no_show: 'Missed',
  refunded: 'Refunded',
};

/** New statuses arrive from the API before the UI knows them; show them readably anyway. */
export function statusLabel(status: string): string {
  const known = (knownStatusLabels as Record<string, string>)[status];
  if (known) return known;
  const words = status.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export type StatusTone = 'pending' | 'ok' | 'info' | 'cancelled';

/** The badge colour: waiting on someone, going ahead, over, or called off. */
export function statusTone(status: string): StatusTone {
  if (status === 'pending_payment' || status === 'waiting') return 'pending';
  if (status === 'confirmed' || status === 'reminded' || status === 'in_consultation') return 'ok';
  if (status === 'cancelled' || status === 'no_show' || status === 'refunded') return 'cancelled';
  return 'info';
}

/**
 * The API takes reason codes, not free text: reasons end up in Temporal histories, which must
 * not hold personal data. These are the ones a patient may choose.
 */
export const patientCancelReasons = ['patient_request', 'scheduling_conflict', 'other'] as const;
export type PatientCancelReason = (typeof patientCancelReasons)[number];

/** The ones a doctor may choose. */
export const doctorCancelReasons = ['doctor_unavailable', 'scheduling_conflict', 'other'] as const;

const cancelReasonLabels: Record<string, string> = {
  patient_request: 'Patient request',
  scheduling_conflict: 'Scheduling conflict',
  doctor_unavailable: 'Doctor unavailable',
  payment_timeout: 'Not paid in time',
  other: 'Other reason',
};

export function cancelReasonLabel(reason: string): string {
  return cancelReasonLabels[reason] ?? reason;
}

export function methodLabel(method: string): string {
  return isConsultationMethod(method) ? methodLabels[method] : statusLabel(method);
}

export interface DirectoryEntry {
  id: string;
  name: string;
}

/** The doctors and services pages can name (see server/directory.ts). */
export interface DirectoryView {
  doctors: DirectoryEntry[];
  services: DirectoryEntry[];
}

/** "Who is this for?": the signed-in patient (no id sent; the API books for the caller) or a dependant. */
export interface BookingSubject {
  /** '' for the signed-in patient themself, else the dependant's patient id. */
  id: string;
  name: string;
  relationship: string | null;
}
