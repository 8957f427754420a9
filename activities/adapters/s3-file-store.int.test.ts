/** The S3 adapter against a local HTTP stand-in: the exact requests (path-style, SigV4, bytes), and how answers map. */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Mock, type S3Mock } from '../../tests/fixtures/s3-mock.js';
import { createS3FileStore } from './s3-file-store.js';

let s3: S3Mock;
beforeAll(async () => {
  s3 = await startS3Mock();
});
afterAll(async () => s3?.close());

const store = () =>
  createS3FileStore({
    bucket: 'consulta-test',
    region: 'eu-west-1',
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: 'AKIDCONSULTATEST', secretAccessKey: 'test-secret' },
  });

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const sigV4 =
  /^AWS4-HMAC-SHA256 Credential=AKIDCONSULTATEST\/\d{8}\/eu-west-1\/s3\/aws4_request, SignedHeaders=[a-z0-9;-]*host;[a-z0-9;-]*x-amz-content-sha256;x-amz-date[a-z0-9;-]*, Signature=[0-9a-f]{64}$/;

describe('S3 file store', () => {
  it('PUTs the bytes path-style, signed with SigV4, and GETs them back', async () => {
    const key = `doctor-documents/${randomUUID()}/${randomUUID()}`;
    const bytes = randomBytes(4096);
    const before = s3.requests.length;
    await store().put(key, bytes, { contentType: 'application/octet-stream' });
    expect(await store().get(key)).toEqual(bytes);

    const [put, get] = s3.requests.slice(before);
    expect(put).toMatchObject({ method: 'PUT', path: `/consulta-test/${key}` });
    expect(put?.body).toEqual(bytes);
    expect(put?.headers['content-type']).toBe('application/octet-stream');
    expect(put?.headers.authorization).toMatch(sigV4);
    // The signature covers the payload: its digest is signed, not UNSIGNED-PAYLOAD.
    expect(put?.headers['x-amz-content-sha256']).toBe(sha256(bytes));
    expect(put?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
    expect(get).toMatchObject({ method: 'GET', path: `/consulta-test/${key}` });
    expect(get?.headers.authorization).toMatch(sigV4);
  });

  it('answers a missing object with undefined, and DELETEs idempotently', async () => {
    const key = `doctor-documents/${randomUUID()}/${randomUUID()}`;
    await store().put(key, Buffer.from('sealed'), { contentType: 'application/octet-stream' });
    const before = s3.requests.length;
    await store().delete(key);
    await store().delete(key);
    expect(await store().get(key)).toBeUndefined();
    expect(s3.requests.slice(before).map((r) => [r.method, r.path])).toEqual([
      ['DELETE', `/consulta-test/${key}`],
      ['DELETE', `/consulta-test/${key}`],
      ['GET', `/consulta-test/${key}`],
    ]);
    expect(s3.requests.at(-2)?.headers.authorization).toMatch(sigV4);
  });

  it('refuses a key that could escape its prefix, before any request', async () => {
    const before = s3.requests.length;
    await expect(store().put('../other-bucket/x', Buffer.from('x'), { contentType: 'text/plain' })).rejects.toThrow(
      'Invalid file store key',
    );
    expect(s3.requests.length).toBe(before);
  });
});
