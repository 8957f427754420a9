/** `npm run projector`: keeps every read model up to date with the event log. */
import { loadConfig, securityFrom } from './lib/config.js';
import { connectStorage, onShutdown } from './lib/connect.js';
import { startProjector } from './lib/services.js';

const config = loadConfig();
const storage = await connectStorage(config);
const projector = startProjector({
  pool: storage.pool,
  eventStore: storage.eventStore,
  masterKey: securityFrom(config).masterKey,
  onError: (error) => console.error('projector:', error),
});
console.log('projector running');
onShutdown(async () => {
  await projector.stop();
  await storage.close();
});
