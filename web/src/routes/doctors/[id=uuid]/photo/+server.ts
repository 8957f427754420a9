import { proxyDoctorPhoto } from '$lib/server/photo-proxy';
import type { RequestHandler } from './$types';

/**
 * A doctor's photo, public like their profile page (the API decides who is listed). `?v=` is the
 * photo's version from the profile: it only makes each photo its own URL for caches.
 */
export const GET: RequestHandler = async ({ locals, params, request }) =>
  proxyDoctorPhoto(locals.api, params.id, request.headers.get('if-none-match'));
