/** `npm run api`: the HTTP API alone (REST, OpenAPI, GraphQL). */
import { Client, Connection } from '@temporalio/client';
import { createChromiumRenderer } from '../activities/adapters/chromium-renderer.js';
import { loadConfig, securityFrom, timingsFrom } from './lib/config.js';
import { effectAdaptersFrom } from './lib/effect-adapters.js';
import { fileStoreFrom } from './lib/file-store.js';
import { identityAdaptersFrom } from './lib/identity-adapters.js';
import { connectStorage, onShutdown, temporalAddress } from './lib/connect.js';
import { smtpTransportFrom } from './lib/email.js';
import { startApi } from './lib/services.js';

const config = loadConfig();
const storage = await connectStorage(config);
const connection = await Connection.connect({ address: temporalAddress(config) });
const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
const security = securityFrom(config);
// One pooled SMTP transport for the process (EMAIL=smtp): the Mailer's, closed last.
const smtp = smtpTransportFrom(config);
const ports = effectAdaptersFrom(config, { pool: storage.pool, masterKey: security.masterKey, smtp });
const api = await startApi(
  {
    pool: storage.pool,
    eventStore: storage.eventStore,
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
  { host: config.API_HOST, port: config.API_PORT, logger: { level: config.LOG_LEVEL } },
);
console.log(`API listening on ${api.url} (docs: ${api.url}/api/docs)`);
onShutdown(async () => {
  await api.stop();
  await connection.close();
  smtp?.close();
  await storage.close();
});
