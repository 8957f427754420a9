import { describe, expect, it } from 'vitest';
import {
  decidePatient,
  dependantChanges,
  evolvePatient,
  guardianInHistory,
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
const STRANGER = '33333333-3333-4333-8333-333333333333';

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

describe('a guardian managing a dependant', () => {
  const changeChild = (
    changes: ProfileChanges,
    extra: { relationship?: 'child' | 'parent'; guardianId?: string } = {},
  ): PatientCommand => ({
    type: 'ChangeDependant',
    dependantId: CHILD,
    guardianId: extra.guardianId ?? GUARDIAN,
    ...(extra.relationship ? { relationship: extra.relationship } : {}),
    changes,
    now: NOW,
  });
  const removeChild = (
    upcomingAppointments: { appointmentId: string; startsAt: string }[] = [],
    guardianId = GUARDIAN,
  ): PatientCommand => ({ type: 'RemoveDependant', dependantId: CHILD, guardianId, upcomingAppointments, now: NOW });
  const notFound = expect.objectContaining({ code: 'DEPENDANT_NOT_FOUND', kind: 'not_found' });

  it('records the relationship and the profile fields that changed, and nothing for no change', () => {
    const state = given(registerChild);
    expect(
      decidePatient(changeChild({ name: 'Rui C.', dateOfBirth: '2019-04-02' }, { relationship: 'parent' }), state),
    ).toEqual<PatientEvent[]>([
      {
        type: 'DependantRelationshipChanged',
        data: { patientId: CHILD, guardianId: GUARDIAN, relationship: 'parent', changedAt: NOW },
      },
      { type: 'PatientProfileChanged', data: { patientId: CHILD, changes: { name: 'Rui C.' }, changedAt: NOW } },
    ]);
    expect(decidePatient(changeChild({ name: 'Rui Costa' }, { relationship: 'child' }), state)).toEqual([]);
    expect(given(registerChild, changeChild({ sex: 'male' }, { relationship: 'parent' }))).toMatchObject({
      guardianId: GUARDIAN,
      relationship: 'parent',
      profile: { name: 'Rui Costa', sex: 'male' },
    });
  });

  it('refuses to clear the name or to move the birth date into the future', () => {
    const state = given(registerChild);
    expect(() => decidePatient(changeChild({ name: null }), state)).toThrow(
      expect.objectContaining({ code: 'NAME_REQUIRED' }),
    );
    expect(() => decidePatient(changeChild({ dateOfBirth: '2026-11-23' }), state)).toThrow(
      expect.objectContaining({ code: 'DATE_OF_BIRTH_IN_FUTURE' }),
    );
  });

  it('removes the guardian’s link and keeps the rest of the patient', () => {
    expect(decidePatient(removeChild(), given(registerChild))).toEqual<PatientEvent[]>([
      { type: 'DependantRemoved', data: { patientId: CHILD, guardianId: GUARDIAN, removedAt: NOW } },
    ]);
    expect(given(registerChild, removeChild())).toMatchObject({
      status: 'known',
      guardianId: null,
      relationship: null,
      profile: { name: 'Rui Costa', dateOfBirth: '2019-04-02' },
    });
  });

  it('refuses a removal while appointments are ahead, naming each', () => {
    const upcoming = [{ appointmentId: '44444444-4444-4444-8444-444444444444', startsAt: '2026-12-01T09:00:00.000Z' }];
    expect(() => decidePatient(removeChild(upcoming), given(registerChild))).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        code: 'DEPENDANT_HAS_UPCOMING_APPOINTMENTS',
        details: [
          { path: 'appointments.44444444-4444-4444-8444-444444444444', message: 'starts 2026-12-01T09:00:00.000Z' },
        ],
      }),
    );
  });

  it('answers anyone but the guardian, a former guardian included, as if there were no such dependant', () => {
    const state = given(registerChild);
    expect(() => decidePatient(changeChild({ name: 'X' }, { guardianId: STRANGER }), state)).toThrow(notFound);
    // The stranger learns nothing of the dependant's appointments either.
    const upcoming = [{ appointmentId: '44444444-4444-4444-8444-444444444444', startsAt: NOW }];
    expect(() => decidePatient(removeChild(upcoming, STRANGER), state)).toThrow(notFound);
    const removed = given(registerChild, removeChild());
    expect(() => decidePatient(changeChild({ name: 'X' }), removed)).toThrow(notFound);
    expect(() => decidePatient(removeChild(), removed)).toThrow(notFound);
    expect(() => decidePatient(removeChild(), initialPatientState)).toThrow(notFound);
    // An account holder's own profile is nobody's dependant.
    const own = given(change({ name: 'Ana Costa' }));
    const removeSelf: PatientCommand = {
      type: 'RemoveDependant',
      dependantId: GUARDIAN,
      guardianId: GUARDIAN,
      upcomingAppointments: [],
      now: NOW,
    };
    expect(() => decidePatient(removeSelf, own)).toThrow(notFound);
  });

  it('reads the current guardian from stored events, sealed profile values and all', () => {
    const registered = { type: 'DependantRegistered', data: { guardianId: GUARDIAN, profile: { name: 'pii:v1:…' } } };
    const changed = { type: 'PatientProfileChanged', data: { changes: { name: 'pii:v1:…' } } };
    const removed = { type: 'DependantRemoved', data: { guardianId: GUARDIAN } };
    expect(guardianInHistory([registered, changed])).toBe(GUARDIAN);
    expect(guardianInHistory([registered, changed, removed])).toBeNull();
    expect(guardianInHistory([changed])).toBeNull();
    expect(guardianInHistory([])).toBeNull();
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

  it('takes any registration field alone for a dependant’s change, but not a cleared name', () => {
    expect(dependantChanges.parse({ relationship: 'parent' })).toEqual({ relationship: 'parent' });
    expect(dependantChanges.parse({ timeZone: 'europe/lisbon', sex: null })).toEqual({
      timeZone: 'Europe/Lisbon',
      sex: null,
    });
    for (const bad of [{ name: null }, { name: ' ' }, { relationship: 'cousin' }, { nickname: 'R' }]) {
      expect(dependantChanges.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});
