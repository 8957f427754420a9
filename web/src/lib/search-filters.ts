/**
 * The doctor search form ↔ the address bar ↔ the API's query. Filters live in the URL, so a search
 * can be shared, reloaded and run without JavaScript; fees are typed in major units and sent as
 * minor units in the chosen currency (the API compares fees within one currency only).
 */
import { isConsultationMethod } from './appointment';
import type { FieldErrors } from './form-feedback';
import { isCurrency, parseMajor } from './money';

export const searchSorts = ['relevance', 'next_available', 'fee', 'rating'] as const;
export type SearchSort = (typeof searchSorts)[number];
export const sortLabels: Record<SearchSort, string> = {
  relevance: 'Best match',
  next_available: 'Next available',
  fee: 'Lowest fee',
  rating: 'Highest rated',
};

export const filterFields = [
  'q',
  'specialization',
  'language',
  'method',
  'currency',
  'minFee',
  'maxFee',
  'minRating',
  'availableWithinDays',
  'availableOn',
  'sort',
] as const;
export type FilterField = (typeof filterFields)[number];
export type SearchFilters = Record<FilterField, string>;

export const ratingChoices = ['3', '4', '4.5'] as const;
export const withinDayChoices = ['1', '3', '7', '14', '30'] as const;

export function filtersFromUrl(params: URLSearchParams): SearchFilters {
  const filters = Object.fromEntries(
    filterFields.map((field) => [field, (params.get(field) ?? '').trim()]),
  ) as SearchFilters;
  filters.currency = filters.currency.toUpperCase();
  if (!(searchSorts as readonly string[]).includes(filters.sort)) filters.sort = 'relevance';
  return filters;
}

/** The filters worth keeping in a link (defaults and empty ones dropped). */
export function filtersQuery(filters: SearchFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of filterFields) {
    const value = filters[field];
    if (value && !(field === 'sort' && value === 'relevance')) params.set(field, value);
  }
  return params;
}

export function activeFilterCount(filters: SearchFilters): number {
  return filterFields.filter((field) => field !== 'q' && field !== 'sort' && filters[field] !== '').length;
}

export type ApiSearch =
  { ok: true; params: Record<string, string | undefined> } | { ok: false; fieldErrors: FieldErrors<FilterField> };

/**
 * The API's query for the filters. `timeZone` is the viewer's: the date a patient picks is a day on
 * their own calendar, which the API turns into instants in that zone.
 */
export function apiSearchParams(
  filters: SearchFilters,
  page: { after?: string | undefined; timeZone?: string; first?: number } = {},
): ApiSearch {
  const fieldErrors: FieldErrors<FilterField> = {};
  const needsCurrency = filters.minFee !== '' || filters.maxFee !== '' || filters.sort === 'fee';
  if (filters.currency && !isCurrency(filters.currency)) fieldErrors.currency = 'Choose a currency from the list.';
  else if (needsCurrency && !filters.currency) fieldErrors.currency = 'Choose a currency to filter or sort by fee.';
  const fee = (field: 'minFee' | 'maxFee') => {
    if (!filters[field] || fieldErrors.currency) return undefined;
    const parsed = parseMajor(filters[field], filters.currency);
    if (!parsed.ok) fieldErrors[field] = parsed.message;
    return parsed.ok ? String(parsed.amountMinor) : undefined;
  };
  const minFee = fee('minFee');
  const maxFee = fee('maxFee');
  if (minFee !== undefined && maxFee !== undefined && Number(minFee) > Number(maxFee)) {
    fieldErrors.maxFee = 'The highest fee must not be below the lowest.';
  }
  if (filters.method && !isConsultationMethod(filters.method)) fieldErrors.method = 'Choose a method from the list.';
  if (filters.availableOn && !isCalendarDate(filters.availableOn)) fieldErrors.availableOn = 'Choose a date.';
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return {
    ok: true,
    params: {
      q: filters.q || undefined,
      specialization: filters.specialization || undefined,
      language: filters.language || undefined,
      method: filters.method || undefined,
      currency: filters.currency || undefined,
      minFee,
      maxFee,
      minRating: filters.minRating || undefined,
      availableWithinDays: filters.availableWithinDays || undefined,
      availableOn: filters.availableOn || undefined,
      timeZone: filters.availableOn ? (page.timeZone ?? 'UTC') : undefined,
      sort: filters.sort,
      first: String(page.first ?? 10),
      after: page.after,
    },
  };
}

/** "YYYY-MM-DD" naming a real day (what a date input sends). */
function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
}
