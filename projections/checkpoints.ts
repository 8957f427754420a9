import { setTimeout as sleep } from 'node:timers/promises';
import type pg from 'pg';

/** Locks the projection's checkpoint row for this transaction and returns its position. */
export async function lockCheckpoint(client: pg.PoolClient, name: string): Promise<bigint> {
  await client.query('INSERT INTO projection_checkpoints (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
  const { rows } = await client.query<{ position: string }>(
    'SELECT position FROM projection_checkpoints WHERE name = $1 FOR UPDATE',
    [name],
  );
  return BigInt(rows[0]?.position ?? 0);
}

export async function saveCheckpoint(client: pg.PoolClient, name: string, position: bigint): Promise<void> {
  await client.query('UPDATE projection_checkpoints SET position = $2, updated_at = now() WHERE name = $1', [
    name,
    position.toString(),
  ]);
}

export async function readCheckpoint(db: Pick<pg.Pool, 'query'>, name: string): Promise<bigint> {
  const { rows } = await db.query<{ position: string }>('SELECT position FROM projection_checkpoints WHERE name = $1', [
    name,
  ]);
  return BigInt(rows[0]?.position ?? 0);
}

/**
 * Read-your-writes for a page that reads a projection right after a command: waits until the
 * projection has applied `position`, at most `timeoutMs`. Answers whether it got there.
 */
export async function projectionReached(
  db: Pick<pg.Pool, 'query'>,
  name: string,
  position: bigint,
  timeoutMs: number,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await readCheckpoint(db, name)) >= position) return true;
    if (Date.now() > deadline) return false;
    await sleep(25);
  }
}
