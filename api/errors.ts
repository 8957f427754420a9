/**
 * The one error mapper: every failure leaves the API as `{ error: { code, message, details? } }`.
 * 4xx carry a stable code and a human message; 5xx hide their cause (it is logged instead).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DomainError, TooManyRequestsError, type DomainErrorKind, type ErrorDetail } from '../domain/index.js';

export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

export const STATUS_BY_KIND: Record<DomainErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  rule_violation: 422,
  too_many_requests: 429,
};

/** Fastify's own request errors, by their error code. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'INVALID_JSON',
    message: 'The request body is empty; send a JSON object.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send the body as application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'INVALID_CONTENT_LENGTH',
    message: 'The Content-Length header does not match the body.',
  },
};

/**
 * A refusal about the request's transport rather than the domain (a body too large, a media type
 * the route does not take): no domain error kind fits, so it names its own status and code.
 */
export class HttpProblem extends Error {
  constructor(
    readonly status: 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpProblem';
  }
}

export function body(code: string, message: string, details?: readonly ErrorDetail[]): ErrorBody {
  return { error: { code, message, ...(details?.length ? { details: [...details] } : {}) } };
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send(body('ROUTE_NOT_FOUND', `No route ${request.method} ${request.url.split('?')[0]}.`));
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((issue) => ({
        path: [error.validationContext, issue.instancePath.replace(/^\//, '').replaceAll('/', '.')]
          .filter(Boolean)
          .join('.'),
        message: issue.message ?? 'is invalid',
      }));
      return reply
        .code(400)
        .send(
          body(
            'VALIDATION_FAILED',
            'The request is invalid: ' + details.map((d) => `${d.path}: ${d.message}`).join('; '),
            details,
          ),
        );
    }
    if (error instanceof DomainError) {
      if (error instanceof TooManyRequestsError) void reply.header('retry-after', String(error.retryAfterSeconds));
      return reply.code(STATUS_BY_KIND[error.kind]).send(body(error.code, error.message, error.details));
    }
    if (error instanceof HttpProblem) return reply.code(error.status).send(body(error.code, error.message));
    // PostgreSQL's lock_not_available: a lock wait outlasted its bound (activities/booking-lock.ts
    // sets one for the transaction). Someone else is changing the same thing: worth a retry.
    if (error.code === '55P03') {
      return reply
        .code(409)
        .header('retry-after', '1')
        .send(body('BUSY', 'This is being changed by someone else right now; try again in a moment.'));
    }
    const framework = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (framework) return reply.code(framework.status).send(body(framework.code, framework.message));
    if (error.statusCode === 429)
      return reply.code(429).send(body('RATE_LIMITED', 'Too many requests; wait a moment and try again.'));
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send(body('BAD_REQUEST', error.message));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply
      .code(500)
      .send(body('INTERNAL', 'Something went wrong on our side. It has been logged; please try again.'));
  });
}
