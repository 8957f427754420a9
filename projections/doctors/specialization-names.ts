/**
 * Specialization names in the doctors read model. The catalog (the `specializations` table) is
 * reference data edited by admins, not events; writeSearchRow copies the names a doctor's
 * profile names into the searchable text (search_text, search_vector, doctor_search_words), so
 * free text finds "cardiolgy". Profiles and search hits read the names live, by id.
 *
 * A rename must therefore rewrite the search text of every doctor with that specialization, and
 * no writer may slip in between with the old name: one that read the old name before the rename
 * committed but wrote after the rename's rewrite would leave it stale until the doctor's next
 * change. Every writer of a doctor's search text (the projector, and the booking-guarded practice
 * writer in api/doctors/practice-store.ts) takes this lock shared, before it locks any
 * doctor_search row; a rename takes it exclusively, first thing, and so waits for the writers in
 * flight and holds off new ones while it rewrites. Taking it before the row locks is what keeps
 * the two from deadlocking (the rename locks those rows under it). A rebuild reads the catalog as
 * it is, so it reproduces the current names too.
 *
 * Rejected: FOR SHARE on the catalog rows in writeSearchRow (writers hold their doctor's row by
 * then, so a rename holding the catalog row and wanting that doctor's row deadlocks), and
 * reading names at query time instead of projecting them (typo tolerance works on the words in
 * doctor_search_words and the weighted tsvector, both built here).
 */
import type pg from 'pg';

const KEY = `hashtextextended('specialization-names', 0)`;

/** Held until the transaction ends; call it before locking any doctor_search row. */
export async function lockSpecializationNamesForWriting(client: Pick<pg.PoolClient, 'query'>): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock_shared(${KEY})`);
}

/** Held until the transaction ends; call it first in the transaction that renames. */
export async function lockSpecializationNamesForRenaming(client: Pick<pg.PoolClient, 'query'>): Promise<void> {
  await client.query(`SELECT pg_advisory_xact_lock(${KEY})`);
}
