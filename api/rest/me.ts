/** The signed-in account: its own profile, and its dependants (patients in its care, dependants.ts). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { emptyProfile } from '../../domain/index.js';
import { actingAccountOf, protectRoutes } from '../access/access-context.js';
import { ownAccount } from '../access/account-queries.js';
import type { ApiDeps } from '../deps.js';
import { errorBody } from '../errors.js';
import { executePatientCommand, type LoadedPatient } from '../patients/patient-commands.js';
import { personalDataCipher } from '../patients/personal-data.js';
import { profileViewOfRow, profileViewOfState, type ProfileView } from '../patients/patient-views.js';
import { readOwnProfile } from '../reads/patient-reads.js';
import { dependantRoutes } from './dependants.js';
import { shownInProfiles } from '../patients/dependants.js';
import {
  ifMatchHeaders,
  meResource,
  profilePatchBody,
  profileResource,
  revisionFromIfMatch,
} from './patient-schemas.js';

const refusals = { 401: errorBody, 403: errorBody };

export const meRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    protectRoutes(app, deps.pool);
    await app.register(dependantRoutes(deps));
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
        await shownInProfiles(commandDeps, loaded);
        return viewOf(patientId, loaded);
      },
    );
  };
