import { describe, expect, it } from 'vitest';
import {
  HOUR_MS,
  instantToLocal,
  isValidTimeZone,
  localBoundaryToInstant,
  localToInstant,
  offsetAt,
  resolveLocal,
} from './zoned-time.js';

/** Wall-clock milliseconds for "YYYY-MM-DDTHH:MM" (read as a wall time, not as UTC). */
const wall = (text: string) => Date.parse(`${text}:00Z`);
const utc = (text: string) => Date.parse(text);

describe('zoned time', () => {
  it('reads the wall clock of an instant in a zone', () => {
    expect(instantToLocal('America/New_York', utc('2026-07-01T13:05:09Z'))).toEqual({
      year: 2026,
      month: 7,
      day: 1,
      hour: 9,
      minute: 5,
      second: 9,
    });
    expect(instantToLocal('Asia/Kolkata', utc('2026-01-31T18:30:00Z'))).toMatchObject({ month: 2, day: 1, hour: 0 });
  });

  it('knows offsets, including half hours and zones without DST', () => {
    expect(offsetAt('Asia/Kolkata', utc('2026-06-01T00:00:00Z'))).toBe(5.5 * HOUR_MS);
    expect(offsetAt('Africa/Maputo', utc('2026-01-01T00:00:00Z'))).toBe(2 * HOUR_MS);
    expect(offsetAt('Africa/Maputo', utc('2026-07-01T00:00:00Z'))).toBe(2 * HOUR_MS);
    expect(offsetAt('America/New_York', utc('2026-01-15T12:00:00Z'))).toBe(-5 * HOUR_MS);
    expect(offsetAt('America/New_York', utc('2026-07-15T12:00:00Z'))).toBe(-4 * HOUR_MS);
  });

  it('maps an ordinary wall time to exactly one instant', () => {
    expect(resolveLocal('America/New_York', wall('2026-03-07T09:00'))).toEqual({
      kind: 'unique',
      instant: utc('2026-03-07T14:00:00Z'),
    });
    expect(localToInstant('America/New_York', wall('2026-03-09T09:00'))).toBe(utc('2026-03-09T13:00:00Z'));
    expect(localToInstant('Asia/Kolkata', wall('2026-05-04T09:00'))).toBe(utc('2026-05-04T03:30:00Z'));
  });

  it('rejects a wall time in the spring-forward gap and says where the gap ends', () => {
    // New York, 2026-03-08: 02:00 EST becomes 03:00 EDT (07:00Z); 02:00–02:59 never happen.
    expect(resolveLocal('America/New_York', wall('2026-03-08T02:30'))).toEqual({
      kind: 'nonexistent',
      gapEndsAt: utc('2026-03-08T07:00:00Z'),
    });
    expect(localToInstant('America/New_York', wall('2026-03-08T02:00'))).toBeUndefined();
    expect(localToInstant('America/New_York', wall('2026-03-08T03:00'))).toBe(utc('2026-03-08T07:00:00Z'));
    expect(localBoundaryToInstant('America/New_York', wall('2026-03-08T02:15'))).toBe(utc('2026-03-08T07:00:00Z'));
    // Lisbon, 2026-03-29: 01:00 WET becomes 02:00 WEST (01:00Z).
    expect(resolveLocal('Europe/Lisbon', wall('2026-03-29T01:30'))).toEqual({
      kind: 'nonexistent',
      gapEndsAt: utc('2026-03-29T01:00:00Z'),
    });
  });

  it('finds both instants of an ambiguous fall-back wall time and picks the earlier', () => {
    // New York, 2026-11-01: 01:00–01:59 happen twice, first in EDT (-4) then in EST (-5).
    expect(resolveLocal('America/New_York', wall('2026-11-01T01:30'))).toEqual({
      kind: 'ambiguous',
      earlier: utc('2026-11-01T05:30:00Z'),
      later: utc('2026-11-01T06:30:00Z'),
    });
    expect(localToInstant('America/New_York', wall('2026-11-01T01:30'))).toBe(utc('2026-11-01T05:30:00Z'));
    // Lisbon, 2026-10-25: 01:00–01:59 happen in WEST (+1) and again in WET (0).
    expect(localToInstant('Europe/Lisbon', wall('2026-10-25T01:15'))).toBe(utc('2026-10-25T00:15:00Z'));
    expect(localToInstant('Europe/Lisbon', wall('2026-10-25T02:00'))).toBe(utc('2026-10-25T02:00:00Z'));
  });

  it('round-trips every quarter hour of a DST week in New York', () => {
    for (let t = utc('2026-10-29T00:00:00Z'); t < utc('2026-11-04T00:00:00Z'); t += HOUR_MS / 4) {
      const local = instantToLocal('America/New_York', t);
      const localMs = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
      const resolution = resolveLocal('America/New_York', localMs);
      const instants =
        resolution.kind === 'ambiguous'
          ? [resolution.earlier, resolution.later]
          : [localToInstant('America/New_York', localMs)];
      expect(instants).toContain(t);
    }
  });

  it('accepts IANA zone names only', () => {
    expect(isValidTimeZone('Africa/Maputo')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('+05:30')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});
