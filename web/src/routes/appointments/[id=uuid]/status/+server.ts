import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/**
 * The appointment's status and revision, for the page's polling fallback when live updates cannot
 * run. JSON for the page's script only; the API decides who may see it (404 for anyone else).
 */
export const GET: RequestHandler = async ({ locals, params }) => {
  if (!locals.session) return json({ error: 'Log in again to follow this appointment.' }, { status: 401 });
  const result = await locals.api.lifecycle.status(params.id);
  if (!result.ok) {
    const status = result.status === 0 ? 503 : result.status === 404 || result.status === 401 ? result.status : 502;
    return json({ error: result.error.message }, { status });
  }
  const { status, revision, updatedAt } = result.data;
  return json({ id: params.id, status, revision, updatedAt }, { headers: { 'cache-control': 'no-store' } });
};
