/** Pure fold of appointment events into the `appointments` row. */
import { assertNever, type AppointmentEvent } from '../../domain/index.js';

export interface AppointmentRow {
  readonly id: string;
  readonly patientId: string;
  readonly doctorId: string;
  readonly serviceId: string;
  readonly method: string;
  readonly startsAt: string;
  readonly status: string;
  readonly requestedAt: string;
  readonly paymentDueAt: string | null;
  readonly cancelledAt: string | null;
  readonly cancelledBy: string | null;
  readonly cancelReason: string | null;
  readonly streamRevision: number;
  readonly updatedAt: string;
}

export function evolveAppointmentRow(
  row: AppointmentRow | null,
  event: AppointmentEvent,
  meta: { revision: number; recordedAt: string },
): AppointmentRow | null {
  // Replays and duplicate deliveries are harmless: an event the row already reflects is ignored.
  if (row && meta.revision <= row.streamRevision) return row;
  switch (event.type) {
    case 'AppointmentRequested': {
      const data = event.data;
      return {
        id: data.appointmentId,
        patientId: data.patientId,
        doctorId: data.doctorId,
        serviceId: data.serviceId,
        method: data.method,
        startsAt: data.startsAt,
        status: 'pending_payment',
        requestedAt: data.requestedAt,
        paymentDueAt: data.paymentDueAt,
        cancelledAt: null,
        cancelledBy: null,
        cancelReason: null,
        streamRevision: meta.revision,
        updatedAt: meta.recordedAt,
      };
    }
    case 'AppointmentCancelled':
      if (!row) return null;
      return {
        ...row,
        status: 'cancelled',
        cancelledAt: event.data.cancelledAt,
        cancelledBy: event.data.cancelledBy,
        cancelReason: event.data.reason,
        streamRevision: meta.revision,
        updatedAt: meta.recordedAt,
      };
    default:
      return assertNever(event);
  }
}
