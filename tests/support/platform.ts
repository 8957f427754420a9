/**
 * The whole back end for one test file: its own database, event store, worker (own task queue),
 * projector and the Fastify app, wired exactly as `npm start` wires them.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../api/app.js';
import type { ApiDeps } from '../../api/deps.js';
import { DEFAULT_TIMINGS, type AppointmentTimings } from '../../domain/appointment/index.js';
import type { EventStore } from '../../eventstore/event-store.js';
import { createEventStore } from '../../eventstore/index.js';
import { startProjector, type Stoppable } from '../../scripts/lib/services.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { TEST_MASTER_KEY } from './auth.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalFileStore } from '../../activities/adapters/local-file-store.js';
import type { PaymentsPort } from '../../activities/ports/payments.js';
import { connectTestTemporal, startTestWorker, type TestTemporal } from './temporal.js';

export interface TestPlatform {
  readonly db: TestDatabase;
  readonly eventStore: EventStore;
  readonly temporal: TestTemporal;
  readonly app: FastifyInstance;
  readonly deps: ApiDeps;
  close(): Promise<void>;
}

/** Each platform's app → its deps, for fixtures that get only the app (tests/support/doctors.ts). */
const depsByApp = new WeakMap<FastifyInstance, ApiDeps>();

/** The deps a platform's app was built with; throws for an app built elsewhere. */
export function platformDepsOf(app: FastifyInstance): ApiDeps {
  const deps = depsByApp.get(app);
  if (!deps) throw new Error('This app was not built by startTestPlatform: pass platform.app.');
  return deps;
}

export interface TestPlatformOptions {
  /** Over DEFAULT_TIMINGS: tests that wait for a timer pass short ones. */
  readonly timings?: Partial<AppointmentTimings>;
  /** Where browsers reach the web app and the API (e2e tests on free ports): links in messages, the test checkout. */
  readonly publicWebUrl?: string;
  readonly publicApiUrl?: string;
  /** The payments adapter of both the worker and the API. Default: the local test adapter. */
  readonly payments?: PaymentsPort;
}

export async function startTestPlatform(options: TestPlatformOptions = {}): Promise<TestPlatform> {
  const db = await createTestDatabase();
  const eventStore = createEventStore({ kind: 'postgres', pool: db.pool });
  const temporal = await connectTestTemporal();
  const worker: Stoppable = await startTestWorker(temporal, eventStore, db.pool, {
    ...(options.publicWebUrl ? { publicWebUrl: options.publicWebUrl } : {}),
    ...(options.publicApiUrl ? { publicApiUrl: options.publicApiUrl } : {}),
    ...(options.payments ? { payments: options.payments } : {}),
  });
  const projector = startProjector({ pool: db.pool, eventStore, masterKey: TEST_MASTER_KEY });
  const fileRoot = mkdtempSync(join(tmpdir(), 'consulta-files-'));
  const deps: ApiDeps = {
    pool: db.pool,
    eventStore,
    temporal: { client: temporal.client, taskQueue: temporal.taskQueue },
    settings: { timings: { ...DEFAULT_TIMINGS, ...options.timings } },
    masterKey: TEST_MASTER_KEY,
    // Uploaded files go to a folder of this test file's own, never into the working tree.
    fileStore: createLocalFileStore({ root: fileRoot }),
    appEnv: 'test',
    corsOrigins: ['http://127.0.0.1:5173'],
    ...(options.publicWebUrl ? { publicWebUrl: options.publicWebUrl } : {}),
    ...(options.payments ? { payments: options.payments } : {}),
  };
  const app = await buildApp(deps);
  await app.ready();
  depsByApp.set(app, deps);
  return {
    db,
    eventStore,
    temporal,
    app,
    deps,
    close: async () => {
      rmSync(fileRoot, { recursive: true, force: true });
      await app.close();
      await projector.stop();
      await worker.stop();
      await temporal.close();
      await eventStore.close();
      await db.close();
    },
  };
}
