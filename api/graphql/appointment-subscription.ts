/**
 * `appointmentStatusChanged(id)`: the open appointment page's live feed. The projector announces
 * each committed change on PostgreSQL (appointment-changes.ts); the API publishes it on the topic
 * of that appointment; each subscriber, once the policy let them read the appointment, gets the
 * changes newer than what they have. Pushes never go backwards: a rebuild replaying an
 * appointment's history from its first event announces old revisions, which are dropped here.
 * A subscription lives no longer than the access token it was opened with: it then ends with
 * SESSION_EXPIRED and the client subscribes again with a fresh token, so a revoked or downgraded
 * account stops receiving within one token lifetime, as it would over HTTP.
 */
import mercurius, { type MercuriusContext } from 'mercurius';
import { z } from 'zod';
import type { ActingAccount } from '../../domain/access/policy.js';
import { DomainError } from '../../domain/index.js';
import { findAppointment, type AppointmentChange } from '../../projections/index.js';
import type { ApiDeps } from '../deps.js';
import { authorizeAppointmentRead } from '../reads/appointment-reads.js';

export const appointmentChangedTopic = (appointmentId: string) => `appointment-changed/${appointmentId}`;

/** What is published on the topic: the subscription field's value, as graphql-js resolves it. */
export interface AppointmentChangedPayload {
  readonly appointmentStatusChanged: AppointmentChange;
}

const args = z.strictObject({ id: z.uuid(), afterRevision: z.number().int().min(-1).nullish() });

export function appointmentSubscription(
  deps: Pick<ApiDeps, 'pool' | 'eventStore' | 'now'>,
  acting: (context: MercuriusContext) => ActingAccount,
) {
  return {
    subscribe: async (_root: unknown, input: unknown, context: MercuriusContext) => {
      try {
        const parsed = args.safeParse(input);
        if (!parsed.success)
          throw new DomainError('validation', 'VALIDATION_FAILED', 'Invalid arguments: id must be a UUID.');
        const { id, afterRevision } = parsed.data;
        // Refused exactly like a read: 404 APPOINTMENT_NOT_FOUND for what the caller may not see.
        await authorizeAppointmentRead(deps, acting(context), id, 'appointment');
        // Subscribe first, then read: a change in between is then both in the row and in the queue.
        const queue = await context.pubsub.subscribe<AppointmentChangedPayload>(appointmentChangedTopic(id));
        const row = await findAppointment(deps.pool, id);
        const current = row
          ? { id: row.id, status: row.status, revision: row.streamRevision, updatedAt: row.updatedAt }
          : undefined;
        return untilExpired(newerThan(queue, current, afterRevision ?? undefined), context.accessExpiresAt);
      } catch (error) {
        // graphql-js keeps an error's `extensions`: the refusal reaches the client with its code.
        if (error instanceof DomainError) throw new mercurius.ErrorWithProps(error.message, { code: error.code });
        throw error;
      }
    },
  };
}

async function* newerThan(
  source: AsyncIterable<AppointmentChangedPayload>,
  current: AppointmentChange | undefined,
  afterRevision: number | undefined,
): AsyncGenerator<AppointmentChangedPayload> {
  let seen = afterRevision ?? current?.revision ?? -1;
  if (current && current.revision > seen) {
    seen = current.revision;
    yield { appointmentStatusChanged: current };
  }
  for await (const payload of source) {
    if (payload.appointmentStatusChanged.revision <= seen) continue;
    seen = payload.appointmentStatusChanged.revision;
    yield payload;
  }
}

const sessionExpired = () =>
  new mercurius.ErrorWithProps('Your session has expired: subscribe again with a fresh access token.', {
    code: 'SESSION_EXPIRED',
  });

/** Passes the source through until `expiresAt`, then fails with SESSION_EXPIRED (and lets the source go). */
export async function* untilExpired<T>(source: AsyncIterable<T>, expiresAt: Date | null): AsyncGenerator<T> {
  if (!expiresAt) {
    yield* source;
    return;
  }
  const iterator = source[Symbol.asyncIterator]();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'expired'>((resolve) => {
    timer = setTimeout(() => resolve('expired'), Math.max(0, expiresAt.getTime() - Date.now()));
  });
  try {
    for (;;) {
      const next = await Promise.race([iterator.next(), expired]);
      if (next === 'expired') throw sessionExpired();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    clearTimeout(timer);
    // Not awaited: a source blocked in next() may only settle once it is closed.
    void iterator.return?.();
  }
}
