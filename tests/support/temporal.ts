/** Temporal for tests: a client and workers on the run's dev server, each on its own task queue. */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import type pg from 'pg';
import { inject } from 'vitest';
import type { EventStore } from '../../eventstore/event-store.js';
import type { PaymentsPort } from '../../activities/ports/payments.js';
import { localEffectPorts } from '../../scripts/lib/effect-adapters.js';
import { startWorker, type Stoppable } from '../../scripts/lib/services.js';
import { TEST_MASTER_KEY } from './auth.js';

export interface TestTemporal {
  readonly address: string;
  readonly namespace: string;
  readonly client: Client;
  readonly taskQueue: string;
  close(): Promise<void>;
}

export async function connectTestTemporal(): Promise<TestTemporal> {
  const address = inject('temporalAddress');
  const namespace = inject('temporalNamespace');
  const connection = await Connection.connect({ address });
  return {
    address,
    namespace,
    client: new Client({ connection, namespace }),
    taskQueue: `test-${randomUUID()}`,
    close: () => connection.close(),
  };
}

export function startTestWorker(
  temporal: TestTemporal,
  eventStore: EventStore,
  pool: pg.Pool,
  /**
   * Where browsers reach the web app and the API, for links in messages and the test checkout;
   * `payments` replaces the local payments adapter (the Stripe adapter against its stand-in).
   */
  options: { publicWebUrl?: string; publicApiUrl?: string; payments?: PaymentsPort } = {},
): Promise<Stoppable> {
  const { payments, ...urls } = options;
  const local = () =>
    localEffectPorts({
      pool,
      masterKey: TEST_MASTER_KEY,
      publicWebUrl: urls.publicWebUrl ?? 'http://127.0.0.1:5173',
      publicApiUrl: urls.publicApiUrl ?? 'http://127.0.0.1:3000',
    });
  return startWorker({
    ...urls,
    address: temporal.address,
    namespace: temporal.namespace,
    taskQueue: temporal.taskQueue,
    eventStore,
    pool,
    // The local test/development adapters for payments, video and notifications.
    masterKey: TEST_MASTER_KEY,
    ...(payments ? { ports: { ...local(), payments } } : {}),
    workflowBundlePath: inject('workflowBundlePath'),
  });
}

/** Polls until `check` returns a value (not undefined) or the time runs out. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
