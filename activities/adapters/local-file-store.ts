/**
 * LOCAL ADAPTER (development and single-machine installs): the file store as a directory on this
 * machine, FILE_STORE_DIR (default DATA_DIR/files). Nothing is replicated or backed up here; run
 * several API instances or keep real credentials with FILE_STORE=s3 (adapters/s3-file-store.ts).
 *
 * A key maps to a path under the root (assertFileKey rules out `..`). Writes go to a temporary
 * file renamed into place, so a reader never sees half a file; files are readable by the owner only.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { assertFileKey, type FileStorePort } from '../ports/file-store.js';

export function createLocalFileStore(options: { readonly root: string }): FileStorePort {
  const root = resolve(options.root);
  const pathOf = (key: string) => join(root, ...assertFileKey(key).split('/'));

  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      const temporary = `${path}.${randomUUID()}.tmp`;
      try {
        await writeFile(temporary, bytes, { mode: 0o600 });
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },

    async get(key) {
      try {
        return await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },

    async delete(key) {
      await rm(pathOf(key), { force: true });
    },
  };
}
