import { env } from '$env/dynamic/private';

/**
 * Development helpers (the outbox link in the footer) show only when the platform runs as
 * development: APP_ENV, the same variable and default the API reads (scripts/lib/config.ts).
 * The outbox page itself also needs the API to serve it; it answers 404 in production.
 */
export function devToolsEnabled(): boolean {
  return (env.APP_ENV?.trim() || 'development') === 'development';
}
