/**
 * The SvelteKit app, either built and served by adapter-node (what `npm start`, the e2e tests and
 * production run: no on-the-fly compilation, no mid-page dependency reloads) or under Vite's dev
 * server with hot reload (`npm run dev`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { stopChild } from './temporal-server.js';

export const WEB_DIR = fileURLToPath(new URL('../../web/', import.meta.url));
const VITE_BIN = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
const SERVER_ENTRY = fileURLToPath(new URL('../../web/build/index.js', import.meta.url));

export type WebMode = 'build' | 'dev';

/**
 * adapter-node refuses request bodies over BODY_SIZE_LIMIT (512K by default), and a credential
 * upload reaches the API through the web server's form action: 10 MiB files (MAX_DOCUMENT_BYTES)
 * plus the multipart framing must fit. Docker runs the same server: Dockerfile and
 * docker-compose.yml set the same value.
 */
export const WEB_BODY_SIZE_LIMIT = '11M';

/**
 * `vite build` (about 10 s) into web/build, or into `out` (a directory inside the repository, so
 * the server finds node_modules): a build of its own never replaces the one a running server uses.
 * Builds take turns: they share SvelteKit's intermediate output in web/.svelte-kit.
 */
export async function buildWeb(options: { out?: string } = {}): Promise<void> {
  const release = await buildLock();
  try {
    const child = spawn(process.execPath, [VITE_BIN, 'build', '--logLevel', 'warn'], {
      cwd: WEB_DIR,
      env: { ...process.env, ...(options.out ? { WEB_BUILD_OUT: options.out } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output = collect(child);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    if (code !== 0) throw new Error(`Building the web app failed (exit ${code}):\n${output().slice(-3000)}`);
  } finally {
    release();
  }
}

const BUILD_LOCK = fileURLToPath(new URL('../../web/.svelte-kit/build.lock', import.meta.url));
/** A lock older than this was left by a build that died. */
const STALE_LOCK_MS = 5 * 60_000;

/** mkdir is atomic: whoever creates the directory builds; the others wait for it to go. */
async function buildLock(): Promise<() => void> {
  mkdirSync(fileURLToPath(new URL('../../web/.svelte-kit/', import.meta.url)), { recursive: true });
  for (;;) {
    try {
      mkdirSync(BUILD_LOCK);
      return () => rmSync(BUILD_LOCK, { recursive: true, force: true });
    } catch {
      try {
        if (Date.now() - statSync(BUILD_LOCK).mtimeMs > STALE_LOCK_MS)
          rmSync(BUILD_LOCK, { recursive: true, force: true });
      } catch {
        // gone meanwhile: try again
      }
      await sleep(250);
    }
  }
}

/**
 * Serves the build (or Vite's dev server). `entry`: a build of its own (buildWeb's `out`); default
 * CONSULTA_WEB_SERVER_ENTRY when set (the e2e global setup sets it), else web/build.
 */
export async function startWeb(options: { port: number; apiUrl: string; mode?: WebMode; entry?: string }) {
  const entry = options.entry ?? process.env.CONSULTA_WEB_SERVER_ENTRY ?? SERVER_ENTRY;
  const url = `http://127.0.0.1:${options.port}`;
  const env = { ...process.env, CONSULTA_API_URL: options.apiUrl };
  const child =
    options.mode === 'dev'
      ? spawn(
          process.execPath,
          [VITE_BIN, 'dev', '--port', String(options.port), '--strictPort', '--host', '127.0.0.1'],
          { cwd: WEB_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] },
        )
      : // ORIGIN: adapter-node otherwise assumes https and refuses the page's own form posts.
        spawn(process.execPath, [entry], {
          env: {
            ...env,
            HOST: '127.0.0.1',
            PORT: String(options.port),
            ORIGIN: url,
            BODY_SIZE_LIMIT: WEB_BODY_SIZE_LIMIT,
          },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
  const output = collect(child);
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(url, { redirect: 'manual' });
      if (response.status < 500) return { url, stop: () => stopChild(child) };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopChild(child);
  throw new Error(
    `The web app did not start on port ${options.port}. Free the port (WEB_PORT). Output:\n${output().slice(-2000)}`,
  );
}

/** Keeps the last output for error messages without letting the pipe fill up. */
function collect(child: ChildProcess): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}
