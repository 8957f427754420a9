import { describe, expect, it } from 'vitest';
import type { PatientEvent } from '../../domain/index.js';
import { evolvePatientRow } from './patient-row.js';

const GUARDIAN = '11111111-1111-4111-8111-111111111111';
const CHILD = '22222222-2222-4222-8222-222222222222';
const registered: PatientEvent = {
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
      preferredLanguage: 'pt-PT',
      timeZone: null,
      emergencyContact: null,
    },
    registeredAt: '2026-11-22T10:00:00.000Z',
  },
};
const changed: PatientEvent = {
  type: 'PatientProfileChanged',
  data: { patientId: CHILD, changes: { sex: 'male', preferredLanguage: null }, changedAt: '2026-11-22T11:00:00.000Z' },
};

describe('patients read model fold', () => {
  it('creates a dependant’s row and applies later changes over it', () => {
    const row = evolvePatientRow(null, registered, { revision: 0, recordedAt: '2026-11-22T10:00:01.000Z' });
    expect(row).toMatchObject({ patientId: CHILD, guardianId: GUARDIAN, relationship: 'child', name: 'Rui Costa' });
    expect(evolvePatientRow(row, changed, { revision: 1, recordedAt: '2026-11-22T11:00:01.000Z' })).toMatchObject({
      guardianId: GUARDIAN,
      name: 'Rui Costa',
      sex: 'male',
      preferredLanguage: null,
      streamRevision: 1,
      updatedAt: '2026-11-22T11:00:01.000Z',
    });
  });

  it('starts an account holder’s row from its first change, without a guardian', () => {
    const own: PatientEvent = { ...changed, data: { ...changed.data, patientId: GUARDIAN } };
    expect(evolvePatientRow(null, own, { revision: 0, recordedAt: '2026-11-22T11:00:01.000Z' })).toMatchObject({
      patientId: GUARDIAN,
      guardianId: null,
      relationship: null,
      name: null,
      sex: 'male',
    });
  });

  it('changes a dependant’s relationship, and drops the guardian’s link on removal, keeping the rest', () => {
    const row = evolvePatientRow(null, registered, { revision: 0, recordedAt: '2026-11-22T10:00:01.000Z' });
    const parent = evolvePatientRow(
      row,
      {
        type: 'DependantRelationshipChanged',
        data: { patientId: CHILD, guardianId: GUARDIAN, relationship: 'parent', changedAt: '2026-11-22T11:00:00.000Z' },
      },
      { revision: 1, recordedAt: '2026-11-22T11:00:01.000Z' },
    );
    expect(parent).toMatchObject({
      guardianId: GUARDIAN,
      relationship: 'parent',
      name: 'Rui Costa',
      streamRevision: 1,
    });
    const removed = evolvePatientRow(
      parent,
      {
        type: 'DependantRemoved',
        data: { patientId: CHILD, guardianId: GUARDIAN, removedAt: '2026-11-22T12:00:00.000Z' },
      },
      { revision: 2, recordedAt: '2026-11-22T12:00:01.000Z' },
    );
    expect(removed).toMatchObject({
      patientId: CHILD,
      guardianId: null,
      relationship: null,
      name: 'Rui Costa',
      dateOfBirth: '2019-04-02',
      streamRevision: 2,
    });
  });

  it('ignores an event the row already reflects (redelivery after a crash)', () => {
    const row = evolvePatientRow(null, registered, { revision: 0, recordedAt: '2026-11-22T10:00:01.000Z' });
    const after = evolvePatientRow(row, changed, { revision: 1, recordedAt: '2026-11-22T11:00:01.000Z' });
    expect(evolvePatientRow(after, registered, { revision: 0, recordedAt: '2026-11-22T12:00:00.000Z' })).toBe(after);
  });

  it('keeps erased values (opened as null) out of the row', () => {
    const erased: PatientEvent = {
      ...registered,
      data: { ...registered.data, profile: { ...registered.data.profile, name: null, dateOfBirth: null } },
    };
    expect(evolvePatientRow(null, erased, { revision: 0, recordedAt: '2026-11-22T10:00:01.000Z' })).toMatchObject({
      guardianId: GUARDIAN,
      name: null,
      dateOfBirth: null,
    });
  });
});
