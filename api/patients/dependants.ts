/**
 * A guardian changing and removing their dependants. Only the guardian may: the decider answers
 * anyone else 404 DEPENDANT_NOT_FOUND, before it looks at anything else the command carries.
 *
 * Removal is refused while the dependant has appointments ahead or in progress (409
 * DEPENDANT_HAS_UPCOMING_APPOINTMENTS, each one in the details): once the link is gone nobody on
 * the patient's side could attend, move or cancel them, so they would be orphaned. Past
 * appointments, prescriptions and reviews stay the dependant's, in their own streams.
 */
import type { ActingAccount } from '../../domain/access/policy.js';
import { conflict, type DependantRelationship, type ProfileChanges } from '../../domain/index.js';
import { appointmentsProjection, releaseDependant, upcomingAppointmentsOf } from '../../projections/index.js';
import { projectionReached } from '../../projections/checkpoints.js';
import { PATIENTS_PROJECTION } from '../../projections/patients/patients-projection.js';
import { executePatientCommand, type LoadedPatient, type PatientCommandDeps } from './patient-commands.js';

/** More than a guardian can book ahead for one person; the refusal lists at most these. */
const UPCOMING_LISTED = 50;
const CATCH_UP_TIMEOUT_MS = 5_000;

export async function changeDependant(
  deps: PatientCommandDeps,
  account: ActingAccount,
  input: {
    readonly dependantId: string;
    readonly relationship?: DependantRelationship;
    readonly changes: ProfileChanges;
    readonly expectedRevision?: number;
    readonly now: Date;
  },
): Promise<LoadedPatient> {
  const { dependantId, relationship, changes, expectedRevision, now } = input;
  return executePatientCommand(
    deps,
    dependantId,
    {
      type: 'ChangeDependant',
      dependantId,
      guardianId: account.accountId,
      ...(relationship === undefined ? {} : { relationship }),
      changes,
      now: now.toISOString(),
    },
    { actorId: account.accountId, ...(expectedRevision === undefined ? {} : { expectedRevision }) },
  );
}

export async function removeDependant(
  deps: PatientCommandDeps,
  account: ActingAccount,
  input: { readonly dependantId: string; readonly now: Date },
): Promise<void> {
  const { dependantId, now } = input;
  // A booking answers once its workflow recorded it, maybe before the read model has it: wait
  // until the appointments projection is past everything recorded so far, then look.
  await appointmentsCaughtUp(deps);
  const upcoming = await upcomingAppointmentsOf(deps.pool, { patientId: dependantId, now, first: UPCOMING_LISTED });
  await executePatientCommand(
    deps,
    dependantId,
    {
      type: 'RemoveDependant',
      dependantId,
      guardianId: account.accountId,
      upcomingAppointments: upcoming.map((appointment) => ({
        appointmentId: appointment.id,
        startsAt: appointment.startsAt,
      })),
      now: now.toISOString(),
    },
    { actorId: account.accountId },
  );
  // Access ends now, not when the projector gets there (it applies the same change later).
  await releaseDependant(deps.pool, dependantId, account.accountId);
}

async function appointmentsCaughtUp(deps: PatientCommandDeps): Promise<void> {
  const head = await deps.eventStore.headPosition();
  if (!(await projectionReached(deps.pool, appointmentsProjection.name, head, CATCH_UP_TIMEOUT_MS))) {
    throw conflict('BOOKINGS_STILL_RECORDING', 'Recent bookings are still being recorded; try again in a moment.');
  }
}

/** How long a change waits for the profiles read model, so the page it returns to shows it. */
const SHOWN_TIMEOUT_MS = 3_000;

/**
 * Waits (bounded) until the patients read model shows what was just recorded: the page a guardian
 * returns to lists dependants from it. Past the bound the change still stands; the page catches up.
 */
export async function shownInProfiles(deps: Pick<PatientCommandDeps, 'pool'>, loaded: LoadedPatient): Promise<void> {
  if (loaded.position !== undefined) {
    await projectionReached(deps.pool, PATIENTS_PROJECTION, loaded.position, SHOWN_TIMEOUT_MS);
  }
}
