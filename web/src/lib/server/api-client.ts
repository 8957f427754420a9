/**
 * The web app's only door to the Consulta API: server-side HTTP, never from the browser. Every
 * call resolves to a discriminated result (see api-http.ts); nothing here throws.
 *
 * The `fetch` given decides who is calling: the per-request session fetch (session/session-fetch.ts)
 * adds the signed-in account's access token and renews it when it expires; a plain fetch calls
 * anonymously (sign-up, login, password reset).
 */
import type { z } from 'zod';
import type { Appointment, ConsultationMethod } from '$lib/appointment';
import { createAccountApi } from './account-api';
import { createAdminApi } from './admin-api';
import { createApiHttp, errorFromBody, interpret, type ApiHttpOptions, type ApiResult } from './api-http';
import {
  appointmentsResponseSchema,
  cancelledAppointmentSchema,
  graphqlErrorsSchema,
  healthSchema,
} from './api-schemas';
import { createAuthApi } from './auth-api';
import { createDevApi } from './dev-api';
import { createDoctorsApi } from './doctors-api';
import { createLifecycleApi } from './lifecycle-api';
import { bookedSchema, type Booked } from './lifecycle-schemas';
import { createPracticeApi } from './practice-api';
import { createVerificationApi } from './verification-api';

export type { ApiError, ApiErrorDetail, ApiResult } from './api-http';

export interface RequestAppointmentInput {
  doctorId: string;
  serviceId: string;
  method: ConsultationMethod;
  startsAt: string;
  /** A dependant's id to book for them; omitted, the appointment is for the caller. */
  patientId?: string;
}

export type RequestedAppointment = Booked;
export type CancelledAppointment = z.infer<typeof cancelledAppointmentSchema>;
export type Health = z.infer<typeof healthSchema>;
export type ApiClientOptions = ApiHttpOptions;

const appointmentsQuery = `query Appointments($first: Int, $status: String) {
  appointments(first: $first, status: $status) {
    id patientId doctorId serviceId method startsAt status requestedAt updatedAt paymentDueAt cancelledAt cancelReason patientName
  }
}`;

export function createApiClient(options: ApiClientOptions) {
  const http = createApiHttp(options);

  /** Only what the caller may see: a patient's own and their dependants', a doctor's own, everything for staff. */
  async function listAppointments(filter: { first?: number; status?: string } = {}): Promise<ApiResult<Appointment[]>> {
    const answer = await http.post('/graphql', {
      query: appointmentsQuery,
      variables: { first: filter.first ?? 50, status: filter.status ?? null },
    });
    // GraphQL reports resolver failures with HTTP 200 and an `errors` array.
    if (answer.kind === 'answered' && graphqlErrorsSchema.safeParse(answer.body).success) {
      return { ok: false, status: answer.status, error: errorFromBody(answer.status, answer.body) };
    }
    const result = interpret(answer, appointmentsResponseSchema, 'the appointments query');
    return result.ok ? { ...result, data: result.data.data.appointments } : result;
  }

  /**
   * With an idempotency key, sending the same request again (a retry, a resubmitted form) answers
   * with the appointment the first one created instead of booking twice.
   */
  async function requestAppointment(
    input: RequestAppointmentInput,
    idempotencyKey?: string,
  ): Promise<ApiResult<RequestedAppointment>> {
    const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': idempotencyKey } : {};
    const answer = await http.post('/api/v1/appointments', input, headers);
    return interpret(answer, bookedSchema, 'the booking request');
  }

  /** No `by`: the API knows who is cancelling from the session. */
  async function cancelAppointment(id: string, reason: string): Promise<ApiResult<CancelledAppointment>> {
    const path = `/api/v1/appointments/${encodeURIComponent(id)}/cancel`;
    return interpret(await http.post(path, { reason }), cancelledAppointmentSchema, 'the cancellation');
  }

  async function health(): Promise<ApiResult<Health>> {
    const answer = await http.get('/healthz');
    // A degraded API may answer 503 with the same body; that is still a health report.
    if (answer.kind === 'answered' && answer.status === 503) {
      const parsed = healthSchema.safeParse(answer.body);
      if (parsed.success) return { ok: true, status: 503, data: parsed.data };
    }
    return interpret(answer, healthSchema, 'the health check');
  }

  return {
    baseUrl: http.baseUrl,
    listAppointments,
    requestAppointment,
    cancelAppointment,
    health,
    auth: createAuthApi(http),
    account: createAccountApi(http),
    admin: createAdminApi(http),
    dev: createDevApi(http),
    practice: createPracticeApi(http),
    doctors: createDoctorsApi(http),
    verification: createVerificationApi(http),
    lifecycle: createLifecycleApi(http),
    /** The API's answer as is, for streaming a file through (see file-proxy.ts). */
    raw: http.raw,
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;
