/**
 * Doctor search over doctor_search. Only verified, online doctors are found. Free text is full-text
 * search over names and practice (weight A), specialization names (B) and bio (C); every query word
 * matches as a prefix or as one of its closest known words by trigram similarity, so "cardiolgy"
 * finds cardiology. "Has a slot within N days" and "next available" are computed at query time by
 * the slot engine, never stored, so they cannot go stale.
 *
 * Pagination is keyset on the sort key and the doctor id, behind an opaque cursor.
 */
import type { ConsultationMethod } from '../../domain/doctor/index.js';
import { SEARCH_ROW_COLUMNS, toSearchRow, type Queryable } from './doctor-row-io.js';
import { normalizeSearchText, type DoctorSearchRow } from './doctor-rows.js';
import { loadReservations, nextAvailableAt } from './doctor-slots.js';

export type DoctorSort = 'relevance' | 'fee' | 'rating' | 'next_available';

export interface DoctorSearchFilter {
  readonly q?: string;
  readonly specialization?: string;
  readonly language?: string;
  readonly method?: ConsultationMethod;
  /** Fee filters and fee sorting compare amounts in this currency only. */
  readonly currency?: string;
  readonly minFee?: number;
  readonly maxFee?: number;
  readonly minRating?: number;
  readonly availableWithinDays?: number;
  readonly sort: DoctorSort;
  readonly first: number;
  readonly after?: SearchCursor;
  readonly now: Date;
}

/** Where the previous page ended: its sort, its last sort key and doctor id. */
export interface SearchCursor {
  readonly sort: DoctorSort;
  readonly key: number | string | null;
  readonly id: string;
}

export interface DoctorSearchHit {
  readonly row: DoctorSearchRow;
  readonly specializations: ReadonlyArray<{ id: string; name: string }>;
  readonly rating: number;
  readonly reviewCount: number;
  readonly score: number;
  readonly fee: number | null;
  readonly nextAvailableAt: string | null;
}

export interface DoctorSearchPage {
  readonly hits: DoctorSearchHit[];
  readonly endCursor: SearchCursor | null;
  readonly hasNextPage: boolean;
}

/** How far ahead "next available" looks when no "within N days" filter is given. */
export const NEXT_AVAILABLE_HORIZON_DAYS = 30;
const MAX_TERMS = 8;

export function searchTerms(q: string | undefined): string[] {
  if (!q) return [];
  const terms = normalizeSearchText(q)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((term) => term.length >= 2);
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

/** Corrections considered per query word, and the shortest word worth correcting. */
const CORRECTIONS_PER_TERM = 3;
const MIN_CORRECTED_LENGTH = 4;

/**
 * The tsquery for the words: each matches as a prefix or as one of its closest known words.
 * Words hold letters and digits only (searchTerms), so they cannot inject tsquery syntax.
 */
export async function textQuery(db: Queryable, terms: readonly string[]): Promise<string | undefined> {
  if (terms.length === 0) return undefined;
  const correctable = terms.filter((term) => term.length >= MIN_CORRECTED_LENGTH);
  const { rows } = correctable.length
    ? await db.query<{ term: string; word: string }>(
        `SELECT t.term, c.word FROM unnest($1::text[]) AS t(term)
           CROSS JOIN LATERAL (SELECT w.word FROM doctor_search_words w
                                WHERE w.word % t.term AND w.word <> t.term
                                ORDER BY similarity(w.word, t.term) DESC, w.word LIMIT $2) c`,
        [correctable, CORRECTIONS_PER_TERM],
      )
    : { rows: [] };
  return terms
    .map((term) => `(${[`${term}:*`, ...rows.filter((r) => r.term === term).map((r) => r.word)].join(' | ')})`)
    .join(' & ');
}

export async function searchDoctors(db: Queryable, filter: DoctorSearchFilter): Promise<DoctorSearchPage> {
  const sql = buildQuery(filter, await textQuery(db, searchTerms(filter.q)));
  const computed = filter.sort === 'next_available' || filter.availableWithinDays !== undefined;
  if (!computed) {
    const rows = await fetchRows(db, sql, filter.after, filter.first + 1);
    const page = rows.slice(0, filter.first);
    const hits = await withNextAvailable(db, page, filter);
    return finish(hits, rows.length > filter.first, filter);
  }
  if (filter.sort === 'next_available') {
    // Sorting by a computed key needs every candidate's key: the SQL filters narrow them first.
    const all = await withNextAvailable(db, await fetchRows(db, sql, undefined, null), filter);
    const ordered = all
      .filter((hit) => filter.availableWithinDays === undefined || hit.nextAvailableAt !== null)
      .sort(compareNextAvailable)
      .filter((hit) => !filter.after || compareNextAvailable(hit, cursorHit(filter.after)) > 0);
    return finish(ordered.slice(0, filter.first), ordered.length > filter.first, filter);
  }
  // A computed filter under a SQL sort: read batches in SQL order until the page is full.
  const hits: DoctorSearchHit[] = [];
  let after = filter.after;
  const batch = Math.max(filter.first * 4, 100);
  for (;;) {
    const rows = await fetchRows(db, sql, after, batch);
    const found = await withNextAvailable(db, rows, filter);
    for (const hit of found) {
      if (hit.nextAvailableAt === null) continue;
      hits.push(hit);
      if (hits.length > filter.first) return finish(hits.slice(0, filter.first), true, filter);
    }
    const last = rows.at(-1);
    if (rows.length < batch || !last) return finish(hits, false, filter);
    after = cursorOf(last, filter.sort);
  }
}

/** Rows strictly after the cursor in the sort's order (keys descending except fee; ids ascending). */
function keysetAfter(after: SearchCursor, params: unknown[]): string {
  const add = (value: unknown, type: string) => {
    params.push(value);
    return `$${params.length}::${type}`;
  };
  const id = add(after.id, 'uuid');
  switch (after.sort) {
    case 'relevance': {
      // Relevance ties break on rating, so its key is "score|rating".
      const [score, rating] = String(after.key).split('|');
      const [s, r] = [add(score, 'numeric'), add(rating, 'numeric')];
      return `(x.score < ${s} OR (x.score = ${s} AND (x.rating < ${r} OR (x.rating = ${r} AND x.doctor_id > ${id}))))`;
    }
    case 'fee': {
      const k = add(after.key, 'numeric');
      return `(x.fee > ${k} OR (x.fee = ${k} AND x.doctor_id > ${id}))`;
    }
    case 'rating': {
      const k = add(after.key, 'numeric');
      return `(x.rating < ${k} OR (x.rating = ${k} AND x.doctor_id > ${id}))`;
    }
    case 'next_available':
      return 'true';
  }
}

interface Query {
  readonly text: string;
  readonly params: unknown[];
  /** ORDER BY of the outer query (over the alias `x`). */
  readonly order: string;
}

function buildQuery(filter: DoctorSearchFilter, tsquery: string | undefined): Query {
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const where = [`d.verification_status = 'verified'`, 'd.online'];
  let score = '0::numeric';
  if (tsquery) {
    const query = `to_tsquery('simple', ${p(tsquery)})`;
    where.push(`d.search_vector @@ ${query}`);
    score = `round(ts_rank(d.search_vector, ${query})::numeric, 6)`;
  }
  if (filter.specialization) where.push(`${p(filter.specialization)} = ANY(d.specialization_ids)`);
  if (filter.language) where.push(`${p(filter.language.toLowerCase())} = ANY(d.language_keys)`);
  if (filter.method) where.push(`${p(filter.method)} = ANY(d.methods)`);
  if (filter.minRating !== undefined) where.push(`d.rating >= ${p(filter.minRating)}`);
  const feeMatch = [
    'f.doctor_id = d.doctor_id',
    ...(filter.currency ? [`f.currency = ${p(filter.currency)}`] : []),
    ...(filter.method ? [`f.method = ${p(filter.method)}`] : []),
    ...(filter.minFee !== undefined ? [`f.amount_minor >= ${p(filter.minFee)}`] : []),
    ...(filter.maxFee !== undefined ? [`f.amount_minor <= ${p(filter.maxFee)}`] : []),
  ].join(' AND ');
  const feeFiltered = filter.currency || filter.minFee !== undefined || filter.maxFee !== undefined;
  if (feeFiltered || filter.sort === 'fee') where.push(`EXISTS (SELECT 1 FROM doctor_fees f WHERE ${feeMatch})`);
  const fee = `(SELECT min(f.amount_minor) FROM doctor_fees f WHERE ${feeMatch})`;

  const order = {
    relevance: 'x.score DESC, x.rating DESC, x.doctor_id',
    fee: 'x.fee ASC, x.doctor_id',
    rating: 'x.rating DESC, x.doctor_id',
    next_available: 'x.doctor_id',
  }[filter.sort];
  const text = `SELECT * FROM (
      SELECT ${SEARCH_ROW_COLUMNS.split(',')
        .map((c) => `d.${c.trim()}`)
        .join(', ')},
             d.rating, d.review_count, ${score} AS score, ${fee} AS fee,
             ARRAY(SELECT json_build_object('id', s.id, 'name', s.name) FROM specializations s
                    WHERE s.id = ANY(d.specialization_ids) ORDER BY s.name) AS specializations
        FROM doctor_search d WHERE ${where.join(' AND ')}) x`;
  return { text, params, order };
}

async function fetchRows(
  db: Queryable,
  query: Query,
  after: SearchCursor | undefined,
  limit: number | null,
): Promise<DoctorSearchHit[]> {
  const params = [...query.params];
  const keyset = after && after.sort !== 'next_available' ? `WHERE ${keysetAfter(after, params)}` : '';
  params.push(limit);
  const { rows } = await db.query(`${query.text} ${keyset} ORDER BY ${query.order} LIMIT $${params.length}`, params);
  return rows.map((raw: Record<string, unknown>) => ({
    row: toSearchRow(raw),
    specializations: raw.specializations as Array<{ id: string; name: string }>,
    rating: Number(raw.rating),
    reviewCount: Number(raw.review_count),
    score: Number(raw.score),
    fee: raw.fee === null ? null : Number(raw.fee),
    nextAvailableAt: null,
  }));
}

async function withNextAvailable(
  db: Queryable,
  hits: DoctorSearchHit[],
  filter: DoctorSearchFilter,
): Promise<DoctorSearchHit[]> {
  const withinDays = filter.availableWithinDays ?? NEXT_AVAILABLE_HORIZON_DAYS;
  const to = new Date(filter.now.getTime() + withinDays * 86_400_000);
  const reservations = await loadReservations(
    db,
    hits.map((h) => h.row.doctorId),
    filter.now,
    to,
  );
  return hits.map((hit) => ({
    ...hit,
    nextAvailableAt: nextAvailableAt(hit.row, reservations.get(hit.row.doctorId) ?? [], {
      now: filter.now,
      withinDays,
      ...(filter.method ? { method: filter.method } : {}),
    }),
  }));
}

/** Earliest first; doctors without a slot in the horizon last; then by id. */
function compareNextAvailable(a: Pick<DoctorSearchHit, 'nextAvailableAt' | 'row'>, b: typeof a): number {
  const ka = a.nextAvailableAt ?? '~';
  const kb = b.nextAvailableAt ?? '~';
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a.row.doctorId < b.row.doctorId ? -1 : a.row.doctorId > b.row.doctorId ? 1 : 0;
}

const cursorHit = (cursor: SearchCursor) => ({
  nextAvailableAt: typeof cursor.key === 'string' && cursor.key !== '~' ? cursor.key : null,
  row: { doctorId: cursor.id } as DoctorSearchRow,
});

function cursorOf(hit: DoctorSearchHit, sort: DoctorSort): SearchCursor {
  const key = {
    relevance: `${hit.score}|${hit.rating}`,
    fee: hit.fee,
    rating: hit.rating,
    next_available: hit.nextAvailableAt ?? '~',
  }[sort];
  return { sort, key, id: hit.row.doctorId };
}

function finish(hits: DoctorSearchHit[], hasNextPage: boolean, filter: DoctorSearchFilter): DoctorSearchPage {
  const last = hits.at(-1);
  return { hits, hasNextPage, endCursor: last ? cursorOf(last, filter.sort) : null };
}

/** A verified doctor's public record (offline ones too: their profile stays visible), with their next slot. */
export async function findVerifiedDoctor(
  db: Queryable,
  doctorId: string,
  now: Date,
): Promise<DoctorSearchHit | undefined> {
  const { rows } = await db.query(
    `SELECT ${SEARCH_ROW_COLUMNS}, rating, review_count,
            ARRAY(SELECT json_build_object('id', s.id, 'name', s.name) FROM specializations s
                   WHERE s.id = ANY(d.specialization_ids) ORDER BY s.name) AS specializations
       FROM doctor_search d WHERE doctor_id = $1 AND verification_status = 'verified'`,
    [doctorId],
  );
  const raw = rows[0] as Record<string, unknown> | undefined;
  if (!raw) return undefined;
  const hit: DoctorSearchHit = {
    row: toSearchRow(raw),
    specializations: raw.specializations as Array<{ id: string; name: string }>,
    rating: Number(raw.rating),
    reviewCount: Number(raw.review_count),
    score: 0,
    fee: null,
    nextAvailableAt: null,
  };
  if (!hit.row.practice.online) return hit;
  const [withSlot] = await withNextAvailable(db, [hit], { sort: 'relevance', first: 1, now });
  return withSlot;
}
