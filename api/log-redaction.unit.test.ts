import { describe, expect, it } from 'vitest';
import { withRedaction } from './app.js';

describe('request log redaction', () => {
  it('cuts signed file tokens out of logged URLs and logs no headers', () => {
    const logger = withRedaction({ level: 'info' }) as { serializers: { req: (r: object) => Record<string, unknown> } };
    const logged = logger.serializers.req({
      method: 'GET',
      url: '/api/v1/files/AbC123-signed-capability?download=1',
      id: 'req-1',
      headers: { authorization: 'Bearer secret' },
    });
    expect(logged).toEqual({ method: 'GET', url: '/api/v1/files/[redacted]?download=1', reqId: 'req-1' });
  });

  it('leaves a disabled logger disabled', () => {
    expect(withRedaction(false)).toBe(false);
  });
});
