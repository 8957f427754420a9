/**
 * Knows when the appointments read model shows a booking as confirmed: the projection announces
 * every committed row change on APPOINTMENT_CHANGED_CHANNEL (what GraphQL subscriptions push), so
 * a booking's latency ends at the commit that made it visible, without polling the API hard
 * enough to skew what is measured. A slow poll of the row covers a notice that never came.
 */
import pg from 'pg';
import { APPOINTMENT_CHANGED_CHANNEL } from '../projections/index.js';

export interface Confirmations {
  /** Resolves once the read model shows `id` confirmed; rejects after `timeoutMs`. */
  confirmed(id: string, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export async function watchConfirmations(databaseUrl: string, pool: pg.Pool): Promise<Confirmations> {
  const seen = new Set<string>();
  const waiting = new Map<string, () => void>();
  const listener = new pg.Client({ connectionString: databaseUrl });
  listener.on('notification', (message) => {
    if (message.channel !== APPOINTMENT_CHANGED_CHANNEL || !message.payload) return;
    const change = JSON.parse(message.payload) as { id: string; status: string };
    if (change.status !== 'confirmed') return;
    seen.add(change.id);
    waiting.get(change.id)?.();
  });
  await listener.connect();
  await listener.query(`LISTEN ${APPOINTMENT_CHANGED_CHANNEL}`);

  const statusOf = async (id: string) =>
    (await pool.query<{ status: string }>('SELECT status FROM appointments WHERE id = $1', [id])).rows[0]?.status;

  return {
    async confirmed(id, timeoutMs = 60_000) {
      if (seen.has(id)) return;
      const deadline = Date.now() + timeoutMs;
      await new Promise<void>((resolve, reject) => {
        const finish = (error?: Error) => {
          clearInterval(poll);
          waiting.delete(id);
          if (error) reject(error);
          else resolve();
        };
        const poll = setInterval(() => {
          statusOf(id).then(
            (status) => {
              if (status === 'confirmed') finish();
              else if (Date.now() > deadline)
                finish(new Error(`appointment ${id} not confirmed after ${timeoutMs} ms (read model: ${status})`));
            },
            (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))),
          );
        }, 1_000);
        waiting.set(id, () => finish());
      });
    },
    stop: () => listener.end(),
  };
}
