import { json } from '@sveltejs/kit';
import { apiSearchParams, filtersFromUrl } from '$lib/search-filters';
import { resolveViewerZone, TIME_ZONE_COOKIE } from '$lib/viewer-zone';
import type { RequestHandler } from './$types';

/** The next page of a search, for "Load more" in the browser: the same filters, `after` the last cursor. */
export const GET: RequestHandler = async ({ locals, url, cookies }) => {
  const zone = resolveViewerZone(url.searchParams.get('tz'), cookies.get(TIME_ZONE_COOKIE));
  const query = apiSearchParams(filtersFromUrl(url.searchParams), {
    after: url.searchParams.get('after') || undefined,
    timeZone: zone.timeZone,
  });
  if (!query.ok) return json({ error: 'Please correct the search filters.' }, { status: 400 });
  const result = await locals.api.doctors.search(query.params);
  if (!result.ok) return json({ error: result.error.message }, { status: result.status === 0 ? 503 : 502 });
  return json(result.data);
};
