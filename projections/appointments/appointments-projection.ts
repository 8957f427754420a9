/**
 * The `appointments` read model. Each change is also announced on the PostgreSQL channel
 * APPOINTMENT_CHANGED_CHANNEL from inside the batch's transaction: PostgreSQL delivers it only
 * when the batch commits, so a listener (the API, in another process, pushing to GraphQL
 * subscribers) never hears of a row that a rolled-back batch did not write.
 */
import type pg from 'pg';
import { appointmentIdFromStreamId, isAppointmentEventType, parseAppointmentEvent } from '../../domain/index.js';
import type { Projection } from '../projection.js';
import { evolveAppointmentRow, type AppointmentRow } from './appointment-row.js';
import { APPOINTMENT_COLUMNS, appointmentValues, toAppointmentRow } from './appointment-queries.js';

export const APPOINTMENT_CHANGED_CHANNEL = 'appointment_changed';

/** What the channel carries: enough for an open page to know it must refresh, nothing personal. */
export interface AppointmentChange {
  readonly id: string;
  readonly status: string;
  readonly revision: number;
  readonly updatedAt: string;
}

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
    if (!after || after === before) return;
    await upsert(client, after);
    const change: AppointmentChange = {
      id: after.id,
      status: after.status,
      revision: after.streamRevision,
      updatedAt: after.updatedAt,
    };
    await client.query('SELECT pg_notify($1, $2)', [APPOINTMENT_CHANGED_CHANNEL, JSON.stringify(change)]);
  },
};

const COLUMN_NAMES = APPOINTMENT_COLUMNS.split(',').map((column) => column.trim());
const UPSERT = `INSERT INTO appointments (${COLUMN_NAMES.join(', ')})
  VALUES (${COLUMN_NAMES.map((_, i) => `$${i + 1}`).join(', ')})
  ON CONFLICT (id) DO UPDATE SET ${COLUMN_NAMES.filter((c) => c !== 'id')
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}`;

async function upsert(client: pg.PoolClient, row: AppointmentRow): Promise<void> {
  await client.query(UPSERT, appointmentValues(row));
}
