/**
 * Turns Temporal client failures into the domain's error taxonomy. Workflows end business
 * refusals as non-retryable ApplicationFailures whose type is the DomainError's code and whose
 * first detail is its kind (workflows/appointment.failures.ts); this reads them back, so a refusal
 * is a 4xx with its stable code and anything unrecognised stays a 5xx (a bug to look at).
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, type DomainErrorKind } from '../domain/index.js';

const KINDS: readonly DomainErrorKind[] = ['validation', 'not_found', 'conflict', 'forbidden', 'rule_violation'];

/**
 * Refusals an activity raises without a kind attached (a failure from before kinds were passed
 * on, or one the workflow rethrew as it was): the reservation ones are the only business refusals.
 */
const KIND_BY_CODE: Readonly<Record<string, DomainErrorKind>> = {
  SLOT_UNAVAILABLE: 'conflict',
  DOCTOR_NOT_BOOKABLE: 'rule_violation',
  VALIDATION_FAILED: 'validation',
};

export function fromTemporalError(error: unknown): DomainError | undefined {
  if (error instanceof WorkflowNotFoundError) {
    return new DomainError('not_found', 'APPOINTMENT_NOT_ACTIVE', 'This appointment is not active any more.');
  }
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  // The outermost failure that names a kind wins: the workflow's own wrapping of an activity's refusal.
  let cause: unknown = error.cause;
  for (let depth = 0; cause instanceof Error && depth < 5; depth += 1) {
    const refusal = cause instanceof ApplicationFailure ? asDomainError(cause) : undefined;
    if (refusal) return refusal;
    cause = cause.cause;
  }
  return undefined;
}

function asDomainError(failure: ApplicationFailure): DomainError | undefined {
  if (!failure.type) return undefined;
  const detail = failure.details?.[0];
  const kind = KINDS.find((candidate) => candidate === detail) ?? KIND_BY_CODE[failure.type];
  return kind ? new DomainError(kind, failure.type, failure.message) : undefined;
}
