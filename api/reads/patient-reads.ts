/** Patient profile reads under the access policy, shared by REST and GraphQL. Invisible is not found. */
import {
  managesDependants,
  patientProfileRead,
  type ActingAccount,
  type ReadDecision,
} from '../../domain/access/policy.js';
import { DomainError, notFound } from '../../domain/index.js';
import {
  appointmentStatusesBetween,
  findPatientProfile,
  listDependants,
  type PatientRow,
} from '../../projections/index.js';
import { withFreshDependant } from '../access/access-context.js';
import { auditStaffRead } from '../access/staff-audit.js';
import type { ApiDeps } from '../deps.js';

type ReadDeps = Pick<ApiDeps, 'pool' | 'eventStore' | 'now'>;

export const patientNotFound = () => notFound('PATIENT_NOT_FOUND', 'No patient with this id.');

export const patientRoleRequired = () =>
  new DomainError('forbidden', 'PATIENT_ROLE_REQUIRED', 'Only patient accounts can do this.');

/** What the policy says about this account reading this patient's profile (no read, no audit yet). */
export async function profileReadDecision(
  deps: ReadDeps,
  account: ActingAccount,
  patientId: string,
): Promise<ReadDecision> {
  const fresh = await withFreshDependant(deps.eventStore, account, patientId);
  const statuses = fresh.roles.includes('doctor')
    ? await appointmentStatusesBetween(deps.pool, fresh.accountId, patientId)
    : [];
  return patientProfileRead(fresh, patientId, statuses);
}

export async function readPatientProfile(
  deps: ReadDeps,
  account: ActingAccount,
  patientId: string,
): Promise<PatientRow> {
  const decision = await profileReadDecision(deps, account, patientId);
  if (!decision.allowed) throw patientNotFound();
  const row = await findPatientProfile(deps.pool, patientId);
  if (!row) throw patientNotFound();
  if (decision.audit)
    await auditStaffRead(deps, account, { subjectId: patientId, resource: 'patient-profile', resourceId: patientId });
  return row;
}

/** The caller's own profile, if they have written one. */
export function readOwnProfile(deps: ReadDeps, account: ActingAccount): Promise<PatientRow | undefined> {
  return findPatientProfile(deps.pool, account.accountId);
}

/** Only patients have dependants: anyone else sees none. */
export async function readOwnDependants(deps: ReadDeps, account: ActingAccount): Promise<PatientRow[]> {
  if (!managesDependants(account)) return [];
  return listDependants(deps.pool, account.accountId);
}
