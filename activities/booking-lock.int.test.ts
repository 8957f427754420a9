/**
 * The per-doctor booking lock on real PostgreSQL: one writer at a time per doctor, none across
 * doctors, and a waiter that cannot get it in time gives up with a code a retry can act on.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../api/auth/transaction.js';
import { createTestDatabase, type TestDatabase } from '../tests/support/db.js';
import { lockDoctorBookings } from './booking-lock.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.close());

/** Holds the doctor's lock in a transaction of its own until `release` is called. */
async function holdLock(doctorId: string) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked = () => {};
  const taken = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const done = inTransaction(db.pool, async (client) => {
    await lockDoctorBookings(client, doctorId);
    locked();
    await released;
  });
  await taken;
  return { release: async () => (release(), done) };
}

describe('the per-doctor booking lock', () => {
  it('makes a second writer for the same doctor give up with DOCTOR_CALENDAR_BUSY when held too long', async () => {
    const doctorId = randomUUID();
    const holder = await holdLock(doctorId);
    try {
      await expect(inTransaction(db.pool, (client) => lockDoctorBookings(client, doctorId, 200))).rejects.toMatchObject(
        { code: 'DOCTOR_CALENDAR_BUSY', kind: 'conflict' },
      );
    } finally {
      await holder.release();
    }
    // Released: the next writer gets it at once.
    await expect(
      inTransaction(db.pool, (client) => lockDoctorBookings(client, doctorId, 200)),
    ).resolves.toBeUndefined();
  });

  it('does not hold up writers for another doctor', async () => {
    const holder = await holdLock(randomUUID());
    try {
      await expect(
        inTransaction(db.pool, (client) => lockDoctorBookings(client, randomUUID(), 200)),
      ).resolves.toBeUndefined();
    } finally {
      await holder.release();
    }
  });

  it('keeps the timeout to its own transaction', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      await lockDoctorBookings(client, randomUUID(), 200);
      await client.query('COMMIT');
      const { rows } = await client.query<{ lock_timeout: string }>('SHOW lock_timeout');
      expect(rows[0]?.lock_timeout).toBe('0');
    } finally {
      client.release();
    }
  });
});
