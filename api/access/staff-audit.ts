/**
 * Staff reads of someone else's health data leave an audit event before the data leaves the API:
 * a read that cannot be recorded is not served.
 */
import type { ActingAccount } from '../../domain/access/policy.js';
import type { JsonValue } from '../../eventstore/event-store.js';
import { recordAudit } from '../audit.js';
import type { ApiDeps } from '../deps.js';

export type HealthDataResource =
  'appointment' | 'appointment-events' | 'appointments-list' | 'patient-profile' | 'prescription' | 'receipt';

export async function auditStaffRead(
  deps: Pick<ApiDeps, 'eventStore' | 'now'>,
  account: ActingAccount,
  read: {
    /** The patient whose data was read; for a listing, the staff account itself. */
    readonly subjectId: string;
    readonly resource: HealthDataResource;
    readonly resourceId: string | null;
    readonly extra?: { readonly [key: string]: JsonValue };
  },
): Promise<void> {
  await recordAudit(deps.eventStore, {
    type: 'StaffReadHealthData',
    actorId: account.accountId,
    subjectId: read.subjectId,
    data: { resource: read.resource, resourceId: read.resourceId, roles: [...account.roles], ...(read.extra ?? {}) },
    at: (deps.now ?? (() => new Date()))(),
  });
}
