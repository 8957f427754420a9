/**
 * The specialization catalog: reference data admins extend, rename and retire. Ids are permanent
 * (profiles name specializations by id); names are unique whatever their case, retired entries
 * included. A retired entry stays on the profiles that have it and keeps its name there and in
 * search, but the public catalog no longer lists it and no profile may newly take it.
 */
import type pg from 'pg';
import { conflict, DomainError, notFound } from '../../domain/index.js';
import { lockSpecializationNamesForRenaming } from '../../projections/doctors/specialization-names.js';
import { readSearchRow } from '../../projections/doctors/doctor-row-io.js';
import { writeSearchRow } from '../../projections/doctors/doctors-projection.js';
import { recordAudit } from '../audit.js';
import { inTransaction, type Queryable } from '../auth/transaction.js';
import type { ApiDeps } from '../deps.js';

export interface CatalogEntry {
  readonly id: string;
  readonly name: string;
  readonly retired: boolean;
}

/** PostgreSQL's unique_violation. */
const UNIQUE_VIOLATION = '23505';
const nameTaken = () =>
  conflict('SPECIALIZATION_NAME_TAKEN', 'Another specialization has this name (names are compared ignoring case).');

/** What doctors may choose and patients filter by: the entries not retired. */
export async function offeredSpecializations(db: Queryable): Promise<Array<{ id: string; name: string }>> {
  const { rows } = await db.query<{ id: string; name: string }>(
    'SELECT id, name FROM specializations WHERE retired_at IS NULL ORDER BY name',
  );
  return rows;
}

/** The named entries, in the given order, retired ones too: what a profile shows. */
export async function namedSpecializations(db: Queryable, ids: readonly string[]): Promise<CatalogEntry[]> {
  const { rows } = await db.query<CatalogEntry>(
    'SELECT id, name, retired_at IS NOT NULL AS retired FROM specializations WHERE id = ANY($1)',
    [ids],
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** Every entry, retired ones too, with how many practices name it (any status), for admins. */
export async function fullCatalog(db: Queryable): Promise<Array<CatalogEntry & { doctorCount: number }>> {
  const { rows } = await db.query<{ id: string; name: string; retired: boolean; doctor_count: number }>(
    `SELECT s.id, s.name, s.retired_at IS NOT NULL AS retired,
            (SELECT count(*)::int FROM doctor_search d WHERE s.id = ANY(d.specialization_ids)) AS doctor_count
       FROM specializations s ORDER BY s.name`,
  );
  return rows.map((row) => ({ id: row.id, name: row.name, retired: row.retired, doctorCount: row.doctor_count }));
}

export async function addSpecialization(
  deps: Pick<ApiDeps, 'pool' | 'eventStore'>,
  input: { adminId: string; id: string; name: string; at: Date },
): Promise<CatalogEntry> {
  // No conflict target: the id and the case-insensitive name are both unique.
  const { rowCount } = await deps.pool.query(
    'INSERT INTO specializations (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING',
    [input.id, input.name],
  );
  if (!rowCount) throw conflict('SPECIALIZATION_EXISTS', 'A specialization with this id or name exists.');
  await audit(deps, input, 'SpecializationAdded', {});
  return { id: input.id, name: input.name, retired: false };
}

/**
 * Renames and/or retires (restores) one entry. A rename rewrites the search text of every doctor
 * with the entry in the same transaction, under the lock that keeps the projector from writing
 * the old name back (projections/doctors/specialization-names.ts).
 */
export async function changeSpecialization(
  deps: Pick<ApiDeps, 'pool' | 'eventStore'>,
  input: { adminId: string; id: string; name?: string | undefined; retired?: boolean | undefined; at: Date },
): Promise<CatalogEntry> {
  const { before, after } = await inTransaction(deps.pool, async (client) => {
    if (input.name !== undefined) await lockSpecializationNamesForRenaming(client);
    const { rows } = await client.query<{ name: string; retired: boolean }>(
      'SELECT name, retired_at IS NOT NULL AS retired FROM specializations WHERE id = $1 FOR UPDATE',
      [input.id],
    );
    const current = rows[0];
    if (!current) throw notFound('SPECIALIZATION_NOT_FOUND', 'There is no specialization with this id.');
    const next = { name: input.name ?? current.name, retired: input.retired ?? current.retired };
    if (next.name !== current.name) {
      await client.query('UPDATE specializations SET name = $2 WHERE id = $1', [input.id, next.name]).catch((error) => {
        throw (error as { code?: unknown }).code === UNIQUE_VIOLATION ? nameTaken() : error;
      });
      await rewriteSearchText(client, input.id);
    }
    if (next.retired !== current.retired) {
      await client.query('UPDATE specializations SET retired_at = $2 WHERE id = $1', [
        input.id,
        next.retired ? input.at : null,
      ]);
    }
    return { before: current, after: next };
  });
  if (after.name !== before.name)
    await audit(deps, input, 'SpecializationRenamed', { previousName: before.name, name: after.name });
  if (after.retired !== before.retired)
    await audit(deps, input, after.retired ? 'SpecializationRetired' : 'SpecializationRestored', {});
  return { id: input.id, ...after };
}

/** Every doctor whose profile has the specialization, rewritten from the catalog as it now reads. */
async function rewriteSearchText(client: pg.PoolClient, specializationId: string): Promise<void> {
  const { rows } = await client.query<{ doctor_id: string }>(
    'SELECT doctor_id FROM doctor_search WHERE $1 = ANY(specialization_ids) ORDER BY doctor_id',
    [specializationId],
  );
  for (const { doctor_id: doctorId } of rows) {
    const row = await readSearchRow(client, doctorId, { lock: true });
    if (row) await writeSearchRow(client, row);
  }
}

/**
 * A check of a profile's specializations, read before the profile's stream is: each id must be
 * in the catalog, and a retired one only when the profile has it already (`held`), so a doctor
 * keeps what they had but nobody newly takes a retired entry.
 */
export async function specializationCheck(
  db: Queryable,
  ids: readonly string[],
): Promise<(held: readonly string[]) => void> {
  const { rows } = await db.query<{ id: string; retired: boolean }>(
    'SELECT id, retired_at IS NOT NULL AS retired FROM specializations WHERE id = ANY($1)',
    [ids],
  );
  const retired = new Map(rows.map((row) => [row.id, row.retired]));
  return (held) => {
    const unknown = ids.filter((id) => !retired.has(id));
    if (unknown.length) {
      throw new DomainError(
        'rule_violation',
        'UNKNOWN_SPECIALIZATION',
        `Not in the specialization catalog: ${unknown.join(', ')}.`,
        unknown.map((id) => ({ path: 'specializationIds', message: `${id} is not in the catalog` })),
      );
    }
    const newlyRetired = ids.filter((id) => retired.get(id) && !held.includes(id));
    if (newlyRetired.length) {
      throw new DomainError(
        'rule_violation',
        'SPECIALIZATION_RETIRED',
        `No longer offered: ${newlyRetired.join(', ')}. Profiles that had it keep it, but it cannot be added.`,
        newlyRetired.map((id) => ({ path: 'specializationIds', message: `${id} is no longer offered` })),
      );
    }
  };
}

async function audit(
  deps: Pick<ApiDeps, 'eventStore'>,
  input: { adminId: string; id: string; at: Date },
  type: string,
  data: Record<string, string>,
): Promise<void> {
  await recordAudit(deps.eventStore, {
    type,
    actorId: input.adminId,
    subjectId: input.adminId,
    data: { specializationId: input.id, ...data },
    at: input.at,
  });
}
