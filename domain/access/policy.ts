/**
 * Who may read and do what: pure functions over one access context per request, denying by
 * default. The API resolves the context once (api/access/access-context.ts) and passes every
 * read and command through these functions; nothing else decides access.
 *
 * The rules:
 * - An active account acts for itself; with the patient role it also acts for its dependants
 *   (patients without accounts whose guardian it is). A patient's patient id is its account id.
 * - A doctor (doctor id = account id) reads the appointments booked with them, and a patient's
 *   profile only while the two have a booking together (see BOOKING_STATUSES).
 * - Admin reads everything; finance reads appointments but never a patient's profile. Every such
 *   read of someone else's health data by staff, and every profile read by a doctor, is audited.
 * - Suspended or unknown accounts act as nobody. Admin and finance without a second factor can do
 *   nothing at all (MFA_REQUIRED).
 * - On an appointment: its patient's side (patient or guardian), its doctor or an admin cancel and
 *   reschedule; the patient's side checks in and reviews; only its doctor admits, ends and
 *   prescribes; the video room is for the patient's side and the doctor. Each command records the
 *   role it was allowed in, never one the caller claims.
 * - What an actor may not read does not exist for them: callers answer 404, never 403.
 */
import type { AppointmentStatus } from '../appointment/appointment.state.js';
import { DomainError } from '../shared/errors.js';
import { ROLES_REQUIRING_MFA, type Role } from '../identity/roles.js';
import type { Actor } from './actor.js';

/** An account that may act: active, its roles confirmed by the account store, second factor done where needed. */
export interface ActingAccount {
  readonly kind: 'account';
  readonly accountId: string;
  readonly roles: readonly Role[];
  /** The patients it acts for: itself (with the patient role) and its dependants. */
  readonly patientIds: readonly string[];
}

export type AccessContext =
  | { readonly kind: 'nobody'; readonly reason: 'anonymous' | 'unknown_account' | 'suspended' }
  | { readonly kind: 'mfa_required'; readonly accountId: string }
  | ActingAccount;

/** What the account store says about the token's account; undefined when it has no such account. */
export interface StoredAccount {
  readonly status: string;
  readonly roles: readonly Role[];
  /** The doctor's practice is verified and not suspended (doctor verification, issue 4). */
  readonly doctorVerified?: boolean;
}

/**
 * The access context of a request. Roles must be in both the token and the account store, so a
 * revoked role stops working at once while a newly granted one needs a new token.
 */
export function resolveAccess(input: {
  readonly actor: Actor;
  readonly account: StoredAccount | undefined;
  readonly dependantIds: readonly string[];
}): AccessContext {
  const { actor, account } = input;
  if (actor.kind === 'anonymous') return { kind: 'nobody', reason: 'anonymous' };
  if (!account) return { kind: 'nobody', reason: 'unknown_account' };
  // Anything but 'active' (today only 'suspended') acts as nobody: deny by default.
  if (account.status !== 'active') return { kind: 'nobody', reason: 'suspended' };
  // An unverified, rejected or suspended doctor keeps the account (to finish onboarding through
  // the practice routes) but does not act as a doctor: no patient's data through the policy.
  const roles = actor.roles.filter(
    (role) => account.roles.includes(role) && (role !== 'doctor' || account.doctorVerified === true),
  );
  if (!actor.mfa && roles.some((role) => ROLES_REQUIRING_MFA.includes(role))) {
    return { kind: 'mfa_required', accountId: actor.accountId };
  }
  const patientIds = roles.includes('patient') ? [actor.accountId, ...input.dependantIds] : [];
  return { kind: 'account', accountId: actor.accountId, roles, patientIds };
}

/** The acting account, or the refusal every protected route and resolver answers with. */
export function actingAccount(access: AccessContext): ActingAccount {
  switch (access.kind) {
    case 'account':
      return access;
    case 'mfa_required':
      throw new DomainError(
        'forbidden',
        'MFA_REQUIRED',
        'Staff accounts must sign in with a second factor (TOTP) before they can do this.',
      );
    case 'nobody':
      throw new DomainError('unauthenticated', 'AUTHENTICATION_REQUIRED', 'Log in to do this.');
  }
}

const has = (account: ActingAccount, role: Role) => account.roles.includes(role);
const isStaff = (account: ActingAccount) => has(account, 'admin') || has(account, 'finance');

export function actsForPatient(account: ActingAccount, patientId: string): boolean {
  return account.patientIds.includes(patientId);
}

/**
 * Which appointment statuses make a booking between a doctor and a patient, giving the doctor
 * access to the patient's records. A Record over every status, so a new status (completed,
 * no-show …) does not compile until someone decides whether it grants access.
 */
export const BOOKING_STATUSES: Readonly<Record<AppointmentStatus, boolean>> = {
  none: false,
  pending_payment: true,
  confirmed: true,
  reminded: true,
  waiting: true,
  in_consultation: true,
  // The doctor still writes the prescription after the call; access ends with the review window.
  consultation_ended: true,
  prescribed: true,
  reviewed: false,
  completed: false,
  cancelled: false,
  no_show: false,
  refunded: false,
};

/** Whether appointments with these statuses (as the read model spells them) make a booking together. */
export function haveBookingTogether(statuses: readonly string[]): boolean {
  return statuses.some(
    (status) => Object.hasOwn(BOOKING_STATUSES, status) && BOOKING_STATUSES[status as AppointmentStatus],
  );
}

/** Allowed reads of someone else's health data by staff (or a doctor's profile read) are audited. */
export type ReadDecision = { readonly allowed: false } | { readonly allowed: true; readonly audit: boolean };

const DENY: ReadDecision = { allowed: false };
const ALLOW: ReadDecision = { allowed: true, audit: false };
const ALLOW_AUDITED: ReadDecision = { allowed: true, audit: true };

export interface AppointmentParties {
  readonly patientId: string;
  readonly doctorId: string;
}

/** Reading one appointment (its row or its event history). */
export function appointmentRead(account: ActingAccount, appointment: AppointmentParties): ReadDecision {
  if (actsForPatient(account, appointment.patientId)) return ALLOW;
  if (has(account, 'doctor') && appointment.doctorId === account.accountId) return ALLOW;
  if (isStaff(account)) return ALLOW_AUDITED;
  return DENY;
}

/** Which appointments a listing may contain. */
export type AppointmentListScope =
  | { readonly kind: 'all'; readonly audit: true }
  | { readonly kind: 'parties'; readonly patientIds: readonly string[]; readonly doctorId: string | null };

export function appointmentListScope(account: ActingAccount): AppointmentListScope {
  if (isStaff(account)) return { kind: 'all', audit: true };
  return {
    kind: 'parties',
    patientIds: account.patientIds,
    doctorId: has(account, 'doctor') ? account.accountId : null,
  };
}

/**
 * Reading a patient's profile. `bookingStatuses`: the statuses of every appointment between this
 * account (as the doctor) and the patient; only consulted for doctors.
 */
export function patientProfileRead(
  account: ActingAccount,
  patientId: string,
  bookingStatuses: readonly string[],
): ReadDecision {
  if (patientId === account.accountId || actsForPatient(account, patientId)) return ALLOW;
  if (has(account, 'admin')) return ALLOW_AUDITED;
  if (has(account, 'doctor') && haveBookingTogether(bookingStatuses)) return ALLOW_AUDITED;
  return DENY; // finance included: money, not medical records
}

export type BookingDecision =
  | { readonly allowed: true; readonly patientId: string }
  | { readonly allowed: false; readonly reason: 'not_a_patient' | 'unknown_patient' };

/** Booking an appointment, for the caller (the default) or one of their dependants. */
export function booking(account: ActingAccount, requestedPatientId?: string): BookingDecision {
  if (!has(account, 'patient')) return { allowed: false, reason: 'not_a_patient' };
  const patientId = requestedPatientId ?? account.accountId;
  if (!actsForPatient(account, patientId)) return { allowed: false, reason: 'unknown_patient' };
  return { allowed: true, patientId };
}

/** Who acts on an appointment, as its events record it (cancelledBy, rescheduledBy). */
export type AppointmentRole = 'patient' | 'doctor' | 'admin';

/** A command on one appointment: allowed in a role, or refused (404 when the caller may not even see it). */
export type CommandDecision =
  { readonly allowed: true; readonly by: AppointmentRole } | { readonly allowed: false; readonly visible: boolean };
export type CancelDecision = CommandDecision;

const PARTY: Record<AppointmentRole, (account: ActingAccount, appointment: AppointmentParties) => boolean> = {
  // A guardian acts for their dependant: the patient's side.
  patient: (account, appointment) => actsForPatient(account, appointment.patientId),
  // Only the appointment's own doctor, and only while verified (resolveAccess drops the role otherwise).
  doctor: (account, appointment) => has(account, 'doctor') && appointment.doctorId === account.accountId,
  admin: (account) => has(account, 'admin'),
};

/** The first of `roles`, in order, that the account holds on this appointment. */
function allowedAs(
  roles: readonly AppointmentRole[],
  account: ActingAccount,
  appointment: AppointmentParties,
): CommandDecision {
  const by = roles.find((role) => PARTY[role](account, appointment));
  return by ? { allowed: true, by } : { allowed: false, visible: appointmentRead(account, appointment).allowed };
}

/** Cancelling: the patient's side first, then the doctor's, then an admin's; finance may only look. */
export function cancellation(account: ActingAccount, appointment: AppointmentParties): CommandDecision {
  return allowedAs(['patient', 'doctor', 'admin'], account, appointment);
}

/** Moving to another time: whoever may cancel (a patient's moves are capped by the pinned policy). */
export function rescheduling(account: ActingAccount, appointment: AppointmentParties): CommandDecision {
  return allowedAs(['patient', 'doctor', 'admin'], account, appointment);
}

/** Checking in for the consultation: the patient or their guardian. */
export function checkingIn(account: ActingAccount, appointment: AppointmentParties): CommandDecision {
  return allowedAs(['patient'], account, appointment);
}

/** Admitting the waiting patient and ending the consultation: the appointment's doctor alone. */
export function runningConsultation(account: ActingAccount, appointment: AppointmentParties): CommandDecision {
  return allowedAs(['doctor'], account, appointment);
}

/** Issuing the prescription: the appointment's doctor alone (not an admin: it is a clinical act). */
export function prescribing(account: ActingAccount, appointment: AppointmentParties): CommandDecision {
  return allowedAs(['doctor'], account, appointment);
}

/** Reviewing the consultation: the patient or their guardian, never the doctor or staff. */
export function reviewing(account: ActingAccount, appointment: AppointmentParties): CommandDecision {
  return allowedAs(['patient'], account, appointment);
}

/** Joining the video room: the two people in the consultation, nobody else (staff included). */
export function joiningRoom(account: ActingAccount, appointment: AppointmentParties): CommandDecision {
  return allowedAs(['patient', 'doctor'], account, appointment);
}

/** Registering and listing dependants is for patients. */
export function managesDependants(account: ActingAccount): boolean {
  return has(account, 'patient');
}

/** Destroying a person's data key (crypto-shredding their personal data) is for admins only. */
export function erasesPersonalData(account: ActingAccount): boolean {
  return has(account, 'admin');
}

/**
 * Uploading, listing and deleting one's own credential documents (ID, licence, photo): an active
 * account holding the doctor role in both its token and the account store, verified or not.
 * Unlike resolveAccess this does not wait for verification: these documents are what verification
 * looks at, and how a suspended doctor gets reinstated. Same inputs as resolveAccess.
 */
export function managesOwnDoctorDocuments(actor: Actor, account: StoredAccount | undefined): boolean {
  return (
    actor.kind === 'account' &&
    account?.status === 'active' &&
    actor.roles.includes('doctor') &&
    account.roles.includes('doctor')
  );
}

/**
 * Reading a doctor's credential documents (a download link, or an admin's listing): the doctor's
 * own account (verified or not: they are its own files), or an admin verifying them (audited).
 * Nobody else: not patients, not other doctors, not finance. Callers answer 404 to the rest, as
 * if the document did not exist.
 */
export function doctorDocumentRead(account: ActingAccount, doctorId: string): ReadDecision {
  if (account.accountId === doctorId) return ALLOW;
  if (has(account, 'admin')) return ALLOW_AUDITED;
  return DENY;
}

/**
 * Reading an appointment's prescription: the patient's side and the appointment's doctor, or an
 * admin (audited). Not finance, not other doctors: it is a medical record, not a money matter.
 */
export function prescriptionRead(account: ActingAccount, appointment: AppointmentParties): ReadDecision {
  if (actsForPatient(account, appointment.patientId)) return ALLOW;
  if (has(account, 'doctor') && appointment.doctorId === account.accountId) return ALLOW;
  if (has(account, 'admin')) return ALLOW_AUDITED;
  return DENY;
}

/**
 * Reading an appointment's payment receipt: the patient's side (who paid), and finance and admins
 * (audited: it names the patient and the service). Not the doctor, not even the appointment's own:
 * the receipt is the payer's proof of payment, with the provider's payment reference and refunds;
 * the doctor already sees the fee and the status on the appointment and needs nothing more to
 * treat the patient, and what the practice is paid is the ledger's business, not this document's.
 */
export function receiptRead(account: ActingAccount, appointment: AppointmentParties): ReadDecision {
  if (actsForPatient(account, appointment.patientId)) return ALLOW;
  if (isStaff(account)) return ALLOW_AUDITED;
  return DENY;
}

/**
 * Whether an appointment shows its patient's name: to the patient's side, and to the doctor the
 * patient booked (who must know whom they are seeing). Staff get it only through the audited
 * profile read (GET /api/v1/patients/:id), one patient at a time, never in bulk listings.
 */
export function seesPatientName(account: ActingAccount, appointment: AppointmentParties): boolean {
  if (actsForPatient(account, appointment.patientId)) return true;
  return has(account, 'doctor') && appointment.doctorId === account.accountId;
}

/** The personal dashboards an account has: its appointments as a patient (dependants' too) and as a doctor. */
export type Dashboard =
  | { readonly kind: 'patient'; readonly patientIds: readonly string[] }
  | { readonly kind: 'doctor'; readonly doctorId: string };

export function dashboardsOf(account: ActingAccount): Dashboard[] {
  const dashboards: Dashboard[] = [];
  if (has(account, 'doctor')) dashboards.push({ kind: 'doctor', doctorId: account.accountId });
  if (has(account, 'patient')) dashboards.push({ kind: 'patient', patientIds: account.patientIds });
  return dashboards;
}

/** The payments ledger (money in and out, no health data): finance and admins. */
export function readsLedger(account: ActingAccount): boolean {
  return isStaff(account);
}
