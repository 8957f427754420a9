/** How resolvers take their arguments and answer what is not there: shared by every resolver file. */
import { z } from 'zod';
import { DomainError } from '../../domain/index.js';

/** Arguments are validated like REST bodies; a bad one is a VALIDATION_FAILED error, not a crash. */
export function parseArgs<T extends z.ZodType>(schema: T, args: unknown): z.infer<T> {
  const parsed = schema.safeParse(args);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  throw new DomainError(
    'validation',
    'VALIDATION_FAILED',
    'Invalid arguments: ' + details.map((d) => `${d.path}: ${d.message}`).join('; '),
    details,
  );
}

/**
 * An explicit null argument means "not given", as an omitted one does: schemas shared with REST
 * (whose query strings have no null) then apply unchanged.
 */
export function withoutNulls(args: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(args).filter(([, value]) => value !== null));
}

/** Not found (or not visible) as null, the GraphQL way; every other refusal stays an error. */
export async function orNull<T>(read: () => Promise<T>, only?: string): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found' && (!only || error.code === only)) return null;
    throw error;
  }
}
