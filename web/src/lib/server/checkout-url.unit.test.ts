import { describe, expect, it } from 'vitest';
import { checkoutHref } from './checkout-url';

describe('checkoutHref', () => {
  const api = 'http://127.0.0.1:3000';

  it('keeps web addresses, and makes the API’s own paths absolute', () => {
    expect(checkoutHref('https://pay.example/c/123', api)).toBe('https://pay.example/c/123');
    expect(checkoutHref('/api/v1/dev/checkout/p1', api)).toBe('http://127.0.0.1:3000/api/v1/dev/checkout/p1');
  });

  it('never hands the browser anything but http(s)', () => {
    expect(checkoutHref('javascript:alert(1)', api)).toBeNull();
    expect(checkoutHref('data:text/html,hi', api)).toBeNull();
    expect(checkoutHref(null, api)).toBeNull();
  });
});
