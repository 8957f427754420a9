/** A doctor's weekly availability and blocked times. Changes that would orphan bookings answer 409. */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { availabilitySettings, DAY_MS, localBoundaryToInstant } from '../../domain/availability/index.js';
import { ruleViolation } from '../../domain/index.js';
import type { ApiDeps } from '../deps.js';
import { requireDoctor } from '../doctors/roles.js';
import { executeBookedTimeChange, executePractice, loadPractice, parseIfMatch } from '../doctors/practice-store.js';
import { errorBody } from '../errors.js';
import {
  availabilityResponse,
  blockedTimeResponse,
  blockedTimesResponse,
  blockTimeBody,
  idParams,
  ifMatchHeaders,
} from './doctor-practice-schemas.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

export const doctorAvailabilityRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const now = deps.now ?? (() => new Date());

    app.get(
      '/api/v1/doctors/me/availability',
      {
        schema: {
          summary: 'My weekly availability',
          tags: ['doctor practice'],
          response: { 200: availabilityResponse, ...errors },
        },
      },
      async (request) => {
        const { state, revision } = await loadPractice(deps.eventStore, requireDoctor(request));
        return { availability: state.availability, revision };
      },
    );

    app.put(
      '/api/v1/doctors/me/availability',
      {
        schema: {
          summary: 'Set my weekly availability, time zone and slot rules',
          description:
            'Windows are wall-clock times in `timeZone`. Answers 409 AVAILABILITY_CONFLICT, listing each ' +
            'booked appointment (details[].path = appointments.<id>) that would fall outside the new availability.',
          tags: ['doctor practice'],
          headers: ifMatchHeaders,
          body: availabilitySettings,
          response: { 200: availabilityResponse, ...errors },
        },
      },
      async (request) => {
        const doctorId = requireDoctor(request);
        const at = now();
        // Checked against the held seats under the doctor's booking lock (see executeBookedTimeChange).
        const { state, revision } = await executeBookedTimeChange(deps, {
          doctorId,
          actorId: doctorId,
          ifMatch: parseIfMatch(request.headers['if-match']),
          now: at,
          command: (_current, booked) => ({
            type: 'SetAvailability',
            doctorId,
            availability: request.body,
            upcoming: booked,
            now: at.toISOString(),
          }),
        });
        return { availability: state.availability, revision };
      },
    );

    app.get(
      '/api/v1/doctors/me/blocked-times',
      {
        schema: {
          summary: 'My blocked times',
          tags: ['doctor practice'],
          response: { 200: blockedTimesResponse, ...errors },
        },
      },
      async (request) => {
        const { state, revision } = await loadPractice(deps.eventStore, requireDoctor(request));
        return { items: [...state.blocked], revision };
      },
    );

    app.post(
      '/api/v1/doctors/me/blocked-times',
      {
        schema: {
          summary: 'Block a time range or a whole local day',
          description: 'Answers 409 AVAILABILITY_CONFLICT, listing the booked appointments it would cover.',
          tags: ['doctor practice'],
          headers: ifMatchHeaders,
          body: blockTimeBody,
          response: { 201: blockedTimeResponse, ...errors },
        },
      },
      async (request, reply) => {
        const doctorId = requireDoctor(request);
        const at = now();
        const blockId = randomUUID();
        const { state, revision } = await executeBookedTimeChange(deps, {
          doctorId,
          actorId: doctorId,
          ifMatch: parseIfMatch(request.headers['if-match']),
          now: at,
          command: (current, booked) => ({
            type: 'BlockTime',
            doctorId,
            blockId,
            range: 'date' in request.body ? localDay(request.body.date, current.availability?.timeZone) : request.body,
            reason: request.body.reason,
            upcoming: booked,
            now: at.toISOString(),
          }),
        });
        const blocked = state.blocked.find((b) => b.id === blockId);
        return reply.code(201).send({ ...blocked!, revision });
      },
    );

    app.delete(
      '/api/v1/doctors/me/blocked-times/:id',
      {
        schema: {
          summary: 'Unblock a blocked time',
          tags: ['doctor practice'],
          headers: ifMatchHeaders,
          params: idParams,
          response: { 204: z.null().describe('Unblocked'), ...errors },
        },
      },
      async (request, reply) => {
        const doctorId = requireDoctor(request);
        await executePractice(deps, {
          doctorId,
          actorId: doctorId,
          ifMatch: parseIfMatch(request.headers['if-match']),
          command: () => ({ type: 'UnblockTime', doctorId, blockId: request.params.id, now: now().toISOString() }),
        });
        return reply.code(204).send(null);
      },
    );
  };

/** A whole local day as instants: from its first wall-clock moment to the next day's. */
function localDay(date: string, timeZone: string | undefined): { startsAt: string; endsAt: string } {
  if (!timeZone) {
    throw ruleViolation('TIME_ZONE_REQUIRED', 'Set your availability (and time zone) before blocking whole days.');
  }
  const midnight = Date.parse(`${date}T00:00:00Z`);
  return {
    startsAt: new Date(localBoundaryToInstant(timeZone, midnight)).toISOString(),
    endsAt: new Date(localBoundaryToInstant(timeZone, midnight + DAY_MS)).toISOString(),
  };
}
