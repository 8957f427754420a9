/** The local file store on a real temporary directory. */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalFileStore } from './local-file-store.js';

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'consulta-files-'));
});
afterAll(async () => rm(root, { recursive: true, force: true }));

describe('local file store', () => {
  it('round-trips bytes under the key’s path, overwrites, and deletes idempotently', async () => {
    const store = createLocalFileStore({ root });
    const key = 'doctor-documents/d1/f1';
    const [first, second] = [randomBytes(2048), randomBytes(10)];
    await store.put(key, first, { contentType: 'application/octet-stream' });
    expect(await store.get(key)).toEqual(first);
    expect(await readFile(join(root, 'doctor-documents', 'd1', 'f1'))).toEqual(first);
    await store.put(key, second, { contentType: 'application/octet-stream' });
    expect(await store.get(key)).toEqual(second);
    // Nothing left behind from the write-then-rename.
    expect(await readdir(join(root, 'doctor-documents', 'd1'))).toEqual(['f1']);

    await store.delete(key);
    await store.delete(key);
    expect(await store.get(key)).toBeUndefined();
    expect(await store.get('doctor-documents/never/written')).toBeUndefined();
  });

  it('refuses keys that would leave its directory', async () => {
    const store = createLocalFileStore({ root });
    for (const key of ['../escape', 'a/../../escape', '/etc/passwd', 'a//b', '.hidden', 'a/./b', '']) {
      await expect(store.put(key, Buffer.from('x'), { contentType: 'text/plain' }), key).rejects.toThrow(
        'Invalid file store key',
      );
      await expect(store.get(key), key).rejects.toThrow('Invalid file store key');
    }
  });
});
