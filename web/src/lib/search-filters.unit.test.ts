import { describe, expect, it } from 'vitest';
import { apiSearchParams, filtersFromUrl, filtersQuery } from './search-filters';

const filters = (query: string) => filtersFromUrl(new URLSearchParams(query));

describe('search filters', () => {
  it('reads the address bar, defaulting the sort', () => {
    expect(filters('q=cardiolgy&currency=mzn')).toMatchObject({ q: 'cardiolgy', currency: 'MZN', sort: 'relevance' });
    expect(filters('sort=cheapest').sort).toBe('relevance');
  });

  it('keeps only what differs from the defaults in links', () => {
    expect(filtersQuery(filters('q=skin&sort=relevance&language=')).toString()).toBe('q=skin');
  });

  it('sends fees as minor units in the chosen currency', () => {
    expect(
      apiSearchParams(filters('currency=MZN&minFee=500&maxFee=1500.5&sort=fee'), { after: 'cursor' }),
    ).toMatchObject({
      ok: true,
      params: { currency: 'MZN', minFee: '50000', maxFee: '150050', sort: 'fee', after: 'cursor' },
    });
  });

  it('sends a date with the viewer’s time zone, the day being theirs', () => {
    expect(apiSearchParams(filters('availableOn=2026-03-08'), { timeZone: 'America/New_York' })).toMatchObject({
      ok: true,
      params: { availableOn: '2026-03-08', timeZone: 'America/New_York' },
    });
    expect(apiSearchParams(filters('q=skin'), { timeZone: 'America/New_York' })).toMatchObject({
      ok: true,
      params: { availableOn: undefined, timeZone: undefined },
    });
    for (const bad of ['2026-02-30', '08/03/2026']) {
      expect(apiSearchParams(filters(`availableOn=${bad}`))).toEqual({
        ok: false,
        fieldErrors: { availableOn: 'Choose a date.' },
      });
    }
  });

  it('asks for a currency before filtering or sorting by fee, and for a sensible range', () => {
    expect(apiSearchParams(filters('sort=fee'))).toEqual({
      ok: false,
      fieldErrors: { currency: 'Choose a currency to filter or sort by fee.' },
    });
    expect(apiSearchParams(filters('currency=INR&minFee=900&maxFee=100'))).toMatchObject({
      ok: false,
      fieldErrors: { maxFee: expect.any(String) },
    });
  });
});
