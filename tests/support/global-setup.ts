/**
 * Starts the real dependencies once per test run: PostgreSQL (DATABASE_URL or embedded) and the
 * Temporal dev server (TEMPORAL_ADDRESS or the resolved CLI), and bundles the workflow code once.
 * When one cannot start, this throws and the whole run fails: integration tests never skip.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { bundleWorkflowCode } from '@temporalio/worker';
import { loadConfig } from '../../scripts/lib/config.js';
import { freePort } from '../../scripts/lib/free-port.js';
import { startPostgres } from '../../scripts/lib/postgres-server.js';
import { startTemporal } from '../../scripts/lib/temporal-server.js';
import { WORKFLOWS_PATH } from '../../scripts/lib/worker.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    temporalAddress: string;
    temporalNamespace: string;
    workflowBundlePath: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  const scratch = mkdtempSync(join(tmpdir(), 'consulta-test-'));
  // As root, embedded PostgreSQL runs as a separate system user that must reach its data folder.
  chmodSync(scratch, 0o755);
  const log = (line: string) => process.stderr.write(`[test setup] ${line}\n`);

  const started = Date.now();
  const results = await Promise.allSettled([
    freePort().then((port) =>
      startPostgres({ databaseUrl: config.DATABASE_URL, dataDir: join(scratch, 'pg'), port, persistent: false, log }),
    ),
    freePort().then((port) =>
      startTemporal({
        address: config.TEMPORAL_ADDRESS,
        cliPath: config.TEMPORAL_CLI,
        cacheDir: config.CONSULTA_CACHE_DIR,
        namespace: config.TEMPORAL_NAMESPACE,
        port,
        logFile: join(scratch, 'temporal.log'),
        log,
      }),
    ),
    bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger }),
  ] as const);
  const [postgresResult, temporalResult, bundleResult] = results;
  if (
    postgresResult.status === 'rejected' ||
    temporalResult.status === 'rejected' ||
    bundleResult.status === 'rejected'
  ) {
    // Stop whatever did start, then fail the whole run loudly: integration tests never skip.
    if (postgresResult.status === 'fulfilled') await postgresResult.value.stop().catch(() => {});
    if (temporalResult.status === 'fulfilled') await temporalResult.value.stop().catch(() => {});
    rmSync(scratch, { recursive: true, force: true });
    const reasons = results
      .filter((r) => r.status === 'rejected')
      .map((r) => String((r as PromiseRejectedResult).reason));
    throw new Error(`Integration tests need PostgreSQL and Temporal, and they could not start:\n${reasons.join('\n')}`);
  }
  const [postgres, temporal, bundle] = [postgresResult.value, temporalResult.value, bundleResult.value];
  const bundlePath = join(scratch, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);
  log(
    `${project.name}: PostgreSQL (${postgres.embedded ? 'embedded' : 'DATABASE_URL'}) and Temporal ` +
      `(${temporal.source}, ${temporal.address}) ready in ${Date.now() - started} ms`,
  );

  project.provide('pgAdminUrl', postgres.adminUrl);
  project.provide('temporalAddress', temporal.address);
  project.provide('temporalNamespace', temporal.namespace);
  project.provide('workflowBundlePath', bundlePath);

  return async () => {
    await Promise.allSettled([temporal.stop(), postgres.stop()]);
    rmSync(scratch, { recursive: true, force: true });
  };
}

const quietLogger = {
  log: () => {},
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: (message: string) => process.stderr.write(`[bundle] ${message}\n`),
  error: (message: string) => process.stderr.write(`[bundle] ${message}\n`),
};
