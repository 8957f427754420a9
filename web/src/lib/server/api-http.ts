/**
 * The HTTP underneath the API client: one exchange with the API, then its interpretation as a
 * discriminated result. Nothing here throws: 4xx/5xx and network failures are values, so a page
 * can render whatever happens. `status` is 0 when the API could not be reached at all.
 */
import type { z } from 'zod';
import { apiErrorBodySchema, graphqlErrorsSchema } from './api-schemas';

export interface ApiErrorDetail {
  path: string;
  message: string;
}

export interface ApiError {
  code: string;
  message: string;
  details: ApiErrorDetail[];
  /** From `Retry-After` on a 429: how long to wait before trying again. */
  retryAfterSeconds?: number;
}

export type ApiResult<T> = { ok: true; status: number; data: T } | { ok: false; status: number; error: ApiError };

export type Exchange =
  | { kind: 'unreachable'; error: ApiError }
  | { kind: 'answered'; status: number; body: unknown; retryAfterSeconds?: number };

export interface ApiHttpOptions {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs?: number;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `Retry-After` is either delta-seconds or an HTTP date; anything else is ignored. */
function retryAfterSeconds(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export function errorFromBody(status: number, body: unknown): ApiError {
  const rest = apiErrorBodySchema.safeParse(body);
  if (rest.success) return { ...rest.data.error, details: rest.data.error.details ?? [] };
  const graphql = graphqlErrorsSchema.safeParse(body);
  if (graphql.success) {
    const [first] = graphql.data.errors;
    return {
      code: first?.extensions?.code ?? 'GRAPHQL_ERROR',
      message: graphql.data.errors.map((error) => error.message).join('; '),
      details: [],
    };
  }
  return { code: `HTTP_${status}`, message: `The API answered with HTTP ${status}.`, details: [] };
}

export function interpret<T>(exchange: Exchange, schema: z.ZodType<T>, what: string): ApiResult<T> {
  if (exchange.kind === 'unreachable') return { ok: false, status: 0, error: exchange.error };
  const { status, body } = exchange;
  if (status >= 400) {
    const error = errorFromBody(status, body);
    if (exchange.retryAfterSeconds !== undefined) error.retryAfterSeconds = exchange.retryAfterSeconds;
    return { ok: false, status, error };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const error = { code: 'BAD_RESPONSE', message: `The API sent an unexpected answer for ${what}.`, details: [] };
    return { ok: false, status: 502, error };
  }
  return { ok: true, status, data: parsed.data };
}

export function createApiHttp({ baseUrl, fetch: fetchFn, timeoutMs = 10_000 }: ApiHttpOptions) {
  async function exchange(
    path: string,
    init: RequestInit = {},
    extraHeaders: Record<string, string> = {},
  ): Promise<Exchange> {
    // Only JSON travels as a string body; FormData (uploads) sets its own multipart boundary.
    const headers = {
      accept: 'application/json',
      ...(typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}),
      ...extraHeaders,
    };
    try {
      const response = await fetchFn(`${baseUrl}${path}`, { ...init, headers, signal: AbortSignal.timeout(timeoutMs) });
      const body = parseJson(await response.text());
      const retryAfter = response.status === 429 ? retryAfterSeconds(response.headers.get('retry-after')) : undefined;
      return {
        kind: 'answered',
        status: response.status,
        body,
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      };
    } catch (cause) {
      const timedOut = cause instanceof DOMException && cause.name === 'TimeoutError';
      const why = timedOut ? `did not answer within ${timeoutMs} ms` : 'refused or dropped the connection';
      return {
        kind: 'unreachable',
        error: { code: 'API_UNREACHABLE', message: `The API at ${baseUrl} ${why}.`, details: [] },
      };
    }
  }

  const send = (method: string, path: string, payload?: unknown, extraHeaders?: Record<string, string>) =>
    exchange(path, payload === undefined ? { method } : { method, body: JSON.stringify(payload) }, extraHeaders);

  /**
   * The API's answer as is, body unread, for streaming it on (file downloads, photos; `headers` such
   * as If-None-Match go along). Null when the API could not be reached. The timeout covers the wait
   * for the headers only: a large file may take longer than that to stream through.
   */
  async function raw(path: string, headers: Record<string, string> = {}): Promise<Response | null> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    try {
      return await fetchFn(`${baseUrl}${path}`, { method: 'GET', headers, signal: controller.signal });
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    baseUrl,
    exchange,
    raw,
    get: (path: string) => send('GET', path),
    put: (path: string, payload: unknown, extraHeaders?: Record<string, string>) =>
      send('PUT', path, payload, extraHeaders),
    /** multipart/form-data, for uploads; a FormData body can be sent again if the session is renewed. */
    upload: (path: string, form: FormData) => exchange(path, { method: 'POST', body: form }),
    post: (path: string, payload: unknown = {}, extraHeaders?: Record<string, string>) =>
      send('POST', path, payload, extraHeaders),
    patch: (path: string, payload: unknown, extraHeaders?: Record<string, string>) =>
      send('PATCH', path, payload, extraHeaders),
    delete: (path: string, extraHeaders?: Record<string, string>) => send('DELETE', path, undefined, extraHeaders),
  };
}

export type ApiHttp = ReturnType<typeof createApiHttp>;
