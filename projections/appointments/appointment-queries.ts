/** Reads of the `appointments` read model, shared by REST and GraphQL. */
import type pg from 'pg';
import type { AppointmentRow } from './appointment-row.js';

export const APPOINTMENT_COLUMNS = `id, patient_id, doctor_id, service_id, method, starts_at, status, requested_at,
  payment_due_at, cancelled_at, cancelled_by, cancel_reason, stream_revision, updated_at`;

type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

export interface ListAppointmentsFilter {
  readonly first: number;
  readonly status?: string;
  readonly patientId?: string;
  readonly doctorId?: string;
  /** Only appointments of these patients or with this doctor (an access scope); absent: all. */
  readonly parties?: { readonly patientIds: readonly string[]; readonly doctorId: string | null };
}

export async function listAppointments(db: Queryable, filter: ListAppointmentsFilter): Promise<AppointmentRow[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const [column, value] of [
    ['status', filter.status],
    ['patient_id', filter.patientId],
    ['doctor_id', filter.doctorId],
  ] as const) {
    if (value === undefined) continue;
    params.push(value);
    where.push(`${column} = $${params.length}`);
  }
  if (filter.parties) {
    params.push(filter.parties.patientIds, filter.parties.doctorId);
    where.push(`(patient_id = ANY($${params.length - 1}::uuid[]) OR doctor_id = $${params.length}::uuid)`);
  }
  params.push(filter.first);
  const { rows } = await db.query(
    `SELECT ${APPOINTMENT_COLUMNS} FROM appointments ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY requested_at DESC, id LIMIT $${params.length}`,
    params,
  );
  return rows.map(toAppointmentRow);
}

export async function findAppointment(db: Queryable, id: string): Promise<AppointmentRow | undefined> {
  const { rows } = await db.query(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE id = $1`, [id]);
  return rows[0] ? toAppointmentRow(rows[0]) : undefined;
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

export function toAppointmentRow(raw: Record<string, unknown>): AppointmentRow {
  return {
    id: String(raw.id),
    patientId: String(raw.patient_id),
    doctorId: String(raw.doctor_id),
    serviceId: String(raw.service_id),
    method: String(raw.method),
    startsAt: iso(raw.starts_at),
    status: String(raw.status),
    requestedAt: iso(raw.requested_at),
    paymentDueAt: isoOrNull(raw.payment_due_at),
    cancelledAt: isoOrNull(raw.cancelled_at),
    cancelledBy: textOrNull(raw.cancelled_by),
    cancelReason: textOrNull(raw.cancel_reason),
    streamRevision: Number(raw.stream_revision),
    updatedAt: iso(raw.updated_at),
  };
}
