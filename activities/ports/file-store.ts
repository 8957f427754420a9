/**
 * Where uploaded files' bytes live. Keys are opaque to callers (`doctor-documents/<doctorId>/<id>`);
 * the store keeps whatever bytes it is given (the API hands it ciphertext only, so no adapter ever
 * holds a readable credential). Adapters: the local one (adapters/local-file-store.ts, files on
 * disk) and S3 or any S3-compatible service (adapters/s3-file-store.ts).
 */
export interface FileStorePort {
  /** Writes (or overwrites) the object under this key. */
  put(key: string, bytes: Uint8Array, options: { readonly contentType: string }): Promise<void>;
  /** The object's bytes, or undefined when there is none under this key. */
  get(key: string): Promise<Buffer | undefined>;
  /** Removes the object; removing one that is not there is not an error. */
  delete(key: string): Promise<void>;
}

/**
 * Segments of letters, digits, `.`, `_` and `-` joined by `/`, none starting with a dot: the
 * same keys work on every adapter, and none can climb out of the local adapter's directory.
 */
const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

export function assertFileKey(key: string): string {
  if (key.length > 512 || !KEY.test(key)) throw new Error(`Invalid file store key: ${JSON.stringify(key)}`);
  return key;
}
