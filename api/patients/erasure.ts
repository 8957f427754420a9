/**
 * Erasure of a patient's personal data by crypto-shredding: their data key is destroyed, so the
 * values sealed with it in the event store can never be read again, while the events themselves
 * (ids, types, instants, non-personal fields) stay. The read model's values are dropped in the
 * same transaction; a rebuild drops them again because they open as null.
 */
import { erasesPersonalData, type ActingAccount } from '../../domain/access/policy.js';
import { DomainError, patientStreamId } from '../../domain/index.js';
import type { PersonalDataCipher } from '../../eventstore/pii/index.js';
import {
  clearPatientProfile,
  clearPrescriptionContent,
  clearReviewComments,
  lockPatientProfile,
} from '../../projections/index.js';
import { recordAudit } from '../audit.js';
import type { ApiDeps } from '../deps.js';
import { patientNotFound, profileReadDecision } from '../reads/patient-reads.js';

export async function erasePersonalData(
  deps: Pick<ApiDeps, 'pool' | 'eventStore' | 'now'> & { readonly cipher: PersonalDataCipher },
  account: ActingAccount,
  patientId: string,
): Promise<{ erasedAt: Date }> {
  if (!erasesPersonalData(account)) {
    // Someone who may see this patient learns they may not erase; anyone else, that there is nothing here.
    const visible = (await profileReadDecision(deps, account, patientId)).allowed;
    if (visible) throw new DomainError('forbidden', 'ADMIN_ONLY', 'Only an admin can erase personal data.');
    throw patientNotFound();
  }
  const [first] = await deps.eventStore.readStream(patientStreamId(patientId), { maxCount: 1 });
  if (!first) throw patientNotFound();

  const client = await deps.pool.connect();
  let erasedAt: Date;
  try {
    await client.query('BEGIN');
    // Same lock order as the projection (row, then key): a batch that opened values with the key
    // commits first and its row is cleared here; a later batch finds the key gone.
    await lockPatientProfile(client, patientId);
    ({ erasedAt } = await deps.cipher.erase(client, patientId));
    await clearPatientProfile(client, patientId);
    // Opened copies in the other read models go too (their projections open with the same key).
    await clearPrescriptionContent(client, patientId);
    await clearReviewComments(client, patientId);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  await recordAudit(deps.eventStore, {
    type: 'PersonalDataErased',
    actorId: account.accountId,
    subjectId: patientId,
    data: { erasedAt: erasedAt.toISOString() },
    at: (deps.now ?? (() => new Date()))(),
  });
  return { erasedAt };
}
