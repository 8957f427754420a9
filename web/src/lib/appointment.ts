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
}

/** The API decides what may be cancelled (409 INVALID_STATE otherwise); this only hides the button. */
const cancellableStatuses: ReadonlySet<string> = new Set(['pending_payment']);

export function isCancellable(appointment: Pick<Appointment, 'status'>): boolean {
  return cancellableStatuses.has(appointment.status);
}

const knownStatusLabels: Record<string, string> = {
  pending_payment: 'Pending payment',
  cancelled: 'Cancelled',
};

/** New statuses arrive from the API before the UI knows them; show them readably anyway. */
export function statusLabel(status: string): string {
  const known = knownStatusLabels[status];
  if (known) return known;
  const words = status.replaceAll('_', ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
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
