/**
 * The booking lifecycle (`/api/v1/appointments/:id/…`, `/api/v1/me/dashboard`): one appointment,
 * its timeline, the refund a cancellation would give, and the commands that move it along. The
 * API authorizes every call per appointment; a 404 means "not yours to see" as much as "gone".
 */
import { interpret, type ApiHttp } from './api-http';
import {
  appointmentDetailSchema,
  commandAnswerSchema,
  doctorDashboardSchema,
  patientDashboardSchema,
  prescriptionSchema,
  refundQuoteSchema,
  reviewsSchema,
  roomSchema,
  statusChangeSchema,
  timelineSchema,
} from './lifecycle-schemas';

export interface PrescriptionInput {
  medicines: Array<{
    medicine: string;
    dose: string;
    route: string;
    frequency: string;
    duration: string;
    notes?: string;
  }>;
  notes?: string;
}

export interface ReviewInput {
  rating: number;
  comment?: string;
}

const path = (id: string, rest = '') => `/api/v1/appointments/${encodeURIComponent(id)}${rest}`;

export function createLifecycleApi(http: ApiHttp) {
  const command = async (id: string, step: string, body: unknown, what: string) =>
    interpret(await http.post(path(id, `/${step}`), body), commandAnswerSchema, what);

  return {
    detail: async (id: string) => interpret(await http.get(path(id)), appointmentDetailSchema, 'the appointment'),
    timeline: async (id: string) => interpret(await http.get(path(id, '/events')), timelineSchema, 'its history'),
    /** Only status and revision, for the page's polling fallback; the full detail carries both too. */
    status: async (id: string) => interpret(await http.get(path(id)), statusChangeSchema, 'the appointment status'),
    cancellationQuote: async (id: string) =>
      interpret(await http.get(path(id, '/cancellation-quote')), refundQuoteSchema, 'the refund quote'),
    room: async (id: string) => interpret(await http.get(path(id, '/room')), roomSchema, 'the consultation room'),
    prescription: async (id: string) =>
      interpret(await http.get(path(id, '/prescription')), prescriptionSchema, 'the prescription'),

    reschedule: (id: string, startsAt: string) => command(id, 'reschedule', { startsAt }, 'the new time'),
    checkIn: (id: string) => command(id, 'check-in', {}, 'the check-in'),
    admit: (id: string) => command(id, 'admit', {}, 'admitting the patient'),
    end: (id: string) => command(id, 'end', {}, 'ending the consultation'),
    prescribe: (id: string, input: PrescriptionInput) => command(id, 'prescription', input, 'the prescription'),
    review: (id: string, input: ReviewInput) => command(id, 'review', input, 'the review'),

    /** An account that is both asks for one side; the API answers 403 NO_DASHBOARD for neither. */
    patientDashboard: async (options: { first?: number; pastAfter?: string } = {}) => {
      const query = new URLSearchParams({ as: 'patient', first: String(options.first ?? 20) });
      if (options.pastAfter) query.set('pastAfter', options.pastAfter);
      return interpret(await http.get(`/api/v1/me/dashboard?${query}`), patientDashboardSchema, 'your appointments');
    },
    doctorDashboard: async () =>
      interpret(await http.get('/api/v1/me/dashboard?as=doctor&first=50'), doctorDashboardSchema, 'your day'),
    doctorReviews: async (doctorId: string, options: { first?: number; after?: string } = {}) => {
      const query = new URLSearchParams({ first: String(options.first ?? 5) });
      if (options.after) query.set('after', options.after);
      return interpret(
        await http.get(`/api/v1/doctors/${encodeURIComponent(doctorId)}/reviews?${query}`),
        reviewsSchema,
        'the doctor’s reviews',
      );
    },
  };
}

export type LifecycleApi = ReturnType<typeof createLifecycleApi>;
