/**
 * Doctors' credential documents (government ID, medical licence, profile photo): a doctor uploads,
 * lists and deletes their own, before verification too (that is what they are for); an admin
 * lists a doctor's to verify them; either asks for a short-lived download link (files.ts serves
 * it). Everyone else gets 404, as if the documents did not exist (domain/access/policy.ts
 * doctorDocumentRead), and admins' reads are audited. The one exception is a listed doctor's newest
 * photo, public through doctor-photo.ts.
 */
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { doctorDocumentRead, managesOwnDoctorDocuments, type ActingAccount } from '../../domain/access/policy.js';
import { DomainError, notFound } from '../../domain/index.js';
import { actingAccountOf, protectRoutes } from '../access/access-context.js';
import { findStoredAccount } from '../access/account-queries.js';
import { recordAudit } from '../audit.js';
import type { ApiDeps } from '../deps.js';
import { checkContent } from '../documents/check-content.js';
import { doctorDocuments } from '../documents/doctor-documents.js';
import { readUpload, UPLOAD_LIMITS } from '../documents/read-upload.js';
import { errorBody } from '../errors.js';
import {
  doctorDocumentParams,
  doctorParams,
  documentList,
  documentParams,
  documentResource,
  fileLink,
} from './document-schemas.js';

const refusals = { 401: errorBody, 403: errorBody };
const documentNotFound = () => notFound('DOCUMENT_NOT_FOUND', 'No such document.');

export const documentRoutes =
  (deps: ApiDeps): FastifyPluginAsyncZod =>
  async (app) => {
    // Here only (an encapsulated context): every other route keeps refusing multipart bodies and
    // keeps its 64 KiB JSON limit. The limits are enforced while the upload streams in.
    await app.register(multipart, { limits: UPLOAD_LIMITS });
    protectRoutes(app, deps.pool);
    const documents = doctorDocuments(deps);
    const now = deps.now ?? (() => new Date());

    /** The caller as a doctor managing their own documents (verified or not), or 403. */
    async function doctorOf(request: FastifyRequest): Promise<ActingAccount> {
      const account = await actingAccountOf(request, deps.pool);
      // The acting account sets an unverified doctor's role aside; onboarding needs the role as held.
      const stored = await findStoredAccount(deps.pool, account.accountId);
      if (!managesOwnDoctorDocuments(request.actor, stored))
        throw new DomainError('forbidden', 'ROLE_REQUIRED', 'Only accounts with the doctor role can do this.');
      return account;
    }

    async function auditAdminRead(
      account: ActingAccount,
      doctorId: string,
      resource: string,
      resourceId: string | null,
    ) {
      await recordAudit(deps.eventStore, {
        type: 'StaffReadDoctorDocument',
        actorId: account.accountId,
        subjectId: doctorId,
        data: { resource, resourceId, roles: [...account.roles] },
        at: now(),
      });
    }

    app.post(
      '/api/v1/doctors/me/documents',
      {
        schema: {
          summary: 'Upload a credential document',
          description:
            'multipart/form-data with the fields `kind` (government_id, medical_licence or photo) and `file` ' +
            '(PDF, PNG or JPEG; a photo PNG or JPEG only; 10 MiB at most). The type is judged by the content: ' +
            'a declared type or file name that disagrees with it is refused (415). Stored encrypted.',
          tags: ['doctor documents'],
          consumes: ['multipart/form-data'],
          response: {
            201: documentResource,
            400: errorBody,
            413: errorBody,
            415: errorBody,
            422: errorBody,
            ...refusals,
          },
        },
      },
      async (request, reply) => {
        const account = await doctorOf(request);
        const { kind, file } = await readUpload(request);
        const contentType = checkContent(kind, file);
        const view = await documents.upload({
          doctorId: account.accountId,
          actorId: account.accountId,
          kind,
          contentType,
          bytes: file.bytes,
        });
        return reply.code(201).send(view);
      },
    );

    app.get(
      '/api/v1/doctors/me/documents',
      {
        schema: {
          summary: 'My credential documents',
          tags: ['doctor documents'],
          response: { 200: documentList, ...refusals },
        },
      },
      async (request) => ({ items: await documents.list((await doctorOf(request)).accountId) }),
    );

    app.delete(
      '/api/v1/doctors/me/documents/:id',
      {
        schema: {
          summary: 'Delete one of my credential documents',
          description: 'Its bytes are deleted and its key forgotten; links to it stop working at once.',
          tags: ['doctor documents'],
          params: documentParams,
          response: { 204: z.null(), 404: errorBody, ...refusals },
        },
      },
      async (request, reply) => {
        const account = await doctorOf(request);
        const deleted = await documents.remove({
          doctorId: account.accountId,
          documentId: request.params.id,
          actorId: account.accountId,
          onOrphan: (err) =>
            request.log.warn({ err, documentId: request.params.id }, 'deleted document: bytes left in the file store'),
        });
        if (!deleted) throw documentNotFound();
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/v1/admin/doctors/:doctorId/documents',
      {
        schema: {
          summary: 'A doctor’s credential documents (admin)',
          description: 'For verification. Every call is recorded in the doctor’s audit trail.',
          tags: ['admin'],
          params: doctorParams,
          response: { 200: documentList, ...refusals },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        if (!account.roles.includes('admin'))
          throw new DomainError('forbidden', 'ADMIN_ONLY', 'Only administrators can do this.');
        const { doctorId } = request.params;
        const items = await documents.list(doctorId);
        await auditAdminRead(account, doctorId, 'doctor-documents-list', null);
        return { items };
      },
    );

    app.post(
      '/api/v1/doctors/:doctorId/documents/:id/link',
      {
        schema: {
          summary: 'A download link to a credential document',
          description:
            'For the doctor themself or an admin (audited); valid for 5 minutes, usable without a session. ' +
            'Anyone else gets 404.',
          tags: ['doctor documents'],
          params: doctorDocumentParams,
          response: { 200: fileLink, 404: errorBody, ...refusals },
        },
      },
      async (request) => {
        const account = await actingAccountOf(request, deps.pool);
        const { doctorId, id } = request.params;
        const decision = doctorDocumentRead(account, doctorId);
        if (!decision.allowed) throw documentNotFound();
        const row = await documents.find(id);
        if (!row || row.doctorId !== doctorId) throw documentNotFound();
        // Audited when the link is handed out: the link itself carries no identity to audit later.
        if (decision.audit) await auditAdminRead(account, doctorId, 'doctor-document', row.id);
        const { token, expiresAt } = documents.links.issue(row.id);
        return {
          url: `${request.protocol}://${request.host}/api/v1/files/${token}`,
          expiresAt: expiresAt.toISOString(),
        };
      },
    );
  };
