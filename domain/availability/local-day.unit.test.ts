import { describe, expect, it } from 'vitest';
import { localDayRange } from './local-day.js';

const hours = (range: { startsAt: string; endsAt: string }) =>
  (Date.parse(range.endsAt) - Date.parse(range.startsAt)) / 3_600_000;

describe('a local day as instants', () => {
  it('is 23 hours on the spring-forward day and 25 on the fall-back day (America/New_York, 2026)', () => {
    const spring = localDayRange('2026-03-08', 'America/New_York');
    expect(spring).toEqual({ startsAt: '2026-03-08T05:00:00.000Z', endsAt: '2026-03-09T04:00:00.000Z' });
    expect(hours(spring)).toBe(23);
    const autumn = localDayRange('2026-11-01', 'America/New_York');
    expect(autumn).toEqual({ startsAt: '2026-11-01T04:00:00.000Z', endsAt: '2026-11-02T05:00:00.000Z' });
    expect(hours(autumn)).toBe(25);
    expect(hours(localDayRange('2026-03-07', 'America/New_York'))).toBe(24);
  });

  it('follows Europe/Lisbon into summer time and keeps half-hour and fixed offsets', () => {
    expect(localDayRange('2026-03-29', 'Europe/Lisbon')).toEqual({
      startsAt: '2026-03-29T00:00:00.000Z',
      endsAt: '2026-03-29T23:00:00.000Z',
    });
    expect(localDayRange('2026-03-08', 'Asia/Kolkata')).toEqual({
      startsAt: '2026-03-07T18:30:00.000Z',
      endsAt: '2026-03-08T18:30:00.000Z',
    });
    expect(localDayRange('2026-03-08', 'Africa/Maputo')).toEqual({
      startsAt: '2026-03-07T22:00:00.000Z',
      endsAt: '2026-03-08T22:00:00.000Z',
    });
  });

  it('starts where the gap ends when midnight itself is skipped, and at the first of a repeated midnight', () => {
    // Havana springs from 00:00 to 01:00 on 2026-03-08 and falls back from 01:00 to 00:00 on 2026-11-01.
    expect(localDayRange('2026-03-08', 'America/Havana')).toEqual({
      startsAt: '2026-03-08T05:00:00.000Z',
      endsAt: '2026-03-09T04:00:00.000Z',
    });
    expect(localDayRange('2026-11-01', 'America/Havana')).toEqual({
      startsAt: '2026-11-01T04:00:00.000Z',
      endsAt: '2026-11-02T05:00:00.000Z',
    });
    // Days tile time: each ends exactly where the next begins.
    expect(localDayRange('2026-03-07', 'America/Havana').endsAt).toBe(
      localDayRange('2026-03-08', 'America/Havana').startsAt,
    );
  });
});
