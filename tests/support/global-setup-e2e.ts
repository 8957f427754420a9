/** The e2e tier: the same real dependencies as integration tests, plus a production build of the web app. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { buildWeb } from '../../scripts/lib/web-server.js';
import setupDependencies from './global-setup.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A build of this run's own: web/build may be serving a running `npm start`, and another run's
  // build must not change this one's pages under it. Inside the repository, so node_modules resolve.
  const out = join(fileURLToPath(new URL('../../.data/', import.meta.url)), `e2e-web-${process.pid}`);
  const [teardown] = await Promise.all([setupDependencies(project), buildWeb({ out })]);
  // Test workers start after global setup and inherit its environment; startWeb reads this.
  process.env.CONSULTA_WEB_SERVER_ENTRY = join(out, 'index.js');
  return async () => {
    await teardown();
    rmSync(out, { recursive: true, force: true });
  };
}
