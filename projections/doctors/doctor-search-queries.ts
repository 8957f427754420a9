/**
 * Doctor search over doctor_search. Only verified, online doctors whose account may practise
 * (active, with the doctor role) are found. Free text is full-text
 * search over names and practice (weight A), specialization names (B) and bio (C); every query word
 * matches as a prefix or as one of its closest known words by trigram similarity, so "cardiolgy"
 * finds cardiology. "Has a slot on a date or within N days" and "next available" are computed at
 * query time by the slot engine, never stored, so they cannot go stale (LIVE_SLOT_CANDIDATES bounds
 * that work).
 *
 * Pagination is keyset on the sort key and the doctor id, behind an opaque cursor.
 */
import { DAY_MS, localDayRange } from '../../domain/availability/index.js';
import type { ConsultationMethod } from '../../domain/doctor/index.js';
import {
  accountMayPractiseColumn,
  listedDoctor,
  SEARCH_ROW_COLUMNS,
  toSearchRow,
  type Queryable,
} from './doctor-row-io.js';
import { normalizeSearchText, type DoctorSearchRow } from './doctor-rows.js';
import { loadReservations, searchService, slotsOf } from './doctor-slots.js';

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
  /** A free slot starting within this calendar date (YYYY-MM-DD) as lived in `timeZone`, the searcher's. */
  readonly availableOn?: { readonly date: string; readonly timeZone: string };
  readonly sort: DoctorSort;
  readonly first: number;
  readonly after?: SearchCursor;
  readonly now: Date;
  /** Overrides LIVE_SLOT_CANDIDATES (tests). */
  readonly liveSlotCandidates?: number;
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
  /** With availableOn: the first free slot starting within that local day (null otherwise). */
  readonly firstSlotOnDay: string | null;
}

export interface DoctorSearchPage {
  readonly hits: DoctorSearchHit[];
  readonly endCursor: SearchCursor | null;
  readonly hasNextPage: boolean;
  /** Set when sort=next_available ranked only this many best matches out of more (LIVE_SLOT_CANDIDATES). */
  readonly rankedAmong?: number;
}

/** How far ahead "next available" looks when no "within N days" filter is given. */
export const NEXT_AVAILABLE_HORIZON_DAYS = 30;

/**
 * The most doctors one search request computes live slots for. Search is public, no login: unbounded,
 * one request for sort=next_available (or for a slot filter few doctors pass) would run the slot
 * engine for every verified doctor, 10,000 of them, on every page.
 *
 * A cap rather than a stored next_available_at: the next free slot changes with every booking and
 * release (slot_reservations, written in the booking request), every practice change and the clock
 * alone (minimum notice, the booking horizon), and it depends on the method and, for availableOn,
 * on the searcher's day. A stored copy would need all those writers plus a refresher, and a stale
 * one would offer a slot just booked. Computing live over a bounded set stays exactly right:
 * - sort=next_available ranks the best LIVE_SLOT_CANDIDATES matches (by relevance, then rating) and
 *   says so (rankedAmong) when more matched; narrower filters get every match ranked;
 * - slot filters under another sort examine at most that many doctors per request in the sort's
 *   order, so a page may hold fewer than `first` hits (even none) with hasNextPage true; its cursor
 *   resumes after the last doctor examined, so paging on misses no one.
 */
export const LIVE_SLOT_CANDIDATES = 200;

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
  const budget = filter.liveSlotCandidates ?? LIVE_SLOT_CANDIDATES;
  if (filter.sort === 'next_available') {
    // Sorting by a live key needs every candidate's key: the best `budget` matches have theirs computed.
    const rows = await fetchRows(db, sql, undefined, budget + 1);
    const ordered = (await checkSlots(db, rows.slice(0, budget), filter))
      .filter((checked) => checked.wanted)
      .map((checked) => checked.hit)
      .sort(compareNextAvailable)
      .filter((hit) => !filter.after || compareNextAvailable(hit, cursorHit(filter.after)) > 0);
    const page = finish(ordered.slice(0, filter.first), ordered.length > filter.first, filter);
    return rows.length > budget ? { ...page, rankedAmong: budget } : page;
  }
  if (filter.availableWithinDays === undefined && filter.availableOn === undefined) {
    const rows = await fetchRows(db, sql, filter.after, filter.first + 1);
    const page = rows.slice(0, filter.first);
    const hits = await withNextAvailable(db, page, filter);
    return finish(hits, rows.length > filter.first, filter);
  }
  // A slot filter under a SQL sort: read batches in SQL order until the page is full or the budget spent.
  const hits: DoctorSearchHit[] = [];
  let after = filter.after;
  let examined = 0;
  for (;;) {
    const size = Math.min(Math.max(filter.first * 4, 100), budget - examined);
    const fetched = await fetchRows(db, sql, after, size + 1); // one more tells whether rows remain
    const rows = fetched.slice(0, size);
    examined += rows.length;
    for (const { hit, wanted } of await checkSlots(db, rows, filter)) {
      if (!wanted) continue;
      hits.push(hit);
      if (hits.length > filter.first) return finish(hits.slice(0, filter.first), true, filter);
    }
    const last = rows.at(-1);
    if (fetched.length <= size || !last) return finish(hits, false, filter);
    after = cursorOf(last, filter.sort);
    // Budget spent: a short page whose cursor resumes after the last doctor examined.
    if (examined >= budget) return { hits, hasNextPage: true, endCursor: after };
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
  const where = [listedDoctor('d'), 'd.online'];
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
    // The candidates next_available ranks (LIVE_SLOT_CANDIDATES) are the best matches.
    next_available: 'x.score DESC, x.rating DESC, x.doctor_id',
  }[filter.sort];
  const text = `SELECT * FROM (
      SELECT ${SEARCH_ROW_COLUMNS.split(',')
        .map((c) => `d.${c.trim()}`)
        .join(', ')},
             d.rating, d.review_count, ${score} AS score, ${fee} AS fee, ${accountMayPractiseColumn('d')},
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
    firstSlotOnDay: null,
  }));
}

async function withNextAvailable(
  db: Queryable,
  hits: DoctorSearchHit[],
  filter: DoctorSearchFilter,
): Promise<DoctorSearchHit[]> {
  return (await checkSlots(db, hits, filter)).map((checked) => checked.hit);
}

/**
 * Each hit with its next free slot, its first free slot on the availableOn day, and whether it
 * passes the slot filters (a slot within availableWithinDays; one starting on the availableOn day). Live: reservations are read in the
 * same call, so a slot booked a moment ago is neither shown nor counted.
 */
async function checkSlots(
  db: Queryable,
  hits: DoctorSearchHit[],
  filter: Pick<DoctorSearchFilter, 'now' | 'method' | 'availableWithinDays' | 'availableOn'>,
): Promise<Array<{ readonly hit: DoctorSearchHit; readonly wanted: boolean }>> {
  const { now } = filter;
  const within = now.getTime() + (filter.availableWithinDays ?? NEXT_AVAILABLE_HORIZON_DAYS) * DAY_MS;
  const day = filter.availableOn && localDayRange(filter.availableOn.date, filter.availableOn.timeZone);
  const [dayStart, dayEnd] = day ? [Date.parse(day.startsAt), Date.parse(day.endsAt)] : [0, 0];
  // Look as far as the day asked about, so its doctors show their next slot too.
  const until = new Date(Math.max(within, dayEnd));
  const reservations = await loadReservations(
    db,
    hits.map((h) => h.row.doctorId),
    now,
    until,
  );
  return hits.map((hit) => {
    const service = searchService(hit.row, filter.method);
    const reserved = reservations.get(hit.row.doctorId) ?? [];
    const firstSlot = (from: number, to: number): string | null => {
      if (!service) return null;
      const window = { from: new Date(from), to: new Date(to), now, limit: 1 };
      return slotsOf(hit.row, service, reserved, window)[0]?.startsAt ?? null;
    };
    const next = firstSlot(now.getTime(), until.getTime());
    const at = next === null ? Number.POSITIVE_INFINITY : Date.parse(next);
    // The day's first slot is the next one when that falls on the day; only an earlier one needs a second look.
    const onDay = !day || at >= dayEnd ? null : at >= dayStart ? next : firstSlot(dayStart, dayEnd);
    const inTime = filter.availableWithinDays === undefined || at < within;
    return {
      hit: { ...hit, nextAvailableAt: next, firstSlotOnDay: onDay },
      wanted: (!day || onDay !== null) && inTime,
    };
  });
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

/**
 * A verified doctor's public record (offline ones too: their profile stays visible), with their
 * next slot. A doctor whose account may not practise (suspended, doctor role revoked) has none.
 */
export async function findVerifiedDoctor(
  db: Queryable,
  doctorId: string,
  now: Date,
): Promise<DoctorSearchHit | undefined> {
  const { rows } = await db.query(
    `SELECT ${SEARCH_ROW_COLUMNS}, rating, review_count, ${accountMayPractiseColumn('d')},
            ARRAY(SELECT json_build_object('id', s.id, 'name', s.name) FROM specializations s
                   WHERE s.id = ANY(d.specialization_ids) ORDER BY s.name) AS specializations
       FROM doctor_search d WHERE doctor_id = $1 AND ${listedDoctor('d')}`,
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
    firstSlotOnDay: null,
  };
  if (!hit.row.practice.online) return hit;
  const [withSlot] = await withNextAvailable(db, [hit], { sort: 'relevance', first: 1, now });
  return withSlot;
}
