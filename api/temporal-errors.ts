/** Turns Temporal client failures into the domain's error taxonomy. */
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { DomainError, type DomainErrorKind } from '../domain/index.js';

const KINDS: readonly DomainErrorKind[] = ['validation', 'not_found', 'conflict', 'forbidden', 'rule_violation'];

export function fromTemporalError(error: unknown): DomainError | undefined {
  if (error instanceof WorkflowNotFoundError) {
    return new DomainError('not_found', 'APPOINTMENT_NOT_ACTIVE', 'This appointment is not active any more.');
  }
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
    const failure = error.cause;
    const kind = KINDS.find((candidate) => candidate === failure.details?.[0]);
    if (failure.type === 'VALIDATION_FAILED')
      return new DomainError('validation', 'VALIDATION_FAILED', failure.message);
    if (kind && failure.type) return new DomainError(kind, failure.type, failure.message);
  }
  return undefined;
}
