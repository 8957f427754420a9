/**
 * Brings up Temporal for the platform and the tests: a running server at TEMPORAL_ADDRESS, or the
 * real Temporal dev server (`temporal server start-dev`) from the resolved CLI, or, when no CLI
 * can be found or built, the one @temporalio/testing downloads (needs internet).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Connection } from '@temporalio/client';
import { resolveTemporalCli, type CliSource } from './temporal-cli.js';

export interface TemporalServer {
  readonly address: string;
  readonly namespace: string;
  /** Web UI URL, when this process started a server with its UI. */
  readonly uiUrl: string | undefined;
  readonly source: 'TEMPORAL_ADDRESS' | CliSource | 'download';
  stop(): Promise<void>;
}

export interface StartTemporalOptions {
  readonly address?: string;
  readonly cliPath?: string;
  readonly cacheDir: string;
  readonly namespace: string;
  readonly port: number;
  readonly uiPort?: number;
  /** Persist workflows in this SQLite file so they survive a restart; omit for in-memory. */
  readonly dbFilename?: string;
  /** The server's own output goes here instead of the terminal. */
  readonly logFile?: string;
  readonly log?: (line: string) => void;
}

export async function startTemporal(options: StartTemporalOptions): Promise<TemporalServer> {
  const log = options.log ?? (() => {});
  if (options.address) {
    await waitForTemporal(options.address, options.namespace, 15_000).catch((error: unknown) => {
      throw new Error(
        `TEMPORAL_ADDRESS=${options.address} did not answer: ${String(error)}. Start that server or unset TEMPORAL_ADDRESS.`,
      );
    });
    return {
      address: options.address,
      namespace: options.namespace,
      uiUrl: undefined,
      source: 'TEMPORAL_ADDRESS',
      stop: async () => {},
    };
  }

  const cli = await resolveTemporalCli({ explicitPath: options.cliPath, cacheDir: options.cacheDir, log });
  if (!cli) return startDownloadedServer(options, log);

  const address = `127.0.0.1:${options.port}`;
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(options.port),
    '--namespace',
    options.namespace,
  ];
  args.push('--log-level', 'warn');
  if (options.uiPort) args.push('--ui-port', String(options.uiPort));
  else args.push('--headless');
  if (options.dbFilename) {
    mkdirSync(dirname(options.dbFilename), { recursive: true });
    args.push('--db-filename', options.dbFilename);
  }
  const child = spawn(cli.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  pipeOutput(child, options.logFile);
  const exited = new Promise<never>((_, reject) => {
    child.once('exit', (code) =>
      reject(
        new Error(
          `the Temporal dev server exited with code ${code} while starting` +
            (options.logFile ? `; see ${options.logFile}` : ''),
        ),
      ),
    );
  });
  try {
    await Promise.race([waitForTemporal(address, options.namespace, 60_000), exited]);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(
      `Could not start the Temporal dev server (${cli.path}) on port ${options.port}: ${String(error)}. Free the port (TEMPORAL_PORT) or set TEMPORAL_ADDRESS.`,
    );
  }
  exited.catch(() => {});
  return {
    address,
    namespace: options.namespace,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    source: cli.source,
    stop: () => stopChild(child),
  };
}

/** Polls until the frontend answers and the namespace is registered. */
export async function waitForTemporal(address: string, namespace: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
        return;
      } finally {
        await connection.close();
      }
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`no answer from Temporal at ${address} within ${timeoutMs} ms: ${String(lastError)}`);
}

async function startDownloadedServer(
  options: StartTemporalOptions,
  log: (line: string) => void,
): Promise<TemporalServer> {
  log('No Temporal CLI and no Go toolchain: letting @temporalio/testing download the dev server (needs internet)…');
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      port: options.port,
      ...(options.uiPort ? { ui: true, uiPort: options.uiPort } : {}),
      ...(options.dbFilename ? { dbFilename: options.dbFilename } : {}),
      namespace: options.namespace,
    },
  }).catch((error: unknown) => {
    throw new Error(
      `Could not download the Temporal dev server: ${String(error)}. Install Go (the CLI is then built from source), ` +
        'set TEMPORAL_CLI to a temporal binary, or set TEMPORAL_ADDRESS to a running server.',
    );
  });
  return {
    address: env.address,
    namespace: options.namespace,
    uiUrl: options.uiPort ? `http://127.0.0.1:${options.uiPort}` : undefined,
    source: 'download',
    stop: () => env.teardown(),
  };
}

function pipeOutput(child: ChildProcess, logFile: string | undefined): void {
  if (logFile) {
    mkdirSync(dirname(logFile), { recursive: true });
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
