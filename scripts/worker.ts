/** `npm run worker`: the Temporal worker alone (appointment workflows and their activities). */
import { loadConfig, securityFrom } from './lib/config.js';
import { effectAdaptersFrom, publicWebUrlFrom } from './lib/effect-adapters.js';
import { connectStorage, onShutdown, temporalAddress } from './lib/connect.js';
import { organizerEmailFrom, smtpTransportFrom } from './lib/email.js';
import { startWorker } from './lib/services.js';

const config = loadConfig();
const storage = await connectStorage(config);
const { masterKey } = securityFrom(config);
// One pooled SMTP transport for the process (EMAIL=smtp), closed last.
const smtp = smtpTransportFrom(config);
const organizerEmail = organizerEmailFrom(config);
const worker = await startWorker({
  address: temporalAddress(config),
  namespace: config.TEMPORAL_NAMESPACE,
  taskQueue: config.TEMPORAL_TASK_QUEUE,
  eventStore: storage.eventStore,
  pool: storage.pool,
  masterKey,
  publicWebUrl: publicWebUrlFrom(config),
  ports: effectAdaptersFrom(config, { pool: storage.pool, masterKey, smtp }),
  ...(organizerEmail ? { organizerEmail } : {}),
  // Tests pass a prebuilt bundle so a restarted worker comes up in a second.
  ...(process.env.WORKFLOW_BUNDLE_PATH ? { workflowBundlePath: process.env.WORKFLOW_BUNDLE_PATH } : {}),
});
console.log(`worker ready on task queue ${config.TEMPORAL_TASK_QUEUE}`);
onShutdown(async () => {
  await worker.stop();
  smtp?.close();
  await storage.close();
});
