/** Per-person data keys against a real PostgreSQL: created once, wrapped, and destroyed for good. */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../tests/support/db.js';
import { createPersonalDataCipher, PersonalDataErasedError } from './index.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => db?.close());

const keyWrap = randomBytes(32);
const cipher = createPersonalDataCipher({ keyWrap });

describe('personal data cipher', () => {
  it('seals each value under one key per person, created on first use, and opens it again', async () => {
    const person = randomUUID();
    const values = { name: 'Ana', contact: { phone: '+351912345678' }, nothing: null };
    const sealed = await Promise.all([
      cipher.seal(db.pool, person, values),
      cipher.seal(db.pool, person, values), // two first writers at once share one key
    ]);
    expect(sealed[0].name).toMatch(/^pii:v1:/);
    expect(sealed[0].nothing).toBeNull();
    expect(sealed[0].name).not.toBe(sealed[1].name); // a fresh IV per value
    for (const each of sealed) expect(await cipher.open(db.pool, person, each)).toEqual(values);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM person_keys WHERE person_id = $1', [person]);
    expect(rows[0].n).toBe(1);
  });

  it('does not open a value copied into another person’s data, nor with another wrapping key', async () => {
    const [ana, bea] = [randomUUID(), randomUUID()];
    const sealed = await cipher.seal(db.pool, ana, { name: 'Ana' });
    await cipher.seal(db.pool, bea, { name: 'Bea' });
    await expect(cipher.open(db.pool, bea, sealed)).rejects.toThrow();
    const otherWrap = createPersonalDataCipher({ keyWrap: randomBytes(32) });
    await expect(otherWrap.open(db.pool, ana, sealed)).rejects.toThrow(/CONSULTA_MASTER_KEY/);
  });

  it('reads erased values as null and refuses to seal anything new for an erased person', async () => {
    const person = randomUUID();
    const sealed = await cipher.seal(db.pool, person, { name: 'Ana', email: 'ana@example.test' });
    const first = await cipher.erase(db.pool, person);
    const again = await cipher.erase(db.pool, person);
    expect(again.erasedAt).toEqual(first.erasedAt);
    expect(await cipher.open(db.pool, person, sealed)).toEqual({ name: null, email: null });
    await expect(cipher.seal(db.pool, person, { name: 'Ana' })).rejects.toThrow(PersonalDataErasedError);
    expect(await cipher.seal(db.pool, person, { name: null })).toEqual({ name: null });
  });
});
