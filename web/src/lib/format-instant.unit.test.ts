import { describe, expect, it } from 'vitest';
import { formatInstant, type FormatOptions } from './format-instant';

// ICU versions differ in small ways (narrow no-break space before "PM", "CAT" vs "GMT+2"), so the
// assertions normalise spaces and accept either zone spelling.
function format(iso: string, options: FormatOptions) {
  const formatted = formatInstant(iso, options);
  if (!formatted) throw new Error(`expected ${iso} to format`);
  return { ...formatted, time: formatted.time.replace(/\s/gu, ' ') };
}

describe('formatInstant', () => {
  it('shows the instant in the requested zone with its short name', () => {
    const formatted = format('2026-03-09T12:30:00.000Z', { locale: 'en-GB', timeZone: 'Africa/Maputo' });
    expect(formatted).toMatchObject({ date: 'Mon, 9 Mar 2026', time: '14:30', timeZone: 'Africa/Maputo' });
    expect(formatted.zoneName).toMatch(/^(CAT|GMT\+2)$/);
  });

  it('moves to the previous day when the zone is behind UTC', () => {
    const formatted = format('2026-11-01T03:00:00.000Z', { locale: 'en-US', timeZone: 'America/New_York' });
    expect(formatted).toMatchObject({ date: 'Sat, Oct 31, 2026', time: '11:00 PM', zoneName: 'EDT' });
  });

  it('labels UTC explicitly, as pages rendered without JavaScript do', () => {
    expect(format('2026-06-15T03:30:00Z', { locale: 'en-GB', timeZone: 'UTC' })).toMatchObject({
      time: '03:30',
      zoneName: 'UTC',
    });
  });

  it('leaves out weekday and year when compact', () => {
    const formatted = format('2026-11-22T02:21:00Z', { locale: 'en-US', timeZone: 'UTC', compact: true });
    expect(formatted).toMatchObject({ date: 'Nov 22', time: '02:21 AM', zoneName: 'UTC' });
  });

  it('returns null for something that is not an instant', () => {
    expect(formatInstant('not a date')).toBeNull();
  });
});
