import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';
import { fileStoreDirOf, fileStoreFrom } from './file-store.js';

describe('fileStoreFrom', () => {
  it('keeps files under DATA_DIR/files by default, or FILE_STORE_DIR', () => {
    expect(fileStoreDirOf(loadConfig({ DATA_DIR: '/srv/consulta' }))).toBe(join('/srv/consulta', 'files'));
    expect(fileStoreDirOf(loadConfig({ FILE_STORE_DIR: 'uploads' }))).toBe(resolve('uploads'));
    expect(fileStoreFrom(loadConfig({})).fileStore).toMatchObject({
      put: expect.any(Function),
      get: expect.any(Function),
      delete: expect.any(Function),
    });
  });

  it('builds the S3 adapter when FILE_STORE=s3', () => {
    const config = loadConfig({
      FILE_STORE: 's3',
      S3_BUCKET: 'consulta-files',
      S3_REGION: 'eu-west-1',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
    });
    expect(fileStoreFrom(config).fileStore).toMatchObject({ put: expect.any(Function), get: expect.any(Function) });
  });
});
