/** Reads of the `appointments` read model, shared by REST and GraphQL, and its row mapping. */
import type pg from 'pg';
import type { CancellationPolicy } from '../../domain/index.js';
import type { AppointmentRow, BookedStatus } from './appointment-row.js';

export const APPOINTMENT_COLUMNS = `id, patient_id, booked_by, doctor_id, service_id, service_name, method, starts_at,
  ends_at, fee_amount_minor, fee_currency, policy, status, final, requested_at, payment_due_at, payment_id,
  payment_provider, payment_status, payment_failure_code, checkout_url, paid_amount_minor, paid_at,
  refunded_amount_minor, refund_owed_minor, refund_owed_reason, confirmed_at, reminders_sent, last_reminder_at,
  patient_reschedules, rescheduled_at, checked_in_at, consultation_started_at, consultation_ends_by,
  consultation_ended_at, consultation_ended_by, room_id, no_show_party, no_show_at, cancelled_at, cancelled_by,
  cancel_reason, prescription_id, prescription_issued_at, medicine_count, review_rating, reviewed_at, review_due_at,
  review_reminder_sent_at, closed_at, stream_revision, updated_at`;

/** The columns above, in order, as the projection writes them (appointments-projection.ts). */
export function appointmentValues(row: AppointmentRow): unknown[] {
  return [
    row.id,
    row.patientId,
    row.bookedBy,
    row.doctorId,
    row.serviceId,
    row.serviceName,
    row.method,
    row.startsAt,
    row.endsAt,
    row.fee.amountMinor,
    row.fee.currency,
    JSON.stringify(row.policy),
    row.status,
    row.final,
    row.requestedAt,
    row.paymentDueAt,
    row.paymentId,
    row.paymentProvider,
    row.paymentStatus,
    row.paymentFailureCode,
    row.checkoutUrl,
    row.paidAmountMinor,
    row.paidAt,
    row.refundedAmountMinor,
    row.refundOwedMinor,
    row.refundOwedReason,
    row.confirmedAt,
    row.remindersSent,
    row.lastReminderAt,
    row.patientReschedules,
    row.rescheduledAt,
    row.checkedInAt,
    row.consultationStartedAt,
    row.consultationEndsBy,
    row.consultationEndedAt,
    row.consultationEndedBy,
    row.roomId,
    row.noShowParty,
    row.noShowAt,
    row.cancelledAt,
    row.cancelledBy,
    row.cancelReason,
    row.prescriptionId,
    row.prescriptionIssuedAt,
    row.medicineCount,
    row.reviewRating,
    row.reviewedAt,
    row.reviewDueAt,
    row.reviewReminderSentAt,
    row.closedAt,
    row.streamRevision,
    row.updatedAt,
  ];
}

export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** Where a page of a listing ended: the last row's request instant and id (newest first). */
export interface AppointmentCursor {
  readonly requestedAt: string;
  readonly id: string;
}

export interface ListAppointmentsFilter {
  readonly first: number;
  readonly status?: string;
  readonly patientId?: string;
  readonly doctorId?: string;
  readonly after?: AppointmentCursor;
  /** Only appointments of these patients or with this doctor (an access scope); absent: all. */
  readonly parties?: { readonly patientIds: readonly string[]; readonly doctorId: string | null };
}

/**
 * An appointment with what other read models know of its parties: the doctor's public name and
 * time zone, and the patient's name (which the API shows to the patient's side only).
 */
export interface AppointmentView extends AppointmentRow {
  readonly doctorName: string | null;
  readonly doctorTimeZone: string | null;
  readonly patientName: string | null;
}

export const APPOINTMENT_VIEW_SELECT = `SELECT ${APPOINTMENT_COLUMNS.split(',')
  .map((column) => `a.${column.trim()}`)
  .join(', ')},
    nullif(d.display_name, '') AS doctor_name, d.availability->>'timeZone' AS doctor_time_zone, p.name AS patient_name
  FROM appointments a
  LEFT JOIN doctor_search d ON d.doctor_id = a.doctor_id
  LEFT JOIN patient_profiles p ON p.patient_id = a.patient_id`;

export async function listAppointments(db: Queryable, filter: ListAppointmentsFilter): Promise<AppointmentView[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.status !== undefined) where.push(`a.status = ${p(filter.status)}`);
  if (filter.patientId !== undefined) where.push(`a.patient_id = ${p(filter.patientId)}::uuid`);
  if (filter.doctorId !== undefined) where.push(`a.doctor_id = ${p(filter.doctorId)}::uuid`);
  if (filter.parties) {
    where.push(
      `(a.patient_id = ANY(${p(filter.parties.patientIds)}::uuid[]) OR a.doctor_id = ${p(filter.parties.doctorId)}::uuid)`,
    );
  }
  if (filter.after) {
    where.push(`(a.requested_at, a.id) < (${p(filter.after.requestedAt)}::timestamptz, ${p(filter.after.id)}::uuid)`);
  }
  const { rows } = await db.query(
    `${APPOINTMENT_VIEW_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY a.requested_at DESC, a.id DESC LIMIT ${p(filter.first)}`,
    params,
  );
  return rows.map(toAppointmentView);
}

export async function findAppointment(db: Queryable, id: string): Promise<AppointmentView | undefined> {
  const { rows } = await db.query(`${APPOINTMENT_VIEW_SELECT} WHERE a.id = $1`, [id]);
  return rows[0] ? toAppointmentView(rows[0]) : undefined;
}

/** Statuses of every appointment between this doctor and this patient (for the access policy). */
export async function appointmentStatusesBetween(
  db: Queryable,
  doctorId: string,
  patientId: string,
): Promise<string[]> {
  const { rows } = await db.query<{ status: string }>(
    'SELECT status FROM appointments WHERE doctor_id = $1 AND patient_id = $2',
    [doctorId, patientId],
  );
  return rows.map((row) => row.status);
}

const iso = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value));
const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));
const textOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : String(value));
const numberOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

export function toAppointmentRow(raw: Record<string, unknown>): AppointmentRow {
  return {
    id: String(raw.id),
    patientId: String(raw.patient_id),
    bookedBy: String(raw.booked_by),
    doctorId: String(raw.doctor_id),
    serviceId: String(raw.service_id),
    serviceName: String(raw.service_name),
    method: String(raw.method),
    startsAt: iso(raw.starts_at),
    endsAt: iso(raw.ends_at),
    fee: { amountMinor: Number(raw.fee_amount_minor), currency: String(raw.fee_currency) },
    policy: raw.policy as CancellationPolicy,
    status: String(raw.status) as BookedStatus,
    final: Boolean(raw.final),
    requestedAt: iso(raw.requested_at),
    paymentDueAt: isoOrNull(raw.payment_due_at),
    paymentId: textOrNull(raw.payment_id),
    paymentProvider: textOrNull(raw.payment_provider),
    paymentStatus: textOrNull(raw.payment_status) as AppointmentRow['paymentStatus'],
    paymentFailureCode: textOrNull(raw.payment_failure_code),
    checkoutUrl: textOrNull(raw.checkout_url),
    paidAmountMinor: numberOrNull(raw.paid_amount_minor),
    paidAt: isoOrNull(raw.paid_at),
    refundedAmountMinor: Number(raw.refunded_amount_minor),
    refundOwedMinor: numberOrNull(raw.refund_owed_minor),
    refundOwedReason: textOrNull(raw.refund_owed_reason),
    confirmedAt: isoOrNull(raw.confirmed_at),
    remindersSent: Number(raw.reminders_sent),
    lastReminderAt: isoOrNull(raw.last_reminder_at),
    patientReschedules: Number(raw.patient_reschedules),
    rescheduledAt: isoOrNull(raw.rescheduled_at),
    checkedInAt: isoOrNull(raw.checked_in_at),
    consultationStartedAt: isoOrNull(raw.consultation_started_at),
    consultationEndsBy: isoOrNull(raw.consultation_ends_by),
    consultationEndedAt: isoOrNull(raw.consultation_ended_at),
    consultationEndedBy: textOrNull(raw.consultation_ended_by),
    roomId: textOrNull(raw.room_id),
    noShowParty: textOrNull(raw.no_show_party) as AppointmentRow['noShowParty'],
    noShowAt: isoOrNull(raw.no_show_at),
    cancelledAt: isoOrNull(raw.cancelled_at),
    cancelledBy: textOrNull(raw.cancelled_by),
    cancelReason: textOrNull(raw.cancel_reason),
    prescriptionId: textOrNull(raw.prescription_id),
    prescriptionIssuedAt: isoOrNull(raw.prescription_issued_at),
    medicineCount: numberOrNull(raw.medicine_count),
    reviewRating: numberOrNull(raw.review_rating),
    reviewedAt: isoOrNull(raw.reviewed_at),
    reviewDueAt: isoOrNull(raw.review_due_at),
    reviewReminderSentAt: isoOrNull(raw.review_reminder_sent_at),
    closedAt: isoOrNull(raw.closed_at),
    streamRevision: Number(raw.stream_revision),
    updatedAt: iso(raw.updated_at),
  };
}

export function toAppointmentView(raw: Record<string, unknown>): AppointmentView {
  return {
    ...toAppointmentRow(raw),
    doctorName: textOrNull(raw.doctor_name),
    doctorTimeZone: textOrNull(raw.doctor_time_zone),
    patientName: textOrNull(raw.patient_name),
  };
}
