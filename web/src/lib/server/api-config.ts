import { env } from '$env/dynamic/private';

export const defaultApiUrl = 'http://127.0.0.1:3000';

/**
 * Read at request time (not build time) so one build runs against any API. Trailing slashes are
 * dropped so paths can be appended as-is.
 */
export function apiBaseUrl(): string {
  const configured = env.CONSULTA_API_URL?.trim();
  return (configured || defaultApiUrl).replace(/\/+$/, '');
}
