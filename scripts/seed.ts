/** `npm run seed`: loads the demo data through the running API (`npm start` seeds it by itself once). */
import { loadConfig, securityFrom } from './lib/config.js';
import { connectStorage, temporalAddress } from './lib/connect.js';
import { Client, Connection } from '@temporalio/client';
import { seedDemoData, waitForDemoDoctor } from './lib/seed.js';
import { seedDemoDoctors } from './lib/seed-doctors.js';
import { seedDemoAccounts } from './lib/seed-accounts.js';

const config = loadConfig();
if (config.APP_ENV !== 'development') {
  console.error('Demo data has public credentials; it is seeded only with APP_ENV=development.');
  process.exit(2);
}
const storage = await connectStorage(config);
try {
  await seedDemoAccounts({ pool: storage.pool, eventStore: storage.eventStore, masterKey: securityFrom(config).masterKey }, console.log);
  const connection = await Connection.connect({ address: temporalAddress(config) });
  try {
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    await seedDemoDoctors({ pool: storage.pool, eventStore: storage.eventStore, temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE } }, console.log);
  } finally {
    await connection.close();
  }
  await waitForDemoDoctor(`http://${config.API_HOST}:${config.API_PORT}`);
  const apiUrl = `http://${config.API_HOST}:${config.API_PORT}`;
  const seeded = await seedDemoData({
    pool: storage.pool,
    apiUrl,
    now: new Date(),
    masterKey: securityFrom(config).masterKey,
    log: console.log,
  });
  console.log(seeded ? 'Demo data seeded.' : 'Demo data was already seeded; nothing to do.');
} finally {
  await storage.close();
}
