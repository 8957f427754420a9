import { describe, expect, it } from 'vitest';
import { isValidTimeZone, zonedLocalToUtc } from './zoned-time';

function instantOf(local: string, timeZone: string): string {
  const result = zonedLocalToUtc(local, timeZone);
  if (!result.ok) throw new Error(`expected ${local} in ${timeZone} to convert, got ${result.reason}`);
  return result.instant;
}

describe('zonedLocalToUtc', () => {
  describe('America/New_York, spring forward on 2026-03-08 (02:00 EST → 03:00 EDT)', () => {
    it('converts the last minute before the gap with the standard offset', () => {
      expect(instantOf('2026-03-08T01:59', 'America/New_York')).toBe('2026-03-08T06:59:00.000Z');
    });

    it('rejects a wall time inside the gap with a clear message', () => {
      const result = zonedLocalToUtc('2026-03-08T02:30', 'America/New_York');
      expect(result).toMatchObject({ ok: false, reason: 'nonexistent_local_time' });
      expect(result.ok ? '' : result.message).toMatch(/does not exist in America\/New_York/);
    });

    it('converts the first wall time after the gap with the daylight offset', () => {
      const result = zonedLocalToUtc('2026-03-08T03:00', 'America/New_York');
      expect(result).toEqual({ ok: true, instant: '2026-03-08T07:00:00.000Z', offsetMinutes: -240, ambiguous: false });
    });
  });

  describe('America/New_York, fall back on 2026-11-01 (02:00 EDT → 01:00 EST)', () => {
    it('resolves the repeated hour to the earlier instant and flags it as ambiguous', () => {
      const result = zonedLocalToUtc('2026-11-01T01:30', 'America/New_York');
      expect(result).toEqual({ ok: true, instant: '2026-11-01T05:30:00.000Z', offsetMinutes: -240, ambiguous: true });
    });

    it('is unambiguous on either side of the repeated hour', () => {
      expect(instantOf('2026-11-01T00:59', 'America/New_York')).toBe('2026-11-01T04:59:00.000Z');
      expect(instantOf('2026-11-01T02:00', 'America/New_York')).toBe('2026-11-01T07:00:00.000Z');
    });
  });

  it('handles a half-hour offset: Asia/Kolkata is UTC+05:30', () => {
    const result = zonedLocalToUtc('2026-06-15T09:00', 'Asia/Kolkata');
    expect(result).toEqual({ ok: true, instant: '2026-06-15T03:30:00.000Z', offsetMinutes: 330, ambiguous: false });
  });

  it('handles Africa/Maputo, UTC+02:00 all year', () => {
    expect(instantOf('2026-01-10T14:45', 'Africa/Maputo')).toBe('2026-01-10T12:45:00.000Z');
    expect(instantOf('2026-07-10T14:45', 'Africa/Maputo')).toBe('2026-07-10T12:45:00.000Z');
  });

  it('crosses the date line backwards when the offset is positive', () => {
    expect(instantOf('2026-01-01T00:15', 'Africa/Maputo')).toBe('2025-12-31T22:15:00.000Z');
  });

  it('treats UTC as a zero offset and accepts seconds', () => {
    expect(instantOf('2026-05-01T10:00:30', 'UTC')).toBe('2026-05-01T10:00:30.000Z');
  });

  it.each(['', '2026-05-01', '2026-02-30T10:00', '2026-13-01T10:00', '2026-05-01T24:00', 'tomorrow'])(
    'rejects the malformed local time %j',
    (local) => {
      expect(zonedLocalToUtc(local, 'UTC')).toMatchObject({ ok: false, reason: 'invalid_local_time' });
    },
  );

  it('rejects an unknown time zone', () => {
    expect(zonedLocalToUtc('2026-05-01T10:00', 'Mars/Olympus_Mons')).toMatchObject({
      ok: false,
      reason: 'invalid_time_zone',
    });
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('Africa/Maputo')).toBe(true);
  });
});
