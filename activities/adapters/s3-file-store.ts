/**
 * The file store on Amazon S3 or an S3-compatible service (MinIO, Cloudflare R2, Ceph …), through
 * the AWS SDK: requests signed with SigV4, the SDK's own retries. The production adapter.
 *
 * S3-compatible services differ from AWS in two ways that matter here: many want path-style URLs
 * (`<endpoint>/<bucket>/<key>`, S3_FORCE_PATH_STYLE=true), and some reject the CRC checksums the
 * SDK adds to every request by default since 2025, so checksums are sent and checked only where
 * the S3 API requires them. Integrity is covered above the store anyway: the API's AES-GCM tag
 * fails on any changed byte.
 */
import {
  DeleteObjectCommand,
  GetObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { assertFileKey, type FileStorePort } from '../ports/file-store.js';

export interface S3FileStoreConfig {
  readonly bucket: string;
  readonly region: string;
  /** S3_ENDPOINT, for S3-compatible services (and tests); unset for AWS. */
  readonly endpoint?: string;
  readonly forcePathStyle?: boolean;
  /** Unset: the SDK's default chain (environment, instance or task role …). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export function createS3FileStore(config: S3FileStoreConfig): FileStorePort {
  const client = new S3Client({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    forcePathStyle: config.forcePathStyle ?? false,
    ...(config.credentials ? { credentials: { ...config.credentials } } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const Bucket = config.bucket;

  return {
    async put(key, bytes, { contentType }) {
      await client.send(
        new PutObjectCommand({ Bucket, Key: assertFileKey(key), Body: bytes, ContentType: contentType }),
      );
    },

    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket, Key: assertFileKey(key) }));
        return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : Buffer.alloc(0);
      } catch (error) {
        if (isMissing(error)) return undefined;
        throw error;
      }
    },

    async delete(key) {
      // S3 answers 204 whether or not the object was there.
      await client.send(new DeleteObjectCommand({ Bucket, Key: assertFileKey(key) }));
    },
  };
}

// Some compatible services answer a missing key with a bare 404 rather than S3's NoSuchKey error.
const isMissing = (error: unknown) =>
  error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);
