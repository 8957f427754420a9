import { assertNever, conflict, DomainError, notFound, ruleViolation } from '../shared/errors.js';
import type { PatientCommand } from './patient.commands.js';
import type { PatientEvent } from './patient.events.js';
import { emptyProfile, PROFILE_FIELDS, type PatientProfile, type ProfileChanges } from './patient.profile.js';
import type { PatientState } from './patient.state.js';

/** Pure: which events a command produces in a state, or a DomainError saying why not. */
export function decidePatient(command: PatientCommand, state: PatientState): PatientEvent[] {
  switch (command.type) {
    case 'ChangePatientProfile': {
      assertBornBefore(command.changes, command.now);
      const current = state.status === 'known' ? state.profile : emptyProfile;
      const changes = changedFields(current, command.changes);
      // Nothing new is not an event (a retried PATCH records nothing twice).
      if (Object.keys(changes).length === 0) return [];
      return [
        { type: 'PatientProfileChanged', data: { patientId: command.patientId, changes, changedAt: command.now } },
      ];
    }
    case 'RegisterDependant': {
      if (state.status !== 'none') throw conflict('ALREADY_REGISTERED', 'This patient is already registered.');
      if (command.dependantId === command.guardianId) {
        throw ruleViolation('OWN_GUARDIAN', 'A patient cannot be their own dependant.');
      }
      assertBornBefore(command.profile, command.now);
      return [
        {
          type: 'DependantRegistered',
          data: {
            patientId: command.dependantId,
            guardianId: command.guardianId,
            relationship: command.relationship,
            profile: { ...emptyProfile, ...command.profile },
            registeredAt: command.now,
          },
        },
      ];
    }
    case 'ChangeDependant': {
      const dependant = inCareOf(state, command.guardianId);
      if (command.changes.name === null) throw ruleViolation('NAME_REQUIRED', 'A dependant needs a name.');
      assertBornBefore(command.changes, command.now);
      const events: PatientEvent[] = [];
      if (command.relationship !== undefined && command.relationship !== dependant.relationship) {
        events.push({
          type: 'DependantRelationshipChanged',
          data: {
            patientId: command.dependantId,
            guardianId: command.guardianId,
            relationship: command.relationship,
            changedAt: command.now,
          },
        });
      }
      const changes = changedFields(dependant.profile, command.changes);
      if (Object.keys(changes).length > 0) {
        events.push({
          type: 'PatientProfileChanged',
          data: { patientId: command.dependantId, changes, changedAt: command.now },
        });
      }
      return events;
    }
    case 'RemoveDependant': {
      inCareOf(state, command.guardianId);
      // Refused rather than orphaned: an upcoming appointment nobody may see, move or cancel any more.
      if (command.upcomingAppointments.length > 0) {
        throw new DomainError(
          'conflict',
          'DEPENDANT_HAS_UPCOMING_APPOINTMENTS',
          'This dependant has upcoming appointments: cancel them, or wait until they are over, before removing them.',
          command.upcomingAppointments.map(({ appointmentId, startsAt }) => ({
            path: `appointments.${appointmentId}`,
            message: `starts ${startsAt}`,
          })),
        );
      }
      return [
        {
          type: 'DependantRemoved',
          data: { patientId: command.dependantId, guardianId: command.guardianId, removedAt: command.now },
        },
      ];
    }
    default:
      return assertNever(command);
  }
}

/** The dependant's state when this guardian cares for them; anyone else learns only that there is none. */
function inCareOf(state: PatientState, guardianId: string): Extract<PatientState, { status: 'known' }> {
  if (state.status !== 'known' || state.guardianId !== guardianId) {
    throw notFound('DEPENDANT_NOT_FOUND', 'No dependant with this id in your care.');
  }
  return state;
}

function changedFields(current: PatientProfile, changes: ProfileChanges): ProfileChanges {
  const changed: Record<string, unknown> = {};
  for (const field of PROFILE_FIELDS) {
    const next = changes[field];
    if (next === undefined) continue;
    if (!sameValue(next, current[field])) changed[field] = next;
  }
  return changed as ProfileChanges;
}

/** Equality of profile values: strings, null, or a flat object such as the emergency contact. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const [left, right] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(left);
  return keys.length === Object.keys(right).length && keys.every((key) => sameValue(left[key], right[key]));
}

function assertBornBefore(profile: ProfileChanges, now: string): void {
  if (profile.dateOfBirth && profile.dateOfBirth > now.slice(0, 10)) {
    throw ruleViolation('DATE_OF_BIRTH_IN_FUTURE', 'The date of birth cannot be in the future.');
  }
}
