/**
 * Authorising a command on one appointment before anything is sent to its workflow. The parties
 * come from the appointment's stream (ahead of the read model), the decision from the access
 * policy (domain/access/policy.ts); the role it grants is who the event records as acting, never
 * a field of the request.
 */
import type {
  ActingAccount,
  AppointmentParties,
  AppointmentRole,
  CommandDecision,
} from '../../domain/access/policy.js';
import { DomainError, type BookedState } from '../../domain/index.js';
import { withFreshDependant } from '../access/access-context.js';
import type { ApiDeps } from '../deps.js';
import { appointmentNotFound } from '../reads/appointment-reads.js';
import { appointmentStateOf } from './appointment-state.js';

export type CommandRule = (account: ActingAccount, appointment: AppointmentParties) => CommandDecision;

export interface Authorized {
  readonly state: BookedState;
  readonly by: AppointmentRole;
}

/**
 * 404 APPOINTMENT_NOT_FOUND when the appointment does not exist or the caller may not see it (as
 * if it did not exist); 403 `<action>_NOT_ALLOWED` when they may see it but not do this.
 */
export async function authorizeCommand(
  deps: Pick<ApiDeps, 'eventStore'>,
  account: ActingAccount,
  appointmentId: string,
  rule: CommandRule,
  refusal: { readonly code: string; readonly message: string },
): Promise<Authorized> {
  const state = await appointmentStateOf(deps.eventStore, appointmentId);
  if (!state) throw appointmentNotFound();
  // A dependant registered a moment ago is not in the access context yet: check their stream.
  const decision = rule(await withFreshDependant(deps.eventStore, account, state.patientId), state);
  if (decision.allowed) return { state, by: decision.by };
  if (!decision.visible) throw appointmentNotFound();
  throw new DomainError('forbidden', refusal.code, refusal.message);
}
