/**
 * Doctor verification for administrators (the API enforces the role and a second factor): the
 * queue, one application (profile, documents and timeline), decisions, the specialization catalog
 * (add, rename, retire, restore), and links to applicants' documents, which are also what a doctor
 * asks for their own documents.
 */
import { interpret, type ApiHttp } from './api-http';
import {
  applicationCommandSchema,
  applicationDetailSchema,
  catalogChangeSchema,
  catalogSchema,
  fileLinkSchema,
  queueSchema,
  specializationSchema,
} from './doctor-schemas';

export interface QueueFilter {
  /** Only applications waiting for an admin (the API's default). */
  waiting?: boolean;
  escalated?: boolean;
  status?: string;
  first?: number;
}

export interface Decision {
  decision: string;
  reason: { code: string; note?: string };
}

const doctorPath = (doctorId: string) => encodeURIComponent(doctorId);

export function createVerificationApi(http: ApiHttp) {
  return {
    queue: async (filter: QueueFilter = {}) => {
      const query = new URLSearchParams({
        waiting: String(filter.waiting ?? true),
        escalated: String(filter.escalated ?? false),
        first: String(filter.first ?? 100),
        ...(filter.status ? { status: filter.status } : {}),
      });
      return interpret(
        await http.get(`/api/v1/admin/doctor-applications?${query.toString()}`),
        queueSchema,
        'the verification queue',
      );
    },
    /** Every call lists the applicant's documents, so the API records it in the doctor's audit trail. */
    application: async (doctorId: string) =>
      interpret(
        await http.get(`/api/v1/admin/doctor-applications/${doctorPath(doctorId)}`),
        applicationDetailSchema,
        'the application',
      ),
    decide: async (doctorId: string, decision: Decision) =>
      interpret(
        await http.post(`/api/v1/admin/doctor-applications/${doctorPath(doctorId)}/decision`, decision),
        applicationCommandSchema,
        'the decision',
      ),
    /** Retired entries too, with how many practices name each. */
    specializationCatalog: async () =>
      interpret(await http.get('/api/v1/admin/specializations'), catalogSchema, 'the specialization catalog'),
    addSpecialization: async (entry: { id: string; name: string }) =>
      interpret(await http.post('/api/v1/admin/specializations', entry), specializationSchema, 'the specialization'),
    /** A rename (`name`), a retirement or a restore (`retired`). */
    changeSpecialization: async (id: string, change: { name?: string; retired?: boolean }) =>
      interpret(
        await http.patch(`/api/v1/admin/specializations/${encodeURIComponent(id)}`, change),
        catalogChangeSchema,
        'the specialization change',
      ),
    documentLink: async (doctorId: string, documentId: string) =>
      interpret(
        await http.post(`/api/v1/doctors/${doctorPath(doctorId)}/documents/${encodeURIComponent(documentId)}/link`),
        fileLinkSchema,
        'the document link',
      ),
  };
}
