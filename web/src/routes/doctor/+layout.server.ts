import { requireRole } from '$lib/server/guards';
import type { LayoutServerLoad } from './$types';

/** Everything under /doctor is a doctor's own practice; the API refuses everyone else as well. */
export const load: LayoutServerLoad = ({ locals, url }) => {
  requireRole(locals, url, 'doctor');
};
