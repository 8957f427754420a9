/**
 * Patient events, in streams `patient-<patientId>`. Stored events never change shape. The profile
 * values inside them are personal data: the API seals them per field before appending and readers
 * open them (eventstore/pii), so a stored value may read back as null after erasure, which the
 * shapes below accept. Ids, relationship codes and instants stay in plain text: who a dependant's
 * guardian is stays readable (for access checks) even after erasure.
 */
import { z } from 'zod';
import { instant, uuid } from '../shared/ids.js';
import { dependantRelationship, sex } from './patient.profile.js';

const text = z.string().nullable();

/** Profile values as stored: trusted (validated when the command was), null when erased. */
const storedProfileValues = z.object({
  name: text,
  dateOfBirth: text,
  sex: sex.nullable(),
  phone: text,
  email: text,
  preferredLanguage: text,
  timeZone: text,
  emergencyContact: z.object({ name: z.string(), phone: z.string(), relationship: z.string() }).nullable(),
});

export const patientProfileChangedData = z.object({
  patientId: uuid,
  /** Only the fields that changed; null clears one. */
  changes: storedProfileValues.partial(),
  changedAt: instant,
});

export const dependantRegisteredData = z.object({
  patientId: uuid,
  guardianId: uuid,
  relationship: dependantRelationship,
  profile: storedProfileValues,
  registeredAt: instant,
});

export const dependantRelationshipChangedData = z.object({
  patientId: uuid,
  guardianId: uuid,
  relationship: dependantRelationship,
  changedAt: instant,
});

/** The guardian's care ended: from now on they neither see nor book for the patient, whose history stays. */
export const dependantRemovedData = z.object({
  patientId: uuid,
  guardianId: uuid,
  removedAt: instant,
});

export type PatientProfileChanged = {
  type: 'PatientProfileChanged';
  data: z.infer<typeof patientProfileChangedData>;
};
export type DependantRegistered = { type: 'DependantRegistered'; data: z.infer<typeof dependantRegisteredData> };
export type DependantRelationshipChanged = {
  type: 'DependantRelationshipChanged';
  data: z.infer<typeof dependantRelationshipChangedData>;
};
export type DependantRemoved = { type: 'DependantRemoved'; data: z.infer<typeof dependantRemovedData> };
export type PatientEvent =
  PatientProfileChanged | DependantRegistered | DependantRelationshipChanged | DependantRemoved;
export type PatientEventType = PatientEvent['type'];

/** The key of each event's data that holds personal values (each one sealed on its own); null for none. */
export const PERSONAL_DATA_KEY = {
  PatientProfileChanged: 'changes',
  DependantRegistered: 'profile',
  DependantRelationshipChanged: null,
  DependantRemoved: null,
} as const satisfies Record<PatientEventType, string | null>;

export function isPatientEventType(type: string): type is PatientEventType {
  return Object.hasOwn(PERSONAL_DATA_KEY, type);
}

/** Parses a stored (already opened) event back into the domain union; throws on an unknown shape. */
export function parsePatientEvent(type: PatientEventType, data: unknown): PatientEvent {
  switch (type) {
    case 'PatientProfileChanged':
      return { type, data: patientProfileChangedData.parse(data) };
    case 'DependantRegistered':
      return { type, data: dependantRegisteredData.parse(data) };
    case 'DependantRelationshipChanged':
      return { type, data: dependantRelationshipChangedData.parse(data) };
    case 'DependantRemoved':
      return { type, data: dependantRemovedData.parse(data) };
  }
}

const guardianLink = z.object({ guardianId: uuid });

/**
 * The guardian a patient's stored history names at its end, or null. Reads only the plain-text
 * guardian of registration and removal, so it needs no data key and survives erasure.
 */
export function guardianInHistory(events: readonly { readonly type: string; readonly data: unknown }[]): string | null {
  let guardianId: string | null = null;
  for (const { type, data } of events) {
    if (type === 'DependantRegistered') guardianId = guardianLink.parse(data).guardianId;
    else if (type === 'DependantRemoved') guardianId = null;
  }
  return guardianId;
}
