import { languageLabel, languageTags } from '$lib/profile';
import { apiSearchParams, filtersFromUrl } from '$lib/search-filters';
import { explain } from '$lib/server/form-actions';
import { resolveViewerZone, TIME_ZONE_COOKIE, TIME_ZONE_DEPENDENCY } from '$lib/viewer-zone';
import { filterFields } from '$lib/search-filters';
import { wallClock } from '$lib/slot-days';
import type { PageServerLoad } from './$types';

/** Public: anyone may search. Every failure is data for the page, never a 500. */
export const load: PageServerLoad = async ({ locals, url, cookies, depends }) => {
  depends(TIME_ZONE_DEPENDENCY);
  const zone = resolveViewerZone(url.searchParams.get('tz'), cookies.get(TIME_ZONE_COOKIE));
  const filters = filtersFromUrl(url.searchParams);
  const after = url.searchParams.get('after') || undefined;
  const query = apiSearchParams(filters, { after, timeZone: zone.timeZone });
  const [catalog, results] = await Promise.all([
    locals.api.doctors.specializations(),
    query.ok ? locals.api.doctors.search(query.params) : null,
  ]);

  let searchError: string | null = null;
  let fieldErrors = query.ok ? {} : query.fieldErrors;
  if (results && !results.ok) {
    const explained = explain(results.error, results.status, filterFields, locals.api.baseUrl);
    searchError = explained.message;
    fieldErrors = { ...fieldErrors, ...explained.fieldErrors };
  }
  return {
    filters,
    after: after ?? null,
    specializations: catalog.ok ? catalog.data.items : [],
    languages: languageTags.map((tag) => ({ value: tag, label: languageLabel(tag) })),
    doctors: results?.ok ? results.data.items : [],
    pageInfo: results?.ok ? results.data.pageInfo : { endCursor: null, hasNextPage: false, rankedAmong: null },
    // The earliest date worth picking: today on the viewer's calendar.
    today: wallClock(new Date().toISOString(), zone.timeZone).slice(0, 10),
    searchError,
    fieldErrors,
    zone,
  };
};
