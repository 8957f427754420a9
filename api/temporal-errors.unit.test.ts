import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure, RetryState } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { fromTemporalError } from './temporal-errors.js';

const refused = (cause: Error) => new WorkflowUpdateFailedError('Update failed', cause);
const failure = (type: string, details: unknown[] = []) =>
  ApplicationFailure.create({ type, message: `${type} happened`, nonRetryable: true, details });

describe('Temporal failures as domain errors', () => {
  it('reads the code from the failure type and the kind from its first detail', () => {
    expect(fromTemporalError(refused(failure('TOO_EARLY', ['rule_violation'])))).toMatchObject({
      kind: 'rule_violation',
      code: 'TOO_EARLY',
      message: 'TOO_EARLY happened',
    });
    expect(fromTemporalError(refused(failure('ALREADY_REVIEWED', ['conflict'])))).toMatchObject({
      kind: 'conflict',
      code: 'ALREADY_REVIEWED',
    });
  });

  it('finds an activity’s refusal under the ActivityFailure, and knows the reservation codes without a kind', () => {
    const moved = new ActivityFailure(
      'failed',
      'moveSlot',
      '4',
      RetryState.NON_RETRYABLE_FAILURE,
      undefined,
      failure('SLOT_UNAVAILABLE'),
    );
    expect(fromTemporalError(refused(moved))).toMatchObject({ kind: 'conflict', code: 'SLOT_UNAVAILABLE' });
  });

  it('calls a finished or missing workflow not active, and leaves anything else to be a 500', () => {
    expect(fromTemporalError(new WorkflowNotFoundError('gone', 'appointment/x', undefined))).toMatchObject({
      kind: 'not_found',
      code: 'APPOINTMENT_NOT_ACTIVE',
    });
    expect(fromTemporalError(refused(failure('SOMETHING_ODD')))).toBeUndefined();
    expect(fromTemporalError(refused(new Error('worker crashed')))).toBeUndefined();
    expect(fromTemporalError(new Error('connection refused'))).toBeUndefined();
  });
});
