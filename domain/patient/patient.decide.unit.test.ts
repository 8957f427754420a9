import { describe, expect, it } from 'vitest';
import {
  decidePatient,
  evolvePatient,
  initialPatientState,
  newDependant,
  profileChanges,
  type PatientCommand,
  type PatientEvent,
  type PatientState,
  type ProfileChanges,
} from './index.js';

const NOW = '2026-11-22T10:00:00.000Z';
const GUARDIAN = '11111111-1111-4111-8111-111111111111';
const CHILD = '22222222-2222-4222-8222-222222222222';

const change = (changes: ProfileChanges): PatientCommand => ({
  type: 'ChangePatientProfile',
  patientId: GUARDIAN,
  changes,
  now: NOW,
});
const registerChild: PatientCommand = {
  type: 'RegisterDependant',
  dependantId: CHILD,
  guardianId: GUARDIAN,
  relationship: 'child',
  profile: { name: 'Rui Costa', dateOfBirth: '2019-04-02' },
  now: NOW,
};

/** given commands → the state they lead to. */
function given(...commands: PatientCommand[]): PatientState {
  return commands.reduce<PatientState>(
    (state, command) => decidePatient(command, state).reduce(evolvePatient, state),
    initialPatientState,
  );
}

describe('patient decider', () => {
  it('starts an account’s profile with its first change and records only the fields given', () => {
    const events = decidePatient(change({ name: 'Ana Costa', timeZone: 'Europe/Lisbon' }), initialPatientState);
    expect(events).toEqual<PatientEvent[]>([
      {
        type: 'PatientProfileChanged',
        data: { patientId: GUARDIAN, changes: { name: 'Ana Costa', timeZone: 'Europe/Lisbon' }, changedAt: NOW },
      },
    ]);
    expect(given(change({ name: 'Ana Costa' }))).toMatchObject({
      status: 'known',
      guardianId: null,
      profile: { name: 'Ana Costa', phone: null },
    });
  });

  it('records only what actually changed, clears a field with null, and records nothing for no change', () => {
    const state = given(change({ name: 'Ana Costa', phone: '+351912345678' }));
    expect(decidePatient(change({ name: 'Ana Costa', phone: null }), state)).toEqual([
      { type: 'PatientProfileChanged', data: { patientId: GUARDIAN, changes: { phone: null }, changedAt: NOW } },
    ]);
    expect(decidePatient(change({ name: 'Ana Costa' }), state)).toEqual([]);
    const contact = { name: 'Rui', phone: '+351912345679', relationship: 'brother' };
    expect(
      decidePatient(change({ emergencyContact: { ...contact } }), given(change({ emergencyContact: contact }))),
    ).toEqual([]);
  });

  it('refuses a date of birth in the future', () => {
    expect(() => decidePatient(change({ dateOfBirth: '2026-11-23' }), initialPatientState)).toThrow(
      expect.objectContaining({ code: 'DATE_OF_BIRTH_IN_FUTURE', kind: 'rule_violation' }),
    );
  });

  it('registers a dependant under its guardian with every other field unknown', () => {
    expect(decidePatient(registerChild, initialPatientState)).toEqual<PatientEvent[]>([
      {
        type: 'DependantRegistered',
        data: {
          patientId: CHILD,
          guardianId: GUARDIAN,
          relationship: 'child',
          profile: {
            name: 'Rui Costa',
            dateOfBirth: '2019-04-02',
            sex: null,
            phone: null,
            email: null,
            preferredLanguage: null,
            timeZone: null,
            emergencyContact: null,
          },
          registeredAt: NOW,
        },
      },
    ]);
    expect(given(registerChild)).toMatchObject({ status: 'known', guardianId: GUARDIAN, relationship: 'child' });
  });

  it('refuses to register a dependant twice, or a guardian as their own dependant', () => {
    expect(() => decidePatient(registerChild, given(registerChild))).toThrow(
      expect.objectContaining({ code: 'ALREADY_REGISTERED', kind: 'conflict' }),
    );
    expect(() => decidePatient({ ...registerChild, dependantId: GUARDIAN }, initialPatientState)).toThrow(
      expect.objectContaining({ code: 'OWN_GUARDIAN' }),
    );
  });

  it('keeps a dependant’s guardian when its profile changes later', () => {
    const state = given(registerChild, {
      type: 'ChangePatientProfile',
      patientId: CHILD,
      changes: { sex: 'male' },
      now: NOW,
    });
    expect(state).toMatchObject({ guardianId: GUARDIAN, profile: { name: 'Rui Costa', sex: 'male' } });
  });
});

describe('profile fields at the edge', () => {
  it('canonicalises language tags and time zones, and refuses what is not one', () => {
    expect(profileChanges.parse({ preferredLanguage: 'pt-br', timeZone: 'europe/lisbon' })).toEqual({
      preferredLanguage: 'pt-BR',
      timeZone: 'Europe/Lisbon',
    });
    expect(profileChanges.safeParse({ timeZone: 'Mars/Olympus_Mons' }).success).toBe(false);
    expect(profileChanges.safeParse({ preferredLanguage: 'not a tag!' }).success).toBe(false);
  });

  it('refuses unknown fields, impossible dates, non-E.164 phones and unknown sexes', () => {
    for (const bad of [
      { nickname: 'Ana' },
      { dateOfBirth: '2001-02-30' },
      { dateOfBirth: '02/03/2001' },
      { phone: '912 345 678' },
      { sex: 'other' },
      { emergencyContact: { name: 'Rui', phone: '+351912345679' } },
    ]) {
      expect(profileChanges.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('needs a name and a relationship for a new dependant', () => {
    expect(newDependant.safeParse({ relationship: 'child' }).success).toBe(false);
    expect(newDependant.safeParse({ name: 'Rui' }).success).toBe(false);
    expect(newDependant.parse({ name: 'Rui', relationship: 'child' })).toEqual({ name: 'Rui', relationship: 'child' });
  });
});
