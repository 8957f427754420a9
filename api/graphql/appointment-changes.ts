/**
 * Hears the appointments projection's change notices (PostgreSQL LISTEN on its channel, sent with
 * pg_notify inside the projector's transaction, so only committed changes arrive) and hands each
 * to `onChange`. The projector may run in another process: PostgreSQL is the one thing both share.
 *
 * LISTEN needs a connection of its own for as long as it listens, never a pooled one. When that
 * connection fails, it is opened again after `retryMs`; notices sent meanwhile are lost, which
 * costs an open page one push: the page still shows the truth on its next read.
 */
import type { FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { z } from 'zod';
import { APPOINTMENT_CHANGED_CHANNEL, type AppointmentChange } from '../../projections/index.js';

const change = z.object({
  id: z.uuid(),
  status: z.string(),
  revision: z.number().int(),
  updatedAt: z.string(),
});

export interface ChangeListener {
  /** Resolves once listening (or once the first attempt failed and a retry is scheduled). */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

export function listenForAppointmentChanges(options: {
  readonly connection: pg.ClientConfig;
  readonly onChange: (change: AppointmentChange) => void;
  readonly log: FastifyBaseLogger;
  readonly retryMs?: number;
}): ChangeListener {
  const retryMs = options.retryMs ?? 1_000;
  let stopped = false;
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;

  const scheduleRetry = () => {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, retryMs);
  };

  /** A client that errored or ended is done with: drop it (once) and open another. */
  const lost = (client: pg.Client, error?: Error) => {
    if (current !== client) return;
    current = null;
    if (!stopped) options.log.warn({ err: error }, 'appointment change listener lost its connection; reconnecting');
    client.end().catch(() => {});
    scheduleRetry();
  };

  async function connect(): Promise<void> {
    if (stopped) return;
    const client = new pg.Client(options.connection);
    client.on('notification', (message) => {
      if (message.channel !== APPOINTMENT_CHANGED_CHANNEL || !message.payload) return;
      try {
        const parsed = change.safeParse(JSON.parse(message.payload));
        if (parsed.success) options.onChange(parsed.data);
      } catch {
        options.log.warn('appointment change notice that is not JSON; ignored');
      }
    });
    client.on('error', (error) => lost(client, error));
    client.on('end', () => lost(client));
    try {
      current = client;
      await client.connect();
      await client.query(`LISTEN ${APPOINTMENT_CHANGED_CHANNEL}`);
      if (stopped) await client.end();
    } catch (error) {
      lost(client, error instanceof Error ? error : new Error(String(error)));
    }
  }

  const ready = connect();
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      const client = current;
      current = null;
      await client?.end().catch(() => {});
    },
  };
}
