/** Verification applications: the doctor submits and follows theirs; admins work the queue. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError } from '../../domain/index.js';
import { missingSections } from '../../domain/doctor/index.js';
import { adminDecisionKind, verificationReasonCode } from '../../domain/verification/index.js';
import { listApplications } from '../../projections/doctors/application-queries.js';
import { DEFAULT_VERIFICATION_SLA_MS } from '../../workflows/doctor-verification.messages.js';
import type { ApiDeps } from '../deps.js';
import { requireAdmin, requireDoctor } from '../doctors/roles.js';
import { loadPractice } from '../doctors/practice-store.js';
import { decideApplication, readTimeline, submitApplication } from '../doctors/verification.js';
import { errorBody } from '../errors.js';

const errors = { 400: errorBody, 401: errorBody, 403: errorBody, 404: errorBody, 409: errorBody, 422: errorBody };
const status = z.enum([
  'none',
  'submitted',
  'in_review',
  'more_information_requested',
  'resubmitted',
  'verified',
  'rejected',
  'suspended',
]);
const section = z.enum(['profile', 'availability', 'methods', 'services']);

const applicationResponse = z.object({
  status,
  escalated: z.boolean(),
  /** What is still missing before the doctor can (re)submit. */
  missing: z.array(section),
  timeline: z.array(
    z.object({
      type: z.string(),
      at: z.string(),
      status: status.nullable(),
      reasonCode: z.string().nullable(),
      note: z.string().nullable(),
    }),
  ),
});
const commandResponse = z.object({
  doctorId: z.uuid(),
  status,
  escalated: z.boolean(),
  waitingSince: z.string().nullable(),
});

const decisionBody = z.strictObject({
  decision: adminDecisionKind,
  reason: z.strictObject({
    code: verificationReasonCode,
    /** Shown to the doctor in their timeline; kept out of Temporal (only its id travels there). */
    note: z.string().trim().min(1).max(500).optional(),
  }),
});

const queueQuery = z.strictObject({
  status: status.optional(),
  waiting: z.enum(['true', 'false']).default('true'),
  escalated: z.enum(['true', 'false']).default('false'),
  first: z.coerce.number().int().min(1).max(200).default(50),
});
const queueItem = z.object({
  doctorId: z.uuid(),
  displayName: z.string(),
  status: z.string(),
  submittedAt: z.string(),
  waitingSince: z.string().nullable(),
  escalated: z.boolean(),
  lastDecisionAt: z.string().nullable(),
  lastReasonCode: z.string().nullable(),
});

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
            'Needs a complete practice: profile, availability, methods and services (422 PRACTICE_INCOMPLETE).',
          tags: ['doctor verification'],
          response: { 200: commandResponse, ...errors },
        },
      },
      async (request) => {
        const doctorId = requireDoctor(request);
        const missing = missingSections((await loadPractice(deps.eventStore, doctorId)).state);
        if (missing.length) {
          throw new DomainError(
            'rule_violation',
            'PRACTICE_INCOMPLETE',
            `Complete your practice before applying: ${missing.join(', ')}.`,
            missing.map((part) => ({ path: part, message: 'is not set up yet' })),
          );
        }
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
      async (request) => {
        const doctorId = requireDoctor(request);
        const [application, practice] = await Promise.all([
          readTimeline(deps.eventStore, doctorId),
          loadPractice(deps.eventStore, doctorId),
        ]);
        return { ...application, missing: missingSections(practice.state) };
      },
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

    app.post(
      '/api/v1/admin/doctor-applications/:id/decision',
      {
        schema: {
          summary: 'Decide on an application (admin): review, verify, reject, ask for more, suspend, reinstate',
          tags: ['admin'],
          params: z.strictObject({ id: z.uuid() }),
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
