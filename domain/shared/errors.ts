/**
 * The one error taxonomy. Each kind maps once to an HTTP status (api/errors.ts) and a GraphQL
 * extension code; `code` is stable and machine-readable, `message` is for people.
 */
export type DomainErrorKind =
  'validation' | 'unauthenticated' | 'not_found' | 'conflict' | 'forbidden' | 'rule_violation' | 'too_many_requests';

export interface ErrorDetail {
  readonly path: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details?: readonly ErrorDetail[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A 429 that says when to come back; the API sends it as the Retry-After header. */
export class TooManyRequestsError extends DomainError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('too_many_requests', code, message);
  }
}

export const ruleViolation = (code: string, message: string) => new DomainError('rule_violation', code, message);
export const conflict = (code: string, message: string) => new DomainError('conflict', code, message);
export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Compile-time proof that a switch handled every member of a union. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
