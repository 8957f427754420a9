/** Public doctor search, profiles and slots. No account needed; only verified doctors exist here. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { timeZone } from '../../domain/availability/index.js';
import { consultationMethod, specializationId } from '../../domain/doctor/index.js';
import { currency } from '../../domain/shared/money.js';
import { instant, notFound, ruleViolation } from '../../domain/index.js';
import { loadReservations, slotsOf, isBookable } from '../../projections/doctors/doctor-slots.js';
import { findVerifiedDoctor, searchDoctors } from '../../projections/doctors/doctor-search-queries.js';
import type { ApiDeps } from '../deps.js';
import {
  decodeCursor,
  doctorCard,
  encodeCursor,
  publicDoctor,
  toDoctorCard,
  toPublicDoctor,
  wallClock,
} from '../doctors/public-doctor.js';
import { errorBody } from '../errors.js';

const DAY_MS = 86_400_000;
const MAX_SLOT_RANGE_DAYS = 31;

const searchQuery = z
  .strictObject({
    q: z.string().trim().max(200).optional(),
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
    sort: z.enum(['relevance', 'fee', 'rating', 'next_available']).default('relevance'),
    first: z.coerce.number().int().min(1).max(50).default(20),
    after: z.string().max(400).optional(),
  })
  .refine((q) => q.currency || (q.minFee === undefined && q.maxFee === undefined && q.sort !== 'fee'), {
    message: 'fee filters and sort=fee need a currency',
    path: ['currency'],
  });

const searchResponse = z.object({
  items: z.array(doctorCard),
  pageInfo: z.object({ endCursor: z.string().nullable(), hasNextPage: z.boolean() }),
});

const slotsQuery = z.strictObject({
  from: instant.optional(),
  to: instant.optional(),
  serviceId: z.uuid().optional(),
  method: consultationMethod.optional(),
  tz: timeZone.optional().describe('Also show each slot on this zone’s wall clock (for display)'),
});

const slotsResponse = z.object({
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

const idParams = z.strictObject({ id: z.uuid() });
const errors = { 400: errorBody, 404: errorBody, 422: errorBody };

export const doctorSearchRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const now = deps.now ?? (() => new Date());

    app.get(
      '/api/v1/doctors',
      {
        schema: {
          summary: 'Search verified doctors',
          description:
            'Free text is typo-tolerant. Fee filters compare minor units in one currency. `availableWithinDays` ' +
            'and `sort=next_available` use live slots. Pass `pageInfo.endCursor` as `after` for the next page.',
          tags: ['doctor search'],
          querystring: searchQuery,
          response: { 200: searchResponse, ...errors },
        },
      },
      async (request) => {
        const { after, ...query } = request.query;
        const page = await searchDoctors(deps.pool, {
          ...query,
          ...(after ? { after: decodeCursor(after, query.sort) } : {}),
          now: now(),
        });
        return {
          items: page.hits.map(toDoctorCard),
          pageInfo: { endCursor: page.endCursor ? encodeCursor(page.endCursor) : null, hasNextPage: page.hasNextPage },
        };
      },
    );

    app.get(
      '/api/v1/doctors/:id',
      {
        schema: {
          summary: 'A verified doctor’s public profile',
          tags: ['doctor search'],
          params: idParams,
          response: { 200: publicDoctor, ...errors },
        },
      },
      async (request) => {
        const hit = await findVerifiedDoctor(deps.pool, request.params.id, now());
        if (!hit) throw notFound('DOCTOR_NOT_FOUND', 'No verified doctor with this id.');
        return toPublicDoctor(hit);
      },
    );

    app.get(
      '/api/v1/doctors/:id/slots',
      {
        schema: {
          summary: 'Free slots of a doctor, as UTC instants',
          description:
            `From \`from\` (default now) to \`to\` (default a week later; at most ${MAX_SLOT_RANGE_DAYS} days), for ` +
            'a service (default the first). Booked appointments are taken out. With `tz`, each slot also carries ' +
            'its wall-clock time in that zone.',
          tags: ['doctor search'],
          params: idParams,
          querystring: slotsQuery,
          response: { 200: slotsResponse, ...errors },
        },
      },
      async (request) => {
        const at = now();
        const hit = await findVerifiedDoctor(deps.pool, request.params.id, at);
        if (!hit) throw notFound('DOCTOR_NOT_FOUND', 'No verified doctor with this id.');
        const { row } = hit;
        const query = request.query;
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
      },
    );
  };
