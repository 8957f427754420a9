import { json } from '@sveltejs/kit';
import { apiSearchParams, filtersFromUrl } from '$lib/search-filters';
import type { RequestHandler } from './$types';

/** The next page of a search, for "Load more" in the browser: the same filters, `after` the last cursor. */
export const GET: RequestHandler = async ({ locals, url }) => {
  const query = apiSearchParams(filtersFromUrl(url.searchParams), url.searchParams.get('after') || undefined);
  if (!query.ok) return json({ error: 'Please correct the search filters.' }, { status: 400 });
  const result = await locals.api.doctors.search(query.params);
  if (!result.ok) return json({ error: result.error.message }, { status: result.status === 0 ? 503 : 502 });
  return json(result.data);
};
