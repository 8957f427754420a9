/** A doctor's own practice profile and online switch, and the public specialization catalog. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../deps.js';
import { requireDoctor } from '../doctors/roles.js';
import {
  namedSpecializations,
  offeredSpecializations,
  specializationCheck,
} from '../doctors/specialization-catalog.js';
import { executePractice, loadPractice, parseIfMatch } from '../doctors/practice-store.js';
import { errorBody } from '../errors.js';
import {
  ifMatchHeaders,
  onlineBody,
  onlineResponse,
  profileResponse,
  specializationsResponse,
} from './doctor-practice-schemas.js';
import { practiceProfile } from '../../domain/doctor/index.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 409: errorBody, 422: errorBody };

export const doctorProfileRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const now = deps.now ?? (() => new Date());

    app.get(
      '/api/v1/doctors/me/profile',
      {
        schema: {
          summary: 'My practice profile',
          tags: ['doctor practice'],
          response: { 200: profileResponse, ...errors },
        },
      },
      async (request) => {
        const { state, revision } = await loadPractice(deps.eventStore, requireDoctor(request));
        const specializations = await namedSpecializations(deps.pool, state.profile?.specializationIds ?? []);
        return { profile: state.profile, specializations, online: state.online, revision };
      },
    );

    app.put(
      '/api/v1/doctors/me/profile',
      {
        schema: {
          summary: 'Set my practice profile',
          tags: ['doctor practice'],
          headers: ifMatchHeaders,
          body: practiceProfile,
          response: { 200: profileResponse, ...errors },
        },
      },
      async (request) => {
        const doctorId = requireDoctor(request);
        const checkSpecializations = await specializationCheck(deps.pool, request.body.specializationIds);
        const { state, revision } = await executePractice(deps, {
          doctorId,
          actorId: doctorId,
          ifMatch: parseIfMatch(request.headers['if-match']),
          command: (current) => {
            // Against the profile this change replaces: a retired specialization may stay, not be added.
            checkSpecializations(current.profile?.specializationIds ?? []);
            return { type: 'UpdateProfile', doctorId, profile: request.body, now: now().toISOString() };
          },
        });
        const specializations = await namedSpecializations(deps.pool, state.profile?.specializationIds ?? []);
        return { profile: state.profile, specializations, online: state.online, revision };
      },
    );

    app.put(
      '/api/v1/doctors/me/online',
      {
        schema: {
          summary: 'Go online or offline',
          description: 'Offline doctors are not searchable and cannot be booked; booked appointments stay.',
          tags: ['doctor practice'],
          headers: ifMatchHeaders,
          body: onlineBody,
          response: { 200: onlineResponse, ...errors },
        },
      },
      async (request) => {
        const doctorId = requireDoctor(request);
        const { state, revision } = await executePractice(deps, {
          doctorId,
          actorId: doctorId,
          ifMatch: parseIfMatch(request.headers['if-match']),
          command: () => ({ type: 'SetOnline', doctorId, online: request.body.online, now: now().toISOString() }),
        });
        return { online: state.online, revision };
      },
    );

    app.get(
      '/api/v1/specializations',
      {
        schema: {
          summary: 'The specialization catalog',
          description: 'Retired specializations are not listed (profiles that have one still show it).',
          tags: ['doctor search'],
          response: { 200: specializationsResponse },
        },
      },
      async () => ({ items: await offeredSpecializations(deps.pool) }),
    );
  };
