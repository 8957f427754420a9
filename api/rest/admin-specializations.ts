/**
 * The specialization catalog as admins manage it: list (retired entries too), add, rename, retire
 * and restore. Admins with a second factor only (api/doctors/roles.ts: 403 ROLE_REQUIRED or
 * MFA_REQUIRED; the catalog holds nothing to hide, so no 404 for other callers); an unknown id
 * is 404. Every change is an audit event.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { ApiDeps } from '../deps.js';
import { requireAdmin } from '../doctors/roles.js';
import { addSpecialization, changeSpecialization, fullCatalog } from '../doctors/specialization-catalog.js';
import { errorBody } from '../errors.js';
import {
  adminCatalogResponse,
  catalogEntry,
  specialization,
  specializationBody,
  specializationChangeBody,
  specializationParams,
} from './doctor-practice-schemas.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody };

export const adminSpecializationRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    const now = deps.now ?? (() => new Date());

    app.get(
      '/api/v1/admin/specializations',
      {
        schema: {
          summary: 'The whole specialization catalog, retired entries too (admin)',
          description: 'doctorCount: practices whose profile names the entry, whatever their verification status.',
          tags: ['admin'],
          response: { 200: adminCatalogResponse, ...errors },
        },
      },
      async (request) => {
        requireAdmin(request);
        return { items: await fullCatalog(deps.pool) };
      },
    );

    app.post(
      '/api/v1/admin/specializations',
      {
        schema: {
          summary: 'Add a specialization to the catalog (admin)',
          description: 'The id is permanent; names are unique ignoring case (409 SPECIALIZATION_EXISTS).',
          tags: ['admin'],
          body: specializationBody,
          response: { 201: specialization, ...errors },
        },
      },
      async (request, reply) => {
        const adminId = requireAdmin(request);
        const added = await addSpecialization(deps, { adminId, ...request.body, at: now() });
        return reply.code(201).send({ id: added.id, name: added.name });
      },
    );

    app.patch(
      '/api/v1/admin/specializations/:id',
      {
        schema: {
          summary: 'Rename, retire or restore a specialization (admin)',
          description:
            'A new name shows at once on profiles and in search (free text finds the new name). A retired ' +
            'entry stays on the profiles that have it but is no longer listed in GET /api/v1/specializations ' +
            'and cannot be added to a profile; `retired: false` restores it. 409 SPECIALIZATION_NAME_TAKEN ' +
            'when another entry has the name, ignoring case.',
          tags: ['admin'],
          params: specializationParams,
          body: specializationChangeBody,
          response: { 200: catalogEntry.omit({ doctorCount: true }), ...errors },
        },
      },
      async (request) => {
        const adminId = requireAdmin(request);
        return changeSpecialization(deps, { adminId, id: request.params.id, ...request.body, at: now() });
      },
    );
  };
