/**
 * Verification application reads shared by REST (api/rest/doctor-applications.ts) and GraphQL:
 * the doctor's own application, and one application as an admin reviews it (audited). The queue
 * is projections/doctors/application-queries.ts, read by both as is.
 * Callers gate them first (api/doctors/roles.ts): the doctor reads only their own, admins any.
 */
import { missingDocumentKinds } from '../../domain/doctor-document/index.js';
import { missingSections } from '../../domain/doctor/index.js';
import { notFound } from '../../domain/index.js';
import type { Role } from '../../domain/identity/roles.js';
import { recordAudit } from '../audit.js';
import type { ApiDeps } from '../deps.js';
import { documentView } from '../documents/doctor-documents.js';
import { listDocuments } from '../documents/document-rows.js';
import { loadPractice } from '../doctors/practice-store.js';
import { readTimeline } from '../doctors/verification.js';

/**
 * The doctor's practice and live credential documents, and what an application still lacks. The
 * documents live apart from the practice stream (api/documents/), so their kinds are read there.
 */
export async function readApplicant(deps: Pick<ApiDeps, 'eventStore' | 'pool'>, doctorId: string) {
  const [practice, documents] = await Promise.all([
    loadPractice(deps.eventStore, doctorId),
    listDocuments(deps.pool, doctorId),
  ]);
  const kinds = documents.map((document) => document.kind);
  return {
    profile: practice.state.profile,
    documents: documents.map(documentView),
    missing: missingSections(practice.state, kinds),
    missingDocuments: missingDocumentKinds(kinds),
  };
}

/** The doctor's own application: status, timeline and what is still missing (status none before applying). */
export async function readOwnApplication(deps: Pick<ApiDeps, 'eventStore' | 'pool'>, doctorId: string) {
  const [application, applicant] = await Promise.all([
    readTimeline(deps.eventStore, doctorId),
    readApplicant(deps, doctorId),
  ]);
  return { ...application, missing: applicant.missing };
}

/**
 * One application as an admin reviews it: the doctor's timeline, profile and credential documents.
 * It lists those documents, so every read is recorded in the doctor's audit trail.
 * 404 APPLICATION_NOT_FOUND for a doctor who never applied.
 */
export async function readApplicationForReview(
  deps: Pick<ApiDeps, 'eventStore' | 'pool' | 'now'>,
  admin: { readonly accountId: string; readonly roles: readonly Role[] },
  doctorId: string,
) {
  const application = await readTimeline(deps.eventStore, doctorId);
  if (application.timeline.length === 0) {
    throw notFound('APPLICATION_NOT_FOUND', 'This doctor has not applied for verification.');
  }
  const { profile, documents, missing } = await readApplicant(deps, doctorId);
  await recordAudit(deps.eventStore, {
    type: 'StaffReadDoctorDocument',
    actorId: admin.accountId,
    subjectId: doctorId,
    data: { resource: 'doctor-application', resourceId: null, roles: [...admin.roles] },
    at: (deps.now ?? (() => new Date()))(),
  });
  return { doctorId, ...application, missing, profile, documents };
}
