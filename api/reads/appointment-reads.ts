/** Appointment reads under the access policy, shared by REST and GraphQL. Invisible is not found. */
import {
  appointmentListScope,
  appointmentRead,
  seesPatientName,
  type ActingAccount,
  type AppointmentParties,
} from '../../domain/access/policy.js';
import { appointmentStreamId, notFound, reschedulesLeft } from '../../domain/index.js';
import type { RecordedEvent } from '../../eventstore/event-store.js';
import {
  findAppointment,
  listAppointments,
  type AppointmentView,
  type ListAppointmentsFilter,
} from '../../projections/index.js';
import { withFreshDependant } from '../access/access-context.js';
import { auditStaffRead } from '../access/staff-audit.js';
import type { ApiDeps } from '../deps.js';
import { toTimelineEvent, type TimelineEvent } from './appointment-timeline.js';

export type ReadDeps = Pick<ApiDeps, 'pool' | 'eventStore' | 'now' | 'settings'>;

export const appointmentNotFound = () => notFound('APPOINTMENT_NOT_FOUND', 'No appointment with this id.');

/** An appointment as its readers get it: the view, plus what follows from it for the page. */
export interface AppointmentDetail extends AppointmentView {
  /** The stream revision the row reflects (subscription pushes carry the same number). */
  readonly revision: number;
  readonly reschedulesLeft: number;
  /** When the patient may check in (the join window before the start). */
  readonly checkInOpensAt: string;
}

/**
 * The patient's name travels to the patient's side and to the appointment's doctor; to staff it
 * would be a profile read, which the policy audits one patient at a time (GET /api/v1/patients/:id).
 */
export function toDetail(
  deps: Pick<ApiDeps, 'settings'>,
  account: ActingAccount,
  view: AppointmentView,
): AppointmentDetail {
  return {
    ...view,
    patientName: seesPatientName(account, view) ? view.patientName : null,
    revision: view.streamRevision,
    reschedulesLeft: reschedulesLeft(view.policy, view.patientReschedules),
    checkInOpensAt: new Date(Date.parse(view.startsAt) - deps.settings.timings.joinWindowMs).toISOString(),
  };
}

export async function readAppointment(deps: ReadDeps, account: ActingAccount, id: string): Promise<AppointmentDetail> {
  const view = await findAppointment(deps.pool, id);
  if (!view) throw appointmentNotFound();
  const fresh = await withFreshDependant(deps.eventStore, account, view.patientId);
  const decision = appointmentRead(fresh, view);
  if (!decision.allowed) throw appointmentNotFound();
  if (decision.audit)
    await auditStaffRead(deps, account, { subjectId: view.patientId, resource: 'appointment', resourceId: id });
  return toDetail(deps, fresh, view);
}

export async function listVisibleAppointments(
  deps: ReadDeps,
  account: ActingAccount,
  filter: Omit<ListAppointmentsFilter, 'parties'>,
): Promise<AppointmentDetail[]> {
  const scope = appointmentListScope(account);
  if (scope.kind === 'parties') {
    const views = await listAppointments(deps.pool, { ...filter, parties: scope });
    return views.map((view) => toDetail(deps, account, view));
  }
  const views = await listAppointments(deps.pool, filter);
  // One event per listing, on the reader's own audit stream, naming the patients it showed.
  await auditStaffRead(deps, account, {
    subjectId: account.accountId,
    resource: 'appointments-list',
    resourceId: null,
    extra: { patientIds: [...new Set(views.map((view) => view.patientId))] },
  });
  return views.map((view) => toDetail(deps, account, view));
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

/**
 * The caller may read this appointment (its parties from the stream, so it works before the read
 * model has the row): the parties, or 404 as if it did not exist. Staff reads are audited.
 */
export async function authorizeAppointmentRead(
  deps: Pick<ApiDeps, 'eventStore' | 'now'>,
  account: ActingAccount,
  id: string,
  resource: 'appointment' | 'appointment-events',
): Promise<AppointmentParties> {
  const parties = await appointmentPartiesOf(deps, id);
  if (!parties) throw appointmentNotFound();
  const decision = appointmentRead(await withFreshDependant(deps.eventStore, account, parties.patientId), parties);
  if (!decision.allowed) throw appointmentNotFound();
  if (decision.audit) await auditStaffRead(deps, account, { subjectId: parties.patientId, resource, resourceId: id });
  return parties;
}

/**
 * The appointment's events as a timeline: each with a label, who acted and when, and sealed
 * values (prescription, review comment) taken out of its data.
 */
export async function readAppointmentEvents(
  deps: ReadDeps,
  account: ActingAccount,
  id: string,
): Promise<TimelineEvent[]> {
  await authorizeAppointmentRead(deps, account, id, 'appointment-events');
  const events = await deps.eventStore.readStream(appointmentStreamId(id));
  return events.map(toTimelineEvent);
}
