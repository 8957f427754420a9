import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from './config.js';

/**
 * CONSULTA_MASTER_KEY, or in development a key generated once into DATA_DIR/master.key (mode 0600),
 * so `npm start` needs no setup and sessions and encrypted data survive a restart.
 */
export function masterKeyFrom(config: Config): Buffer {
  if (config.CONSULTA_MASTER_KEY) return Buffer.from(config.CONSULTA_MASTER_KEY, 'base64');
  if (config.APP_ENV === 'production') throw new Error('CONSULTA_MASTER_KEY is required in production.');
  const file = join(config.dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}
