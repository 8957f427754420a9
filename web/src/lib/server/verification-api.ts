/**
 * Doctor verification for administrators (the API enforces the role and a second factor): the
 * queue, decisions, the specialization catalog, and applicants' documents. Document links are
 * also what a doctor asks for their own documents.
 */
import { interpret, type ApiHttp } from './api-http';
import {
  applicationCommandSchema,
  documentsSchema,
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
    decide: async (doctorId: string, decision: Decision) =>
      interpret(
        await http.post(`/api/v1/admin/doctor-applications/${doctorPath(doctorId)}/decision`, decision),
        applicationCommandSchema,
        'the decision',
      ),
    addSpecialization: async (entry: { id: string; name: string }) =>
      interpret(await http.post('/api/v1/admin/specializations', entry), specializationSchema, 'the specialization'),
    doctorDocuments: async (doctorId: string) =>
      interpret(
        await http.get(`/api/v1/admin/doctors/${doctorPath(doctorId)}/documents`),
        documentsSchema,
        'the applicant’s documents',
      ),
    documentLink: async (doctorId: string, documentId: string) =>
      interpret(
        await http.post(`/api/v1/doctors/${doctorPath(doctorId)}/documents/${encodeURIComponent(documentId)}/link`),
        fileLinkSchema,
        'the document link',
      ),
  };
}
