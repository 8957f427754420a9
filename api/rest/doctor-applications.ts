/** Verification applications: the doctor submits and follows theirs; admins work the queue and review each one. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PracticeSection } from '../../domain/doctor/index.js';
import { DomainError } from '../../domain/index.js';
import { listApplications } from '../../projections/doctors/application-queries.js';
import { DEFAULT_VERIFICATION_SLA_MS } from '../../workflows/doctor-verification.messages.js';
import { requireAccount } from '../auth/authenticate.js';
import type { ApiDeps } from '../deps.js';
import { requireAdmin, requireDoctor } from '../doctors/roles.js';
import { decideApplication, submitApplication } from '../doctors/verification.js';
import { errorBody } from '../errors.js';
import { readApplicant, readApplicationForReview, readOwnApplication } from '../reads/doctor-application-reads.js';
import {
  applicationDetailResponse,
  applicationResponse,
  commandResponse,
  decisionBody,
  doctorIdParams,
  queueItem,
  queueQuery,
} from './doctor-application-schemas.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };

const incomplete = (missing: readonly PracticeSection[], missingDocuments: readonly string[]) =>
  new DomainError(
    'rule_violation',
    'PRACTICE_INCOMPLETE',
    `Complete your practice before applying: ${missing.join(', ')}.`,
    missing.map((part) => ({
      path: part,
      message: part === 'documents' ? `${missingDocuments.join(' and ')} not uploaded yet` : 'is not set up yet',
    })),
  );

export const doctorApplicationRoutes =
  (deps: ApiDeps, options: { readonly slaMs?: number } = {}): FastifyPluginAsyncZod =>
  async (app) => {
    const slaMs = options.slaMs ?? DEFAULT_VERIFICATION_SLA_MS;

    app.post(
      '/api/v1/doctors/me/application',
      {
        schema: {
          summary: 'Submit (or resubmit) my application for verification',
          description:
            'Needs a complete practice (profile, availability, methods and services) and both credential ' +
            'documents uploaded (government_id and medical_licence); otherwise 422 PRACTICE_INCOMPLETE, ' +
            'whose details name each missing part (`documents` for the credentials).',
          tags: ['doctor verification'],
          response: { 200: commandResponse, ...errors },
        },
      },
      async (request) => {
        const doctorId = requireDoctor(request);
        const { missing, missingDocuments } = await readApplicant(deps, doctorId);
        if (missing.length) throw incomplete(missing, missingDocuments);
        const view = await submitApplication(deps, doctorId, slaMs);
        return { doctorId, status: view.status, escalated: view.escalated, waitingSince: view.waitingSince };
      },
    );

    app.get(
      '/api/v1/doctors/me/application',
      {
        schema: {
          summary: 'My application: status and timeline',
          tags: ['doctor verification'],
          response: { 200: applicationResponse, ...errors },
        },
      },
      async (request) => readOwnApplication(deps, requireDoctor(request)),
    );

    app.get(
      '/api/v1/admin/doctor-applications',
      {
        schema: {
          summary: 'The verification queue (admin): escalated first, then the longest waiting',
          tags: ['admin'],
          querystring: queueQuery,
          response: { 200: z.object({ items: z.array(queueItem) }), ...errors },
        },
      },
      async (request) => {
        requireAdmin(request);
        const { first, status: wanted, waiting, escalated } = request.query;
        const items = await listApplications(deps.pool, {
          first,
          ...(wanted ? { status: wanted } : {}),
          waitingOnly: waiting === 'true',
          escalatedOnly: escalated === 'true',
        });
        return { items };
      },
    );

    app.get(
      '/api/v1/admin/doctor-applications/:id',
      {
        schema: {
          summary: 'One application (admin): the applicant’s profile, documents and timeline',
          description:
            'The timeline is the one the doctor reads. Lists the doctor’s credential documents, so every ' +
            'call is recorded in the doctor’s audit trail. 404 APPLICATION_NOT_FOUND for a doctor who never applied.',
          tags: ['admin'],
          params: doctorIdParams,
          response: { 200: applicationDetailResponse, ...errors },
        },
      },
      async (request) => {
        const adminId = requireAdmin(request);
        const { roles } = requireAccount(request);
        return readApplicationForReview(deps, { accountId: adminId, roles }, request.params.id);
      },
    );

    app.post(
      '/api/v1/admin/doctor-applications/:id/decision',
      {
        schema: {
          summary: 'Decide on an application (admin): review, verify, reject, ask for more, suspend, reinstate',
          tags: ['admin'],
          params: doctorIdParams,
          body: decisionBody,
          response: { 200: commandResponse, ...errors },
        },
      },
      async (request) => {
        const adminId = requireAdmin(request);
        const doctorId = request.params.id;
        const { decision, reason } = request.body;
        const view = await decideApplication(deps, {
          doctorId,
          adminId,
          decision,
          reasonCode: reason.code,
          ...(reason.note ? { note: reason.note } : {}),
        });
        return { doctorId, status: view.status, escalated: view.escalated, waitingSince: view.waitingSince };
      },
    );
  };
