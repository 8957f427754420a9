/** Public doctor search, profiles and slots. No account needed; only verified doctors exist here. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LIVE_SLOT_CANDIDATES } from '../../projections/doctors/doctor-search-queries.js';
import type { ApiDeps } from '../deps.js';
import { publicDoctor } from '../doctors/public-doctor.js';
import { errorBody } from '../errors.js';
import {
  doctorSearchPage,
  doctorSearchQuery,
  doctorSlotsQuery,
  doctorSlotsView,
  MAX_SLOT_RANGE_DAYS,
  readDoctorSlots,
  readPublicDoctor,
  searchDoctorCards,
} from '../reads/doctor-search-reads.js';

const idParams = z.strictObject({ id: z.uuid() });
const errors = { 400: errorBody, 404: errorBody, 422: errorBody };

// The reads (and their argument schemas) are shared with GraphQL (api/reads/doctor-search-reads.ts).
export const doctorSearchRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/v1/doctors',
      {
        schema: {
          summary: 'Search verified doctors',
          description:
            'Free text is typo-tolerant. Fee filters compare minor units in one currency. `availableOn` (a date ' +
            'in `timeZone`, default UTC: a 23- or 25-hour day across DST), `availableWithinDays` and ' +
            `\`sort=next_available\` use live slots, computed for at most ${LIVE_SLOT_CANDIDATES} doctors per ` +
            `request: \`sort=next_available\` ranks the ${LIVE_SLOT_CANDIDATES} best matches ` +
            '(`pageInfo.rankedAmong` says so when more matched), ' +
            'and a slot filter may return a short or empty page with `hasNextPage` true. Pass ' +
            '`pageInfo.endCursor` as `after` for the next page.',
          tags: ['doctor search'],
          querystring: doctorSearchQuery,
          response: { 200: doctorSearchPage, ...errors },
        },
      },
      async (request) => searchDoctorCards(deps, request.query),
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
      async (request) => readPublicDoctor(deps, request.params.id),
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
          querystring: doctorSlotsQuery,
          response: { 200: doctorSlotsView, ...errors },
        },
      },
      async (request) => readDoctorSlots(deps, request.params.id, request.query),
    );
  };
