import { describe, expect, it } from 'vitest';
import { WEEKDAYS, type Weekday, type WeeklyWindow } from './availability.schema.js';
import { fitsAvailability, generateSlots, type GenerateSlotsInput, type Slot } from './slots.js';
import { instantToLocal } from './zoned-time.js';

/** A scenario: every weekday 09:00–12:00, 30-minute slots and services, no notice, 60 days ahead. */
function given(overrides: Partial<GenerateSlotsInput> & { windows?: WeeklyWindow[] } = {}): GenerateSlotsInput {
  const { windows, ...rest } = overrides;
  return {
    availability: {
      weekly: windows ?? everyDay('09:00', '12:00'),
      slotLengthMinutes: 30,
      bufferMinutes: 0,
      minimumNoticeMinutes: 0,
      maxDaysAhead: 60,
    },
    timeZone: 'America/New_York',
    blocked: [],
    reserved: [],
    service: { durationMinutes: 30 },
    from: '2026-03-01T00:00:00.000Z',
    to: '2026-03-02T00:00:00.000Z',
    now: '2026-02-01T00:00:00.000Z',
    ...rest,
  };
}

const everyDay = (start: string, end: string): WeeklyWindow[] => WEEKDAYS.map((weekday) => ({ weekday, start, end }));
const on = (weekday: Weekday, start: string, end: string): WeeklyWindow[] => [{ weekday, start, end }];

/** "HH:MM" wall times of the slots in a zone, in order. */
function wallTimes(slots: Slot[], timeZone: string): string[] {
  return slots.map((slot) => {
    const local = instantToLocal(timeZone, Date.parse(slot.startsAt));
    return `${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')} ${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  });
}

function expectNoOverlap(slots: Slot[]): void {
  for (const [index, slot] of slots.entries()) {
    const next = slots[index + 1];
    if (next) expect(Date.parse(next.startsAt)).toBeGreaterThanOrEqual(Date.parse(slot.endsAt));
  }
  expect(new Set(slots.map((s) => s.startsAt)).size).toBe(slots.length);
}

describe('slot engine across DST in America/New_York', () => {
  it('keeps a 09:00 slot at 09:00 local on both sides of spring forward (2026-03-08)', () => {
    const slots = generateSlots(
      given({
        availability: { ...given().availability, weekly: everyDay('09:00', '10:00'), slotLengthMinutes: 60 },
        service: { durationMinutes: 60 },
        from: '2026-03-07T05:00:00.000Z',
        to: '2026-03-10T05:00:00.000Z',
      }),
    );
    expect(slots.map((s) => s.startsAt)).toEqual([
      '2026-03-07T14:00:00.000Z', // EST, -5
      '2026-03-08T13:00:00.000Z', // EDT, -4
      '2026-03-09T13:00:00.000Z',
    ]);
    expect(wallTimes(slots, 'America/New_York')).toEqual(['03-07 09:00', '03-08 09:00', '03-09 09:00']);
  });

  it('offers no slot in the skipped hour, and none that overlap', () => {
    const slots = generateSlots(
      given({ windows: on('sunday', '00:00', '04:00'), from: '2026-03-08T00:00:00Z', to: '2026-03-09T00:00:00Z' }),
    );
    expect(wallTimes(slots, 'America/New_York')).toEqual([
      '03-08 00:00',
      '03-08 00:30',
      '03-08 01:00',
      '03-08 01:30',
      '03-08 03:00',
      '03-08 03:30',
    ]);
    expectNoOverlap(slots);
  });

  it('does not let a long service run through the gap into the next slot', () => {
    const slots = generateSlots(
      given({
        windows: on('sunday', '00:00', '04:00'),
        availability: { ...given().availability, weekly: on('sunday', '00:00', '04:00'), slotLengthMinutes: 60 },
        service: { durationMinutes: 60 },
        from: '2026-03-08T00:00:00Z',
        to: '2026-03-09T00:00:00Z',
      }),
    );
    // The window holds three real hours: 00:00, 01:00 (EST) and 03:00 (EDT).
    expect(wallTimes(slots, 'America/New_York')).toEqual(['03-08 00:00', '03-08 01:00', '03-08 03:00']);
    expectNoOverlap(slots);
  });

  it('keeps 09:00 local across fall back (2026-11-01)', () => {
    const slots = generateSlots(
      given({
        availability: { ...given().availability, weekly: everyDay('09:00', '09:30') },
        from: '2026-10-31T04:00:00Z',
        to: '2026-11-03T05:00:00Z',
        now: '2026-10-01T00:00:00Z',
      }),
    );
    expect(slots.map((s) => s.startsAt)).toEqual([
      '2026-10-31T13:00:00.000Z',
      '2026-11-01T14:00:00.000Z',
      '2026-11-02T14:00:00.000Z',
    ]);
  });

  it('yields each wall time of the repeated hour once, with no duplicates or overlaps', () => {
    const slots = generateSlots(
      given({
        windows: on('sunday', '00:00', '04:00'),
        from: '2026-11-01T00:00:00Z',
        to: '2026-11-02T12:00:00Z',
        now: '2026-10-01T00:00:00Z',
      }),
    );
    expect(wallTimes(slots, 'America/New_York')).toEqual([
      '11-01 00:00',
      '11-01 00:30',
      '11-01 01:00',
      '11-01 01:30',
      '11-01 02:00',
      '11-01 02:30',
      '11-01 03:00',
      '11-01 03:30',
    ]);
    expect(slots[2]?.startsAt).toBe('2026-11-01T05:00:00.000Z'); // the first 01:00, in EDT
    expectNoOverlap(slots);
  });
});

describe('slot engine in other zones', () => {
  it('follows Europe/Lisbon through 2026-03-29 and 2026-10-25', () => {
    const spring = generateSlots(
      given({
        timeZone: 'Europe/Lisbon',
        availability: { ...given().availability, weekly: everyDay('09:00', '09:30') },
        from: '2026-03-28T00:00:00Z',
        to: '2026-03-31T00:00:00Z',
      }),
    );
    expect(spring.map((s) => s.startsAt)).toEqual([
      '2026-03-28T09:00:00.000Z',
      '2026-03-29T08:00:00.000Z',
      '2026-03-30T08:00:00.000Z',
    ]);
    const autumn = generateSlots(
      given({
        timeZone: 'Europe/Lisbon',
        availability: { ...given().availability, weekly: everyDay('09:00', '09:30') },
        from: '2026-10-24T00:00:00Z',
        to: '2026-10-27T00:00:00Z',
        now: '2026-10-01T00:00:00Z',
      }),
    );
    expect(autumn.map((s) => s.startsAt)).toEqual([
      '2026-10-24T08:00:00.000Z',
      '2026-10-25T09:00:00.000Z',
      '2026-10-26T09:00:00.000Z',
    ]);
    const gapDay = generateSlots(
      given({
        timeZone: 'Europe/Lisbon',
        windows: on('sunday', '00:00', '03:00'),
        from: '2026-03-28T12:00:00Z',
        to: '2026-03-30T00:00:00Z',
      }),
    );
    expect(wallTimes(gapDay, 'Europe/Lisbon')).toEqual(['03-29 00:00', '03-29 00:30', '03-29 02:00', '03-29 02:30']);
  });

  it('keeps Africa/Maputo at +02:00 all year', () => {
    for (const date of ['2026-01-15', '2026-03-29', '2026-07-15', '2026-10-25']) {
      const slots = generateSlots(
        given({
          timeZone: 'Africa/Maputo',
          availability: { ...given().availability, weekly: everyDay('09:00', '09:30'), maxDaysAhead: 365 },
          from: `${date}T00:00:00Z`,
          to: `${date}T23:59:00Z`,
          now: '2026-01-01T00:00:00Z',
        }),
      );
      expect(slots.map((s) => s.startsAt)).toEqual([`${date}T07:00:00.000Z`]);
    }
  });

  it('handles the half-hour offset of Asia/Kolkata, including the local day starting at 18:30Z', () => {
    const slots = generateSlots(
      given({
        timeZone: 'Asia/Kolkata',
        availability: {
          ...given().availability,
          weekly: on('monday', '00:00', '00:40').concat(on('monday', '09:00', '10:00')),
          slotLengthMinutes: 20,
        },
        service: { durationMinutes: 20 },
        from: '2026-05-03T00:00:00Z', // Sunday
        to: '2026-05-05T00:00:00Z',
        now: '2026-05-01T00:00:00Z',
      }),
    );
    expect(slots.map((s) => s.startsAt)).toEqual([
      '2026-05-03T18:30:00.000Z', // Monday 00:00 in Kolkata is Sunday evening in UTC
      '2026-05-03T18:50:00.000Z',
      '2026-05-04T03:30:00.000Z',
      '2026-05-04T03:50:00.000Z',
      '2026-05-04T04:10:00.000Z',
    ]);
  });
});

describe('slot rules', () => {
  const day = { from: '2026-03-02T05:00:00Z', to: '2026-03-03T05:00:00Z' }; // Monday in New York

  it('drops slots that touch a blocked range, keeping those that only meet its edges', () => {
    const slots = generateSlots(
      given({ ...day, blocked: [{ startsAt: '2026-03-02T15:00:00Z', endsAt: '2026-03-02T16:00:00Z' }] }),
    );
    expect(wallTimes(slots, 'America/New_York')).toEqual(['03-02 09:00', '03-02 09:30', '03-02 11:00', '03-02 11:30']);
  });

  it('keeps the buffer free on both sides of a booking', () => {
    const slots = generateSlots(
      given({
        ...day,
        availability: { ...given().availability, bufferMinutes: 15 },
        reserved: [{ startsAt: '2026-03-02T15:00:00Z', endsAt: '2026-03-02T15:30:00Z' }], // 10:00–10:30 local
      }),
    );
    expect(wallTimes(slots, 'America/New_York')).toEqual(['03-02 09:00', '03-02 11:00', '03-02 11:30']);
  });

  it('only offers slots at least the minimum notice away', () => {
    const slots = generateSlots(
      given({
        ...day,
        now: '2026-03-02T13:50:00Z', // 08:50 local
        availability: { ...given().availability, minimumNoticeMinutes: 60 },
      }),
    );
    expect(wallTimes(slots, 'America/New_York')[0]).toBe('03-02 10:00');
  });

  it('offers nothing beyond the maximum days ahead', () => {
    const slots = generateSlots(
      given({
        from: '2026-03-02T00:00:00Z',
        to: '2026-03-09T00:00:00Z',
        now: '2026-03-02T12:00:00Z',
        availability: { ...given().availability, maxDaysAhead: 2 },
      }),
    );
    expect(slots.every((s) => Date.parse(s.startsAt) < Date.parse('2026-03-04T12:00:00Z'))).toBe(true);
    // 48 h after 07:00 local on Monday ends on Wednesday at 07:00, before that day's window opens.
    expect(wallTimes(slots, 'America/New_York').at(-1)).toBe('03-03 11:30');
  });

  it('lets several patients share a slot up to its seats', () => {
    const booking = { startsAt: '2026-03-02T14:00:00Z', endsAt: '2026-03-02T14:30:00Z' };
    const two = generateSlots(
      given({ ...day, service: { durationMinutes: 30, seats: 3 }, reserved: [booking, booking] }),
    );
    expect(two[0]).toEqual({ startsAt: '2026-03-02T14:00:00.000Z', endsAt: '2026-03-02T14:30:00.000Z', seatsLeft: 1 });
    const full = generateSlots(
      given({ ...day, service: { durationMinutes: 30, seats: 3 }, reserved: [booking, booking, booking] }),
    );
    expect(full[0]?.startsAt).toBe('2026-03-02T14:30:00.000Z');
  });

  it('fits the whole service inside the window and steps by the slot length', () => {
    const slots = generateSlots(
      given({
        ...day,
        availability: { ...given().availability, weekly: on('monday', '09:00', '10:00'), slotLengthMinutes: 15 },
        service: { durationMinutes: 45 },
      }),
    );
    expect(wallTimes(slots, 'America/New_York')).toEqual(['03-02 09:00', '03-02 09:15']);
  });

  it('stops at the limit (the next available slot)', () => {
    expect(generateSlots(given({ ...day, limit: 1 }))).toHaveLength(1);
    expect(generateSlots(given({ ...day, from: day.to, to: day.from }))).toEqual([]);
  });
});

describe('fitsAvailability (does a booking survive an availability change?)', () => {
  const weekly = on('monday', '09:00', '12:00');
  it('accepts a booking inside a window and refuses one outside it or in blocked time', () => {
    const base = { weekly, timeZone: 'America/New_York', blocked: [] };
    expect(fitsAvailability(base, { startsAt: '2026-03-02T14:00:00Z', durationMinutes: 30 })).toBe(true);
    expect(fitsAvailability(base, { startsAt: '2026-03-02T16:45:00Z', durationMinutes: 30 })).toBe(false);
    expect(fitsAvailability(base, { startsAt: '2026-03-03T14:00:00Z', durationMinutes: 30 })).toBe(false);
    expect(
      fitsAvailability(
        { ...base, blocked: [{ startsAt: '2026-03-02T13:00:00Z', endsAt: '2026-03-02T14:15:00Z' }] },
        { startsAt: '2026-03-02T14:00:00Z', durationMinutes: 30 },
      ),
    ).toBe(false);
  });
});
