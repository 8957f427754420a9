/**
 * The long-running parts of the platform, each started from explicit dependencies and stopped by
 * the handle it returns. `npm start`, the single-role entry points and the tests all use these.
 */
import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import type { FastifyServerOptions } from 'fastify';
import type pg from 'pg';
import { buildApp } from '../../api/app.js';
import type { ApiDeps } from '../../api/deps.js';
import type { EventStore } from '../../eventstore/event-store.js';
import { runProjection, type Projection } from '../../projections/index.js';
import { localEffectPorts, type EffectPorts } from './effect-adapters.js';
import { projectionsFor } from './projections.js';
import { createWorker } from './worker.js';

export interface Stoppable {
  stop(): Promise<void>;
}

export async function startWorker(options: {
  address: string;
  namespace: string;
  taskQueue: string;
  eventStore: EventStore;
  /** PostgreSQL holding slot_reservations, the identity and read-model tables notifications read, the local adapters' tables. */
  pool: pg.Pool;
  /** CONSULTA_MASTER_KEY: derives the local adapters' keys (unused when `ports` are given). */
  masterKey: Buffer;
  /** The web app, for links in messages and the video room page. Default: http://127.0.0.1:5173. */
  publicWebUrl?: string;
  /** The API as browsers reach it, for the local test checkout page. Default: http://127.0.0.1:3000. */
  publicApiUrl?: string;
  /** Payments, video and notifications (effectAdaptersFrom); default: the local test/development adapters. */
  ports?: EffectPorts;
  /** ORGANIZER of calendar invitations (EMAIL_FROM's address with EMAIL=smtp). Default: no-reply@ the web app's host. */
  organizerEmail?: string;
  workflowBundlePath?: string;
}): Promise<Stoppable> {
  const publicWebUrl = options.publicWebUrl ?? 'http://127.0.0.1:5173';
  const ports =
    options.ports ??
    localEffectPorts({
      pool: options.pool,
      masterKey: options.masterKey,
      publicWebUrl,
      publicApiUrl: options.publicApiUrl ?? 'http://127.0.0.1:3000',
    });
  const { worker, connection } = await createWorker({ ...options, ...ports, publicWebUrl });
  const running = worker.run();
  return {
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

export function startProjector(options: {
  pool: pg.Pool;
  eventStore: EventStore;
  /** CONSULTA_MASTER_KEY (securityFrom(config).masterKey): the patients projection opens personal data. */
  masterKey: Buffer;
  projections?: readonly Projection[];
  onError?: (error: unknown) => void;
}): Stoppable {
  const controller = new AbortController();
  const runs = (options.projections ?? projectionsFor(options.masterKey)).map((projection) =>
    runProjection(projection, { ...options, signal: controller.signal }),
  );
  return {
    stop: async () => {
      controller.abort();
      await Promise.allSettled(runs);
    },
  };
}

export async function startApi(
  deps: ApiDeps,
  options: { host: string; port: number; logger?: FastifyServerOptions['logger'] },
): Promise<Stoppable & { url: string }> {
  const app = await buildApp(deps, { logger: options.logger ?? false });
  await app.listen({ host: options.host, port: options.port });
  const address = app.server.address() as AddressInfo;
  return { url: `http://${options.host}:${address.port}`, stop: () => app.close() };
}

export type { Client };
