/** How business refusals leave the appointment workflow: non-retryable failures carrying the domain's code. */
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { isDomainError, type DomainErrorKind } from '../domain/index.js';

const ACTIVITY_KINDS: readonly DomainErrorKind[] = [
  'validation',
  'not_found',
  'conflict',
  'forbidden',
  'rule_violation',
];
const kindOf = (detail: unknown) => ACTIVITY_KINDS.find((kind) => kind === detail);

/**
 * A DomainError becomes an ApplicationFailure whose type is its stable code and whose first detail
 * is its kind, which the API maps to a status (api/temporal-errors.ts). An activity's own business
 * refusal (a slot taken meanwhile) is passed on the same way; anything else is left as it is.
 */
export function failureOf(error: unknown): unknown {
  if (isDomainError(error)) {
    return ApplicationFailure.create({
      type: error.code,
      message: error.message,
      nonRetryable: true,
      details: [error.kind],
    });
  }
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.nonRetryable) {
    const cause = error.cause;
    return ApplicationFailure.create({
      type: cause.type ?? 'ACTIVITY_REFUSED',
      message: cause.message,
      nonRetryable: true,
      // The activity's own kind when it sent one: SLOT_UNAVAILABLE is a 409 for a taken seat but a
      // 422 for a time that is no slot at all (moveSlot says which), as booking answers.
      details: [kindOf(cause.details?.[0]) ?? (cause.type === 'SLOT_UNAVAILABLE' ? 'conflict' : 'rule_violation')],
    });
  }
  return error;
}

/** The part of a zod schema a validator uses (workflow code does not import zod itself). */
interface Schema<T> {
  safeParse(
    input: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] } };
}

/** An Update validator: the argument's shape, then whether the decider would accept it now. */
export function validatorOf<T>(schema: Schema<T> | null, check: (input: T) => void): (input: T) => void {
  return (input) => {
    if (schema) {
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        throw ApplicationFailure.create({
          type: 'VALIDATION_FAILED',
          message: parsed.error.issues
            .map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`)
            .join('; '),
          nonRetryable: true,
          details: ['validation'],
        });
      }
    }
    try {
      check(input);
    } catch (error) {
      throw failureOf(error);
    }
  };
}

/** An Update validator with no shape to check: only whether the decider would accept it now. */
export function guarded<A extends unknown[]>(check: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      check(...args);
    } catch (error) {
      throw failureOf(error);
    }
  };
}
