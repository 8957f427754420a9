/**
 * Public doctor reads shared by REST (api/rest/doctor-search.ts) and GraphQL: search, a verified
 * doctor's profile and their free slots. No account needed; only verified doctors exist here.
 * The argument schemas live here too, so both edges accept exactly the same filters.
 */
import { z } from 'zod';
import { timeZone } from '../../domain/availability/index.js';
import { consultationMethod, specializationId } from '../../domain/doctor/index.js';
import { instant, notFound, ruleViolation } from '../../domain/index.js';
import { currency } from '../../domain/shared/money.js';
import { findVerifiedDoctor, searchDoctors } from '../../projections/doctors/doctor-search-queries.js';
import { isBookable, loadReservations, slotsOf } from '../../projections/doctors/doctor-slots.js';
import type { ApiDeps } from '../deps.js';
import { photoUrlsOf } from '../documents/doctor-photos.js';
import {
  decodeCursor,
  doctorCard,
  encodeCursor,
  publicDoctor,
  toDoctorCard,
  toPublicDoctor,
  wallClock,
} from '../doctors/public-doctor.js';

const DAY_MS = 86_400_000;
export const MAX_SLOT_RANGE_DAYS = 31;
/** The longest page of search results. */
export const DOCTOR_SEARCH_MAX_FIRST = 50;

/** The free text of a search (REST calls it q, GraphQL query). */
export const doctorSearchText = z.string().trim().max(200);

/** Every other filter, the sort and the page. Numbers are coerced: REST reads them from a query string. */
export const doctorSearchFields = {
  specialization: specializationId.optional(),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, 'must be a BCP 47 tag such as pt or pt-MZ')
    .optional(),
  method: consultationMethod.optional(),
  currency: currency.optional(),
  minFee: z.coerce.number().int().min(0).optional(),
  maxFee: z.coerce.number().int().min(0).optional(),
  minRating: z.coerce.number().min(0).max(5).optional(),
  availableWithinDays: z.coerce.number().int().min(1).max(90).optional(),
  availableOn: z.iso
    .date()
    .optional()
    .describe('A free slot starting on this calendar date (YYYY-MM-DD) in `timeZone`, the searcher’s'),
  timeZone: timeZone.default('UTC').describe('The IANA time zone `availableOn` is a date in (default UTC)'),
  sort: z.enum(['relevance', 'fee', 'rating', 'next_available']).default('relevance'),
  first: z.coerce.number().int().min(1).max(DOCTOR_SEARCH_MAX_FIRST).default(20),
  after: z.string().max(400).optional(),
};

/** Fees are compared in one currency: fee filters and sorting by fee need it. */
export const feesHaveCurrency = (q: { currency?: string; minFee?: number; maxFee?: number; sort: string }) =>
  q.currency !== undefined || (q.minFee === undefined && q.maxFee === undefined && q.sort !== 'fee');
export const FEES_NEED_CURRENCY = { message: 'fee filters and sort=fee need a currency', path: ['currency'] };

export const doctorSearchQuery = z
  .strictObject({ q: doctorSearchText.optional(), ...doctorSearchFields })
  .refine(feesHaveCurrency, FEES_NEED_CURRENCY);
export type DoctorSearchQuery = z.infer<typeof doctorSearchQuery>;

export const doctorSearchPage = z.object({
  items: z.array(doctorCard),
  pageInfo: z.object({
    endCursor: z.string().nullable(),
    hasNextPage: z.boolean(),
    /** sort=next_available ranked only this many best matches out of more; null when it ranked them all. */
    rankedAmong: z.number().int().nullable(),
  }),
});

export const doctorSlotsQuery = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  serviceId: z.uuid().optional(),
  method: consultationMethod.optional(),
  tz: timeZone.optional().describe('Also show each slot on this zone’s wall clock (for display)'),
});
export type DoctorSlotsQuery = z.infer<typeof doctorSlotsQuery>;

export const doctorSlotsView = z.object({
  doctorId: z.uuid(),
  serviceId: z.uuid(),
  method: consultationMethod.nullable(),
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  slots: z.array(
    z.object({
      startsAt: z.string(),
      endsAt: z.string(),
      seatsLeft: z.number().int(),
      local: z.string().optional(),
      utcOffset: z.string().optional(),
    }),
  ),
});

type Deps = Pick<ApiDeps, 'pool' | 'now'>;
const nowOf = (deps: Deps) => (deps.now ?? (() => new Date()))();
const doctorNotFound = () => notFound('DOCTOR_NOT_FOUND', 'No verified doctor with this id.');

export async function searchDoctorCards(
  deps: Deps,
  query: DoctorSearchQuery,
): Promise<z.infer<typeof doctorSearchPage>> {
  const { after, availableOn, timeZone: zone, ...filter } = query;
  const page = await searchDoctors(deps.pool, {
    ...filter,
    ...(availableOn ? { availableOn: { date: availableOn, timeZone: zone } } : {}),
    ...(after ? { after: decodeCursor(after, filter.sort) } : {}),
    now: nowOf(deps),
  });
  const photos = await photoUrlsOf(
    deps.pool,
    page.hits.map((hit) => hit.row.doctorId),
  );
  return {
    items: page.hits.map((hit) => toDoctorCard(hit, photos.get(hit.row.doctorId) ?? null)),
    pageInfo: {
      endCursor: page.endCursor ? encodeCursor(page.endCursor) : null,
      hasNextPage: page.hasNextPage,
      rankedAmong: page.rankedAmong ?? null,
    },
  };
}

/** A verified doctor's public profile; 404 DOCTOR_NOT_FOUND for anyone else. */
export async function readPublicDoctor(deps: Deps, doctorId: string): Promise<z.infer<typeof publicDoctor>> {
  const hit = await findVerifiedDoctor(deps.pool, doctorId, nowOf(deps));
  if (!hit) throw doctorNotFound();
  const photos = await photoUrlsOf(deps.pool, [doctorId]);
  return toPublicDoctor(hit, photos.get(doctorId) ?? null);
}

/**
 * Free slots from `from` (default now) to `to` (default a week later, at most 31 days), for a
 * service (default the first), minus booked appointments.
 */
export async function readDoctorSlots(
  deps: Deps,
  doctorId: string,
  query: DoctorSlotsQuery,
): Promise<z.infer<typeof doctorSlotsView>> {
  const at = nowOf(deps);
  const hit = await findVerifiedDoctor(deps.pool, doctorId, at);
  if (!hit) throw doctorNotFound();
  const { row } = hit;
  const from = query.from ? new Date(query.from) : at;
  const to = query.to ? new Date(query.to) : new Date(from.getTime() + 7 * DAY_MS);
  if (!(from < to) || to.getTime() - from.getTime() > MAX_SLOT_RANGE_DAYS * DAY_MS) {
    throw ruleViolation('INVALID_RANGE', `from must be before to, at most ${MAX_SLOT_RANGE_DAYS} days apart.`);
  }
  const service = query.serviceId
    ? row.practice.services.find((s) => s.id === query.serviceId)
    : row.practice.services[0];
  if (!service) throw notFound('SERVICE_NOT_FOUND', 'This doctor offers no such service.');
  if (query.method && !service.methods.includes(query.method)) {
    throw ruleViolation('METHOD_NOT_OFFERED', `This service is not offered by ${query.method}.`);
  }
  const reservations = (await loadReservations(deps.pool, [row.doctorId], from, to)).get(row.doctorId) ?? [];
  // Offline doctors keep their profile but offer nothing until they come back online.
  const slots = isBookable(row) ? slotsOf(row, service, reservations, { from, to, now: at }) : [];
  return {
    doctorId: row.doctorId,
    serviceId: service.id,
    method: query.method ?? null,
    timeZone: row.practice.availability?.timeZone ?? 'UTC',
    from: from.toISOString(),
    to: to.toISOString(),
    slots: slots.map((slot) => ({ ...slot, ...(query.tz ? wallClock(query.tz, slot.startsAt) : {}) })),
  };
}
