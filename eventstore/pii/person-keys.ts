/**
 * Per-person data keys in `person_keys`, apart from the events they protect. Each key is 32
 * random bytes, stored wrapped (AES-256-GCM) by a key the caller passes in, never in plain.
 * Destroying a person's key (wrapped_key NULL) makes every value sealed with it unreadable
 * wherever it was copied: the event store, backups, replicas (crypto-shredding).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type pg from 'pg';

export type Queryable = Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>;

/** The person's key was destroyed: nothing new may be written for them. */
export class PersonalDataErasedError extends Error {
  readonly code = 'PERSONAL_DATA_ERASED';
  constructor(readonly personId: string) {
    super(`The personal data of ${personId} has been erased; nothing more can be recorded for them.`);
    this.name = 'PersonalDataErasedError';
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const aad = (personId: string) => Buffer.from(`person-key:${personId}`);

function wrap(keyWrap: Buffer, personId: string, dataKey: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', keyWrap, iv);
  cipher.setAAD(aad(personId));
  return Buffer.concat([iv, cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
}

function unwrap(keyWrap: Buffer, personId: string, wrapped: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyWrap, wrapped.subarray(0, IV_BYTES));
    decipher.setAAD(aad(personId));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - TAG_BYTES));
    return Buffer.concat([decipher.update(wrapped.subarray(IV_BYTES, wrapped.length - TAG_BYTES)), decipher.final()]);
  } catch (error) {
    // Loud on purpose: reading on as if erased would silently empty read models on a wrong master key.
    throw new Error(`Cannot unwrap the data key of ${personId}: is CONSULTA_MASTER_KEY the one it was written with?`, {
      cause: error,
    });
  }
}

/**
 * The person's data key, or undefined when it was destroyed or never existed. `FOR SHARE`: inside
 * a transaction (a projection's batch) it holds off an erasure until the transaction ends, so a
 * read model never keeps values opened with a key destroyed meanwhile.
 */
export async function findDataKey(db: Queryable, keyWrap: Buffer, personId: string): Promise<Buffer | undefined> {
  const { rows } = await db.query<{ wrapped_key: Buffer | null }>(
    'SELECT wrapped_key FROM person_keys WHERE person_id = $1 FOR SHARE',
    [personId],
  );
  const wrapped = rows[0]?.wrapped_key;
  return wrapped ? unwrap(keyWrap, personId, wrapped) : undefined;
}

/** The person's data key, created on first use; throws PersonalDataErasedError once destroyed. */
export async function dataKeyFor(db: Queryable, keyWrap: Buffer, personId: string): Promise<Buffer> {
  const fresh = randomBytes(32);
  // Two first writers race harmlessly: one insert wins and both read the winner's key below.
  await db.query(
    'INSERT INTO person_keys (person_id, wrapped_key) VALUES ($1, $2) ON CONFLICT (person_id) DO NOTHING',
    [personId, wrap(keyWrap, personId, fresh)],
  );
  const key = await findDataKey(db, keyWrap, personId);
  if (!key) throw new PersonalDataErasedError(personId);
  return key;
}

/** Destroys the person's key (idempotent; the first erasure's instant is kept). */
export async function destroyDataKey(db: Queryable, personId: string): Promise<Date> {
  const { rows } = await db.query<{ destroyed_at: Date }>(
    `INSERT INTO person_keys (person_id, wrapped_key, destroyed_at) VALUES ($1, NULL, now())
     ON CONFLICT (person_id) DO UPDATE
       SET wrapped_key = NULL, destroyed_at = coalesce(person_keys.destroyed_at, EXCLUDED.destroyed_at)
     RETURNING destroyed_at`,
    [personId],
  );
  return rows[0]!.destroyed_at;
}
