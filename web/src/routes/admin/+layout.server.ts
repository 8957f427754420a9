import { requireRole } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

/** Everything under /admin is for administrators; the API refuses everyone else as well. */
export const load: LayoutServerLoad = ({ locals, url }) => {
  requireRole(locals, url, 'admin');
};
