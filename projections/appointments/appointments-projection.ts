import type pg from 'pg';
import { appointmentIdFromStreamId, isAppointmentEventType, parseAppointmentEvent } from '../../domain/index.js';
import type { Projection } from '../projection.js';
import { evolveAppointmentRow, type AppointmentRow } from './appointment-row.js';
import { APPOINTMENT_COLUMNS, toAppointmentRow } from './appointment-queries.js';

export const appointmentsProjection: Projection = {
  name: 'appointments',
  tables: ['appointments'],
  async apply(client, event) {
    const appointmentId = appointmentIdFromStreamId(event.streamId);
    if (!appointmentId || !isAppointmentEventType(event.type)) return;
    const current = await client.query(`SELECT ${APPOINTMENT_COLUMNS} FROM appointments WHERE id = $1 FOR UPDATE`, [
      appointmentId,
    ]);
    const before = current.rows[0] ? toAppointmentRow(current.rows[0]) : null;
    const after = evolveAppointmentRow(before, parseAppointmentEvent(event.type, event.data), {
      revision: Number(event.revision),
      recordedAt: event.recordedAt.toISOString(),
    });
    if (after && after !== before) await upsert(client, after);
  },
};

async function upsert(client: pg.PoolClient, row: AppointmentRow): Promise<void> {
  await client.query(
    `INSERT INTO appointments (id, patient_id, doctor_id, service_id, method, starts_at, status, requested_at,
       payment_due_at, cancelled_at, cancelled_by, cancel_reason, stream_revision, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)
     ON CONFLICT (id) DO UPDATE SET
       patient_id = EXCLUDED.patient_id, doctor_id = EXCLUDED.doctor_id, service_id = EXCLUDED.service_id,
       method = EXCLUDED.method, starts_at = EXCLUDED.starts_at, status = EXCLUDED.status,
       requested_at = EXCLUDED.requested_at, payment_due_at = EXCLUDED.payment_due_at,
       cancelled_at = EXCLUDED.cancelled_at, cancelled_by = EXCLUDED.cancelled_by,
       cancel_reason = EXCLUDED.cancel_reason, stream_revision = EXCLUDED.stream_revision, updated_at = EXCLUDED.updated_at`,
    [
      row.id,
      row.patientId,
      row.doctorId,
      row.serviceId,
      row.method,
      row.startsAt,
      row.status,
      row.requestedAt,
      row.paymentDueAt,
      row.cancelledAt,
      row.cancelledBy,
      row.cancelReason,
      row.streamRevision,
      row.updatedAt,
    ],
  );
}
