import { describe, expect, it } from 'vitest';
import type { Role } from '../identity/roles.js';
import type { Actor } from './actor.js';
import {
  actingAccount,
  appointmentListScope,
  appointmentRead,
  booking,
  cancellation,
  checkingIn,
  doctorDocumentRead,
  joiningRoom,
  prescribing,
  rescheduling,
  reviewing,
  runningConsultation,
  erasesPersonalData,
  haveBookingTogether,
  managesDependants,
  managesOwnDoctorDocuments,
  patientProfileRead,
  resolveAccess,
  type ActingAccount,
} from './policy.js';

const ME = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const CHILD = '33333333-3333-4333-8333-333333333333';
const DOCTOR = '44444444-4444-4444-8444-444444444444';

function anActor(roles: Role[], options: { mfa?: boolean; accountId?: string } = {}): Actor {
  return { kind: 'account', accountId: options.accountId ?? ME, roles, mfa: options.mfa ?? true, sessionId: OTHER };
}

/** given an active account with these roles (stored and in the token) and dependants → its context. */
function given(roles: Role[], options: { dependants?: string[]; accountId?: string } = {}): ActingAccount {
  return actingAccount(
    resolveAccess({
      actor: anActor(roles, { accountId: options.accountId ?? ME }),
      account: { status: 'active', roles, doctorVerified: true },
      dependantIds: options.dependants ?? [],
    }),
  );
}

const appointment = (patientId: string, doctorId = DOCTOR) => ({ patientId, doctorId });

describe('resolving the access context', () => {
  it('lets a doctor act as a doctor only while verified (not before, not when suspended)', () => {
    const resolve = (doctorVerified: boolean) =>
      resolveAccess({
        actor: anActor(['doctor', 'patient']),
        account: { status: 'active', roles: ['doctor', 'patient'], doctorVerified },
        dependantIds: [],
      });
    expect(resolve(true)).toMatchObject({ kind: 'account', roles: ['doctor', 'patient'] });
    expect(resolve(false)).toMatchObject({ kind: 'account', roles: ['patient'] });
  });

  it('makes an anonymous caller, an unknown account and a suspended one act as nobody', () => {
    expect(resolveAccess({ actor: { kind: 'anonymous' }, account: undefined, dependantIds: [] })).toEqual({
      kind: 'nobody',
      reason: 'anonymous',
    });
    expect(resolveAccess({ actor: anActor(['patient']), account: undefined, dependantIds: [] })).toMatchObject({
      kind: 'nobody',
      reason: 'unknown_account',
    });
    const suspended = resolveAccess({
      actor: anActor(['patient']),
      account: { status: 'suspended', roles: ['patient'] },
      dependantIds: [CHILD],
    });
    expect(suspended).toMatchObject({ kind: 'nobody', reason: 'suspended' });
    expect(() => actingAccount(suspended)).toThrow(expect.objectContaining({ code: 'AUTHENTICATION_REQUIRED' }));
  });

  it('keeps only roles that are both in the token and still granted', () => {
    const context = resolveAccess({
      actor: anActor(['patient', 'doctor']),
      account: { status: 'active', roles: ['patient'] },
      dependantIds: [],
    });
    expect(context).toMatchObject({ kind: 'account', roles: ['patient'] });
  });

  it('refuses admin and finance without a second factor with MFA_REQUIRED', () => {
    for (const role of ['admin', 'finance'] as const) {
      const context = resolveAccess({
        actor: anActor([role], { mfa: false }),
        account: { status: 'active', roles: [role] },
        dependantIds: [],
      });
      expect(() => actingAccount(context)).toThrow(
        expect.objectContaining({ code: 'MFA_REQUIRED', kind: 'forbidden' }),
      );
    }
    const patient = resolveAccess({
      actor: anActor(['patient'], { mfa: false }),
      account: { status: 'active', roles: ['patient'] },
      dependantIds: [],
    });
    expect(patient.kind).toBe('account');
  });

  it('lets a patient act for itself and its dependants, and a non-patient for no patient', () => {
    expect(given(['patient'], { dependants: [CHILD] }).patientIds).toEqual([ME, CHILD]);
    expect(given(['doctor'], { dependants: [CHILD] }).patientIds).toEqual([]);
  });
});

describe('reading appointments', () => {
  it('shows a patient their own and their dependants’ appointments, nobody else’s', () => {
    const guardian = given(['patient'], { dependants: [CHILD] });
    expect(appointmentRead(guardian, appointment(ME))).toEqual({ allowed: true, audit: false });
    expect(appointmentRead(guardian, appointment(CHILD))).toEqual({ allowed: true, audit: false });
    expect(appointmentRead(guardian, appointment(OTHER))).toEqual({ allowed: false });
  });

  it('shows a doctor the appointments booked with them only', () => {
    const doctor = given(['doctor'], { accountId: DOCTOR });
    expect(appointmentRead(doctor, appointment(OTHER, DOCTOR))).toEqual({ allowed: true, audit: false });
    expect(appointmentRead(doctor, appointment(OTHER, ME))).toEqual({ allowed: false });
  });

  it('shows admin and finance every appointment, audited', () => {
    for (const role of ['admin', 'finance'] as const) {
      expect(appointmentRead(given([role]), appointment(OTHER))).toEqual({ allowed: true, audit: true });
    }
  });

  it('scopes listings: staff see all (audited), others their parties', () => {
    expect(appointmentListScope(given(['finance']))).toEqual({ kind: 'all', audit: true });
    expect(appointmentListScope(given(['patient', 'doctor'], { dependants: [CHILD] }))).toEqual({
      kind: 'parties',
      patientIds: [ME, CHILD],
      doctorId: ME,
    });
    expect(appointmentListScope(given(['patient']))).toMatchObject({ doctorId: null });
  });
});

describe('reading a patient’s profile', () => {
  it('lets a doctor read it only while they have a booking together', () => {
    const doctor = given(['doctor'], { accountId: DOCTOR });
    expect(patientProfileRead(doctor, OTHER, [])).toEqual({ allowed: false });
    expect(patientProfileRead(doctor, OTHER, ['cancelled'])).toEqual({ allowed: false });
    expect(patientProfileRead(doctor, OTHER, ['cancelled', 'pending_payment'])).toEqual({
      allowed: true,
      audit: true,
    });
  });

  it('counts only known booking statuses, denying a status it does not know', () => {
    expect(haveBookingTogether(['pending_payment'])).toBe(true);
    expect(haveBookingTogether(['cancelled', 'none'])).toBe(false);
    expect(haveBookingTogether(['toString', 'hasOwnProperty', 'some_future_status'])).toBe(false);
  });

  it('lets admins read it audited, and never finance', () => {
    expect(patientProfileRead(given(['admin']), OTHER, [])).toEqual({ allowed: true, audit: true });
    expect(patientProfileRead(given(['finance']), OTHER, ['pending_payment'])).toEqual({ allowed: false });
  });

  it('lets a person read their own and their dependants’ profiles unaudited', () => {
    const guardian = given(['patient'], { dependants: [CHILD] });
    expect(patientProfileRead(guardian, ME, [])).toEqual({ allowed: true, audit: false });
    expect(patientProfileRead(guardian, CHILD, [])).toEqual({ allowed: true, audit: false });
    expect(patientProfileRead(guardian, OTHER, [])).toEqual({ allowed: false });
  });
});

describe('commands', () => {
  it('books for the caller by default or for a dependant, never for another patient or by a non-patient', () => {
    const guardian = given(['patient'], { dependants: [CHILD] });
    expect(booking(guardian)).toEqual({ allowed: true, patientId: ME });
    expect(booking(guardian, CHILD)).toEqual({ allowed: true, patientId: CHILD });
    expect(booking(guardian, OTHER)).toEqual({ allowed: false, reason: 'unknown_patient' });
    expect(booking(given(['doctor', 'admin']), OTHER)).toEqual({ allowed: false, reason: 'not_a_patient' });
  });

  it('derives who cancels from the actor, and lets finance only look', () => {
    expect(cancellation(given(['patient'], { dependants: [CHILD] }), appointment(CHILD))).toEqual({
      allowed: true,
      by: 'patient',
    });
    expect(cancellation(given(['doctor'], { accountId: DOCTOR }), appointment(OTHER))).toEqual({
      allowed: true,
      by: 'doctor',
    });
    expect(cancellation(given(['admin']), appointment(OTHER))).toEqual({ allowed: true, by: 'admin' });
    expect(cancellation(given(['finance']), appointment(OTHER))).toEqual({ allowed: false, visible: true });
    expect(cancellation(given(['patient']), appointment(OTHER))).toEqual({ allowed: false, visible: false });
  });

  it('lets each party do only its own part of the consultation', () => {
    const guardian = given(['patient'], { dependants: [CHILD] });
    const doctor = given(['doctor'], { accountId: DOCTOR });
    const otherDoctor = given(['doctor'], { accountId: OTHER });
    const admin = given(['admin']);
    const finance = given(['finance']);
    const stranger = given(['patient'], { accountId: OTHER });
    const rules = { rescheduling, checkingIn, runningConsultation, prescribing, reviewing, joiningRoom };
    const matrix = Object.fromEntries(
      Object.entries(rules).map(([name, rule]) => [
        name,
        [guardian, doctor, admin, finance, otherDoctor, stranger].map((account) => {
          const decision = rule(account, appointment(CHILD));
          return decision.allowed ? decision.by : decision.visible ? 'refused' : 'invisible';
        }),
      ]),
    );
    expect(matrix).toEqual({
      // Columns: the guardian, the doctor, an admin, finance, another doctor, another patient.
      rescheduling: ['patient', 'doctor', 'admin', 'refused', 'invisible', 'invisible'],
      checkingIn: ['patient', 'refused', 'refused', 'refused', 'invisible', 'invisible'],
      runningConsultation: ['refused', 'doctor', 'refused', 'refused', 'invisible', 'invisible'],
      prescribing: ['refused', 'doctor', 'refused', 'refused', 'invisible', 'invisible'],
      reviewing: ['patient', 'refused', 'refused', 'refused', 'invisible', 'invisible'],
      joiningRoom: ['patient', 'doctor', 'refused', 'refused', 'invisible', 'invisible'],
    });
  });

  it('does not let an unverified or suspended doctor act on their own appointments', () => {
    const unverified = actingAccount(
      resolveAccess({
        actor: anActor(['doctor'], { accountId: DOCTOR }),
        account: { status: 'active', roles: ['doctor'], doctorVerified: false },
        dependantIds: [],
      }),
    );
    for (const rule of [cancellation, runningConsultation, prescribing, joiningRoom]) {
      expect(rule(unverified, appointment(OTHER))).toEqual({ allowed: false, visible: false });
    }
  });

  it('keeps dependants to patients and erasure to admins', () => {
    expect(managesDependants(given(['patient']))).toBe(true);
    expect(managesDependants(given(['doctor']))).toBe(false);
    expect(erasesPersonalData(given(['admin']))).toBe(true);
    expect(erasesPersonalData(given(['finance', 'patient', 'doctor']))).toBe(false);
  });
});

describe('a doctor’s credential documents', () => {
  it('are the doctor’s own, read by admins with an audit, and nobody else’s business', () => {
    const doctor = given(['doctor'], { accountId: DOCTOR });
    expect(doctorDocumentRead(doctor, DOCTOR)).toEqual({ allowed: true, audit: false });
    expect(doctorDocumentRead(given(['admin']), DOCTOR)).toEqual({ allowed: true, audit: true });
    expect(doctorDocumentRead(given(['doctor']), DOCTOR)).toEqual({ allowed: false });
    expect(doctorDocumentRead(given(['patient']), DOCTOR)).toEqual({ allowed: false });
    expect(doctorDocumentRead(given(['finance']), DOCTOR)).toEqual({ allowed: false });
  });

  it('are uploaded by doctors before verification too, the role held in token and store alike', () => {
    const actor = (roles: Role[]) => anActor(roles, { accountId: DOCTOR });
    const stored = (roles: Role[], status = 'active') => ({ status, roles, doctorVerified: false });
    expect(managesOwnDoctorDocuments(actor(['doctor']), stored(['doctor']))).toBe(true);
    // Unverified, this doctor does not act as a doctor, yet still reads their own files.
    const unverified = actingAccount(
      resolveAccess({ actor: actor(['doctor']), account: stored(['doctor']), dependantIds: [] }),
    );
    expect(doctorDocumentRead(unverified, DOCTOR)).toEqual({ allowed: true, audit: false });
    expect(managesOwnDoctorDocuments(actor(['doctor']), stored(['patient']))).toBe(false);
    expect(managesOwnDoctorDocuments(actor(['patient']), stored(['doctor', 'patient']))).toBe(false);
    expect(managesOwnDoctorDocuments(actor(['doctor']), stored(['doctor'], 'suspended'))).toBe(false);
    expect(managesOwnDoctorDocuments(actor(['doctor']), undefined)).toBe(false);
    expect(managesOwnDoctorDocuments({ kind: 'anonymous' }, stored(['doctor']))).toBe(false);
  });
});
