/** The signed-in account: its own profile and its dependants (patients in its care). */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { v5 as uuidv5 } from 'uuid';
import { z } from 'zod';
import { managesDependants } from '../../domain/access/policy.js';
import { emptyProfile } from '../../domain/index.js';
import { actingAccountOf, protectRoutes } from '../access/access-context.js';
import { ownAccount } from '../access/account-queries.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { executePatientCommand, loadPatient, type LoadedPatient } from '../patients/patient-commands.js';
import { personalDataCipher } from '../patients/personal-data.js';
import { dependantView, profileViewOfRow, profileViewOfState, type ProfileView } from '../patients/patient-views.js';
import { patientRoleRequired, readOwnDependants, readOwnProfile } from '../reads/patient-reads.js';
import {
  dependantResource,
  idempotencyHeaders,
  ifMatchHeaders,
  meResource,
  newDependantBody,
  profilePatchBody,
  profileResource,
  revisionFromIfMatch,
} from './patient-schemas.js';

// Namespace for dependant ids derived from an Idempotency-Key (a random v4, chosen once).
const DEPENDANT_NAMESPACE = 'c7e9a2d4-6b1f-4f3e-9a8d-2e5b7c1d0f63';
const refusals = { 401: errorBody, 403: errorBody };

export const meRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);
    const now = deps.now ?? (() => new Date());
    const commandDeps = { pool: deps.pool, eventStore: deps.eventStore, cipher: personalDataCipher(deps.masterKey) };

    /** The view of what a command left; an account that never wrote a profile gets an empty one. */
    const viewOf = (patientId: string, loaded: LoadedPatient): ProfileView =>
      loaded.state.status === 'known'
        ? profileViewOfState(loaded.state, loaded.revision)
        : {
            patientId,
            guardianId: null,
            relationship: null,
            ...emptyProfile,
            revision: -1,
            updatedAt: now().toISOString(),
          };

    app.get(
      '/api/v1/me',
      {
        schema: {
          summary: 'The signed-in account and its profile',
          tags: ['me'],
          response: { 200: meResource, ...refusals },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        const [own, profile] = await Promise.all([ownAccount(deps.pool, account), readOwnProfile(deps, account)]);
        return { account: own, profile: profile ? profileViewOfRow(profile) : null };
      },
    );

    app.patch(
      '/api/v1/me',
      {
        schema: {
          summary: 'Change your profile',
          description:
            'Send only the fields to change; null clears a field. Send If-Match with the revision you read ' +
            'to refuse the change (409) when someone changed the profile meanwhile.',
          tags: ['me'],
          headers: ifMatchHeaders,
          body: profilePatchBody,
          response: { 200: profileResource, 400: errorBody, 409: errorBody, ...refusals },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        const patientId = account.accountId;
        const expectedRevision = revisionFromIfMatch(request.headers['if-match']);
        const loaded = await executePatientCommand(
          commandDeps,
          patientId,
          { type: 'ChangePatientProfile', patientId, changes: request.body, now: now().toISOString() },
          { actorId: account.accountId, ...(expectedRevision === undefined ? {} : { expectedRevision }) },
        );
        return viewOf(patientId, loaded);
      },
    );

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
        const account = await actingAccountOf(request, deps.pool);
        if (!managesDependants(account)) throw patientRoleRequired();
        const key = request.headers['idempotency-key'];
        const dependantId = key ? uuidv5(`${account.accountId}:${key}`, DEPENDANT_NAMESPACE) : randomUUID();
        if (key) {
          const existing = await loadPatient(commandDeps, dependantId);
          if (existing.state.status === 'known' && existing.state.guardianId === account.accountId) {
            return reply.code(200).send(dependantView(viewOf(dependantId, existing)));
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
        return reply.code(201).send(dependantView(viewOf(dependantId, loaded)));
      },
    );
  };
