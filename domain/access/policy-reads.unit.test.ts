/** The policy's rules for the booking lifecycle's reads: prescriptions, receipts, dashboards, the ledger. */
import { describe, expect, it } from 'vitest';
import type { Role } from '../identity/roles.js';
import {
  actingAccount,
  dashboardsOf,
  prescriptionRead,
  readsLedger,
  receiptRead,
  resolveAccess,
  seesPatientName,
  type ActingAccount,
} from './policy.js';

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const CHILD = '33333333-3333-4333-8333-333333333333';
const DOCTOR = '44444444-4444-4444-8444-444444444444';

function given(roles: Role[], options: { dependants?: string[]; accountId?: string } = {}): ActingAccount {
  const accountId = options.accountId ?? ME;
  return actingAccount(
    resolveAccess({
      actor: { kind: 'account', accountId, roles, mfa: true, sessionId: OTHER },
      account: { status: 'active', roles, doctorVerified: true },
      dependantIds: options.dependants ?? [],
    }),
  );
}

const appointment = (patientId: string, doctorId = DOCTOR) => ({ patientId, doctorId });

describe('reading a prescription', () => {
  it('is for the patient, their guardian and the appointment’s doctor, unaudited', () => {
    expect(prescriptionRead(given(['patient']), appointment(ME))).toEqual({ allowed: true, audit: false });
    expect(prescriptionRead(given(['patient'], { dependants: [CHILD] }), appointment(CHILD))).toEqual({
      allowed: true,
      audit: false,
    });
    expect(prescriptionRead(given(['doctor'], { accountId: DOCTOR }), appointment(OTHER))).toEqual({
      allowed: true,
      audit: false,
    });
  });

  it('is for admins too, audited', () => {
    expect(prescriptionRead(given(['admin']), appointment(OTHER))).toEqual({ allowed: true, audit: true });
  });

  it('is for nobody else: not another patient, another doctor, or finance', () => {
    expect(prescriptionRead(given(['patient']), appointment(OTHER))).toEqual({ allowed: false });
    expect(prescriptionRead(given(['doctor']), appointment(OTHER))).toEqual({ allowed: false });
    expect(prescriptionRead(given(['finance']), appointment(OTHER))).toEqual({ allowed: false });
  });
});

describe('reading a payment receipt', () => {
  it('is for the patient and their guardian, unaudited', () => {
    expect(receiptRead(given(['patient']), appointment(ME))).toEqual({ allowed: true, audit: false });
    expect(receiptRead(given(['patient'], { dependants: [CHILD] }), appointment(CHILD))).toEqual({
      allowed: true,
      audit: false,
    });
  });

  it('is for finance and admins, audited', () => {
    expect(receiptRead(given(['finance']), appointment(OTHER))).toEqual({ allowed: true, audit: true });
    expect(receiptRead(given(['admin']), appointment(OTHER))).toEqual({ allowed: true, audit: true });
  });

  it('is not for the appointment’s doctor, another doctor or another patient', () => {
    expect(receiptRead(given(['doctor'], { accountId: DOCTOR }), appointment(OTHER))).toEqual({ allowed: false });
    expect(receiptRead(given(['doctor']), appointment(OTHER))).toEqual({ allowed: false });
    expect(receiptRead(given(['patient']), appointment(OTHER))).toEqual({ allowed: false });
  });

  it('is for a doctor who is the patient themselves, as the patient', () => {
    expect(receiptRead(given(['patient', 'doctor'], { accountId: DOCTOR }), appointment(DOCTOR))).toEqual({
      allowed: true,
      audit: false,
    });
  });
});

describe('the patient’s name on an appointment', () => {
  it('shows to the patient, their guardian and the doctor they booked', () => {
    expect(seesPatientName(given(['patient'], { dependants: [CHILD] }), appointment(CHILD))).toBe(true);
    expect(seesPatientName(given(['doctor'], { accountId: DOCTOR }), appointment(OTHER))).toBe(true);
  });

  it('does not show to another doctor, a patient’s account without the doctor role, or staff', () => {
    expect(seesPatientName(given(['doctor']), appointment(OTHER))).toBe(false);
    expect(seesPatientName(given(['patient'], { accountId: DOCTOR }), appointment(OTHER))).toBe(false);
    expect(seesPatientName(given(['admin']), appointment(OTHER))).toBe(false);
    expect(seesPatientName(given(['finance']), appointment(OTHER))).toBe(false);
  });
});

describe('dashboards', () => {
  it('gives a patient theirs with their dependants, and a doctor theirs, the practice first', () => {
    expect(dashboardsOf(given(['patient'], { dependants: [CHILD] }))).toEqual([
      { kind: 'patient', patientIds: [ME, CHILD] },
    ]);
    expect(dashboardsOf(given(['patient', 'doctor']))).toEqual([
      { kind: 'doctor', doctorId: ME },
      { kind: 'patient', patientIds: [ME] },
    ]);
  });

  it('gives staff none', () => {
    expect(dashboardsOf(given(['admin']))).toEqual([]);
    expect(dashboardsOf(given(['finance']))).toEqual([]);
  });
});

describe('the payments ledger', () => {
  it('is for finance and admins only', () => {
    expect(readsLedger(given(['finance']))).toBe(true);
    expect(readsLedger(given(['admin']))).toBe(true);
    expect(readsLedger(given(['patient', 'doctor']))).toBe(false);
  });
});
