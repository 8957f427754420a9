/** Appointment reads under the access policy, shared by REST and GraphQL. Invisible is not found. */
import {
  appointmentListScope,
  appointmentRead,
  type ActingAccount,
  type AppointmentParties,
} from '../../domain/access/policy.js';
import { appointmentStreamId, notFound } from '../../domain/index.js';
import type { RecordedEvent } from '../../eventstore/event-store.js';
import { findAppointment, listAppointments, type AppointmentRow } from '../../projections/index.js';
import { withFreshDependant } from '../access/access-context.js';
import { auditStaffRead } from '../access/staff-audit.js';
import type { ApiDeps } from '../deps.js';

type ReadDeps = Pick<ApiDeps, 'pool' | 'eventStore' | 'now'>;

export const appointmentNotFound = () => notFound('APPOINTMENT_NOT_FOUND', 'No appointment with this id.');

export async function readAppointment(deps: ReadDeps, account: ActingAccount, id: string): Promise<AppointmentRow> {
  const row = await findAppointment(deps.pool, id);
  if (!row) throw appointmentNotFound();
  const decision = appointmentRead(await withFreshDependant(deps.eventStore, account, row.patientId), row);
  if (!decision.allowed) throw appointmentNotFound();
  if (decision.audit)
    await auditStaffRead(deps, account, { subjectId: row.patientId, resource: 'appointment', resourceId: id });
  return row;
}

export async function listVisibleAppointments(
  deps: ReadDeps,
  account: ActingAccount,
  filter: { readonly first: number; readonly status?: string },
): Promise<AppointmentRow[]> {
  const scope = appointmentListScope(account);
  if (scope.kind === 'parties') return listAppointments(deps.pool, { ...filter, parties: scope });
  const rows = await listAppointments(deps.pool, filter);
  // One event per listing, on the reader's own audit stream, naming the patients it showed.
  await auditStaffRead(deps, account, {
    subjectId: account.accountId,
    resource: 'appointments-list',
    resourceId: null,
    extra: { patientIds: [...new Set(rows.map((row) => row.patientId))] },
  });
  return rows;
}

/**
 * Who an appointment is between, from its stream (the source of truth, ahead of the read model):
 * commands are authorised on it, so an appointment booked a moment ago can be cancelled at once.
 */
export async function appointmentPartiesOf(
  deps: Pick<ApiDeps, 'eventStore'>,
  id: string,
): Promise<AppointmentParties | undefined> {
  const [first] = await deps.eventStore.readStream(appointmentStreamId(id), { maxCount: 1 });
  return first ? partiesOf(first) : undefined;
}

function partiesOf(event: RecordedEvent): AppointmentParties | undefined {
  const { patientId, doctorId } = event.data;
  return event.type === 'AppointmentRequested' && typeof patientId === 'string' && typeof doctorId === 'string'
    ? { patientId, doctorId }
    : undefined;
}

export async function readAppointmentEvents(
  deps: ReadDeps,
  account: ActingAccount,
  id: string,
): Promise<RecordedEvent[]> {
  const events = await deps.eventStore.readStream(appointmentStreamId(id));
  const parties = events[0] && partiesOf(events[0]);
  if (!parties) throw appointmentNotFound();
  const decision = appointmentRead(await withFreshDependant(deps.eventStore, account, parties.patientId), parties);
  if (!decision.allowed) throw appointmentNotFound();
  if (decision.audit)
    await auditStaffRead(deps, account, {
      subjectId: parties.patientId,
      resource: 'appointment-events',
      resourceId: id,
    });
  return events;
}
