/**
 * Finds the Temporal CLI (which runs the dev server), in the order the README documents:
 * TEMPORAL_CLI → `temporal` on PATH → the project's cache → build it with Go → none
 * (the caller then lets @temporalio/testing download it). TEMPORAL_ADDRESS is handled by the
 * caller: with a running server no CLI is needed at all.
 */
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
// Later tags carry a replace directive in go.mod, which `go install pkg@version` refuses.
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

export type CliSource = 'TEMPORAL_CLI' | 'PATH' | 'cache' | 'built';

export interface ResolvedCli {
  readonly path: string;
  readonly source: CliSource;
}

export interface ResolveCliOptions {
  readonly explicitPath?: string;
  readonly cacheDir: string;
  /** Build with Go when nothing else is found (default true). */
  readonly build?: boolean;
  readonly log?: (line: string) => void;
}

export function cachedCliPath(cacheDir: string): string {
  return join(cacheDir, 'bin', 'temporal');
}

export async function resolveTemporalCli(options: ResolveCliOptions): Promise<ResolvedCli | undefined> {
  if (options.explicitPath) {
    if (!isExecutable(options.explicitPath)) {
      throw new Error(`TEMPORAL_CLI=${options.explicitPath} is not an executable file. Fix the path or unset it.`);
    }
    return { path: options.explicitPath, source: 'TEMPORAL_CLI' };
  }
  const onPath = findOnPath('temporal');
  if (onPath) return { path: onPath, source: 'PATH' };
  const cached = cachedCliPath(options.cacheDir);
  if (isExecutable(cached)) return { path: cached, source: 'cache' };
  if (options.build === false || !findOnPath('go')) return undefined;
  await buildWithGo(options.cacheDir, options.log ?? ((line) => process.stderr.write(`${line}\n`)));
  return { path: cached, source: 'built' };
}

/** `go install` into the cache, with a heartbeat so a ~4 minute first build never looks hung. */
export async function buildWithGo(cacheDir: string, log: (line: string) => void): Promise<void> {
  const binDir = join(cacheDir, 'bin');
  mkdirSync(binDir, { recursive: true });
  const target = `${TEMPORAL_CLI_MODULE}@${TEMPORAL_CLI_VERSION}`;
  log(`Temporal CLI not found: building ${target} with Go into ${binDir} (first run only, about 4 minutes)…`);
  const started = Date.now();
  const elapsed = () => `${Math.round((Date.now() - started) / 1000)}s`;
  let downloads = 0;
  const child = spawn('go', ['install', target], {
    env: { ...process.env, GOBIN: binDir, CGO_ENABLED: process.env.CGO_ENABLED ?? '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const onData = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      output.push(line);
      if (line.startsWith('go: downloading')) downloads += 1;
    }
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const heartbeat = setInterval(() => {
    log(`  still building the Temporal CLI: ${elapsed()} elapsed, ${downloads} modules downloaded`);
  }, 15_000);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(heartbeat);
  if (code !== 0) {
    throw new Error(
      `Building the Temporal CLI failed (go exit ${code}). Last output:\n${output.slice(-15).join('\n')}\n` +
        'Install the CLI yourself and set TEMPORAL_CLI, or point TEMPORAL_ADDRESS at a running server.',
    );
  }
  log(`Temporal CLI built in ${elapsed()}: ${cachedCliPath(cacheDir)}`);
}

function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, command);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function cliVersion(path: string): string {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return (result.stdout || result.stderr).trim();
}
