import { env } from '$env/dynamic/private';

/**
 * Development helpers (the outbox link in the footer) show when the API serves them: outside
 * production, or in a demo stack that runs the local adapters on purpose (ALLOW_LOCAL_ADAPTERS),
 * the same variables and defaults the API reads (scripts/lib/config.ts).
 */
export function devToolsEnabled(): boolean {
  const allowLocal = ['true', '1'].includes(env.ALLOW_LOCAL_ADAPTERS?.trim() ?? '');
  return (env.APP_ENV?.trim() || 'development') !== 'production' || allowLocal;
}
