/**
 * The whole back end for the booking benchmark, wired as `npm start` wires it: a Temporal dev
 * server (or TEMPORAL_ADDRESS), the worker with the local payments/video/notifications adapters,
 * the projector, and the API listening on a free port, so the benchmark's requests go over real
 * HTTP. The demo doctors are seeded as `npm start` seeds them (verified through their workflow).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { createLocalFileStore } from '../activities/adapters/local-file-store.js';
import type { ApiDeps } from '../api/deps.js';
import { DEFAULT_TIMINGS } from '../domain/appointment/index.js';
import { createEventStore } from '../eventstore/index.js';
import type { Config } from '../scripts/lib/config.js';
import { localEffectPorts } from '../scripts/lib/effect-adapters.js';
import { freePort } from '../scripts/lib/free-port.js';
import { seedDemoDoctors } from '../scripts/lib/seed-doctors.js';
import { startApi, startProjector, startWorker, type Stoppable } from '../scripts/lib/services.js';
import { startTemporal } from '../scripts/lib/temporal-server.js';

export interface BookingPlatform {
  readonly apiUrl: string;
  readonly databaseUrl: string;
  readonly pool: pg.Pool;
  /** This run's CONSULTA_MASTER_KEY: signs the doctors' session tokens (they have no passwords). */
  readonly masterKey: Buffer;
  /** A client of the platform's Temporal server, for the baseline measured beside the bookings. */
  readonly temporal: { readonly client: Client; readonly address: string; readonly namespace: string };
  stop(): Promise<void>;
}

export async function startBookingPlatform(options: {
  config: Config;
  databaseUrl: string;
  log: (line: string) => void;
}): Promise<BookingPlatform> {
  const { config, log } = options;
  const stack: Stoppable[] = [];
  const stop = async () => {
    for (const part of stack.reverse()) await part.stop().catch(() => {});
  };
  try {
    log(
      config.TEMPORAL_ADDRESS ? `  Temporal: using ${config.TEMPORAL_ADDRESS}` : '  starting the Temporal dev server',
    );
    const temporal = await startTemporal({
      address: config.TEMPORAL_ADDRESS,
      cliPath: config.TEMPORAL_CLI,
      cacheDir: config.CONSULTA_CACHE_DIR,
      namespace: config.TEMPORAL_NAMESPACE,
      port: await freePort(),
      log: (line) => log(`  ${line}`),
    });
    stack.push(temporal);
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 20 });
    stack.push({ stop: () => pool.end() });
    const eventStore = createEventStore({ kind: 'postgres', pool });
    stack.push({ stop: () => eventStore.close() });
    const connection = await Connection.connect({ address: temporal.address });
    stack.push({ stop: () => connection.close() });
    const client = new Client({ connection, namespace: temporal.namespace });

    // A throwaway key: nothing this run signs or seals outlives it.
    const masterKey = randomBytes(32);
    const apiPort = await freePort();
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    // The worker opens checkouts whose links must point at this API, where the test checkout is.
    const ports = localEffectPorts({ pool, masterKey, publicWebUrl: 'http://127.0.0.1:5173', publicApiUrl: apiUrl });
    const taskQueue = `bench-appointments-${randomUUID()}`;
    log('  starting the worker (bundling workflow code)');
    stack.push(
      await startWorker({
        address: temporal.address,
        namespace: temporal.namespace,
        taskQueue,
        eventStore,
        pool,
        masterKey,
        ports,
      }),
    );
    stack.push(
      startProjector({ pool, eventStore, masterKey, onError: (error) => log(`  projector: ${String(error)}`) }),
    );
    const files = mkdtempSync(join(tmpdir(), 'consulta-bench-files-'));
    stack.push({ stop: async () => rmSync(files, { recursive: true, force: true }) });
    const deps: ApiDeps = {
      pool,
      eventStore,
      temporal: { client, taskQueue },
      settings: { timings: DEFAULT_TIMINGS },
      masterKey,
      fileStore: createLocalFileStore({ root: files }),
      appEnv: 'development',
      corsOrigins: ['http://127.0.0.1:5173'],
      // The benchmark's clients each send their own X-Forwarded-For, as browsers behind the web
      // app's server do: the per-address rate limit then applies per client, as in production.
      trustProxy: ['127.0.0.1'],
      payments: ports.payments,
      video: ports.video,
    };
    stack.push(await startApi(deps, { host: '127.0.0.1', port: apiPort }));
    log(`  API on ${apiUrl}; seeding the demo doctors`);
    await seedDemoDoctors({ pool, eventStore, temporal: { client, taskQueue } }, (line) => log(`  ${line.trim()}`));
    return {
      apiUrl,
      databaseUrl: options.databaseUrl,
      pool,
      masterKey,
      temporal: { client, address: temporal.address, namespace: temporal.namespace },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
