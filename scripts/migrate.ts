/** `npm run migrate`: applies pending SQL migrations to DATABASE_URL (or the embedded server). */
import { loadConfig } from './lib/config.js';
import { databaseUrl, redact } from './lib/connect.js';
import { migrate } from './lib/migrate.js';

const config = loadConfig();
const url = databaseUrl(config);
const applied = await migrate(url);
console.log(applied.length ? `Applied to ${redact(url)}: ${applied.join(', ')}` : `${redact(url)} is up to date.`);
