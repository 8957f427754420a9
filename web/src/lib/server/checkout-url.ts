/**
 * Where a patient pays: the checkout URL the API recorded for the booking (a provider's hosted
 * page, or the API's own test checkout in development). A relative URL is the API's own; only
 * http(s) is ever handed to the browser, so a bad value cannot become a script link.
 */
export function checkoutHref(raw: string | null, apiBaseUrl: string): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw, `${apiBaseUrl}/`);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
