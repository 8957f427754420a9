/** The signed-in patient's dependants (patients in their care): list, register, change, remove. */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { managesDependants, type ActingAccount } from '../../domain/access/policy.js';
import { actingAccountOf, protectRoutes } from '../access/access-context.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { changeDependant, removeDependant, shownInProfiles } from '../patients/dependants.js';
import { executePatientCommand, loadPatient, type LoadedPatient } from '../patients/patient-commands.js';
import { personalDataCipher } from '../patients/personal-data.js';
import { dependantView, profileViewOfRow, profileViewOfState } from '../patients/patient-views.js';
import { patientRoleRequired, readOwnDependants } from '../reads/patient-reads.js';
import {
  dependantIdParams,
  dependantPatchBody,
  dependantResource,
  idempotencyHeaders,
  ifMatchHeaders,
  newDependantBody,
  revisionFromIfMatch,
} from './patient-schemas.js';

// Namespace for dependant ids derived from an Idempotency-Key (a random v4, chosen once).
const DEPENDANT_NAMESPACE = 'c7e9a2d4-6b1f-4f3e-9a8d-2e5b7c1d0f63';
const refusals = { 401: errorBody, 403: errorBody };

export const dependantRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);
    const now = deps.now ?? (() => new Date());
    const commandDeps = { pool: deps.pool, eventStore: deps.eventStore, cipher: personalDataCipher(deps.masterKey) };

    /** The acting patient; other accounts have no dependants to manage (403 PATIENT_ROLE_REQUIRED). */
    const guardianOf = async (request: Parameters<typeof actingAccountOf>[0]): Promise<ActingAccount> => {
      const account = await actingAccountOf(request, deps.pool);
      if (!managesDependants(account)) throw patientRoleRequired();
      return account;
    };

    /** The dependant a command just wrote or found (ahead of the read model). */
    const viewOf = (loaded: LoadedPatient) => {
      if (loaded.state.status !== 'known') throw new Error('A dependant command answered without a dependant.');
      return dependantView(profileViewOfState(loaded.state, loaded.revision));
    };

    app.get(
      '/api/v1/me/dependants',
      {
        schema: {
          summary: 'Your dependants',
          tags: ['me'],
          response: { 200: z.object({ items: z.array(dependantResource) }), ...refusals },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        const rows = await readOwnDependants(deps, account);
        return { items: rows.map((row) => dependantView(profileViewOfRow(row))) };
      },
    );

    app.post(
      '/api/v1/me/dependants',
      {
        schema: {
          summary: 'Register a dependant',
          description:
            'A patient without an account (a child, say) in your care: you can book for them and see their ' +
            'appointments. Send an Idempotency-Key header to make retries safe.',
          tags: ['me'],
          headers: idempotencyHeaders,
          body: newDependantBody,
          response: { 200: dependantResource, 201: dependantResource, 400: errorBody, 422: errorBody, ...refusals },
        },
      },
      async (request, reply) => {
        const account = await guardianOf(request);
        const key = request.headers['idempotency-key'];
        const dependantId = key ? uuidv5(`${account.accountId}:${key}`, DEPENDANT_NAMESPACE) : randomUUID();
        if (key) {
          const existing = await loadPatient(commandDeps, dependantId);
          if (existing.state.status === 'known' && existing.state.guardianId === account.accountId) {
            return reply.code(200).send(viewOf(existing));
          }
        }
        const { relationship, ...profile } = request.body;
        const loaded = await executePatientCommand(
          commandDeps,
          dependantId,
          {
            type: 'RegisterDependant',
            dependantId,
            guardianId: account.accountId,
            relationship,
            profile,
            now: now().toISOString(),
          },
          { actorId: account.accountId },
        );
        await shownInProfiles(commandDeps, loaded);
        return reply.code(201).send(viewOf(loaded));
      },
    );

    app.patch(
      '/api/v1/me/dependants/:id',
      {
        schema: {
          summary: 'Change a dependant’s details',
          description:
            'The fields of registering, each optional: absent leaves a field alone, null clears it (not the name). ' +
            'Send If-Match with the revision you read to refuse the change (409) when someone changed it meanwhile. ' +
            'Only their guardian may; anyone else gets 404.',
          tags: ['me'],
          params: dependantIdParams,
          headers: ifMatchHeaders,
          body: dependantPatchBody,
          response: {
            200: dependantResource,
            400: errorBody,
            404: errorBody,
            409: errorBody,
            422: errorBody,
            ...refusals,
          },
        },
      },
      async (request) => {
        const account = await guardianOf(request);
        const { relationship, ...changes } = request.body;
        const expectedRevision = revisionFromIfMatch(request.headers['if-match']);
        const loaded = await changeDependant(commandDeps, account, {
          dependantId: request.params.id,
          ...(relationship === undefined ? {} : { relationship }),
          changes,
          ...(expectedRevision === undefined ? {} : { expectedRevision }),
          now: now(),
        });
        await shownInProfiles(commandDeps, loaded);
        return viewOf(loaded);
      },
    );

    app.delete(
      '/api/v1/me/dependants/:id',
      {
        schema: {
          summary: 'Remove a dependant from your care',
          description:
            'You no longer see them or book for them, from this answer on; their past appointments stay theirs. ' +
            'Refused with 409 DEPENDANT_HAS_UPCOMING_APPOINTMENTS (each one in the details) while they have ' +
            'appointments ahead or in progress: cancel those first (409 BOOKINGS_STILL_RECORDING: the read model ' +
            'could not confirm there are none yet; try again). Only their guardian may; anyone else gets 404.',
          tags: ['me'],
          params: dependantIdParams,
          response: { 204: z.null(), 404: errorBody, 409: errorBody, ...refusals },
        },
      },
      async (request, reply) => {
        const account = await guardianOf(request);
        await removeDependant(commandDeps, account, { dependantId: request.params.id, now: now() });
        return reply.code(204).send(null);
      },
    );
  };
