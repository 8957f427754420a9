/** Patients seen by others (doctors with a booking, staff), and their erasure by an admin. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { actingAccountOf, protectRoutes } from '../access/access-context.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { erasePersonalData } from '../patients/erasure.js';
import { personalDataCipher } from '../patients/personal-data.js';
import { profileViewOfRow } from '../patients/patient-views.js';
import { readPatientProfile } from '../reads/patient-reads.js';
import { erasureResult, patientIdParams, profileResource } from './patient-schemas.js';

export const patientRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);
    const cipher = personalDataCipher(deps.masterKey);

    app.get(
      '/api/v1/patients/:id',
      {
        schema: {
          summary: 'A patient’s profile',
          description:
            'Yours and your dependants’; a doctor’s patients while they have a booking together; any for admins ' +
            '(audited). Anyone else gets 404.',
          tags: ['patients'],
          params: patientIdParams,
          response: { 200: profileResource, 401: errorBody, 403: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        return profileViewOfRow(await readPatientProfile(deps, account, request.params.id));
      },
    );

    app.post(
      '/api/v1/admin/patients/:id/erasure',
      {
        schema: {
          summary: 'Erase a patient’s personal data (admin)',
          description:
            'Destroys the patient’s data key: their personal values in the event store become unreadable for ' +
            'good, and the read model drops them. The events, their ids, types and times remain.',
          tags: ['admin'],
          params: patientIdParams,
          response: { 200: erasureResult, 401: errorBody, 403: errorBody, 404: errorBody },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        const { erasedAt } = await erasePersonalData({ ...deps, cipher }, account, request.params.id);
        return { patientId: request.params.id, erasedAt: erasedAt.toISOString() };
      },
    );
  };
