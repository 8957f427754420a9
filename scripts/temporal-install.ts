/** `npm run temporal:install`: finds or builds the Temporal CLI ahead of the first `npm start`. */
import { loadConfig } from './lib/config.js';
import { cliVersion, resolveTemporalCli } from './lib/temporal-cli.js';

const config = loadConfig();
const cli = await resolveTemporalCli({
  explicitPath: config.TEMPORAL_CLI,
  cacheDir: config.CONSULTA_CACHE_DIR,
  log: console.log,
});
if (!cli) {
  console.error('No Temporal CLI found and Go is not installed. Install Go, or set TEMPORAL_CLI, or TEMPORAL_ADDRESS.');
  process.exit(1);
}
console.log(`Temporal CLI (${cli.source}): ${cli.path}\n${cliVersion(cli.path)}`);
