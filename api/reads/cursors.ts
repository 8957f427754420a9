/**
 * Opaque page cursors: the last item's sort key and id as base64url JSON. Validated like any input
 * on the way back in; a cursor from another listing is INVALID_CURSOR, never a wrong page.
 */
import { z } from 'zod';
import { DomainError } from '../../domain/index.js';

export function encodeCursor(kind: string, key: Record<string, string>): string {
  return Buffer.from(JSON.stringify({ kind, ...key })).toString('base64url');
}

export function decodeCursor<T extends z.ZodRawShape>(
  text: string,
  kind: string,
  shape: T,
  path: string,
): z.infer<z.ZodObject<T>> {
  try {
    const parsed = z
      .object({ kind: z.literal(kind), ...shape })
      .safeParse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
    if (parsed.success) {
      const { kind: _kind, ...key } = parsed.data as Record<string, unknown>;
      return key as z.infer<z.ZodObject<T>>;
    }
  } catch {
    // reported below
  }
  throw new DomainError('validation', 'INVALID_CURSOR', 'This cursor does not come from this listing.', [
    { path, message: 'is not a cursor of this listing' },
  ]);
}

export const cursorInstant = z.iso.datetime();
export const cursorId = z.uuid();
