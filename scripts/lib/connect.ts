/**
 * Connections for the single-role entry points (worker, API, projector, rebuild, migrate).
 * Without DATABASE_URL / TEMPORAL_ADDRESS they reach the servers `npm start` runs.
 */
import pg from 'pg';
import type { EventStore } from '../../eventstore/event-store.js';
import type { Config } from './config.js';
import { eventStoreFromConfig } from './event-store-factory.js';

export function databaseUrl(config: Config): string {
  return config.DATABASE_URL ?? `postgres://consulta:consulta@127.0.0.1:${config.PG_PORT}/${config.PG_DATABASE}`;
}

export function temporalAddress(config: Config): string {
  return config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_PORT}`;
}

export async function connectStorage(
  config: Config,
): Promise<{ pool: pg.Pool; eventStore: EventStore; close(): Promise<void> }> {
  const url = databaseUrl(config);
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end();
    throw new Error(
      `PostgreSQL at ${redact(url)} did not answer (${String(error)}). Run \`npm start\` first, or set DATABASE_URL.`,
    );
  }
  const eventStore = eventStoreFromConfig(config, pool);
  return {
    pool,
    eventStore,
    close: async () => {
      await eventStore.close();
      await pool.end();
    },
  };
}

/** Connection strings carry passwords: never print them whole. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** Runs `stop` once on Ctrl-C or SIGTERM, then exits. */
export function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) return;
    stopping = true;
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
