/**
 * The file store an entry point passes to the API (ApiDeps.fileStore): S3 (or an S3-compatible
 * service) when FILE_STORE=s3, else the local adapter under FILE_STORE_DIR (default DATA_DIR/files).
 */
import { isAbsolute, join, resolve } from 'node:path';
import { createLocalFileStore } from '../../activities/adapters/local-file-store.js';
import { createS3FileStore } from '../../activities/adapters/s3-file-store.js';
import type { ApiDeps } from '../../api/deps.js';
import type { Config } from './config.js';

export function fileStoreDirOf(config: Config): string {
  const dir = config.FILE_STORE_DIR;
  if (!dir) return join(config.dataDir, 'files');
  return isAbsolute(dir) ? dir : resolve(dir);
}

export function fileStoreFrom(config: Config): Required<Pick<ApiDeps, 'fileStore'>> {
  if (config.FILE_STORE === 'local') return { fileStore: createLocalFileStore({ root: fileStoreDirOf(config) }) };
  const { S3_BUCKET, S3_REGION, S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_FORCE_PATH_STYLE } = config;
  // loadConfig refuses FILE_STORE=s3 without these; this only narrows the types.
  if (!S3_BUCKET || !S3_REGION) throw new Error('FILE_STORE=s3 needs S3_BUCKET and S3_REGION.');
  return {
    fileStore: createS3FileStore({
      bucket: S3_BUCKET,
      region: S3_REGION,
      endpoint: S3_ENDPOINT,
      forcePathStyle: S3_FORCE_PATH_STYLE,
      credentials:
        S3_ACCESS_KEY_ID && S3_SECRET_ACCESS_KEY
          ? { accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY }
          : undefined,
    }),
  };
}
